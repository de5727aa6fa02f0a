import { Finding } from '@readiness/backstage-plugin-readiness-common';
import type { Facts } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { developmentOnlyBranch } from '../../../facts/branches';
import { capitalise, lineOf, lineOfOffset } from '../../../facts/text';
import { Ecosystem, evidenceOf, incidentalRoute, isCommentLine, serverUnits, ServiceUnit, Signal, unitLabel } from '../../../facts/services';
import { judgedUnits } from '../units';

const HEALTH_SEGMENT =
  'health|healthz|healthcheck|health-check|health_check|_health|__health|ready|readyz|readiness|live|livez|liveness|alive|ping|status|heartbeat|_status';

/** A route string whose path is a health route, optionally under /api and a version. */
const ROUTE_STRING = new RegExp(
  String.raw`['"\`](?:(?:GET|HEAD)\s+)?(?:/api)?(?:/v\d+)?/(?:${HEALTH_SEGMENT})(?:/(?:${HEALTH_SEGMENT}|live|ready|[\w-]{0,20}))?/?['"\`]|['"\`]/actuator/health`,
);
/** Framework decorators and route tables that name the path without a leading slash. */
const BARE_ROUTE = new RegExp(
  String.raw`@(?:Controller|Get|RequestMapping|GetMapping)\(\s*(?:value\s*=\s*)?['"]/?(?:${HEALTH_SEGMENT})['"]|\b(?:re_)?path\(\s*r?['"]\^?(?:api/)?(?:${HEALTH_SEGMENT})/?\$?['"]|\bget\s+['"](?:up|health|healthz|status)['"]|rails/health#show`,
);
const GRPC_HEALTH =
  /grpc_health_v1|grpc\.health\.v1|google\.golang\.org\/grpc\/health|\bhealth_pb2\b|HealthServicer|grpc-health-check/;

