#!/usr/bin/env node
/*
 * Benchmark of the Readiness store: seeds a catalog of audited entities with
 * history, then measures the queries behind the API. Always on SQLite; also
 * on PostgreSQL when a server is given with --pg (or READINESS_BENCH_PG).
 *
 *   cd plugins/readiness-backend
 *   node scripts/bench-backend.mjs [--entities 10000] [--history 90]
 *        [--iterations 200] [--file /tmp/readiness-bench.sqlite] [--keep]
 *        [--pg postgresql://user@host:port] [--skip-sqlite]
 *
 * On PostgreSQL the script creates a database of its own in that server
 * (readiness_bench_<pid>), and drops it at the end.
 *
 * Prints p50/p95/max per query in milliseconds. Not a test: it asserts
 * nothing, it only measures.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { syntheticVerdict } from './syntheticCatalog.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, '..');
const require = createRequire(join(packageDir, 'package.json'));
// Lets plain Node load the TypeScript sources of this package and the engine.
require('@backstage/cli/config/nodeTransform.cjs');

const { values: args } = parseArgs({
  options: {
    entities: { type: 'string', default: '10000' },
    history: { type: 'string', default: '90' },
    iterations: { type: 'string', default: '200' },
    file: { type: 'string' },
    keep: { type: 'boolean', default: false },
    pg: { type: 'string' },
    'skip-sqlite': { type: 'boolean', default: false },
  },
});
const PG_URL = args.pg ?? process.env.READINESS_BENCH_PG;
if (args['skip-sqlite'] && !PG_URL) {
  throw new Error('--skip-sqlite needs --pg <connection string>');
}
const ENTITIES = Number(args.entities);
const HISTORY = Number(args.history);
const ITERATIONS = Number(args.iterations);

const knexFactory = require('knex');
const {
  DatabaseReadinessStore,
} = require('./src/database/DatabaseReadinessStore.ts');
const {
  auditDirectory,
} = require('@readiness/backstage-plugin-readiness-node');

const workDir = args.file
  ? undefined
  : mkdtempSync(join(tmpdir(), 'readiness-bench-'));
const file = args.file ?? join(workDir, 'readiness.sqlite');
/** Open knex instances, destroyed at the end whatever happens. */
const openClients = new Set();
function connect(config) {
  const client = knexFactory(config);
  openClients.add(client);
  return client;
}
async function disconnect(client) {
  openClients.delete(client);
  await client.destroy();
}
/** The headline figure of each backend, for the closing comparison. */
const headline = [];

function log(message) {
  process.stdout.write(`${message}\n`);
}

/** A deterministic pseudo-random sequence, so runs are comparable. */
function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function percentile(sorted, p) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

