import type { Facts } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { backendUnits, isUnder, ServiceUnit, unitLabel } from '../../../facts/services';
import { capitalise } from '../../../facts/text';
import { judgedUnits, unitsWithout } from '../units';
import { METRICS } from '../signals';
import { actuatorOneServesMetrics, springBootMajor } from './springBoot';

/** Spring Boot Actuator exposing its metrics endpoints over HTTP: by default in Boot 1.x, by configuration from 2.0 on. */
function actuatorExposesMetrics(facts: Facts, unit: ServiceUnit): boolean {
  if (
    unit.ecosystem !== 'jvm' ||
    !unit.deps.has('spring-boot-starter-actuator')
  )
    return false;
  if (actuatorOneServesMetrics(facts, unit)) return true;
  return facts.files.some(
    f =>
      isUnder(f.path, unit.dir) &&
      /(^|\/)application(-[\w]+)?\.(ya?ml|properties)$/.test(f.path) &&
      /(?:exposure\.include\s*[=:]|include\s*:)\s*['"]?[^\n]*(?:\b(?:metrics|prometheus)\b|\*)/.test(
        f.text,
      ),
  );
}

/** Why Actuator on the classpath exports nothing, for the message. */
function actuatorNote(facts: Facts, unit: ServiceUnit): string {
  if ((springBootMajor(facts, unit) ?? 2) < 2) {
    return ' (Spring Boot 1.x Actuator is present, but its configuration switches the metrics endpoint off)';
  }
  return ' (Actuator is present but no Micrometer registry is, and its metrics endpoint is not exposed)';
}

export default defineRule({
  id: 'observability/no-metrics',
  category: 'observability',
  severity: 'medium',
  title: 'Services export metrics',
  description:
    'Fails for each backend service (server or worker) with no metrics library: a Prometheus client (prometheus-client, prom-client, client_golang, prometheus-net, django-prometheus…) or a framework\'s Prometheus middleware (fiberprometheus, go-gin-prometheus…), StatsD, OpenTelemetry metrics (for .NET, set up with `WithMetrics` in the server or a project it runs), or Micrometer with a registry (Spring Boot Actuator passes when it exposes its metrics endpoint: Actuator 1.x serves `/metrics` unless its configuration switches it off; from Boot 2.0 on the configuration must include `metrics`, `prometheus` or `*` in the web exposure). A Go module\'s `// indirect` requirements belong to its libraries and do not count. An in-process status dashboard (express-status-monitor) exports nothing a monitoring system can collect and does not count.',
  rationale:
    'Without request rates, error rates, latencies and saturation there is nothing to alert on or to size capacity from; incidents are found by users and diagnosed by guesswork.',
  remediation:
    "Instrument each service with the ecosystem's Prometheus client or OpenTelemetry metrics: count requests and errors, record latency histograms, and expose `/metrics` (or push to your collector). In Spring Boot, add `micrometer-registry-prometheus` next to Actuator.",
  evaluate(facts) {
    const units = judgedUnits(
      facts,
      backendUnits,
      'only frontend apps: metrics apply to backend services',
    );
    if (typeof units === 'string') return outcome.notApplicable(units);
    return outcome.fromFindings(
      unitsWithout(
        facts,
        units.filter(u => !actuatorExposesMetrics(facts, u)),
        METRICS,
        unit =>
          `${capitalise(unitLabel(unit))} exports no metrics${
            unit.ecosystem === 'jvm' &&
            unit.deps.has('spring-boot-starter-actuator')
              ? actuatorNote(facts, unit)
              : ''
          }`,
      ),
    );
  },
});
