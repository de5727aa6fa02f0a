import express from 'express';
import request from 'supertest';
import { createPayment, paymentsRouter, type Payment, type PaymentStore } from './payments';
import { createMetrics } from './telemetry';

class InMemoryStore implements PaymentStore {
  readonly rows = new Map<string, Payment>();

  async insert(payment: Payment) {
    this.rows.set(payment.id, payment);
  }

  async findById(id: string) {
    return this.rows.get(id);
  }

  async findByIdempotencyKey(key: string) {
    return [...this.rows.values()].find((p) => p.idempotencyKey === key);
  }
}

const validBody = { orderId: 'ord_1042', amountMinor: 2599, currency: 'eur', method: 'card' };

function setup() {
  const store = new InMemoryStore();
  const metrics = createMetrics();
  const app = express();
  app.use(express.json());
  app.use(paymentsRouter(store, metrics));
  return { app, store, metrics };
}

describe('createPayment', () => {
  it('stores a pending payment with a normalised currency', async () => {
    const store = new InMemoryStore();
    const fixed = new Date('2025-01-14T10:00:00Z');
    const { payment, created } = await createPayment(
      store,
      { orderId: 'ord_1', amountMinor: 100, currency: 'GBP', method: 'bank_transfer' },
      'key-0001-abc',
      () => fixed,
    );
    expect(created).toBe(true);
    expect(payment.status).toBe('pending');
    expect(payment.createdAt).toBe('2025-01-14T10:00:00.000Z');
    expect(store.rows.size).toBe(1);
  });

  it('returns the original payment for a repeated idempotency key', async () => {
    const store = new InMemoryStore();
    const input = { orderId: 'ord_2', amountMinor: 100, currency: 'GBP', method: 'card' as const };
    const first = await createPayment(store, input, 'key-0002-abc');
    const second = await createPayment(store, input, 'key-0002-abc');
    expect(second.created).toBe(false);
    expect(second.payment.id).toBe(first.payment.id);
    expect(store.rows.size).toBe(1);
  });
});

describe('payments routes', () => {
  it('creates a payment and counts it', async () => {
    const { app, metrics } = setup();
    const res = await request(app)
      .post('/payments')
      .set('Idempotency-Key', 'checkout-7781')
      .send(validBody);

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ orderId: 'ord_1042', currency: 'EUR', status: 'pending' });
    expect(await metrics.registry.metrics()).toContain('payments_created_total{method="card"} 1');
  });

  it('answers 200 with the same payment on retry', async () => {
    const { app } = setup();
    const first = await request(app)
      .post('/payments')
      .set('Idempotency-Key', 'retry-0001')
      .send(validBody);
    const again = await request(app)
      .post('/payments')
      .set('Idempotency-Key', 'retry-0001')
      .send(validBody);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });

  it('requires an idempotency key', async () => {
    const { app } = setup();
    const res = await request(app).post('/payments').send(validBody);
    expect(res.status).toBe(400);
  });

  it('rejects an invalid amount', async () => {
    const { app } = setup();
    const res = await request(app)
      .post('/payments')
      .set('Idempotency-Key', 'checkout-7782')
      .send({ ...validBody, amountMinor: -5 });
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toEqual(['amountMinor']);
  });

  it('returns 404 for an unknown payment', async () => {
    const { app } = setup();
    const res = await request(app).get('/payments/6f1d2c1e-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
  });

  it('passes store failures to the error handler', async () => {
    const { app, store } = setup();
    jest.spyOn(store, 'findById').mockRejectedValue(new Error('connection reset'));
    const seen: unknown[] = [];
    app.use(
      (err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
        seen.push(err);
        res.status(500).end();
      },
    );
    const res = await request(app).get('/payments/abc');
    expect(res.status).toBe(500);
    expect(seen).toHaveLength(1);
  });
});
