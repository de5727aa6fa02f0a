/**
 * What the observability rules look for, per ecosystem: error-tracking,
 * metrics and tracing libraries, and the agents that bring them at runtime.
 */
import type { Ecosystem, Signal } from '../../facts/services';

/** An error-tracking service whose setting can be read and whose SDK must be initialised. */
export interface ErrorTracker {
  name: string;
  /** Names of the tracker's settings (the DSN / token / key, and the others the SDK reads), upper-cased. */
  setting: RegExp;
  /** SDK dependency names, per ecosystem. */
  sdk: Record<Ecosystem, Array<string | RegExp>>;
  /** Calls that initialise the SDK, in any ecosystem. */
  init: RegExp[];
  /** Dependencies that initialise the SDK by themselves from configuration. */
  autoInit: Array<string | RegExp>;
}

export const ERROR_TRACKERS: ErrorTracker[] = [
  {
    name: 'Sentry',
    // Any SENTRY_* setting but those of the release tooling (sentry-cli, the bundler plugins), which uploads source maps at build time.
    setting: /^(?:[A-Z][A-Z0-9]*_)*SENTRY_(?!(?:AUTH_TOKEN|API_KEY|ORG|ORGANIZATION|PROJECT|PROJECT_NAME|PROJECT_ID|PROJECT_SLUG|URL|LOG_LEVEL)$)[A-Z0-9_]*[A-Z0-9]$/,
    sdk: {
      python: ['sentry-sdk', 'sentry_sdk', 'raven'],
      node: [/^@sentry\//, 'raven', 'raven-js'],
      jvm: [/^sentry(?:-|$)/],
      go: ['github.com/getsentry/sentry-go'],
      dotnet: [/^sentry(?:\.|$)/],
      ruby: [/^sentry-/, 'sentry-raven'],
    },
    init: [
      /\bsentry_sdk\.init\(|\bfrom\s+sentry_sdk\s+import\s+[^\n]*\binit\b/,
      /\bSentry\.init\b|\bSentry\.init\(/,
      /\binit\(\s*\{[^}]*\bdsn\b/,
      /\bwithSentryConfig\(/,
      /\bsentry\.Init\(/,
      /\bSentrySdk\.Init\(|\.UseSentry\(|\.AddSentry\(/,
      /\bRaven\.config\(/,
    ],
    autoInit: [/^sentry-spring-boot/, /^sentry-quarkus/],
  },
  {
    name: 'Rollbar',
    setting: /^(?:[A-Z][A-Z0-9]*_)*ROLLBAR_[A-Z0-9_]*[A-Z0-9]$/,
    sdk: {
      python: ['rollbar', 'pyrollbar'],
      node: ['rollbar', /^@rollbar\//],
      jvm: [/^rollbar-/],
      go: ['github.com/rollbar/rollbar-go'],
      dotnet: [/^rollbar/],
      ruby: ['rollbar'],
    },
    init: [
      /\brollbar\.init\(/,
      /\bnew\s+Rollbar\b|\bRollbar\.init\(/,
      /\brollbar\.(?:SetToken|New)\(/,
      /\bRollbarLocator\b|\bRollbarInfrastructure\b|\bAddRollbar\w*\(/,
      /\bRollbar\.configure\b/,
      /\bwithAccessToken\(/,
    ],
    autoInit: [],
  },
  {
    name: 'Bugsnag',
    setting: /^(?:[A-Z][A-Z0-9]*_)*BUGSNAG_[A-Z0-9_]*[A-Z0-9]$/,
    sdk: {
      python: ['bugsnag'],
      node: [/^@bugsnag\//, 'bugsnag'],
      jvm: [/^bugsnag/],
      go: [/^github\.com\/bugsnag\/bugsnag-go/],
      dotnet: [/^bugsnag/],
      ruby: ['bugsnag'],
    },
    init: [
      /\bbugsnag\.configure\(/,
      /\bBugsnag\.(?:start|init|configure)\b/,
      /\bbugsnag\.Configure\(/,
      /\bnew\s+Bugsnag\(|\bAddBugsnag\(/,
    ],
    autoInit: [/^bugsnag-spring/],
  },
  {
    name: 'Honeybadger',
    setting: /^(?:[A-Z][A-Z0-9]*_)*HONEYBADGER_[A-Z0-9_]*[A-Z0-9]$/,
    sdk: {
      python: ['honeybadger'],
      node: [/^@honeybadger-io\//, 'honeybadger'],
      jvm: [/honeybadger/],
      go: ['github.com/honeybadger-io/honeybadger-go'],
      dotnet: [/honeybadger/],
      ruby: ['honeybadger'],
    },
    init: [
      /\bhoneybadger\.configure\(/i,
      /\bHoneybadger\.(?:configure|factory)\b/,
      /\bAddHoneybadger\(/,
    ],
    autoInit: ['honeybadger'],
  },
];

/**
 * OpenTelemetry for .NET (and the Azure Monitor distribution of it): its packages only do something once the
 * code sets them up (`AddOpenTelemetry().WithMetrics(…).WithTracing(…)`, `UseAzureMonitor()`).
 */
const DOTNET_OTEL = [/^opentelemetry(?:\.|$)/, /^azure\.monitor\.opentelemetry/];

/** Error-tracking and APM SDKs that report unhandled errors, per ecosystem. */
export const ERROR_TRACKING: Record<Ecosystem, Signal> = {
  python: {
    deps: [
      'sentry-sdk',
      'raven',
      'rollbar',
      'bugsnag',
      'honeybadger',
      'ddtrace',
      'datadog',
      /^opentelemetry-/,
      'airbrake',
      'raygun4py',
      'newrelic',
      'elastic-apm',
      'appsignal',
      'google-cloud-error-reporting',
      'opencensus-ext-azure',
      'azure-monitor-opentelemetry',
    ],
    code: [
      /^\s*(?:import|from)\s+(?:sentry_sdk|rollbar|bugsnag|honeybadger|ddtrace|opentelemetry|newrelic|elasticapm)\b/m,
    ],
  },
  node: {
    deps: [
      /^@sentry\//,
      'raven',
      'rollbar',
      /^@rollbar\//,
      /^@bugsnag\//,
      'bugsnag',
      /^@honeybadger-io\//,
      'dd-trace',
      /^@datadog\/browser-/,
      /^@opentelemetry\//,
      /^@airbrake\//,
      'raygun',
      'raygun4js',
      'newrelic',
      '@newrelic/browser-agent',
      'elastic-apm-node',
      '@elastic/apm-rum',
      /^@appsignal\//,
      'applicationinsights',
      /^@microsoft\/applicationinsights-/,
      '@google-cloud/error-reporting',
      'logrocket',
      'trackjs',
    ],
    code: [
      /\b(?:require\(\s*|from\s+)['"](?:@sentry\/[\w-]+|rollbar|@bugsnag\/[\w-]+|dd-trace|@opentelemetry\/[\w-]+|newrelic|elastic-apm-node)['"]/,
    ],
  },
  jvm: {
    deps: [
      /^sentry(?:-|$)/,
      /^rollbar-/,
      /^bugsnag/,
      /honeybadger/,
      /^dd-trace/,
      'dd-java-agent',
      /^opentelemetry-/,
      /^micrometer-tracing-bridge-otel/,
      'airbrake-java',
      /^raygun/,
      'newrelic-api',
      'newrelic-agent',
      /^elastic-apm/,
      /^applicationinsights-/,
      /^quarkus-opentelemetry/,
      'spring-cloud-gcp-starter-logging',
    ],
    code: [
      /^\s*import\s+(?:io\.sentry|com\.rollbar|com\.bugsnag|io\.opentelemetry|datadog\.trace|com\.newrelic)\b/m,
    ],
  },
  go: {
    // Only the module's own requirements: `// indirect` ones belong to its libraries.
    directDeps: true,
    deps: [
      'github.com/getsentry/sentry-go',
      'github.com/rollbar/rollbar-go',
      /^github\.com\/bugsnag\//,
      'github.com/honeybadger-io/honeybadger-go',
      /^gopkg\.in\/datadog\/dd-trace-go/,
      /^github\.com\/datadog\/dd-trace-go/,
      /^go\.opentelemetry\.io\/otel/,
      'github.com/airbrake/gobrake',
      /^github\.com\/airbrake\/gobrake/,
      /^github\.com\/newrelic\/go-agent/,
      /^go\.elastic\.co\/apm/,
      'cloud.google.com/go/errorreporting',
    ],
    code: [/"github\.com\/getsentry\/sentry-go"|"go\.opentelemetry\.io\/otel/],
  },
  dotnet: {
    deps: [
      /^sentry(?:\.|$)/,
      /^rollbar/,
      /^bugsnag/,
      /honeybadger/,
      /^datadog\.trace/,
      /^sharpbrake/,
      /^mindscape\.raygun4net/,
      /^newrelic/,
      /^elastic\.apm/,
      /^microsoft\.applicationinsights/,
    ],
    code: [/\bUseSentry\(|\bAddApplicationInsightsTelemetry\(/],
    configured: [{ deps: DOTNET_OTEL, code: [/\bAddOpenTelemetry\(|\bUseAzureMonitor\(/] }],
  },
  ruby: {
    deps: [
      /^sentry-/,
      'sentry-raven',
      'rollbar',
      'bugsnag',
      'honeybadger',
      'ddtrace',
      'datadog',
      /^opentelemetry-/,
      'airbrake',
      'raygun4ruby',
      'newrelic_rpm',
      'elastic-apm',
      'appsignal',
    ],
  },
};

/** Agents that attach error tracking or tracing without code changes. */
export const APM_AGENT =
  /-javaagent:\S*(?:opentelemetry|dd-java-agent|newrelic|elastic-apm|applicationinsights)|\bddtrace-run\b|\bopentelemetry-instrument\b|\bnewrelic-admin\s+run-program\b|--require\s+(?:dd-trace\/init|@opentelemetry\/auto-instrumentations-node\/register)|NODE_OPTIONS=\S*(?:dd-trace|opentelemetry)|\bCORECLR_PROFILER\b|\bOTEL_(?:SERVICE_NAME|EXPORTER_OTLP_\w*ENDPOINT)\b|\bDD_(?:SERVICE|TRACE_ENABLED|AGENT_HOST)\b/;

/** Metrics libraries, per ecosystem. */
export const METRICS: Record<Ecosystem, Signal> = {
  python: {
    deps: [
      'prometheus-client',
      'prometheus_client',
      'prometheus-flask-exporter',
      'django-prometheus',
      'prometheus-fastapi-instrumentator',
      'starlette-exporter',
      'starlette-prometheus',
      'aioprometheus',
      'statsd',
      'datadog',
      'opentelemetry-exporter-prometheus',
      /^opentelemetry-exporter-otlp/,
      'pystatsd',
      'django-statsd',
      'flask-prometheus-metrics',
    ],
    code: [
      /^\s*(?:import|from)\s+(?:prometheus_client|statsd|datadog|aioprometheus)\b/m,
      /\bset_meter_provider\(|\bget_meter\(|\bMeterProvider\(/,
    ],
  },
  node: {
    deps: [
      // The Backstage backend serves its plugins' metrics through its own services.
      '@backstage/backend-defaults',
      'prom-client',
      'express-prom-bundle',
      'express-prometheus-middleware',
      'fastify-metrics',
      '@willsoto/nestjs-prometheus',
      'hot-shots',
      'node-statsd',
      'statsd-client',
      'lynx',
      '@opentelemetry/sdk-metrics',
      '@opentelemetry/exporter-prometheus',
      /^@opentelemetry\/exporter-metrics-/,
      '@promster/express',
      /^@promster\//,
    ],
    code: [
      /\b(?:require\(\s*|from\s+)['"](?:prom-client|hot-shots)['"]/,
      /\bmetricReader\s*:|\bgetMeter\(/,
    ],
  },
  jvm: {
    deps: [
      /^micrometer-registry-/,
      'simpleclient',
      /^simpleclient_/,
      /^prometheus-metrics-/,
      'metrics-core',
      /^quarkus-micrometer/,
      'quarkus-smallrye-metrics',
      /^micronaut-micrometer/,
      'opentelemetry-sdk-metrics',
      /^java-dogstatsd-client/,
      'dropwizard-metrics',
      'metrics-graphite',
    ],
    code: [/^\s*import\s+io\.prometheus\./m],
  },
  go: {
    // Only the module's own requirements: `// indirect` ones belong to its libraries (an HTTP instrumentation
    // library brings the OpenTelemetry metric API without the service ever creating a meter).
    directDeps: true,
    deps: [
      /^github\.com\/prometheus\/client_golang/,
      /^go\.opentelemetry\.io\/otel\/sdk\/metric/,
      /^go\.opentelemetry\.io\/otel\/exporters\/prometheus/,
      /^go\.opentelemetry\.io\/otel\/metric/,
      /^github\.com\/datadog\/datadog-go/,
      'github.com/cactus/go-statsd-client',
      /^github\.com\/cactus\/go-statsd-client/,
      'github.com/rcrowley/go-metrics',
      'github.com/armon/go-metrics',
      'github.com/hashicorp/go-metrics',
      'github.com/victoriametrics/metrics',
      'github.com/smira/go-statsd',
      // Prometheus middleware of the web frameworks (fiberprometheus, go-gin-prometheus, go-grpc-prometheus…).
      /prometheus/,
      'github.com/slok/go-http-metrics',
      'github.com/penglongli/gin-metrics',
    ],
    code: [/"expvar"|"github\.com\/prometheus\/client_golang\/|"[\w.-]+\/[\w.\/-]*prometheus[\w.\/-]*"/],
  },
  dotnet: {
    deps: [
      /^prometheus-net/,
      /^app\.metrics/,
      /^statsd/,
      'justeat.statsd',
    ],
    code: [/\bUseHttpMetrics\(|\bMapMetrics\(|\bUseMetricServer\(|\bAddMetrics\(/],
    configured: [{ deps: DOTNET_OTEL, code: [/\.WithMetrics\(|\bAddOpenTelemetryMetrics\(|\bUseAzureMonitor\(/] }],
  },
  ruby: {
    deps: [
      'prometheus-client',
      'yabeda',
      /^yabeda-/,
      'statsd-instrument',
      'dogstatsd-ruby',
    ],
  },
};

/**
 * Sentry performance monitoring with a sampling rate above zero (or `enable_tracing` on, which
 * samples every transaction) records traces and propagates their context to downstream
 * services (`sentry-trace` / `traceparent`).
 */
const SENTRY_TRACES =
  /\benable_tracing\s*=\s*True\b|\benableTracing\s*:\s*true\b|\btraces_sample_rate\s*[=:]\s*(?:0?\.\d*[1-9]|[1-9])|\btraces_sampler\s*=|\btracesSampleRate\s*:\s*(?:0?\.\d*[1-9]|[1-9])|\btracesSampler\s*:|sentry\.traces-sample-rate\s*[=:]\s*(?:0?\.\d*[1-9]|[1-9])|\bTracesSampleRate\s*=\s*(?:0?\.\d*[1-9]|[1-9])/;

export const TRACING: Record<Ecosystem, Signal> = {
  python: {
    deps: [
      /^opentelemetry-(?:api|sdk|distro|instrumentation)/,
      'ddtrace',
      'jaeger-client',
      /^py-zipkin/,
      'elastic-apm',
      'newrelic',
      'aws-xray-sdk',
      'azure-monitor-opentelemetry',
    ],
    code: [SENTRY_TRACES, 
      /^\s*from\s+opentelemetry\s+import\s+[^\n]*\btrace\b|^\s*import\s+opentelemetry\.trace/m,
    ],
  },
  node: {
    deps: [
      '@opentelemetry/sdk-node',
      /^@opentelemetry\/sdk-trace-/,
      /^@opentelemetry\/instrumentation/,
      /^@opentelemetry\/auto-instrumentations-/,
      /^@opentelemetry\/exporter-trace-/,
      '@opentelemetry/api',
      'dd-trace',
      'jaeger-client',
      'zipkin',
      /^zipkin-/,
      'elastic-apm-node',
      'newrelic',
      /^aws-xray-sdk/,
      '@google-cloud/trace-agent',
      '@vercel/otel',
      'applicationinsights',
    ],
    code: [SENTRY_TRACES, 
      /\b(?:require\(\s*|from\s+)['"](?:dd-trace|@opentelemetry\/(?:sdk-node|api|sdk-trace-[\w-]+))['"]/,
    ],
  },
  jvm: {
    deps: [
      /^opentelemetry-(?:api|sdk|javaagent|spring-boot|instrumentation)/,
      /^micrometer-tracing-bridge-/,
      // Spring Boot's tracing starters and modules (Micrometer Tracing with a Zipkin or OpenTelemetry exporter), and Sleuth's Zipkin starter.
      /^spring-boot-starter-(?:zipkin|opentelemetry|micrometer-tracing)/,
      /^spring-boot-micrometer-tracing-/,
      /^spring-cloud-(?:starter-zipkin|sleuth-zipkin)$/,
      'spring-cloud-starter-sleuth',
      /^brave(?:-|$)/,
      /^zipkin-/,
      'dd-trace-api',
      'dd-java-agent',
      'dd-trace-ot',
      'jaeger-client',
      /^quarkus-opentelemetry/,
      /^micronaut-tracing/,
      /^elastic-apm/,
      /^aws-xray-recorder/,
      'newrelic-api',
      /^applicationinsights-/,
    ],
    code: [SENTRY_TRACES, /^\s*import\s+io\.opentelemetry\.api\.trace\b/m],
  },
  go: {
    // Only the module's own requirements: `// indirect` ones belong to its libraries.
    directDeps: true,
    deps: [
      /^go\.opentelemetry\.io\/otel(?:$|\/trace|\/sdk$|\/sdk\/trace|\/exporters\/otlp\/otlptrace)/,
      /^go\.opentelemetry\.io\/contrib\/instrumentation/,
      /^gopkg\.in\/datadog\/dd-trace-go/,
      /^github\.com\/datadog\/dd-trace-go/,
      /^github\.com\/openzipkin\/zipkin-go/,
      'github.com/uber/jaeger-client-go',
      /^go\.elastic\.co\/apm/,
      /^github\.com\/aws\/aws-xray-sdk-go/,
      /^github\.com\/newrelic\/go-agent/,
    ],
    code: [SENTRY_TRACES, 
      /"go\.opentelemetry\.io\/otel\/trace"|"go\.opentelemetry\.io\/otel"/,
    ],
  },
  dotnet: {
    deps: [
      /^datadog\.trace/,
      /^elastic\.apm/,
      /^newrelic/,
      /^awsxray/,
      /^microsoft\.applicationinsights/,
    ],
    code: [SENTRY_TRACES],
    configured: [{ deps: DOTNET_OTEL, code: [/\.WithTracing\(|\bAddOpenTelemetryTracing\(|\bUseAzureMonitor\(/] }],
  },
  ruby: {
    deps: [
      /^opentelemetry-/,
      'ddtrace',
      'datadog',
      /^zipkin/,
      'newrelic_rpm',
      'elastic-apm',
    ],
  },
};

/** Matches a dependency list entry against a name. */
export function depMatches(dep: string | RegExp, name: string): boolean {
  return typeof dep === 'string' ? dep === name : dep.test(name);
}

/** The settings the error-tracking rules look for, for messages. */
export const ERROR_TRACKER_NAMES =
  'SENTRY_DSN or another SENTRY_* setting of the SDK, ROLLBAR_*, BUGSNAG_*, HONEYBADGER_*';
