#!/usr/bin/env node
/*
 * Chaos run of the Readiness backend: two replicas, each a separate Node
 * process, audit one synthetic catalog on one PostgreSQL database, and one
 * of them is killed with SIGKILL at a random moment of every window of
 * --kill-every seconds (one that holds leases at that moment, when either
 * does), then restarted at once under a new lease owner id. Each
 * replica wires the plugin's own pieces as plugin.ts does (the store with its
 * queue, scorecard and query stores, RepositorySources with localRoots,
 * EntityAuditor with the built-in rules, ReadinessRefresher with its fenced
 * leases, LeaseHeartbeat and queue poll); only the catalog, auth and the
 * scheduler are stubs.
 *
 *   cd plugins/readiness-backend
 *   node scripts/chaos.mjs --pg postgresql://postgres@127.0.0.1:5433
 *        [--entities 1000] [--duration 300] [--kill-every 20]
 *        [--audit-interval 60] [--change-every 10] [--lease-seconds 60]
 *        [--concurrency 2] [--batch-size 20] [--seed <n>] [--keep]
 *        [--code HEAD | <commit> | working-tree]
 *
 * The run uses a database of its own on the server (readiness_chaos_<pid>),
 * dropped at the end unless --keep. The connection string may also come from
 * READINESS_CHAOS_PG or BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING.
 *
 * A replica loads the code when it starts, and restarted replicas start all
 * along the run: so that they all run the same code, the replicas run a copy
 * of the Readiness packages at a commit (--code, HEAD by default; the
 * orchestrator runs that copy's migrations). --code working-tree runs the
 * files on disk instead, and says whether they changed during the run.
 *
 * So that entities come due again within minutes, the audit interval is
 * shortened (--audit-interval seconds), and the sample repositories are
 * copied to a temporary directory where one of them changes every
 * --change-every seconds (a file rewritten): a due entity whose repository
 * changed is audited again, the others are found unchanged by their etag.
 *
 * While the run goes on, the script polls the store (every entity's current
 * audit and check time, its queue row) and records what every replica
 * reports it saved. Afterwards it checks and prints:
 *   - every entity has exactly one current scorecard, consistent with its
 *     blockers index and its latest history point;
 *   - no entity's current scorecard was ever older than one already served
 *     (the audit time seen by the poller never goes backwards, and the final
 *     one is at least as new as every audit a replica reported saved);
 *   - no audit lost: every entity audited after the start, every saved audit
 *     has its history point, every entity checked again within its interval,
 *     no failed audit (every repository is readable: each error row is listed
 *     with its message), no leftover lease, no replica that died by itself;
 *   - the time from each kill to the re-audit of the entities the killed
 *     replica held (max and median), and audits per minute.
 * Not a test: it prints figures, and exits 1 when a check fails.
 */
import { execFileSync, fork } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { syntheticCatalog } from './syntheticCatalog.mjs';
import { snapshotCode } from './codeSnapshot.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, '..');
const repoRoot = resolve(packageDir, '../..');
const require = createRequire(join(packageDir, 'package.json'));
const knexFactory = require('knex');

const CODE_DIRS = [
  'plugins/readiness-backend/src',
  'plugins/readiness-backend/migrations',
  'plugins/readiness-node/src',
  'plugins/readiness-common/src',
];
const QUEUE = 'readiness_refresh_state';
const SCORECARDS = 'readiness_scorecards';
const HISTORY = 'readiness_history';
const BLOCKERS = 'readiness_blockers';

function log(message = '') {
  process.stdout.write(`${message}\n`);
}

const sleep = delay => new Promise(r => setTimeout(r, delay));

/** Epoch milliseconds of a date column (a Date from pg), or null. */
function ms(value) {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return new Date(value).getTime();
}

/**
 * The code the replicas load: the commit, the files of the Readiness
 * packages that differ from it, and the newest modification time among them
 * (each restarted replica loads the code on disk anew).
 */
function codeState() {
  const dirs = CODE_DIRS;
  const git = (...gitArgs) =>
    execFileSync('git', gitArgs, { cwd: repoRoot, encoding: 'utf8' });
  let newest = 0;
  let files = 0;
  const walk = dir => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        files += 1;
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  for (const dir of dirs) walk(join(repoRoot, dir));
  let commit = 'unknown';
  let changed = [];
  try {
    commit = git('rev-parse', '--short', 'HEAD').trim();
    changed = git('status', '--porcelain', '--', ...dirs)
      .split('\n')
      .filter(Boolean);
  } catch {
    // Not a git checkout: the modification time alone tells changes apart.
  }
  return { commit, changed, newest, files };
}

// ---------------------------------------------------------------------------
// Replica: one backend process.
// ---------------------------------------------------------------------------

/** Milliseconds of a HumanDuration ({ minutes: 5 }, { milliseconds: 20000 }). */
function durationMs(duration) {
  if (!duration) return 0;
  const unit = {
    milliseconds: 1,
    seconds: 1000,
    minutes: 60_000,
    hours: 3_600_000,
    days: 86_400_000,
  };
  let total = 0;
  for (const [key, value] of Object.entries(duration)) {
    if (!(key in unit)) throw new Error(`unsupported duration unit ${key}`);
    total += Number(value) * unit[key];
  }
  return total;
}

