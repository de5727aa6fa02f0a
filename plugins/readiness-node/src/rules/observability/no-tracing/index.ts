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
    "Fails for each backend service (server or worker) with no distributed tracing (platform servers a framework supplies whole, such as a Spring Cloud Config Server, a Eureka registry or a Spring Boot Admin console enabled by their annotation and with no endpoints of their own, are not on the requests' path and are left out): OpenTelemetry, Jaeger, Zipkin, Datadog APM, Elastic APM, New Relic, AWS X-Ray or Micrometer Tracing (a bridge, or Spring Boot's Zipkin / OpenTelemetry starters), as a dependency, in code, or as an agent its container starts (.NET OpenTelemetry counts once set up with `WithTracing`, in the server or a project it references or calls into). Sentry's performance monitoring counts when it samples traces (a rate above zero or a sampler).",
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
    return outcome.fromFindings(
      unitsWithout(
        facts,
        units,
        TRACING,
        unit => `${capitalise(unitLabel(unit))} emits no distributed traces`,
        APM_AGENT,
      ),
    );
  },
});