const HEALTH: Record<Ecosystem, Signal> = {
  python: {
    deps: [
      'django-health-check',
      'flask-healthz',
      'fastapi-health',
      'py-healthcheck',
      'healthcheck',
      'grpcio-health-checking',
      'django-healthchecks',
    ],
    code: [ROUTE_STRING, BARE_ROUTE, GRPC_HEALTH],
  },
  node: {
    deps: [
      // The Backstage backend serves /.backstage/health/v1/readiness and /liveness.
      '@backstage/backend-defaults',
      '@nestjs/terminus',
      '@godaddy/terminus',
      'lightship',
      'express-healthcheck',
      'express-actuator',
      'fastify-healthcheck',
      '@cloudnative/health-connect',
      'grpc-health-check',
    ],
    code: [ROUTE_STRING, BARE_ROUTE, GRPC_HEALTH],
  },
  jvm: {
    deps: [
      'spring-boot-starter-actuator',
      'quarkus-smallrye-health',
      'micronaut-management',
      'grpc-services',
      'ktor-server-health',
    ],
    code: [
      ROUTE_STRING,
      BARE_ROUTE,
      GRPC_HEALTH,
      /\bHealthCheck\b.*\bregister\(|\bhealthChecks\(\)/,
    ],
  },
  go: {
    deps: [
      'github.com/heptiolabs/healthcheck',
      'github.com/alexliesenfeld/health',
      'github.com/hellofresh/health-go/v5',
      /^github\.com\/hellofresh\/health-go/,
      'github.com/invisionapp/go-health',
      'github.com/etherlabsio/healthcheck',
    ],
    code: [ROUTE_STRING, GRPC_HEALTH],
  },
  dotnet: {
    // Health-check packages only register checks: a route exists once the code maps it.
    deps: [],
    code: [
      /\b(?:MapHealthChecks|UseHealthChecks|MapGrpcHealthChecksService)\(/,
      ROUTE_STRING,
      BARE_ROUTE,
    ],
  },
  ruby: {
    deps: ['health_check', 'okcomputer', 'health-monitor-rails'],
    code: [ROUTE_STRING, BARE_ROUTE],
  },
};

/** A file-routed app's health route: Next.js `app/api/health/route.ts`, Remix `app/routes/healthcheck.tsx`, SvelteKit `src/routes/health/+server.ts`, Nuxt `server/api/health.ts`. */
function fileHealthRoute(facts: Facts, unit: ServiceUnit): string | undefined {
  if (unit.ecosystem !== 'node') return undefined;
  const app = facts.stack.frontends.find(f => f.dir === unit.dir && f.server);
  const prefix = app?.dir ? `${app.dir}/` : '';
  return app?.server?.routes.find(file => incidentalRoute(file.path.slice(prefix.length), file.text) === 'health')?.path;
}

/**
 * How a unit answers health checks: where it does in every environment, or else the development-only branch
 * that maps its only health route (`if (app.Environment.IsDevelopment())`), or nothing.
 */
function healthOf(
  facts: Facts,
  unit: ServiceUnit,
): { found?: string; developmentOnly?: { path: string; line: number; condition: string } } {
  const signal = HEALTH[unit.ecosystem];
  const library = evidenceOf(unit, { deps: signal.deps });
  if (library) return { found: library };
  const route = fileHealthRoute(facts, unit);
  if (route) return { found: route };
  const files = [...unit.files, ...(unit.linked?.files ?? [])];
  let developmentOnly: { path: string; line: number; condition: string } | undefined;
  for (const pattern of signal.code ?? []) {
    const all = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
    for (const file of files) {
      for (const match of file.text.matchAll(all)) {
        const line = lineOfOffset(file, match.index);
        if (isCommentLine(file.text.split('\n')[line - 1] ?? '')) continue;
        const branch = developmentOnlyBranch(facts, file, line, match.index);
        if (!branch) return { found: `${file.path}:${line}` };
        developmentOnly ??= { path: file.path, line: branch.line, condition: branch.condition };
      }
    }
  }
  return developmentOnly ? { developmentOnly } : {};
}

export default defineRule({
  id: 'observability/no-health-endpoint',
  category: 'observability',
  severity: 'medium',
  title: 'Servers expose a health endpoint',
  description:
    'Fails for each server application with no health or readiness route in its code or in the projects it runs (`/health`, `/healthz`, `/ready`, `/readyz`, `/livez`, `/ping`, `/status`…, or a health route file of Next.js, Remix, SvelteKit or Nuxt), no health library (Spring Boot Actuator, SmallRye Health, NestJS Terminus, ASP.NET Core `MapHealthChecks`, django-health-check…) and no gRPC health service. A route mapped only in a development-only branch (`IsDevelopment()`, `NODE_ENV !== \'production\'`, `if settings.DEBUG:`) does not count.',
  rationale:
    'Orchestrators and load balancers decide whether to send traffic to an instance, or restart it, by probing a health endpoint. Without one, a hung or half-started instance keeps receiving requests and deploys cannot tell a good rollout from a bad one.',
  remediation:
    'Add a cheap liveness route (`GET /healthz` returning 200) and a readiness route that checks critical dependencies (`GET /readyz`), and point the container, compose and Kubernetes probes at them. In Spring Boot, add Actuator; in ASP.NET Core, `AddHealthChecks()` and `MapHealthChecks("/healthz")`.',
  evaluate(facts) {
    const servers = judgedUnits(
      facts,
      serverUnits,
      'no server application (workers and frontends only)',
    );
    if (typeof servers === 'string') return outcome.notApplicable(servers);
    const findings: Finding[] = [];
    for (const unit of servers) {
      const health = healthOf(facts, unit);
      if (health.found) continue;
      const file = facts.file(unit.path);
      const excerpt = file && unit.line ? lineOf(file, unit.line) : undefined;
      const dev = health.developmentOnly;
      findings.push({
        path: unit.path,
        ...(unit.line ? { line: unit.line } : {}),
        ...(excerpt ? { excerpt } : {}),
        message: dev
          ? `${capitalise(unitLabel(unit))} maps its health route only in development (inside \`if (${dev.condition})\` at ${dev.path}:${dev.line}): in production it exposes no health or readiness route`
          : `${capitalise(unitLabel(unit))} exposes no health or readiness route`,
      });
    }
    return outcome.fromFindings(findings);
  },
});