/**
 * The scheduler a replica gets: every task runs on this replica, first after
 * its initial delay, then `frequency` after the previous run ended, until
 * its signal aborts. Cluster-wide tasks are not coordinated between replicas
 * (each runs the scheduled sync and drain); the queue's claims are.
 */
function localScheduler(report) {
  return {
    async scheduleTask(task) {
      const every = durationMs(task.frequency);
      const loop = async () => {
        await sleep(durationMs(task.initialDelay));
        while (!task.signal?.aborted) {
          try {
            await task.fn(task.signal);
          } catch (e) {
            report('warn', `task ${task.id} failed: ${e?.message ?? e}`);
          }
          await sleep(every);
        }
      };
      loop();
    },
  };
}

async function runReplica() {
  const config = JSON.parse(process.env.READINESS_CHAOS_REPLICA);
  const send = message => {
    if (process.connected) process.send(message);
  };
  const report = (level, message) => send({ type: 'log', level, message });
  // The package this replica runs: a copy at a commit, or this one.
  const load = createRequire(join(config.backendDir, 'package.json'));
  // Lets plain Node load the TypeScript sources of this package and the engine.
  load('@backstage/cli/config/nodeTransform.cjs');
  const { ConfigReader } = load('@backstage/config');
  const { stringifyEntityRef } = load('@backstage/catalog-model');
  const { readReadinessOptions } = load('./src/options.ts');
  const { createRuleRegistry } = load('./src/rules/createRuleRegistry.ts');
  const { DatabaseReadinessStore } = load(
    './src/database/DatabaseReadinessStore.ts',
  );
  const { RepositorySources } = load('./src/sources/RepositorySources.ts');
  const { EntityAuditor } = load('./src/audit/EntityAuditor.ts');
  const { ReadinessRefresher } = load('./src/scheduler/ReadinessRefresher.ts');
  const { ReadinessNotifier } = load(
    './src/notifications/ReadinessNotifier.ts',
  );

  const knex = knexFactory({
    client: 'pg',
    connection: config.connection,
    pool: { min: 0, max: 5 },
  });
  const logger = {
    debug() {},
    info() {},
    warn(message, error) {
      report('warn', `${message}${error ? `: ${error.message}` : ''}`);
    },
    error(message, error) {
      report('error', `${message}${error ? `: ${error.message}` : ''}`);
    },
    child() {
      return logger;
    },
  };
  const { entities } = syntheticCatalog(config.entities, config.reposRoot);
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const catalog = {
    async *streamEntities() {
      for (let i = 0; i < entities.length; i += 500) {
        yield entities.slice(i, i + 500);
      }
    },
    async getEntitiesByRefs(request) {
      return { items: request.entityRefs.map(ref => byRef.get(ref)) };
    },
  };
  const auth = {
    async getOwnServiceCredentials() {
      return {
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'service', subject: 'plugin:readiness' },
      };
    },
  };
  const options = readReadinessOptions(
    new ConfigReader({
      readiness: {
        localRoots: [config.reposRoot],
        concurrency: config.concurrency,
        batchSize: config.batchSize,
        leaseSeconds: config.leaseSeconds,
        auditInterval: { seconds: config.auditIntervalSeconds },
      },
    }),
  );
  const store = await DatabaseReadinessStore.create({
    database: { getClient: async () => knex },
    // The orchestrator ran the migrations of the code the replicas run;
    // replicas that start together would race for the migration lock.
    skipMigrations: true,
  });
  // What this replica claims and saves, reported as it happens.
  const claimDue = store.claimDue.bind(store);
  store.claimDue = async (...args) => {
    const claims = await claimDue(...args);
    if (claims.length > 0) send({ type: 'claimed', count: claims.length });
    return claims;
  };
  const saveAudit = store.saveAudit.bind(store);
  store.saveAudit = async (record, retention) => {
    const saved = await saveAudit(record, retention);
    if (saved) {
      send({
        type: 'saved',
        ref: record.entity.entityRef,
        auditedAt: record.auditedAt.getTime(),
        token: record.lease?.token,
      });
    }
    return saved;
  };
  const saveError = store.saveError.bind(store);
  store.saveError = async options_ => {
    const saved = await saveError(options_);
    if (saved) {
      send({
        type: 'error-saved',
        ref: options_.entity.entityRef,
        error: options_.error,
      });
    }
    return saved;
  };
  const completeUnchanged = store.completeUnchanged.bind(store);
  store.completeUnchanged = async items => {
    const released = await completeUnchanged(items);
    send({ type: 'unchanged', count: released });
    return released;
  };
  const sources = RepositorySources.create({
    urlReader: {
      async readUrl() {
        throw new Error('no url: sources in this run');
      },
      async readTree() {
        throw new Error('no url: sources in this run');
      },
      async search() {
        throw new Error('no url: sources in this run');
      },
    },
    localRoots: options.localRoots,
    limits: options.limits,
    logger,
  });
  const rules = createRuleRegistry({});
  const auditor = EntityAuditor.create({ rules, options, sources });
  const refresher = ReadinessRefresher.create({
    id: config.id,
    store,
    auditor,
    catalog,
    auth,
    scheduler: localScheduler(report),
    logger,
    options,
    notifier: ReadinessNotifier.create({
      notifications: { async send() {} },
      logger,
      settings: options.notifications,
    }),
  });
  await refresher.start();
  send({
    type: 'ready',
    rules: rules.list().length,
    heartbeatMs: refresher.heartbeatMs,
    schedule: options.schedule,
  });
  const shutdown = async () => {
    await refresher.stop();
    await knex.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => {
    shutdown().catch(() => process.exit(1));
  });
  // An orchestrator that is gone takes its replicas with it.
  process.on('disconnect', () => process.exit(1));
}

