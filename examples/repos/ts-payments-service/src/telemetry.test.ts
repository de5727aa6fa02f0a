import { createLogger, createMetrics } from './telemetry';

describe('createMetrics', () => {
  it('exposes the service metrics in Prometheus text format', async () => {
    const metrics = createMetrics();
    metrics.paymentsCreated.inc({ method: 'card' });
    metrics.httpDuration.observe({ method: 'GET', route: '/healthz', status: '200' }, 0.004);

    const text = await metrics.registry.metrics();

    expect(text).toContain('payments_created_total{method="card"} 1');
    expect(text).toContain('http_request_duration_seconds_bucket');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('keeps registries independent between instances', async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.paymentsCreated.inc({ method: 'bank_transfer' });

    expect(await second.registry.metrics()).not.toContain('method="bank_transfer"');
  });
});

describe('createLogger', () => {
  it('honours the configured level', () => {
    expect(createLogger('warn').level).toBe('warn');
  });
});
