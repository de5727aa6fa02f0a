import pino from 'pino';
import request from 'supertest';
import { createApp, type AppDeps } from './app';
import type { PaymentStore } from './payments';
import { createMetrics } from './telemetry';

const token = 't'.repeat(40);

function build(overrides: Partial<AppDeps> = {}) {
  const store: PaymentStore = {
    insert: jest.fn().mockResolvedValue(undefined),
    findById: jest.fn().mockResolvedValue(undefined),
    findByIdempotencyKey: jest.fn().mockResolvedValue(undefined),
  };
  return createApp({
    config: { apiToken: token, rateLimitPerMinute: 3 },
    logger: pino({ level: 'silent' }),
    metrics: createMetrics(),
    store,
    isReady: async () => true,
    ...overrides,
  });
}

describe('createApp', () => {
  it('answers the liveness probe without credentials', async () => {
    const res = await request(build()).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('reports not ready when a dependency is down', async () => {
    const res = await request(build({ isReady: async () => false })).get('/readyz');
    expect(res.status).toBe(503);
  });

  it('serves Prometheus metrics', async () => {
    const res = await request(build()).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('http_request_duration_seconds');
  });

  it('sets security headers and hides the framework', async () => {
    const res = await request(build()).get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('requires the service token on /v1 routes', async () => {
    const res = await request(build()).get('/v1/payments/any');
    expect(res.status).toBe(401);
  });

  it('rate limits /v1 routes per client', async () => {
    const app = build();
    const auth = { Authorization: `Bearer ${token}` };
    for (let i = 0; i < 3; i += 1) {
      await request(app).get('/v1/payments/any').set(auth);
    }
    const res = await request(app).get('/v1/payments/any').set(auth);
    expect(res.status).toBe(429);
  });

  it('returns JSON for unknown routes', async () => {
    const res = await request(build()).get('/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not found' });
  });
});
