#!/usr/bin/env node
/*
 * End-to-end benchmark of the Readiness backend's audit loop: a synthetic
 * catalog of components, spread round-robin over the sample repositories in
 * examples/repos, audited by the plugin's own pieces wired as plugin.ts wires
 * them (DatabaseReadinessStore on a SQLite file, RepositorySources with
 * localRoots, EntityAuditor with the built-in rules, ReadinessRefresher with
 * the configured concurrency). Only the catalog, auth and scheduler services
 * are stubs; the refresher is driven directly, one scheduled run per pass.
 *
 *   cd plugins/readiness-backend
 *   node scripts/bench-backend-e2e.mjs [--entities 1000] [--concurrency 2]
 *        [--fetch-concurrency 8] [--check-concurrency <fetch>] [--batch-size 20] [--file /tmp/readiness-e2e.sqlite] [--keep]
 *        [--wal] [--scm [--latency 50]] [--profile-pass2 /tmp/pass2.cpuprofile]
 *
 * --scm reads every component from a GitHub repository of its own, served by
 * the local SCM server (src/testing/scmServer.ts, in a child process, every
 * answer delayed by --latency ms) through Backstage's own GitHub URL reader
 * and the plugin's rate-limit wrapper, as plugin.ts wires them: archive
 * downloads, ETags and `304 Not Modified` included. Without it the sources
 * are local directories.
 *
 * Pass 1 audits every entity. Pass 2 runs once the audit interval has gone by
 * (a shifted clock) over the unchanged repositories: every entity should be
 * skipped through its etag. Prints both wall times, their ratio and the peak
 * resident memory, and where each pass spent its time.
 *
 * The SQLite file is opened as Backstage opens it (rollback journal,
 * synchronous=FULL: every commit waits for the disk). --wal switches it to
 * WAL with synchronous=NORMAL, to see how much of a pass is commit latency.
 * --profile-pass2 writes a CPU profile of pass 2 (this process only; open it
 * in Chrome's DevTools), to see what an unchanged check costs the backend.
 * Not a test: it asserts nothing, it only measures.
 */
import { fork } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { componentName, syntheticCatalog } from './syntheticCatalog.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, '..');
const require = createRequire(join(packageDir, 'package.json'));
// Lets plain Node load the TypeScript sources of this package and the engine.
require('@backstage/cli/config/nodeTransform.cjs');

