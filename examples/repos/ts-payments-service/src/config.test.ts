import { loadConfig } from './config';

const baseEnv = {
  DATABASE_URL: 'postgres://payments@localhost:5432/payments',
  PAYMENTS_API_TOKEN: 'x'.repeat(40),
};

describe('loadConfig', () => {
  const original = process.env;

  beforeEach(() => {
    process.env = { ...baseEnv };
  });

  afterAll(() => {
    process.env = original;
  });

  it('applies defaults for optional settings', () => {
    const config = loadConfig();
    expect(config.port).toBe(8080);
    expect(config.logLevel).toBe('info');
    expect(config.rateLimitPerMinute).toBe(120);
    expect(config.serviceName).toBe('payments-service');
    expect(config.sentryDsn).toBeUndefined();
  });

  it('coerces numeric settings', () => {
    process.env.PORT = '9090';
    process.env.RATE_LIMIT_PER_MINUTE = '30';
    const config = loadConfig();
    expect(config.port).toBe(9090);
    expect(config.rateLimitPerMinute).toBe(30);
  });

  it('treats empty optional values as unset', () => {
    process.env.SENTRY_DSN = '';
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = '';
    expect(loadConfig().otlpEndpoint).toBeUndefined();
  });

  it('rejects a missing database URL', () => {
    delete process.env.DATABASE_URL;
    expect(() => loadConfig()).toThrow(/databaseUrl/);
  });

  it('rejects a short API token', () => {
    process.env.PAYMENTS_API_TOKEN = 'x'.repeat(8);
    expect(() => loadConfig()).toThrow(/at least 32 characters/);
  });
});
