// Loaded before anything else so auto-instrumentation can patch http, express and pg.
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import * as Sentry from '@sentry/node';
import { loadConfig } from './config';

const config = loadConfig();

export const otelSdk = new NodeSDK({
  serviceName: config.serviceName,
  traceExporter: new OTLPTraceExporter(
    config.otlpEndpoint ? { url: `${config.otlpEndpoint}/v1/traces` } : {},
  ),
  instrumentations: [
    getNodeAutoInstrumentations({ '@opentelemetry/instrumentation-fs': { enabled: false } }),
  ],
});
otelSdk.start();

// Tracing is owned by the OpenTelemetry SDK above; Sentry only reports errors.
Sentry.init({
  dsn: config.sentryDsn,
  enabled: Boolean(config.sentryDsn),
  environment: config.nodeEnv,
  release: `payments-service@${process.env.npm_package_version ?? 'dev'}`,
  skipOpenTelemetrySetup: true,
  tracesSampleRate: 0,
});