async function measure(name, fn, iterations = ITERATIONS) {
  for (let i = 0; i < Math.min(10, iterations); i++) await fn(i); // warm-up
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await fn(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const stats = {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times[times.length - 1],
  };
  const row = [
    name.padEnd(58),
    percentile(times, 50).toFixed(2).padStart(8),
    percentile(times, 95).toFixed(2).padStart(8),
    times[times.length - 1].toFixed(2).padStart(8),
  ];
  log(row.join(' '));
  return stats;
}

/**
 * Seeds one database through the store and measures every query on it.
 * `connectDb` opens a client; `seeding(true|false)` switches the backend's
 * durability off for the bulk load and back on before anything is measured.
 */
async function benchBackend({
  label,
  where,
  connectDb,
  seeding,
  analyze,
  size,
}) {
  let knex = connectDb();
  let store = await DatabaseReadinessStore.create({
    database: { getClient: async () => knex },
  });

  // One real scorecard, from auditing a sample repository, is the template:
  // the stored documents then have a realistic size and shape.
  const sample = resolve(packageDir, '../../examples/repos/flask-orders-api');
  const template = await auditDirectory(sample);
  const random = rng(42);
  const owners = Array.from(
    { length: 50 },
    (_, i) => `group:default/team-${i}`,
  );
  const lifecycles = ['production', 'experimental', 'deprecated'];
  const now = Date.now();
  const day = 86_400_000;

  log('');
  log(`== ${label} ==`);
  log(`Seeding ${ENTITIES} entities x ${HISTORY} history points into ${where}`);
  const seedStarted = performance.now();
  // Seeding only: no fsync per transaction. Restored before measuring.
  knex = await seeding(knex, true);
  store = await DatabaseReadinessStore.create({
    database: { getClient: async () => knex },
    skipMigrations: true,
  });
  const historyRows = [];
  const flushHistory = async () => {
    if (historyRows.length === 0) return;
    const rows = historyRows.splice(0);
    await knex.transaction(async tx => {
      for (let i = 0; i < rows.length; i += 500) {
        await tx('readiness_history').insert(rows.slice(i, i + 500));
      }
    });
  };
  for (let e = 0; e < ENTITIES; e++) {
    const name = `svc-${String(e).padStart(5, '0')}`;
    const entityRef = `component:default/${name}`;
    const score = Math.round(20 + random() * 80);
    const blockers = template.blockers.slice(
      0,
      Math.floor(random() * (template.blockers.length + 1)),
    );
    for (let h = HISTORY - 1; h >= 1; h--) {
      const past = Math.max(
        0,
        Math.min(100, score + Math.round((random() - 0.5) * 30)),
      );
      historyRows.push({
        entity_ref: entityRef,
        audited_at: new Date(now - h * day),
        score: past,
        verdict: syntheticVerdict(past),
        categories: JSON.stringify(
          Object.fromEntries(template.categories.map(c => [c.id, c.score])),
        ),
        blockers: blockers.length,
      });
    }
    if (historyRows.length >= 20_000) await flushHistory();
    await store.saveAudit({
      entity: {
        entityRef,
        kind: 'Component',
        namespace: 'default',
        name,
        title: `Service ${e}`,
        owner: owners[e % owners.length],
        lifecycle: lifecycles[e % lifecycles.length],
      },
      scorecard: {
        ...template,
        score,
        blockers,
        verdict: syntheticVerdict(score, blockers.length),
      },
      etag: `etag-${e}`,
      auditedAt: new Date(now - Math.floor(random() * day)),
    });
  }
  await flushHistory();
  knex = await seeding(knex, false);
  await analyze(knex);
  store = await DatabaseReadinessStore.create({
    database: { getClient: async () => knex },
    skipMigrations: true,
  });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const historyCount = (
    await knex('readiness_history').count({ n: '*' }).first()
  ).n;
  log(
    `Seeded in ${seedSeconds.toFixed(1)} s: ${historyCount} history rows, ` +
      `database ${((await size(knex)) / 1024 / 1024).toFixed(1)} MiB, ` +
      `scorecard document ${(JSON.stringify(template).length / 1024).toFixed(
        1,
      )} KiB`,
  );

  // A user who sees 90% of the catalog, as the catalog permission filter would return it.
  const visible = new Set();
  for (let e = 0; e < ENTITIES; e++) {
    if (e % 10 !== 7)
      visible.add(`component:default/svc-${String(e).padStart(5, '0')}`);
  }

  log('');
  log(
    `${'query'.padEnd(58)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(
      8,
    )} ${'max ms'.padStart(8)}`,
  );
  await measure('leaderboard: score desc, first page of 50', () =>
    store.listScorecards({ limit: 50 }, undefined),
  );
  await measure('leaderboard: score desc, page 50 at random offsets', i =>
    store.listScorecards(
      { limit: 50, offset: (i * 997) % ENTITIES },
      undefined,
    ),
  );
  await measure('leaderboard: visible to a user (90% of refs)', () =>
    store.listScorecards({ limit: 50 }, visible),
  );
  await measure('leaderboard: owner + band filter, by name', i =>
    store.listScorecards(
      {
        owner: owners[i % owners.length],
        band: 'needs-work',
        orderBy: 'name',
        order: 'asc',
      },
      visible,
    ),
  );
  const firstPage = await measure(
    'leaderboard: first page, owner + band, visible to a user',
    i =>
      store.listScorecards(
        {
          owner: owners[i % owners.length],
          band: 'needs-work',
          limit: 50,
        },
        visible,
      ),
  );
  headline.push({ label, ...firstPage });
  await measure('leaderboard: text search q=, by auditedAt', i =>
    store.listScorecards(
      { q: `svc-0${i % 10}`, orderBy: 'auditedAt' },
      visible,
    ),
  );
  await measure('leaderboard: score range, limit 500', () =>
    store.listScorecards({ minScore: 40, maxScore: 70, limit: 500 }, visible),
  );
  await measure('scorecard: document + 90 history points', async i => {
    const ref = `component:default/svc-${String((i * 7919) % ENTITIES).padStart(
      5,
      '0',
    )}`;
    await Promise.all([store.getScorecard(ref), store.getHistory(ref, 90)]);
  });
  await measure('blockers: ranked, visible to a user', () =>
    store.listBlockers(visible),
  );
  await measure('owners: aggregated, visible to a user', () =>
    store.listOwners(visible),
  );
  await measure('summaries: all scores (catalog processor)', () =>
    store.listSummaries(undefined),
  );
  await measure(
    'history pruning by age (each scheduled run)',
    () => store.pruneHistory({ days: HISTORY + 1 }, new Date()),
    Math.min(ITERATIONS, 20),
  );
  await measure(
    'history pruning by runs per entity (full sweep)',
    () => store.pruneHistory({ runs: HISTORY }, new Date()),
    Math.min(ITERATIONS, 3),
  );
  await disconnect(knex);
}

async function benchSqlite() {
  const sqliteConfig = {
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  };
  await benchBackend({
    label: 'SQLite (better-sqlite3, file)',
    where: file,
    connectDb: () => connect(sqliteConfig),
    // One connection: the pragma holds for everything that follows.
    seeding: async (knex, on) => {
      await knex.raw(`PRAGMA synchronous = ${on ? 'OFF' : 'FULL'}`);
      return knex;
    },
    analyze: knex => knex.raw('ANALYZE'),
    size: async () => statSync(file).size,
  });
}

async function benchPostgres(url) {
  const database = `readiness_bench_${process.pid}`;
  const admin = connect({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: 1 },
  });
  const target = new URL(url);
  target.pathname = `/${database}`;
  const config = { client: 'pg', connection: target.toString() };
  await admin.raw('CREATE DATABASE ??', [database]);
  try {
    const version = String(
      (await admin.raw('SHOW server_version')).rows[0].server_version,
    ).split(' ')[0];
    target.password = target.password ? '***' : '';
    await benchBackend({
      label: `PostgreSQL ${version}`,
      where: `${target} (created for this run)`,
      connectDb: () => connect(config),
      // The setting applies to new sessions, so the pool is reopened.
      seeding: async (knex, on) => {
        await disconnect(knex);
        await admin.raw(
          on
            ? 'ALTER DATABASE ?? SET synchronous_commit = off'
            : 'ALTER DATABASE ?? RESET synchronous_commit',
          [database],
        );
        return connect(config);
      },
      // Freshly loaded tables: set the visibility map and statistics as
      // autovacuum eventually would.
      analyze: knex => knex.raw('VACUUM ANALYZE'),
      size: async knex =>
        Number(
          (
            await knex.raw('SELECT pg_database_size(current_database()) AS n')
          ).rows[0].n,
        ),
    });
  } finally {
    for (const client of [...openClients]) {
      if (client !== admin) await disconnect(client);
    }
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [database]);
    await disconnect(admin);
  }
}

async function main() {
  log(
    `node ${process.version}, ${ENTITIES} entities x ${HISTORY} history points, ` +
      `${ITERATIONS} runs per query (after up to 10 warm-up runs)`,
  );
  if (!args['skip-sqlite']) await benchSqlite();
  if (PG_URL) await benchPostgres(PG_URL);
  if (headline.length > 0) {
    log('');
    log(
      'Leaderboard, first page of 50 filtered by owner + band, as a user who sees 90% of entities:',
    );
    for (const h of headline) {
      log(
        `  ${h.label.padEnd(32)} p50 ${h.p50.toFixed(
          2,
        )} ms, p95 ${h.p95.toFixed(2)} ms`,
      );
    }
  }
}

main()
  .catch(error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const client of [...openClients]) await disconnect(client);
    if (workDir && !args.keep)
      rmSync(workDir, { recursive: true, force: true });
  });