const { values: args } = parseArgs({
  options: {
    entities: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '2' },
    'fetch-concurrency': { type: 'string', default: '8' },
    'check-concurrency': { type: 'string' },
    'batch-size': { type: 'string', default: '20' },
    file: { type: 'string' },
    keep: { type: 'boolean', default: false },
    wal: { type: 'boolean', default: false },
    scm: { type: 'boolean', default: false },
    latency: { type: 'string', default: '50' },
    'profile-pass2': { type: 'string' },
  },
});
const ENTITIES = Number(args.entities);
const CONCURRENCY = Number(args.concurrency);
const FETCH_CONCURRENCY = Number(args['fetch-concurrency']);
// As wide as the downloads unless given, as the plugin's default.
const CHECK_CONCURRENCY = Number(
  args['check-concurrency'] ?? args['fetch-concurrency'],
);
const BATCH_SIZE = Number(args['batch-size']);
for (const [name, value] of [
  ['--entities', ENTITIES],
  ['--concurrency', CONCURRENCY],
  ['--fetch-concurrency', FETCH_CONCURRENCY],
  ['--check-concurrency', CHECK_CONCURRENCY],
  ['--batch-size', BATCH_SIZE],
  ['--latency', Number(args.latency) + 1],
]) {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a whole number of 1 or more`);
  }
}

const knexFactory = require('knex');
const { ConfigReader } = require('@backstage/config');
const { stringifyEntityRef } = require('@backstage/catalog-model');
const { readReadinessOptions } = require('./src/options.ts');
const { createRuleRegistry } = require('./src/rules/createRuleRegistry.ts');
const {
  DatabaseReadinessStore,
} = require('./src/database/DatabaseReadinessStore.ts');
const { RepositorySources } = require('./src/sources/RepositorySources.ts');
const { EntityAuditor } = require('./src/audit/EntityAuditor.ts');
const { ReadinessRefresher } = require('./src/scheduler/ReadinessRefresher.ts');
const { ScmRateLimits } = require('./src/sources/rateLimits.ts');
const { ScmIntegrations } = require('@backstage/integration');
const { UrlReaders } = require('@backstage/backend-defaults/urlReader');
const {
  ReadinessNotifier,
} = require('./src/notifications/ReadinessNotifier.ts');

const examplesRoot = resolve(packageDir, '../../examples/repos');
const workDir = args.file
  ? undefined
  : mkdtempSync(join(tmpdir(), 'readiness-e2e-'));
const file = args.file ?? join(workDir, 'readiness.sqlite');
if (args.file) rmSync(file, { force: true });
const knex = knexFactory({
  client: 'better-sqlite3',
  connection: { filename: file },
  useNullAsDefault: true,
});

function log(message) {
  process.stdout.write(`${message}\n`);
}

const mib = kib => (kib / 1024).toFixed(0);

/** The plugin's logger, reduced to counting and echoing what matters. */
function createLogger(counts) {
  const logger = {
    debug() {},
    info(message) {
      counts.info += 1;
      log(`  [info] ${message}`);
    },
    warn(message, error) {
      counts.warn += 1;
      if (counts.warn <= 5)
        log(`  [warn] ${message}${error ? `: ${error.message}` : ''}`);
    },
    error(message, error) {
      counts.error += 1;
      if (counts.error <= 5)
        log(`  [error] ${message}${error ? `: ${error.message}` : ''}`);
    },
    child() {
      return logger;
    },
  };
  return logger;
}

/** The two catalog calls the refresher makes, over a fixed list. */
function stubCatalog(entities) {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const calls = { stream: 0, byRefs: 0 };
  return {
    calls,
    async *streamEntities() {
      calls.stream += 1;
      for (let i = 0; i < entities.length; i += 500) {
        yield entities.slice(i, i + 500);
      }
    },
    async getEntitiesByRefs(request) {
      calls.byRefs += 1;
      return { items: request.entityRefs.map(ref => byRef.get(ref)) };
    },
  };
}

const auth = {
  async getOwnServiceCredentials() {
    return {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'service', subject: 'plugin:readiness' },
    };
  },
};

/**
 * Times every call of the named methods of `target`, summed per method:
 * where the wall time of a pass goes (with concurrency, calls overlap).
 */
function timeMethods(target, label, names, totals) {
  for (const name of names) {
    const original = target[name].bind(target);
    target[name] = async (...callArgs) => {
      const started = performance.now();
      try {
        return await original(...callArgs);
      } finally {
        const key = `${label}.${name}`;
        const entry = totals.get(key) ?? { calls: 0, ms: 0 };
        entry.calls += 1;
        entry.ms += performance.now() - started;
        totals.set(key, entry);
      }
    };
  }
}

function printTotals(totals) {
  const rows = [...totals.entries()].sort((a, b) => b[1].ms - a[1].ms);
  for (const [key, { calls, ms }] of rows) {
    log(
      `    ${key.padEnd(32)} ${String(calls).padStart(6)} calls ${(ms / 1000)
        .toFixed(2)
        .padStart(7)} s ${(ms / calls).toFixed(2).padStart(7)} ms each`,
    );
  }
}

async function tableCounts() {
  const count = async (table, where) => {
    const q = knex(table);
    if (where) where(q);
    return Number((await q.count({ n: '*' }).first()).n);
  };
  const errors = await knex('readiness_scorecards')
    .whereNull('score')
    .select('error')
    .count({ n: '*' })
    .groupBy('error');
  return {
    errors: errors.map(row => `${row.n} x ${row.error}`),
    scored: await count('readiness_scorecards', q => q.whereNotNull('score')),
    failed: await count('readiness_scorecards', q => q.whereNull('score')),
    history: await count('readiness_history'),
  };
}

const SCM_HOST = 'github.bench.localhost';
const SCM_OWNER = 'bench';

/** The local SCM server in a child process; resolves once it listens. */
async function startScmChild() {
  const child = fork(
    join(here, 'benchScmServer.mjs'),
    [examplesRoot, String(ENTITIES), args.latency, SCM_OWNER],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  // The TypeScript loader also talks over the channel ('watch' messages).
  const next = type =>
    new Promise((resolvePromise, reject) => {
      const listeners = {
        message: message => {
          if (message?.type !== type) return;
          child.off('message', listeners.message);
          child.off('exit', listeners.exit);
          resolvePromise(message);
        },
        exit: code => reject(new Error(`the SCM server exited with ${code}`)),
      };
      child.on('message', listeners.message);
      child.once('exit', listeners.exit);
    });
  const ready = await next('ready');
  return {
    child,
    githubApiBaseUrl: ready.githubApiBaseUrl,
    /** Requests and archive downloads since the last call. */
    async stats() {
      child.send({ type: 'stats' });
      return next('stats');
    },
    stop() {
      child.send({ type: 'stop' });
    },
  };
}

let scmChild;

async function main() {
  if (args.scm) scmChild = await startScmChild();
  const { repos, entities } = syntheticCatalog(
    ENTITIES,
    examplesRoot,
    scmChild
      ? index =>
          `url:https://${SCM_HOST}/${SCM_OWNER}/${componentName(
            index,
          )}/tree/main/`
      : undefined,
  );
  log(
    `node ${process.version}, ${cpus().length} cores, load average ` +
      `${loadavg()
        .map(n => n.toFixed(2))
        .join(' ')} at start`,
  );
  log(
    `${ENTITIES} components over ${repos.length} repositories in ${examplesRoot}` +
      ` (${repos.join(', ')}), SQLite file ${file}`,
  );
  if (scmChild) {
    log(
      `sources: ${ENTITIES} GitHub repositories (one per component, over those ` +
        `${repos.length} trees) on the local SCM server in a child process, ` +
        `${args.latency} ms added to every answer, read through Backstage's GitHub URL reader`,
    );
  }

  const config = new ConfigReader({
    readiness: {
      localRoots: [examplesRoot],
      concurrency: CONCURRENCY,
      fetchConcurrency: FETCH_CONCURRENCY,
      checkConcurrency: CHECK_CONCURRENCY,
      batchSize: BATCH_SIZE,
    },
    ...(scmChild && {
      integrations: {
        github: [{ host: SCM_HOST, apiBaseUrl: scmChild.githubApiBaseUrl }],
      },
    }),
  });
  const options = readReadinessOptions(config);
  const counts = { info: 0, warn: 0, error: 0 };
  const logger = createLogger(counts);
  if (args.wal) {
    await knex.raw('PRAGMA journal_mode = WAL');
    await knex.raw('PRAGMA synchronous = NORMAL');
  }
  const journal = (await knex.raw('PRAGMA journal_mode'))[0].journal_mode;
  const synchronous = ['OFF', 'NORMAL', 'FULL', 'EXTRA'][
    (await knex.raw('PRAGMA synchronous'))[0].synchronous
  ];
  log(`SQLite journal_mode=${journal}, synchronous=${synchronous}`);
  const rules = createRuleRegistry({});
  const store = await DatabaseReadinessStore.create({
    database: { getClient: async () => knex },
  });
  const integrations = ScmIntegrations.fromConfig(config);
  const sources = RepositorySources.create({
    urlReader: scmChild
      ? ScmRateLimits.create({ store, integrations, logger }).wrap(
          UrlReaders.default({ config, logger }),
        )
      : {
          async readUrl() {
            throw new Error('no url: sources without --scm');
          },
          async readTree() {
            throw new Error('no url: sources without --scm');
          },
          async search() {
            throw new Error('no url: sources without --scm');
          },
        },
    localRoots: options.localRoots,
    limits: options.limits,
    sourceLimits: options.sourceLimits,
    logger,
    integrations,
    downloadConcurrency: options.fetchConcurrency,
  });
  const totals = new Map();
  timeMethods(sources, 'sources', ['open'], totals);
  timeMethods(
    store,
    'store',
    [
      'syncEntities',
      'claimDue',
      'getScorecard',
      'getBlockerRuleIds',
      'saveAudit',
      'saveError',
      'markUnchanged',
      'releaseClaim',
      'pruneHistory',
    ],
    totals,
  );
  const auditor = EntityAuditor.create({ rules, options, sources });
  let audits = 0;
  timeMethods(auditor, 'auditor', ['audit'], totals);
  const countingAuditor = {
    async audit(...callArgs) {
      const outcome = await auditor.audit(...callArgs);
      if (outcome.status === 'audited') audits += 1;
      return outcome;
    },
  };
  const catalog = stubCatalog(entities);
  let clockOffsetMs = 0;
  const refresher = ReadinessRefresher.create({
    store,
    auditor: countingAuditor,
    catalog,
    auth,
    scheduler: {
      async scheduleTask() {
        throw new Error('the benchmark drives the refresher itself');
      },
    },
    logger,
    options,
    notifier: ReadinessNotifier.create({
      notifications: { async send() {} },
      logger,
      settings: options.notifications,
    }),
    clock: () => new Date(Date.now() + clockOffsetMs),
  });
  log(
    `${rules.list().length} rules, concurrency ${options.concurrency} ` +
      `(fetch ${options.fetchConcurrency}, checks ${options.checkConcurrency}), ` +
      `batch size ${options.batchSize}, audit interval ${
        options.auditIntervalMs / 3_600_000
      } h`,
  );

  // Pass 1: one scheduled run over an empty store audits everything.
  log('');
  log('Pass 1: first audit of every component');
  const cpu1 = process.cpuUsage();
  let started = performance.now();
  await refresher.run();
  const firstMs = performance.now() - started;
  const firstCpu = process.cpuUsage(cpu1);
  const firstRssKiB = process.resourceUsage().maxRSS;
  const afterFirst = await tableCounts();
  const firstAudits = audits;
  const firstTotals = new Map(totals);
  totals.clear();
  const firstScm = await scmChild?.stats();

  // Pass 2: the audit interval has gone by, nothing changed on disk.
  log('');
  log('Pass 2: the same components once the audit interval is over');
  clockOffsetMs = options.auditIntervalMs + 60_000;
  audits = 0;
  const profiler = args['profile-pass2'] ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const cpu2 = process.cpuUsage();
  started = performance.now();
  await refresher.run();
  const secondMs = performance.now() - started;
  const secondCpu = process.cpuUsage(cpu2);
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(args['profile-pass2'], JSON.stringify(profile));
    profiler.disconnect();
  }
  const afterSecond = await tableCounts();
  const secondAudits = audits;
  const endRssKiB = process.resourceUsage().maxRSS;
  const secondTotals = new Map(totals);
  const secondScm = await scmChild?.stats();

  const cpuSeconds = c => ((c.user + c.system) / 1e6).toFixed(1);
  log('');
  log(`entities:                ${ENTITIES}`);
  log(
    `pass 1 (audit):          ${(firstMs / 1000).toFixed(1)} s wall, ` +
      `${cpuSeconds(firstCpu)} s CPU, ${firstAudits} audited, ` +
      `${afterFirst.scored} scored, ${afterFirst.failed} failed, ` +
      `${(firstMs / ENTITIES).toFixed(1)} ms per entity`,
  );
  for (const error of afterFirst.errors) log(`  failed: ${error}`);
  log(`peak RSS after pass 1:   ${mib(firstRssKiB)} MiB`);
  log(
    `pass 2 (unchanged):      ${(secondMs / 1000).toFixed(2)} s wall, ` +
      `${cpuSeconds(secondCpu)} s CPU, ${secondAudits} audited, ` +
      `${afterSecond.history - afterFirst.history} new history points`,
  );
  log(`speed-up pass 1/pass 2:  ${(firstMs / secondMs).toFixed(1)}x`);
  for (const [pass, stats] of [
    [1, firstScm],
    [2, secondScm],
  ]) {
    if (stats) {
      log(
        `SCM pass ${pass}:              ${stats.requests} requests, ` +
          `${stats.archives} archive downloads, ${stats.notModified} answered 304, ` +
          `${stats.cpuSeconds.toFixed(
            1,
          )} s CPU in the server and its git processes`,
      );
    }
  }
  log(`peak RSS at the end:     ${mib(endRssKiB)} MiB`);
  log('  where pass 1 went (summed over concurrent calls):');
  printTotals(firstTotals);
  log('  where pass 2 went (summed over concurrent calls):');
  printTotals(secondTotals);
  log(
    `warnings ${counts.warn}, errors ${counts.error}; ` +
      `catalog calls: ${catalog.calls.stream} streams, ${catalog.calls.byRefs} look-ups by ref`,
  );
  log(
    `database:                ${(statSync(file).size / 1024 / 1024).toFixed(
      1,
    )} MiB, load average ${loadavg()
      .map(n => n.toFixed(2))
      .join(' ')} at the end`,
  );
  log('');
  log(
    `targets: pass 1 <= 10 min on 2 cores (${
      firstMs <= 600_000 ? 'met' : 'missed'
    }), peak RSS <= 1 GiB (${
      endRssKiB <= 1024 * 1024 ? 'met' : 'missed'
    }), pass 2 >= 20x faster (${firstMs / secondMs >= 20 ? 'met' : 'missed'})`,
  );
  await refresher.stop();
}

main()
  .catch(error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    scmChild?.stop();
    await knex.destroy();
    if (workDir && !args.keep)
      rmSync(workDir, { recursive: true, force: true });
  });