// ---------------------------------------------------------------------------
// Orchestrator.
// ---------------------------------------------------------------------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

const secs = value =>
  Number.isFinite(value) ? (value / 1000).toFixed(1) : '-';

async function runOrchestrator() {
  const { values: args } = parseArgs({
    options: {
      pg: { type: 'string' },
      entities: { type: 'string', default: '1000' },
      duration: { type: 'string', default: '300' },
      'kill-every': { type: 'string', default: '20' },
      'audit-interval': { type: 'string', default: '60' },
      'change-every': { type: 'string', default: '10' },
      'lease-seconds': { type: 'string', default: '60' },
      concurrency: { type: 'string', default: '2' },
      'batch-size': { type: 'string', default: '20' },
      'poll-ms': { type: 'string', default: '500' },
      seed: { type: 'string' },
      code: { type: 'string', default: 'HEAD' },
      keep: { type: 'boolean', default: false },
    },
  });
  const pgUrl =
    args.pg ??
    process.env.READINESS_CHAOS_PG ??
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!pgUrl) {
    throw new Error(
      'a PostgreSQL server is needed: --pg <connection string> (bash scripts/postgres.sh start at the repository root prints one)',
    );
  }
  const numbers = {};
  for (const name of [
    'entities',
    'duration',
    'kill-every',
    'audit-interval',
    'change-every',
    'lease-seconds',
    'concurrency',
    'batch-size',
    'poll-ms',
  ]) {
    const value = Number(args[name]);
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`--${name} must be a whole number of 1 or more`);
    }
    numbers[name] = value;
  }
  const ENTITIES = numbers.entities;
  const DURATION_MS = numbers.duration * 1000;
  const KILL_EVERY_MS = numbers['kill-every'] * 1000;
  const LEASE_SECONDS = numbers['lease-seconds'];
  const AUDIT_INTERVAL_MS = numbers['audit-interval'] * 1000;
  const CHANGE_EVERY_MS = numbers['change-every'] * 1000;
  const POLL_MS = numbers['poll-ms'];
  const seed = args.seed !== undefined ? Number(args.seed) : Date.now() >>> 0;
  const random = mulberry32(seed);
  // A dead replica's entities are claimed again at most this long after it
  // died (lease expiry plus one queue poll), behind at most one batch.
  const RECOVERY_BOUND_MS = (LEASE_SECONDS * 1000 * 4) / 3;

  // Our own database on the shared server.
  const database = `readiness_chaos_${process.pid}`;
  const adminUrl = new URL(pgUrl);
  adminUrl.pathname = '/postgres';
  const admin = knexFactory({
    client: 'pg',
    connection: adminUrl.toString(),
    pool: { min: 0, max: 1 },
  });
  await admin.raw(`CREATE DATABASE ??`, [database]);
  const dbUrl = new URL(pgUrl);
  dbUrl.pathname = `/${database}`;
  const connection = dbUrl.toString();
  const db = knexFactory({
    client: 'pg',
    connection,
    pool: { min: 1, max: 3 },
  });

  // The sample repositories, copied so that the run can change them.
  const workDir = mkdtempSync(join(tmpdir(), 'readiness-chaos-'));
  const reposRoot = join(workDir, 'repos');
  const scratch = join(workDir, 'scratch');
  mkdirSync(scratch);
  cpSync(resolve(packageDir, '../../examples/repos'), reposRoot, {
    recursive: true,
  });
  const { repos, entities } = syntheticCatalog(ENTITIES, reposRoot);
  const catalogRefs = new Set(
    entities.map(e => `component:default/${e.metadata.name}`),
  );

  const children = new Map(); // slot -> { child, id, gen, startedAt, readyAt }
  let stopping = false;
  const cleanup = async () => {
    for (const { child } of children.values()) child.kill('SIGKILL');
    await db.destroy().catch(() => undefined);
    if (!args.keep) {
      await admin
        .raw(`DROP DATABASE IF EXISTS ??`, [database])
        .catch(() => undefined);
    }
    await admin.destroy().catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
  };
  process.on('SIGINT', () => {
    stopping = true;
    cleanup().finally(() => process.exit(130));
  });

  try {
    // The replicas run the committed code (--code <rev>, HEAD by default),
    // or the files on disk with --code working-tree.
    const fromTree = args.code === 'working-tree';
    const backendDir = fromTree
      ? packageDir
      : snapshotCode(args.code, join(workDir, 'code'));
    const codeRev = fromTree
      ? 'working tree'
      : execFileSync('git', ['rev-parse', '--short', args.code], {
          cwd: repoRoot,
          encoding: 'utf8',
        }).trim();
    if (!existsSync(join(backendDir, 'src/plugin.ts'))) {
      throw new Error(`no backend plugin in ${backendDir}`);
    }
    await db.migrate.latest({ directory: join(backendDir, 'migrations') });
    const version = (await db.raw('SHOW server_version')).rows[0]
      .server_version;
    const code = codeState();

    log(
      `node ${process.version}, ${cpus().length} cores, load average ${loadavg()
        .map(n => n.toFixed(2))
        .join(' ')} at start, PostgreSQL ${version} (database ${database})`,
    );
    log(
      `${ENTITIES} components over ${repos.length} repositories (${repos.join(
        ', ',
      )}), copied to ${reposRoot}`,
    );
    log(
      fromTree
        ? `code: the working tree (commit ${code.commit}, ${code.changed.length} files of the Readiness packages differing from it), loaded anew by every replica that starts`
        : `code: the Readiness packages at commit ${codeRev} (${args.code}), copied to ${backendDir}/..; the working tree (${code.changed.length} files differing from it) is not used`,
    );
    log(
      `settings: 2 replicas, ${numbers.duration} s of chaos, one replica killed (SIGKILL) at a random moment of every ${numbers['kill-every']} s window (one holding leases at that moment, when either does) and restarted at once; ` +
        `lease ${LEASE_SECONDS} s, concurrency ${numbers.concurrency}, batch size ${numbers['batch-size']}, ` +
        `audit interval shortened to ${numbers['audit-interval']} s (default 6 h), one repository changed every ${numbers['change-every']} s, ` +
        `store polled every ${POLL_MS} ms, seed ${seed}`,
    );

    // What the run observes.
    const events = { claimed: 0, saved: 0, errorSaved: 0, unchanged: 0 };
    const savedAudits = []; // { ref, auditedAt, by }
    const maxSaved = new Map(); // ref -> newest auditedAt a replica saved
    const errorsSaved = new Map(); // message -> count
    const logs = new Map(); // normalized message -> { level, count, example }
    const kills = []; // { at, slot, id, held: Map(ref -> token), done: Map(ref -> { at, audited }) }
    let ready = { rules: 0, heartbeatMs: 0, schedule: undefined };
    let crashes = 0;
    const startups = [];

    const note = (level, message) => {
      const key = message
        .replace(/component:default\/svc-\d+/g, '<entity>')
        .replace(/token \d+/g, 'token <n>')
        .replace(/replica-\d-\d+/g, '<replica>')
        .replace(/\d+ (unchanged )?entities/g, '<n> $1entities');
      const entry = logs.get(key) ?? { level, count: 0, example: message };
      entry.count += 1;
      logs.set(key, entry);
    };

    const start = slot => {
      const previous = children.get(slot);
      const gen = (previous?.gen ?? 0) + 1;
      const id = `replica-${slot}-${gen}`;
      const child = fork(fileURLToPath(import.meta.url), ['--replica'], {
        cwd: packageDir,
        env: {
          ...process.env,
          READINESS_CHAOS_REPLICA: JSON.stringify({
            id,
            backendDir,
            connection,
            entities: ENTITIES,
            reposRoot,
            concurrency: numbers.concurrency,
            batchSize: numbers['batch-size'],
            leaseSeconds: LEASE_SECONDS,
            auditIntervalSeconds: numbers['audit-interval'],
          }),
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const entry = { child, id, gen, startedAt: Date.now(), readyAt: 0 };
      children.set(slot, entry);
      child.on('message', message => {
        switch (message.type) {
          case 'ready':
            entry.readyAt = Date.now();
            startups.push(entry.readyAt - entry.startedAt);
            ready = message;
            break;
          case 'claimed':
            events.claimed += message.count;
            break;
          case 'saved': {
            events.saved += 1;
            savedAudits.push({
              ref: message.ref,
              auditedAt: message.auditedAt,
              by: id,
            });
            if ((maxSaved.get(message.ref) ?? 0) < message.auditedAt) {
              maxSaved.set(message.ref, message.auditedAt);
            }
            break;
          }
          case 'error-saved':
            events.errorSaved += 1;
            errorsSaved.set(
              message.error,
              (errorsSaved.get(message.error) ?? 0) + 1,
            );
            break;
          case 'unchanged':
            events.unchanged += message.count;
            break;
          case 'log':
            note(message.level, message.message);
            break;
          default:
        }
      });
      child.on('exit', (exitCode, signal) => {
        entry.exited = { code: exitCode, signal, at: Date.now() };
        if (!entry.killed && !stopping) {
          crashes += 1;
          note(
            'error',
            `${id} exited on its own (code ${exitCode}, ${signal})`,
          );
        }
        if (!stopping && children.get(slot) === entry) start(slot);
      });
      return entry;
    };

    const runStart = Date.now();
    start(0);
    start(1);
    while ([...children.values()].some(c => !c.readyAt)) await sleep(100);
    const chaosStart = Date.now();
    log(
      `replicas ready after ${secs(chaosStart - runStart)} s (${
        ready.rules
      } rules, heartbeat and queue poll every ${secs(
        ready.heartbeatMs,
      )} s, scheduled run every ${secs(
        durationMs(ready.schedule?.frequency),
      )} s)`,
    );
    log('');

    // Repository changes, one repository at a time in turn.
    let changes = 0;
    const changer = setInterval(() => {
      const repo = repos[changes % repos.length];
      changes += 1;
      const staged = join(scratch, 'CHANGES.md');
      writeFileSync(
        staged,
        `# Changes\n\n${'-'.repeat(changes % 50)} ${changes}\n`,
      );
      renameSync(staged, join(reposRoot, repo, 'CHANGES.md'));
    }, CHANGE_EVERY_MS);

    // The poller: what the store serves, and the re-audits kills wait for.
    const lastServed = new Map(); // ref -> audited_at ms last seen
    const lastChecked = new Map(); // ref -> checked_at ms last seen
    const maxCheckGap = new Map(); // ref -> longest wait between checks
    const regressions = [];
    let polls = 0;
    let pollMsTotal = 0;
    let polling = true;
    const poll = async () => {
      const started = Date.now();
      const rows = await db(QUEUE)
        .leftJoin(SCORECARDS, `${QUEUE}.entity_ref`, `${SCORECARDS}.entity_ref`)
        .select(
          `${QUEUE}.entity_ref as ref`,
          `${QUEUE}.lease_owner as owner`,
          `${QUEUE}.lease_token as token`,
          `${SCORECARDS}.audited_at as audited`,
          `${SCORECARDS}.checked_at as checked`,
        );
      const seenAt = Date.now();
      for (const row of rows) {
        const audited = ms(row.audited);
        const checked = ms(row.checked);
        const served = lastServed.get(row.ref);
        if (audited !== null) {
          if (served !== undefined && audited < served) {
            regressions.push({
              ref: row.ref,
              from: served,
              to: audited,
              seenAt,
            });
          } else {
            lastServed.set(row.ref, audited);
          }
        } else if (served !== undefined) {
          regressions.push({ ref: row.ref, from: served, to: null, seenAt });
        }
        if (checked !== null) {
          const before = lastChecked.get(row.ref);
          if (before !== undefined && checked > before) {
            maxCheckGap.set(
              row.ref,
              Math.max(maxCheckGap.get(row.ref) ?? 0, checked - before),
            );
          }
          if (before === undefined || checked > before) {
            lastChecked.set(row.ref, checked);
          }
        }
        for (const kill of kills) {
          if (!kill.held || kill.done.has(row.ref)) continue;
          const token = kill.held.get(row.ref);
          if (token === undefined) continue;
          // Done once a later claim recorded the entity: its audit (or its
          // unchanged check) is saved under a newer token.
          if (
            Number(row.token) > token &&
            checked !== null &&
            checked >= kill.at
          ) {
            kill.done.set(row.ref, {
              at: seenAt,
              audited: audited !== null && audited >= kill.at,
              by: row.owner,
            });
          }
        }
      }
      polls += 1;
      pollMsTotal += Date.now() - started;
    };
    const poller = (async () => {
      while (polling) {
        try {
          await poll();
        } catch (e) {
          note('error', `poll failed: ${e.message}`);
        }
        await sleep(POLL_MS);
      }
    })();

    // The kills: one per window, at a random moment, of a random replica.
    const windows = Math.floor(DURATION_MS / KILL_EVERY_MS);
    for (let w = 0; w < windows; w++) {
      const windowStart = chaosStart + w * KILL_EVERY_MS;
      const at = windowStart + Math.floor(random() * KILL_EVERY_MS);
      await sleep(Math.max(0, at - Date.now()));
      // The replica killed is one that holds leases at that moment, when
      // either does; otherwise either.
      const ids = [0, 1].map(s => children.get(s).id);
      const holding = new Map(
        (
          await db(QUEUE)
            .whereIn('lease_owner', ids)
            .select('lease_owner')
            .count({ n: '*' })
            .groupBy('lease_owner')
        ).map(r => [r.lease_owner, Number(r.n)]),
      );
      const candidates = [0, 1].filter(s => holding.has(ids[s]));
      const pool = candidates.length > 0 ? candidates : [0, 1];
      const slot = pool[Math.floor(random() * pool.length)];
      const entry = children.get(slot);
      const kill = {
        at: Date.now(),
        slot,
        id: entry.id,
        starting: !entry.readyAt,
        held: undefined,
        done: new Map(),
      };
      entry.killed = true;
      entry.child.kill('SIGKILL');
      kills.push(kill);
      // Once the process is gone and the server has rolled back whatever it
      // had in flight, what it still holds is what the others must take over.
      while (!entry.exited) await sleep(20);
      await sleep(250);
      const held = await db(QUEUE)
        .where('lease_owner', kill.id)
        .select('entity_ref', 'lease_token');
      kill.held = new Map(held.map(r => [r.entity_ref, Number(r.lease_token)]));
      log(
        `  ${secs(kill.at - chaosStart).padStart(6)} s  killed ${kill.id}${
          kill.starting ? ' (still starting)' : ''
        }, holding ${kill.held.size} entities; load ${loadavg()[0].toFixed(2)}`,
      );
    }
    await sleep(Math.max(0, chaosStart + DURATION_MS - Date.now()));
    const chaosEnd = Date.now();
    clearInterval(changer);

    // Let the last kills' entities be taken over, then stop the replicas.
    const settleUntil =
      Math.max(chaosEnd, ...kills.map(k => k.at)) + RECOVERY_BOUND_MS + 60_000;
    const pending = () =>
      kills.reduce((n, k) => n + (k.held.size - k.done.size), 0);
    while (pending() > 0 && Date.now() < settleUntil) await sleep(500);
    const settledAt = Date.now();
    stopping = true;
    const exits = [...children.values()].map(
      c =>
        new Promise(r => {
          if (c.exited) r();
          else c.child.once('exit', r);
        }),
    );
    for (const { child } of children.values()) child.kill('SIGTERM');
    const stopped = await Promise.race([
      Promise.all(exits).then(() => true),
      sleep(90_000).then(() => false),
    ]);
    if (!stopped) {
      note('error', 'a replica did not stop within 90 s of SIGTERM');
      for (const { child } of children.values()) child.kill('SIGKILL');
      await Promise.all(exits);
    }
    polling = false;
    await poller;
    await poll(); // the final state, through the same checks
    const endedAt = Date.now();
    const codeAfter = fromTree ? codeState() : code;

    // ----------------------------------------------------------------------
    // Checks on the final state.
    // ----------------------------------------------------------------------
    const failures = [];
    const check = (ok, message) => {
      if (!ok) failures.push(message);
      return ok ? 'ok' : 'FAILED';
    };

    const scorecards = await db(SCORECARDS).select(
      'entity_ref',
      'score',
      'blockers',
      'audited_at',
      'checked_at',
      'error',
      db.raw('scorecard IS NULL AS no_document'),
      db.raw(`(scorecard::json ->> 'generatedAt') AS generated_at`),
      db.raw(
        `json_array_length(scorecard::json -> 'blockers') AS doc_blockers`,
      ),
    );
    const rowsPerRef = new Map();
    for (const row of scorecards) {
      rowsPerRef.set(row.entity_ref, (rowsPerRef.get(row.entity_ref) ?? 0) + 1);
    }
    const missing = [...catalogRefs].filter(ref => !rowsPerRef.has(ref));
    const extra = [...rowsPerRef.keys()].filter(ref => !catalogRefs.has(ref));
    const duplicated = [...rowsPerRef.values()].filter(n => n !== 1).length;
    const noDocument = scorecards.filter(
      r => r.no_document || r.score === null,
    );
    const blockerCounts = new Map(
      (
        await db(BLOCKERS)
          .select('entity_ref')
          .count({ n: '*' })
          .groupBy('entity_ref')
      ).map(r => [r.entity_ref, Number(r.n)]),
    );
    const blockerMismatch = scorecards.filter(
      r =>
        !r.no_document &&
        (Number(r.blockers) !== Number(r.doc_blockers) ||
          (blockerCounts.get(r.entity_ref) ?? 0) !== Number(r.blockers)),
    );
    const generatedMismatch = scorecards.filter(
      r =>
        !r.no_document &&
        r.generated_at &&
        new Date(r.generated_at).getTime() !== ms(r.audited_at),
    );
    const latestHistory = new Map(
      (
        await db(HISTORY)
          .select('entity_ref')
          .max({ latest: 'audited_at' })
          .count({ n: '*' })
          .groupBy('entity_ref')
      ).map(r => [r.entity_ref, { latest: ms(r.latest), n: Number(r.n) }]),
    );
    const historyMismatch = scorecards.filter(
      r =>
        !r.no_document &&
        latestHistory.get(r.entity_ref)?.latest !== ms(r.audited_at),
    );

    const olderThanSaved = scorecards.filter(
      r => (maxSaved.get(r.entity_ref) ?? 0) > (ms(r.audited_at) ?? 0),
    );
    const olderThanServed = scorecards.filter(
      r => (lastServed.get(r.entity_ref) ?? 0) > (ms(r.audited_at) ?? 0),
    );

    const historyKeys = new Set(
      (
        await db(HISTORY)
          .where('audited_at', '>=', new Date(runStart))
          .select('entity_ref', 'audited_at')
      ).map(r => `${r.entity_ref} ${ms(r.audited_at)}`),
    );
    const lostSaves = savedAudits.filter(
      s => !historyKeys.has(`${s.ref} ${s.auditedAt}`),
    );
    const notAuditedSinceStart = scorecards.filter(
      r => (ms(r.audited_at) ?? 0) < runStart,
    );
    const firstKillAt = kills[0]?.at ?? chaosStart;
    const auditedSinceFirstKill = scorecards.filter(
      r => (ms(r.audited_at) ?? 0) >= firstKillAt,
    ).length;
    const checkedSinceFirstKill = scorecards.filter(
      r => (ms(r.checked_at) ?? 0) >= firstKillAt,
    ).length;
    // An entity is checked again at most an interval after its last check,
    // plus one queue poll, plus a dead replica's recovery when it was held.
    const gapBound =
      AUDIT_INTERVAL_MS + ready.heartbeatMs + RECOVERY_BOUND_MS + 30_000;
    const gaps = [...maxCheckGap.values()].sort((a, b) => a - b);
    const lateChecks = [...maxCheckGap.entries()].filter(
      ([, g]) => g > gapBound,
    );
    // Due entities left behind at the end of the chaos.
    const staleAtEnd = scorecards.filter(
      r => (ms(r.checked_at) ?? 0) < chaosEnd - gapBound,
    );
    const errorRows = scorecards.filter(r => r.error);
    const queue = await db(QUEUE).select(
      'entity_ref',
      'lease_owner',
      'lease_token',
      'attempts',
      'last_error',
    );
    const leasedAtEnd = queue.filter(r => r.lease_owner);
    const queueErrors = queue.filter(r => r.last_error);

    // Kill to re-audit.
    const delays = [];
    const perKill = [];
    let heldTotal = 0;
    let reaudited = 0;
    let notRedone = 0;
    for (const kill of kills) {
      heldTotal += kill.held.size;
      const own = [];
      for (const [ref] of kill.held) {
        const done = kill.done.get(ref);
        if (!done) {
          notRedone += 1;
          continue;
        }
        own.push(done.at - kill.at);
        if (done.audited) reaudited += 1;
      }
      own.sort((a, b) => a - b);
      delays.push(...own);
      perKill.push({ kill, own });
    }
    delays.sort((a, b) => a - b);
    const perKillMax = perKill
      .filter(p => p.own.length > 0)
      .map(p => p.own[p.own.length - 1])
      .sort((a, b) => a - b);

    // Throughput, from the history points of the run.
    const auditTimes = [...historyKeys].map(k => Number(k.split(' ')[1]));
    const inChaos = auditTimes.filter(t => t >= chaosStart && t < chaosEnd);
    const minutes = [];
    // Whole minutes; the last one takes what is left of the chaos.
    const buckets = Math.max(1, Math.round((chaosEnd - chaosStart) / 60_000));
    for (let m = 0; m < buckets; m++) {
      const from = chaosStart + m * 60_000;
      const to = m === buckets - 1 ? chaosEnd : from + 60_000;
      minutes.push(
        Math.round(
          (inChaos.filter(t => t >= from && t < to).length * 60_000) /
            (to - from),
        ),
      );
    }
    const perEntity = [...latestHistory.values()]
      .map(h => h.n)
      .sort((a, b) => a - b);

    log('');
    log(
      `run: ${secs(endedAt - runStart)} s in all (replicas starting ${secs(
        chaosStart - runStart,
      )} s, chaos ${secs(chaosEnd - chaosStart)} s, settling ${secs(
        settledAt - chaosEnd,
      )} s, stopping ${secs(endedAt - settledAt)} s); load average ${loadavg()
        .map(n => n.toFixed(2))
        .join(' ')} at the end`,
    );
    const startupSorted = [...startups].sort((a, b) => a - b);
    log(
      `replica processes: ${startups.length} started, ${
        kills.length
      } killed with SIGKILL; start-up to ready: median ${secs(
        quantile(startupSorted, 0.5),
      )} s, max ${secs(startupSorted[startupSorted.length - 1])} s`,
    );
    log(
      `replicas reported: ${events.claimed} claims, ${
        events.saved
      } audits saved, ${events.unchanged} unchanged checks, ${
        events.errorSaved
      } failed audits recorded; ${changes} repository changes; ${polls} polls of the store (${(
        pollMsTotal / Math.max(1, polls)
      ).toFixed(1)} ms each)`,
    );
    log('');
    log('Every entity has exactly one current scorecard:');
    log(
      `  ${scorecards.length} scorecard rows for ${
        catalogRefs.size
      } entities; missing ${missing.length}, not in the catalog ${
        extra.length
      }, more than one row ${duplicated}: ${check(
        missing.length === 0 && extra.length === 0 && duplicated === 0,
        'scorecard rows do not match the catalog one to one',
      )}`,
    );
    log(
      `  without a scored document ${noDocument.length}: ${check(
        noDocument.length === 0,
        'entities without a scorecard',
      )}`,
    );
    log(
      `  blockers index differing from the document ${
        blockerMismatch.length
      }, document of another audit than the row ${
        generatedMismatch.length
      }, latest history point differing from the row ${
        historyMismatch.length
      }: ${check(
        blockerMismatch.length +
          generatedMismatch.length +
          historyMismatch.length ===
          0,
        'scorecard rows inconsistent with their blockers, document or history',
      )}`,
    );
    log('None older than one already served:');
    log(
      `  the served audit time went backwards ${
        regressions.length
      } times over ${polls} polls: ${check(
        regressions.length === 0,
        'a served scorecard went backwards',
      )}`,
    );
    for (const r of regressions.slice(0, 5)) {
      log(
        `    ${r.ref}: ${new Date(r.from).toISOString()} -> ${
          r.to === null ? 'none' : new Date(r.to).toISOString()
        }`,
      );
    }
    log(
      `  final scorecard older than the newest a replica saved ${
        olderThanSaved.length
      }, older than the newest served ${olderThanServed.length}: ${check(
        olderThanSaved.length + olderThanServed.length === 0,
        'a final scorecard is older than one saved or served',
      )}`,
    );
    log('No audit lost:');
    log(
      `  entities never audited since the start ${
        notAuditedSinceStart.length
      }: ${check(
        notAuditedSinceStart.length === 0,
        'entities not audited since the start',
      )}; audited again after the first kill ${auditedSinceFirstKill}, checked again after it ${checkedSinceFirstKill} of ${
        catalogRefs.size
      }`,
    );
    log(
      `  audits reported saved without their history point ${
        lostSaves.length
      } of ${savedAudits.length}: ${check(
        lostSaves.length === 0,
        'saved audits missing from history',
      )}; history points of the run ${
        historyKeys.size
      } (audits per entity: min ${perEntity[0]}, median ${quantile(
        perEntity,
        0.5,
      )}, max ${perEntity[perEntity.length - 1]})`,
    );
    log(
      `  longest wait between two checks of an entity: median ${secs(
        quantile(gaps, 0.5),
      )} s, p95 ${secs(quantile(gaps, 0.95))} s, max ${secs(
        gaps[gaps.length - 1],
      )} s; over ${secs(gapBound)} s (interval + poll + recovery + 30 s) ${
        lateChecks.length
      }, not checked in the last ${secs(gapBound)} s of the chaos ${
        staleAtEnd.length
      }: ${check(
        lateChecks.length + staleAtEnd.length === 0,
        'entities not re-audited within their interval',
      )}`,
    );
    log(
      `  leases still held after the replicas stopped ${
        leasedAtEnd.length
      }: ${check(leasedAtEnd.length === 0, 'leases left held')}`,
    );
    // Every repository of the run is readable and allowed, and a kill
    // interrupts an audit without recording anything: no failure is expected.
    log(
      `  error rows: ${errorRows.length} scorecards with an error, ${
        queueErrors.length
      } queue rows with a last error, ${
        events.errorSaved
      } failed audits recorded during the run: ${check(
        errorRows.length + queueErrors.length + events.errorSaved === 0,
        'failed audits recorded',
      )}`,
    );
    const errorMessages = new Map();
    for (const [message, n] of errorsSaved) {
      errorMessages.set(message, { during: n, rows: 0 });
    }
    for (const message of [
      ...errorRows.map(e => e.error),
      ...queueErrors.map(q => q.last_error),
    ]) {
      const entry = errorMessages.get(message) ?? { during: 0, rows: 0 };
      entry.rows += 1;
      errorMessages.set(message, entry);
    }
    for (const [message, { during, rows }] of errorMessages) {
      log(
        `    recorded ${during} times, in ${rows} rows at the end: ${message}`,
      );
    }
    log(
      `  replica processes that exited on their own ${crashes}: ${check(
        crashes === 0,
        'replicas exited on their own',
      )}`,
    );
    log('Kill to re-audit of the entities the killed replica held:');
    log(
      `  ${kills.length} kills, ${heldTotal} held entities (${
        kills.filter(k => k.held.size === 0).length
      } kills held none), ${
        heldTotal - notRedone
      } taken over and recorded again (${reaudited} audited, ${
        heldTotal - notRedone - reaudited
      } found unchanged), ${notRedone} never: ${check(
        notRedone === 0,
        'entities held by a killed replica never re-audited',
      )}`,
    );
    log(
      `  per entity: median ${secs(quantile(delays, 0.5))} s, p95 ${secs(
        quantile(delays, 0.95),
      )} s, max ${secs(
        delays[delays.length - 1],
      )} s; per kill (its last entity): median ${secs(
        quantile(perKillMax, 0.5),
      )} s, max ${secs(
        perKillMax[perKillMax.length - 1],
      )} s; bound lease x 4/3 = ${secs(
        RECOVERY_BOUND_MS,
      )} s plus the batch ahead`,
    );
    for (const { kill, own } of perKill) {
      log(
        `    ${secs(kill.at - chaosStart).padStart(6)} s  ${kill.id.padEnd(
          13,
        )} held ${String(kill.held.size).padStart(2)}  re-audited after ${
          own.length ? `${secs(own[0])}–${secs(own[own.length - 1])} s` : '-'
        }${
          own.length < kill.held.size
            ? ` (${kill.held.size - own.length} never)`
            : ''
        }`,
      );
    }
    log('Throughput:');
    log(
      `  ${inChaos.length} audits during the ${secs(
        chaosEnd - chaosStart,
      )} s of chaos: ${Math.round(
        (inChaos.length * 60_000) / (chaosEnd - chaosStart),
      )} audits per minute (per minute: ${minutes.join(', ')})`,
    );
    if (fromTree) {
      log(
        `code: ${
          codeAfter.newest !== code.newest || codeAfter.files !== code.files
            ? `files of the Readiness packages CHANGED on disk during the run (now commit ${codeAfter.commit}, ${codeAfter.changed.length} files differing from it): restarted replicas loaded other code than the first ones`
            : 'no file of the Readiness packages changed on disk during the run'
        }`,
      );
    }
    log('Replica log (warnings and errors, grouped):');
    if (logs.size === 0) log('  none');
    for (const [key, { level, count, example }] of logs) {
      log(`  ${count} x [${level}] ${key}`);
      if (count > 0 && example !== key) log(`      e.g. ${example}`);
    }
    log('');
    log(
      failures.length === 0
        ? 'all checks passed'
        : `FAILED: ${failures.join('; ')}`,
    );
    if (failures.length > 0) process.exitCode = 1;
  } finally {
    stopping = true;
    await cleanup();
  }
}

if (process.argv.includes('--replica')) {
  runReplica().catch(error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
} else {
  runOrchestrator().catch(error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exitCode = 1;
  });
}
