import { defineRule, outcome } from '../../types';
import { capitalise } from '../../../facts/text';
import { noServiceReason, unitsWithout } from '../units';
import { serviceUnits, unitLabel } from '../../../facts/services';
import type { ServiceUnit } from '../../../facts/services';
import { APM_AGENT, ERROR_TRACKING } from '../signals';

/**
 * The units whose errors the rule judges: the servers and workers, which handle the application's errors; a
 * browser app only where the repository runs no backend of its own, so that the app is the whole service.
 */
function unitsConcerned(units: ServiceUnit[]): ServiceUnit[] {
  const backend = units.filter(u => u.kind !== 'frontend');
  return backend.length > 0 ? backend : units;
}

export default defineRule({
  id: 'observability/no-error-tracking',
  category: 'observability',
  severity: 'medium',
  title: 'Errors are reported to a tracker',
  description:
    'Fails for each backend service (server or worker; a browser app only when the repository runs no backend) that has no error-tracking SDK: Sentry, Rollbar, Bugsnag, Honeybadger, Datadog, OpenTelemetry, or a comparable APM (New Relic, Elastic APM, Application Insights, Airbrake, Raygun…), as a dependency (a direct one: the `// indirect` requirements of a Go module belong to its libraries), in code, or as an agent its container starts (.NET OpenTelemetry counts once set up with `AddOpenTelemetry()`, in the server or a project it references or calls into).',
  rationale:
    'Unhandled exceptions in production are otherwise only visible to whoever reads the raw logs at the right moment. An error tracker groups them, alerts on new ones and keeps the stack trace and request context needed to fix them.',
  remediation:
    'Add the SDK of your error tracker to each service and initialise it at startup (for example `sentry-sdk` with `sentry_sdk.init`, `@sentry/node` with `Sentry.init`, `@sentry/react` in a browser app), or run the service under your APM agent.',
  evaluate(facts) {
    const reason = noServiceReason(facts);
    if (reason) return outcome.notApplicable(reason);
    return outcome.fromFindings(
      unitsWithout(
        facts,
        unitsConcerned(serviceUnits(facts)),
        ERROR_TRACKING,
        unit =>
          `${capitalise(
            unitLabel(unit),
          )} reports its errors to no error tracker`,
        APM_AGENT,
      ),
    );
  },
});
