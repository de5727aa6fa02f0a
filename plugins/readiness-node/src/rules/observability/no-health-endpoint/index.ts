import { defineRule, outcome } from '../../types';
import { capitalise } from '../../../facts/text';
import { Ecosystem, serverUnits, Signal, unitLabel } from '../../../facts/services';
import { judgedUnits, unitsWithout } from '../units';

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
    deps: [
      /^aspnetcore\.healthchecks/,
      'microsoft.extensions.diagnostics.healthchecks',
      /^microsoft\.extensions\.diagnostics\.healthchecks/,
      'grpc.healthcheck',
    ],
    code: [
      /\b(?:MapHealthChecks|AddHealthChecks|UseHealthChecks|MapGrpcHealthChecksService)\(/,
      ROUTE_STRING,
      BARE_ROUTE,
    ],
  },
  ruby: {
    deps: ['health_check', 'okcomputer', 'health-monitor-rails'],
    code: [ROUTE_STRING, BARE_ROUTE],
  },
};

export default defineRule({
  id: 'observability/no-health-endpoint',
  category: 'observability',
  severity: 'medium',
  title: 'Servers expose a health endpoint',
  description:
    'Fails for each server application with no health or readiness route in its code (`/health`, `/healthz`, `/ready`, `/readyz`, `/livez`, `/ping`, `/status`…), no health library (Spring Boot Actuator, SmallRye Health, NestJS Terminus, ASP.NET Core health checks, django-health-check…) and no gRPC health service.',
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
    return outcome.fromFindings(
      unitsWithout(
        facts,
        servers,
        HEALTH,
        unit =>
          `${capitalise(unitLabel(unit))} exposes no health or readiness route`,
      ),
    );
  },
});
