import pino, { type Logger } from 'pino';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'payments-service' },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  const paymentsCreated = new Counter({
    name: 'payments_created_total',
    help: 'Payment intents created, by payment method',
    labelNames: ['method'] as const,
    registers: [registry],
  });

  return { registry, httpDuration, paymentsCreated };
}

export type Metrics = ReturnType<typeof createMetrics>;
