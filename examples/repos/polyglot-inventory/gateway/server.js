const express = require('express');
const pino = require('pino');
const pinoHttp = require('pino-http');

const logger = pino({ level: process.env.LOG_LEVEL || 'info' });
const catalogUrl = process.env.CATALOG_URL || 'http://catalog:8081';
const port = Number(process.env.PORT || 3000);

const app = express();
app.use(pinoHttp({ logger }));
app.use(express.json({ limit: '16kb' }));

async function forward(res, path, init) {
  const upstream = await fetch(`${catalogUrl}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json' },
    signal: AbortSignal.timeout(5000),
  });
  res
    .status(upstream.status)
    .type('application/json')
    .send(await upstream.text());
}

app.get('/health', (req, res) => {
  res.json({ status: 'ok' });
});

app.get('/api/items', (req, res, next) => {
  const limit = encodeURIComponent(req.query.limit || '100');
  forward(res, `/items?limit=${limit}`).catch(next);
});

app.get('/api/items/:sku', (req, res, next) => {
  forward(res, `/items/${encodeURIComponent(req.params.sku)}`).catch(next);
});

app.post('/api/items/:sku/adjustments', (req, res, next) => {
  const body = JSON.stringify({
    delta: req.body.delta,
    reason: req.body.reason,
  });
  forward(res, `/items/${encodeURIComponent(req.params.sku)}/adjustments`, {
    method: 'POST',
    body,
  }).catch(next);
});

app.use((err, req, res, _next) => {
  req.log.error({ err }, 'upstream call failed');
  res.status(502).json({ error: 'catalog unavailable' });
});

app.listen(port, () => logger.info({ port, catalogUrl }, 'gateway listening'));
