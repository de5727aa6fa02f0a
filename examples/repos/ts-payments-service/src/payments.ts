import { randomUUID } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Metrics } from './telemetry';

export const createPaymentInput = z.object({
  orderId: z.string().min(1).max(64),
  amountMinor: z.number().int().positive().max(100_000_000),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'currency must be an ISO 4217 code')
    .transform((c) => c.toUpperCase()),
  method: z.enum(['card', 'bank_transfer']),
});

export type CreatePaymentInput = z.infer<typeof createPaymentInput>;

export interface Payment extends CreatePaymentInput {
  id: string;
  idempotencyKey: string;
  status: 'pending' | 'captured' | 'failed';
  createdAt: string;
}

export interface PaymentStore {
  insert(payment: Payment): Promise<void>;
  findById(id: string): Promise<Payment | undefined>;
  findByIdempotencyKey(key: string): Promise<Payment | undefined>;
}

interface PaymentRow {
  id: string;
  order_id: string;
  idempotency_key: string;
  amount_minor: string | number;
  currency: string;
  method: Payment['method'];
  status: Payment['status'];
  created_at: Date | string;
}

function fromRow(row: PaymentRow): Payment {
  return {
    id: row.id,
    orderId: row.order_id,
    idempotencyKey: row.idempotency_key,
    amountMinor: Number(row.amount_minor),
    currency: row.currency,
    method: row.method,
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export class KnexPaymentStore implements PaymentStore {
  private readonly db: Knex;

  constructor(db: Knex) {
    this.db = db;
  }

  async insert(p: Payment): Promise<void> {
    await this.db<PaymentRow>('payments').insert({
      id: p.id,
      order_id: p.orderId,
      idempotency_key: p.idempotencyKey,
      amount_minor: p.amountMinor,
      currency: p.currency,
      method: p.method,
      status: p.status,
      created_at: p.createdAt,
    });
  }

  async findById(id: string): Promise<Payment | undefined> {
    const row = await this.db<PaymentRow>('payments').where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  async findByIdempotencyKey(key: string): Promise<Payment | undefined> {
    const row = await this.db<PaymentRow>('payments').where({ idempotency_key: key }).first();
    return row ? fromRow(row) : undefined;
  }
}

/** Creates a payment intent once per idempotency key; repeats return the original. */
export async function createPayment(
  store: PaymentStore,
  input: CreatePaymentInput,
  idempotencyKey: string,
  now: () => Date = () => new Date(),
): Promise<{ payment: Payment; created: boolean }> {
  const existing = await store.findByIdempotencyKey(idempotencyKey);
  if (existing) {
    return { payment: existing, created: false };
  }
  const payment: Payment = {
    ...input,
    id: randomUUID(),
    idempotencyKey,
    status: 'pending',
    createdAt: now().toISOString(),
  };
  await store.insert(payment);
  return { payment, created: true };
}

const idempotencyKeyHeader = z.string().min(8).max(128);

export function paymentsRouter(store: PaymentStore, metrics: Metrics): Router {
  const router = Router();

  router.post('/payments', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const key = idempotencyKeyHeader.safeParse(req.get('idempotency-key'));
      if (!key.success) {
        res.status(400).json({ error: 'Idempotency-Key header (8-128 chars) is required' });
        return;
      }
      const body = createPaymentInput.safeParse(req.body);
      if (!body.success) {
        res.status(400).json({ error: 'invalid request', issues: body.error.issues });
        return;
      }
      const { payment, created } = await createPayment(store, body.data, key.data);
      if (created) {
        metrics.paymentsCreated.inc({ method: payment.method });
      }
      res.status(created ? 201 : 200).json(payment);
    } catch (err) {
      next(err);
    }
  });

  router.get('/payments/:id', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const payment = await store.findById(req.params.id);
      if (!payment) {
        res.status(404).json({ error: 'payment not found' });
        return;
      }
      res.json(payment);
    } catch (err) {
      next(err);
    }
  });

  return router;
}
