import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { defineRule, outcome } from '../../types';
import { healthOf } from '../../../facts/health';
import { capitalise, lineOf } from '../../../facts/text';
import { serverUnits, unitLabel } from '../../../facts/services';
import { judgedUnits } from '../units';

export default defineRule({
  id: 'observability/no-health-endpoint',
  category: 'observability',
  severity: 'medium',
  title: 'Servers expose a health endpoint',
  description:
    'Fails for each server application with no health or readiness route in its code or in the projects it runs (`/health`, `/healthz`, `/ready`, `/readyz`, `/livez`, `/ping`, `/status`…, also under an operational folder such as `/system/` or `/internal/`; `/…/health`, `/…/liveness` or `/…/readiness` under any static path; a path named by a constant where a route registration uses it; a route of any path whose handler is named `health`, `healthCheck`, `liveness` or `readiness`, or a health route file of Next.js, Remix, SvelteKit or Nuxt), no health library (Spring Boot Actuator, declared or brought by the Config Server, Eureka server or Spring Boot Admin server starters; SmallRye Health, NestJS Terminus, ASP.NET Core `MapHealthChecks`, django-health-check…) and no gRPC health service (grpc.health.v1, registered in Go, Python, Node or Java, or mapped by ASP.NET Core `MapGrpcService<…Health…>()`). A route mapped only in a development-only branch (`IsDevelopment()`, `NODE_ENV !== \'production\'`, `if settings.DEBUG:`) does not count, and the finding says the route exists only in development. A .NET class library that servers run (a service-defaults project) is not a server of its own, nor is a Maven parent pom that only manages the web starter in `<dependencyManagement>` (a managed artifact is on no classpath until a module declares it).',
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
