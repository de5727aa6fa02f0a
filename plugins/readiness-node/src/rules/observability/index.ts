import { ReadinessRule } from '../types';
import errorTrackingNotInitialized from './error-tracking-not-initialized';
import noErrorTracking from './no-error-tracking';
import noHealthEndpoint from './no-health-endpoint';
import noMetrics from './no-metrics';
import noStructuredLogging from './no-structured-logging';
import noTracing from './no-tracing';

/** The built-in observability rules. */
export const observabilityRules: ReadinessRule[] = [
  noStructuredLogging,
  errorTrackingNotInitialized,
  noErrorTracking,
  noMetrics,
  noHealthEndpoint,
  noTracing,
];
