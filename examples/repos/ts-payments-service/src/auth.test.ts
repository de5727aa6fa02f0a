import express from 'express';
import request from 'supertest';
import { requireServiceToken } from './auth';

const token = 'a'.repeat(40);

function appWithGuard() {
  const app = express();
  app.get('/guarded', requireServiceToken(token), (_req, res) => {
    res.json({ ok: true });
  });
  return app;
}

describe('requireServiceToken', () => {
  it('rejects requests without a bearer token', async () => {
    const res = await request(appWithGuard()).get('/guarded');
    expect(res.status).toBe(401);
  });

  it('rejects other authorization schemes', async () => {
    const res = await request(appWithGuard())
      .get('/guarded')
      .set('Authorization', `Basic ${token}`);
    expect(res.status).toBe(401);
  });

  it('rejects a wrong token of the same length', async () => {
    const res = await request(appWithGuard())
      .get('/guarded')
      .set('Authorization', `Bearer ${'b'.repeat(40)}`);
    expect(res.status).toBe(403);
  });

  it('rejects a token of a different length', async () => {
    const res = await request(appWithGuard()).get('/guarded').set('Authorization', 'Bearer short');
    expect(res.status).toBe(403);
  });

  it('lets a matching token through', async () => {
    const res = await request(appWithGuard())
      .get('/guarded')
      .set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });
});
