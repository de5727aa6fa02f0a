import type { Facts } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { backendUnits, isCommentLine, ServiceUnit, unitLabel } from '../../../facts/services';
import { lineOfOffset } from '../../../facts/text';
import { expressionAt, valuesOf } from '../../../facts/values';
import { capitalise } from '../../../facts/text';
import { isPlatformServer, judgedUnits, unitsWithout } from '../units';
import { APM_AGENT, TRACING } from '../signals';

/** Sentry's trace sampling rate as an SDK option (`traces_sample_rate=…`, `tracesSampleRate: …`, .NET `TracesSampleRate = …`). */
const SENTRY_RATE_OPTION = /\b(?:traces_sample_rate|tracesSampleRate|TracesSampleRate)\s*[=:]\s*/g;

/**
 * Whether a unit's code gives Sentry a trace sampling rate that is above zero when nothing is configured, through a
 * constant or a setting read with a default (`traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.025)`,
 * `tracesSampleRate: Number(process.env.SENTRY_TRACES ?? 0.1)`). A rate that defaults to zero, or a setting read with no
 * default, samples nothing unless a deployment sets it.
 */
function samplesSentryTraces(facts: Facts, unit: ServiceUnit): boolean {
  const values = valuesOf(facts);
  const files = unit.linked ? [...unit.files, ...unit.linked.files] : unit.files;
  for (const file of files) {
    if (!/traces_?sample_?rate/i.test(file.text)) continue;
    for (const m of file.text.matchAll(SENTRY_RATE_OPTION)) {
      const line = lineOfOffset(file, m.index!);
      if (isCommentLine(file.text.split('\n')[line - 1] ?? '')) continue;
      const offset = m.index! + m[0].length;
      const resolved = values.resolve(file.path, offset, expressionAt(file, offset).trim());
      if (resolved.some(r => r.value?.kind === 'number' && r.value.value > 0)) return true;
    }
  }
  return false;
}

export default defineRule({
  id: 'observability/no-tracing',
  category: 'observability',
  severity: 'low',
  title: 'Services emit distributed traces',
  description:
    "Fails when the repository's backend services (servers and workers) emit no distributed traces; when some do, each one that does not is a low-confidence note (a gap in the traces). Platform servers a framework supplies whole (a Spring Cloud Config Server, a Eureka registry or a Spring Boot Admin console enabled by their annotation, with no endpoints of their own) are not on the requests' path and are left out. Tracing is OpenTelemetry, Jaeger, Zipkin, Datadog APM, Elastic APM, New Relic, AWS X-Ray or Micrometer Tracing (a bridge, or Spring Boot's Zipkin / OpenTelemetry starters), as a dependency (a direct one: the `// indirect` requirements of a Go module belong to its libraries), in code, or as an agent its container starts (.NET OpenTelemetry counts once set up with `WithTracing`, in the server or a project it references or calls into). Sentry's performance monitoring counts when it samples traces (a rate above zero or a sampler; a rate given by a constant or by a setting read with a default counts when that value is above zero: `traces_sample_rate=env.float(\"SENTRY_TRACES_SAMPLE_RATE\", default=0.025)`).",
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
    const untraced = units.filter(unit => !samplesSentryTraces(facts, unit));
    const findings = unitsWithout(facts, untraced, TRACING, unit => `${capitalise(unitLabel(unit))} emits no distributed traces`, APM_AGENT);
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
