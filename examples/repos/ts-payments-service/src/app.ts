import * as Sentry from '@sentry/node';
import express, { type ErrorRequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { requireServiceToken } from './auth';
import type { Config } from './config';
import { paymentsRouter, type PaymentStore } from './payments';
import type { Metrics } from './telemetry';

export interface AppDeps {
  config: Pick<Config, 'apiToken' | 'rateLimitPerMinute'>;
  logger: Logger;
  metrics: Metrics;
  store: PaymentStore;
  isReady: () => Promise<boolean>;
}

export function createApp({ config, logger, metrics, store, isReady }: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 1);

  app.use(helmet());
  app.use(pinoHttp({ logger, autoLogging: { ignore: (req) => req.url === '/healthz' } }));
  app.use(express.json({ limit: '32kb' }));
  app.use((req, res, next) => {
    const stop = metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => {
      stop({ route: req.route?.path ?? 'unmatched', status: String(res.statusCode) });
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const ready = await isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' });
  });

  app.get('/metrics', async (_req, res, next) => {
    try {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    } catch (err) {
      next(err);
    }
  });

  const limiter = rateLimit({
    windowMs: 60_000,
    limit: config.rateLimitPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
  });
  app.use('/v1', limiter, requireServiceToken(config.apiToken), paymentsRouter(store, metrics));

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });

  Sentry.setupExpressErrorHandler(app);

  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    req.log.error({ err }, 'request failed');
    res.status(500).json({ error: 'internal error' });
  };
  app.use(onError);

  return app;
}
