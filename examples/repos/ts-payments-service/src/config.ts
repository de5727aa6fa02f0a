import { z } from 'zod';

const schema = z.object({
  nodeEnv: z.enum(['development', 'test', 'production']).default('production'),
  port: z.coerce.number().int().positive().default(8080),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  databaseUrl: z.string().url(),
  apiToken: z.string().min(32, 'PAYMENTS_API_TOKEN must be at least 32 characters'),
  rateLimitPerMinute: z.coerce.number().int().positive().default(120),
  sentryDsn: z.string().url().optional(),
  serviceName: z.string().min(1).default('payments-service'),
  otlpEndpoint: z.string().url().optional(),
});

export type Config = z.infer<typeof schema>;

const emptyToUndefined = (value: string | undefined) => (value === '' ? undefined : value);

export function loadConfig(): Config {
  const result = schema.safeParse({
    nodeEnv: emptyToUndefined(process.env.NODE_ENV),
    port: emptyToUndefined(process.env.PORT),
    logLevel: emptyToUndefined(process.env.LOG_LEVEL),
    databaseUrl: process.env.DATABASE_URL,
    apiToken: process.env.PAYMENTS_API_TOKEN,
    rateLimitPerMinute: emptyToUndefined(process.env.RATE_LIMIT_PER_MINUTE),
    sentryDsn: emptyToUndefined(process.env.SENTRY_DSN),
    serviceName: emptyToUndefined(process.env.OTEL_SERVICE_NAME),
    otlpEndpoint: emptyToUndefined(process.env.OTEL_EXPORTER_OTLP_ENDPOINT),
  });
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return result.data;
}
