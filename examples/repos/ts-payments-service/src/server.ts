import { otelSdk } from './instrument';
import path from 'node:path';
import * as Sentry from '@sentry/node';
import knex from 'knex';
import { createApp } from './app';
import { loadConfig } from './config';
import { KnexPaymentStore } from './payments';
import { createLogger, createMetrics } from './telemetry';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);

  const db = knex({
    client: 'pg',
    connection: config.databaseUrl,
    pool: { min: 0, max: 10 },
  });
  await db.migrate.latest({
    directory: path.join(__dirname, '..', 'migrations'),
    loadExtensions: ['.js'],
  });

  const app = createApp({
    config,
    logger,
    metrics: createMetrics(),
    store: new KnexPaymentStore(db),
    isReady: async () => {
      try {
        await db.raw('select 1');
        return true;
      } catch (err) {
        logger.warn({ err }, 'database not reachable');
        return false;
      }
    },
  });

  const server = app.listen(config.port, () => {
    logger.info({ port: config.port }, 'payments-service listening');
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close(async () => {
      await db.destroy();
      await Sentry.close(2000);
      await otelSdk.shutdown();
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  Sentry.captureException(err);
  createLogger('error').fatal({ err }, 'failed to start');
  process.exitCode = 1;
});
