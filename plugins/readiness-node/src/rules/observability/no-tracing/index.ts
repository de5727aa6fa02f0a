import { defineRule, outcome } from '../../types';
import { backendUnits, unitLabel } from '../../../facts/services';
import { capitalise } from '../../../facts/text';
import { isPlatformServer, judgedUnits, unitsWithout } from '../units';
import { APM_AGENT, TRACING } from '../signals';

export default defineRule({
  id: 'observability/no-tracing',
  category: 'observability',
  severity: 'low',
  title: 'Services emit distributed traces',
  description:
    "Fails when the repository's backend services (servers and workers) emit no distributed traces; when some do, each one that does not is a low-confidence note (a gap in the traces). Platform servers a framework supplies whole (a Spring Cloud Config Server, a Eureka registry or a Spring Boot Admin console enabled by their annotation, with no endpoints of their own) are not on the requests' path and are left out. Tracing is OpenTelemetry, Jaeger, Zipkin, Datadog APM, Elastic APM, New Relic, AWS X-Ray or Micrometer Tracing (a bridge, or Spring Boot's Zipkin / OpenTelemetry starters), as a dependency (a direct one: the `// indirect` requirements of a Go module belong to its libraries), in code, or as an agent its container starts (.NET OpenTelemetry counts once set up with `WithTracing`, in the server or a project it references or calls into). Sentry's performance monitoring counts when it samples traces (a rate above zero or a sampler).",
  rationale:
    'When a request crosses several services, logs alone cannot tell which hop was slow or failed. Traces connect the hops and show where time and errors go.',
  remediation:
    'Add OpenTelemetry to each service (the SDK with auto-instrumentation, or the language agent such as `opentelemetry-instrument` or the Java agent) and export traces to your collector over OTLP.',
  evaluate(facts) {
    // Platform servers (a Config Server, a service registry, an admin console) are not on the path of the application's requests.
    const units = judgedUnits(
      facts,
      f => backendUnits(f).filter(u => !isPlatformServer(u)),
      'no application service: tracing applies to the backend services that handle requests (not frontends or platform servers such as a Config Server, service registry or admin console)',
    );
    if (typeof units === 'string') return outcome.notApplicable(units);
    const findings = unitsWithout(facts, units, TRACING, unit => `${capitalise(unitLabel(unit))} emits no distributed traces`, APM_AGENT);
    // Tracing is judged for the repository: once its services propagate traces, one left out is a gap in the traces, noted.
    if (findings.length > 0 && findings.length < units.length) {
      const traced = units.length - findings.length;
      return outcome.fromFindings(
        findings.map(f => ({
          ...f,
          message: `${f.message}; ${traced} other service${traced > 1 ? 's' : ''} of the repository do${traced > 1 ? '' : 'es'}, so its hops are missing from their traces`,
          confidence: 'low' as const,
        })),
      );
    }
    return outcome.fromFindings(findings);
  },
});
