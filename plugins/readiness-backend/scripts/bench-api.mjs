#!/usr/bin/env node
/*
 * Benchmark of the Readiness REST API at catalog scale: a backend running
 * the real catalog (10,000 Components from an entity provider, processed and
 * stitched as usual), the permission backend with a policy that hides every
 * tenth Component from users (a conditional decision the catalog applies in
 * SQL), and the Readiness plugin over a store holding a scorecard for every
 * Component. Eight HTTP clients then call the API at once:
 *
 *   leaderboard first page, an owner filter, a deep page (offset 8,000),
 *   owners, blockers and summaries,
 *
 * each as users the backend has never seen (an empty visibility cache) and
 * as users it answered a moment ago (warm). Every backend runs in a child
 * process of its own, on SQLite files and, given --pg, on PostgreSQL:
 *
 *   before   the Readiness packages at a commit (--before, HEAD by default)
 *   after    the Readiness packages on disk
 *   catalog  the same backend without the Readiness plugin, for its RSS
 *
 * so the two versions are measured side by side on the same machine in one
 * run. Prints p50/p95 in milliseconds per endpoint, the bytes answered, the
 * ratio of the p50s, each backend's RSS after the load and the load average.
 *
 * With --suite campaigns the catalog also holds a group hierarchy, systems
 * and domains, the backend three campaigns, each Component `--audits`
 * audits of 62 rule results, and the requests are the campaign and roll-up
 * endpoints instead (scripts/campaignBench.mjs).
 *
 *   cd plugins/readiness-backend
 *   node scripts/bench-api.mjs [--suite api|campaigns] [--entities 10000]
 *        [--clients 8] [--cold-requests 48] [--warm-requests 160]
 *        [--audits 3] [--before HEAD]
 *        [--pg postgresql://user@host:port] [--skip-sqlite]
 *        [--variants before,after,catalog] [--fresh-catalog]
 *        [--catalog-from <catalog.sqlite file, or PostgreSQL database>]
 *
 * On PostgreSQL every backend gets databases of its own
 * (rbench_<pid>_<variant>_<plugin>), dropped at the end.
 * Not a test: it asserts nothing, it only measures.
 */
import { execFileSync, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import {
  CAMPAIGN_BENCH_CAMPAIGNS,
  campaignBenchAudits,
  campaignBenchEntities,
  campaignScenarios,
} from './campaignBench.mjs';
import { snapshotCode } from './codeSnapshot.mjs';
import { syntheticVerdict } from './syntheticCatalog.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, '..');
const repoRoot = resolve(packageDir, '../..');
const HIDDEN_LABEL = 'bench.readiness.dev/hidden';
const OWNERS = 50;

function log(message = '') {
  process.stdout.write(`${message}\n`);
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

// ---------------------------------------------------------------------------
// The backend, in a child process

function benchEntities(count) {
  const lifecycles = ['production', 'experimental', 'deprecated'];
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `svc-${String(i).padStart(5, '0')}`,
      namespace: 'default',
      title: `Service ${i}`,
      ...(i % 10 === 7 ? { labels: { [HIDDEN_LABEL]: 'true' } } : {}),
      annotations: {
        'backstage.io/managed-by-location': 'url:https://bench.example/',
        'backstage.io/managed-by-origin-location': 'url:https://bench.example/',
      },
    },
    spec: {
      type: 'service',
      lifecycle: lifecycles[i % lifecycles.length],
      owner: `group:default/team-${i % OWNERS}`,
    },
  }));
}

async function serve() {
  const cfg = JSON.parse(process.env.READINESS_API_BENCH);
  const send = message => process.send(message);
  // Ends with the orchestrator, however it ends.
  process.on('disconnect', () => process.exit(0));
  const load = createRequire(
    join(cfg.backendDir ?? packageDir, 'package.json'),
  );
  // Lets plain Node load the TypeScript sources of the Readiness packages.
  load('@backstage/cli/config/nodeTransform.cjs');
  const knexFactory = load('knex');
  const { startTestBackend, mockServices, mockCredentials } = load(
    '@backstage/backend-test-utils',
  );
  const { coreServices, createBackendModule, createServiceFactory } = load(
    '@backstage/backend-plugin-api',
  );
  const { catalogProcessingExtensionPoint } = load(
    '@backstage/plugin-catalog-node',
  );
  const { policyExtensionPoint } = load(
    '@backstage/plugin-permission-node/alpha',
  );
  const { AuthorizeResult, isPermission } = load(
    '@backstage/plugin-permission-common',
  );
  const { catalogEntityReadPermission } = load(
    '@backstage/plugin-catalog-common/alpha',
  );
  const { createCatalogConditionalDecision, catalogConditions } = load(
    '@backstage/plugin-catalog-backend/alpha',
  );
  const { databaseServiceFactory } = load(
    '@backstage/backend-defaults/database',
  );
  const { permissionsServiceFactory } = load(
    '@backstage/backend-defaults/permissions',
  );

  const campaigns = cfg.suite === 'campaigns';
  const components = benchEntities(cfg.entities);
  const entities = campaigns ? campaignBenchEntities(components) : components;
  const provider = {
    getProviderName: () => 'readiness-api-bench',
    async connect(connection) {
      // In slices, so that no single transaction holds the database (one
      // connection on SQLite) while the catalog processes what came first.
      for (let i = 0; i < entities.length; i += 500) {
        await connection.applyMutation({
          type: 'delta',
          added: entities.slice(i, i + 500).map(entity => ({
            entity,
            locationKey: 'readiness-api-bench',
          })),
          removed: [],
        });
      }
    },
  };
  const entityModule = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'readiness-api-bench',
    register(reg) {
      reg.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider(provider);
        },
      });
    },
  });
  // Users never see a Component labelled hidden; everything else is allowed.
  const policyModule = createBackendModule({
    pluginId: 'permission',
    moduleId: 'readiness-api-bench',
    register(reg) {
      reg.registerInit({
        deps: { policy: policyExtensionPoint },
        async init({ policy }) {
          policy.setPolicy({
            async handle(request) {
              if (
                isPermission(request.permission, catalogEntityReadPermission)
              ) {
                return createCatalogConditionalDecision(request.permission, {
                  not: catalogConditions.hasLabel({ label: HIDDEN_LABEL }),
                });
              }
              return { result: AuthorizeResult.ALLOW };
            },
          });
        },
      });
    },
  });

  // The mock auth service, except that a plugin calling another on behalf
  // of a user passes the user on with itself as the actor, as the real
  // service's tokens do (the permission backend refuses users without one).
  const authFactory = createServiceFactory({
    service: coreServices.auth,
    deps: { plugin: coreServices.pluginMetadata },
    factory({ plugin }) {
      const pluginId = plugin.getId();
      const inner = mockServices.auth({ pluginId });
      return {
        authenticate: (token, options) => inner.authenticate(token, options),
        isPrincipal: (credentials, type) =>
          inner.isPrincipal(credentials, type),
        getNoneCredentials: () => inner.getNoneCredentials(),
        getOwnServiceCredentials: () => inner.getOwnServiceCredentials(),
        getLimitedUserToken: credentials =>
          inner.getLimitedUserToken(credentials),
        listPublicServiceKeys: () => inner.listPublicServiceKeys(),
        async getPluginRequestToken(options) {
          const principal = options.onBehalfOf.principal;
          if (principal.type !== 'user') {
            return inner.getPluginRequestToken(options);
          }
          return {
            token: `mock-user-token:${JSON.stringify({
              sub: principal.userEntityRef,
              actor: { subject: `plugin:${pluginId}` },
            })}`,
          };
        },
      };
    },
  });

  const features = [
    authFactory,
    load('@backstage/plugin-catalog-backend'),
    entityModule,
    load('@backstage/plugin-permission-backend'),
    policyModule,
    databaseServiceFactory,
    permissionsServiceFactory,
    mockServices.rootLogger.factory({ level: 'warn' }),
    mockServices.rootConfig.factory({
      data: {
        backend: { database: cfg.database },
        permission: { enabled: true },
        // Entities whose processing failed (a busy database) are retried
        // after this; the others are processed again as rarely.
        catalog: { processingInterval: { minutes: 3 } },
        readiness: {
          refreshImmediately: false,
          schedule: { initialDelay: { hours: 24 } },
          ...(campaigns ? { campaigns: CAMPAIGN_BENCH_CAMPAIGNS } : {}),
        },
      },
    }),
  ];
  if (cfg.backendDir) features.push(load('./src/index.ts'));
  // Kept to refresh the Readiness visibility index (where the code under
  // test has one) once the catalog is complete, as its task would.
  const scheduler = mockServices.scheduler();
  features.push(scheduler.factory());
  const started = performance.now();
  const { server } = await startTestBackend({ features });
  const port = server.address().port;
  const base = `http://127.0.0.1:${port}`;

  // Wait until the catalog has processed and stitched every entity.
  const catalogStarted = performance.now();
  for (;;) {
    const res = await fetch(`${base}/api/catalog/entities/by-query?limit=1`, {
      headers: { authorization: mockCredentials.service.header() },
    });
    const body = await res.json();
    if (body.totalItems >= entities.length) break;
    if (performance.now() - catalogStarted > 30 * 60_000) {
      throw new Error(`catalog holds ${body.totalItems} entities after 30 min`);
    }
    await sleep(2000);
  }
  const catalogSeconds = (performance.now() - catalogStarted) / 1000;

  // Seeded once the catalog is done: the store's synchronous SQLite writes
  // would otherwise hold the event loop while the catalog processes, and
  // time its transactions out.
  let seedSeconds = 0;
  if (cfg.backendDir) {
    const seedStarted = performance.now();
    await seedReadiness(load, knexFactory, cfg, components);
    seedSeconds = (performance.now() - seedStarted) / 1000;
    const indexStarted = performance.now();
    const indexed = await scheduler
      .triggerTask('readiness-visibility-index')
      .then(
        () => true,
        () => false,
      );
    if (indexed) {
      log(
        `  visibility index task run in ${(
          (performance.now() - indexStarted) /
          1000
        ).toFixed(1)} s`,
      );
    }
  }
  send({
    type: 'ready',
    port,
    startSeconds: (performance.now() - started) / 1000,
    seedSeconds,
    catalogSeconds,
  });
  process.on('message', async message => {
    if (message.type === 'rss') {
      send({ type: 'rss', ...process.memoryUsage() });
    } else if (message.type === 'stop') {
      await server.stop?.();
      process.exit(0);
    }
  });
}

/** A scorecard for every entity, through the store of the code under test. */
async function seedReadiness(load, knexFactory, cfg, entities) {
  const { DatabaseReadinessStore } = load(
    './src/database/DatabaseReadinessStore.ts',
  );
  const { auditDirectory } = load('@readiness/backstage-plugin-readiness-node');
  const knex = knexFactory(cfg.readinessConnection);
  try {
    if (cfg.readinessConnection.client === 'pg') {
      await knex.raw('SET synchronous_commit = off');
    } else {
      await knex.raw('PRAGMA synchronous = OFF');
    }
    const store = await DatabaseReadinessStore.create({
      database: { getClient: async () => knex },
      skipMigrations: true,
    });
    const template = await auditDirectory(
      join(repoRoot, 'examples/repos/flask-orders-api'),
    );
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const now = Date.now();
    // One audit each, or with the campaign suite a history of them.
    const auditsOf = i => {
      if (cfg.suite === 'campaigns') {
        return campaignBenchAudits(template, i, random, now, cfg.audits);
      }
      const score = Math.round(20 + random() * 80);
      const blockers = template.blockers.slice(
        0,
        Math.floor(random() * (template.blockers.length + 1)),
      );
      const scorecard = {
        ...template,
        score,
        blockers,
        verdict: syntheticVerdict(score, blockers.length),
      };
      const auditedAt = new Date(now - Math.floor(random() * 86_400_000));
      return [{ scorecard, auditedAt }];
    };
    for (const [i, entity] of entities.entries()) {
      for (const [a, { scorecard, auditedAt }] of auditsOf(i).entries()) {
        await store.saveAudit({
          entity: {
            entityRef: `component:default/${entity.metadata.name}`,
            kind: 'Component',
            namespace: 'default',
            name: entity.metadata.name,
            title: entity.metadata.title,
            owner: entity.spec.owner,
            lifecycle: entity.spec.lifecycle,
          },
          scorecard,
          etag: `etag-${i}-${a}`,
          auditedAt,
        });
      }
    }
    await knex.raw(
      cfg.readinessConnection.client === 'pg' ? 'VACUUM ANALYZE' : 'ANALYZE',
    );
  } finally {
    await knex.destroy();
  }
}

// ---------------------------------------------------------------------------
// The clients, in this process

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
  );
  return sorted[index];
}

const userHeader = ref =>
  `Bearer mock-user-token:${JSON.stringify({ sub: ref })}`;

/**
 * `clients` clients at once, each making `perClient` requests one after
 * another; `user(client, i)` names the caller of each request.
 */
async function runLoad(base, path, { clients, perClient, user }) {
  const times = [];
  let bytes = 0;
  let failures = 0;
  let firstFailure;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; i < perClient; i++) {
        const started = performance.now();
        const res = await fetch(`${base}/api/readiness${path(client, i)}`, {
          headers: { authorization: userHeader(user(client, i)) },
        });
        const body = await res.arrayBuffer();
        times.push(performance.now() - started);
        bytes = body.byteLength;
        if (res.status !== 200) {
          failures += 1;
          firstFailure ??= `${res.status} ${Buffer.from(body).toString()}`;
        }
      }
    }),
  );
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    n: times.length,
    bytes,
    failures,
    firstFailure,
  };
}

const SCENARIOS = [
  ['leaderboard, first page', () => '/leaderboard?limit=50'],
  [
    'leaderboard, owner filter',
    (c, i) => `/leaderboard?owner=team-${(c * 7 + i) % OWNERS}&limit=50`,
  ],
  ['leaderboard, deep page (8,000)', () => '/leaderboard?limit=50&offset=8000'],
  ['owners', () => '/owners'],
  ['blockers', () => '/blockers'],
  ['summaries', () => '/summaries'],
];

const scenariosOf = args =>
  args.suite === 'campaigns'
    ? campaignScenarios(Number(args.entities))
    : SCENARIOS;

async function measureBackend(base, args, variant) {
  const clients = Number(args.clients);
  const results = {};
  const coldUser = (() => {
    let next = 0;
    return () => `user:default/cold-${variant}-${next++}`;
  })();
  for (const [label, path] of scenariosOf(args)) {
    // Each cold request comes from a user the backend has not seen.
    const cold = await runLoad(base, path, {
      clients,
      perClient: Math.ceil(Number(args['cold-requests']) / clients),
      user: coldUser,
    });
    // Warm: each client is one user, who asked once before.
    const warmUser = c => `user:default/warm-${variant}-${c}`;
    await runLoad(base, path, { clients, perClient: 1, user: warmUser });
    const warm = await runLoad(base, path, {
      clients,
      perClient: Math.ceil(Number(args['warm-requests']) / clients),
      user: warmUser,
    });
    results[label] = { cold, warm };
    for (const r of [cold, warm]) {
      if (r.failures) {
        log(
          `  ${label}: ${r.failures} failed requests, e.g. ${r.firstFailure}`,
        );
      }
    }
    log(
      `  ${label.padEnd(32)} cold p50 ${cold.p50.toFixed(
        1,
      )} p95 ${cold.p95.toFixed(1)}` +
        `  warm p50 ${warm.p50.toFixed(1)} p95 ${warm.p95.toFixed(1)} ms, ${
          warm.bytes
        } bytes`,
    );
  }
  return results;
}

function startBackend(config) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    env: { ...process.env, READINESS_API_BENCH: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = type =>
    new Promise((resolvePromise, reject) => {
      const listeners = {
        message(message) {
          if (message.type !== type) return;
          child.off('message', listeners.message);
          child.off('exit', listeners.exit);
          resolvePromise(message);
        },
        exit(code) {
          child.off('message', listeners.message);
          reject(new Error(`backend exited with ${code} before '${type}'`));
        },
      };
      child.on('message', listeners.message);
      child.once('exit', listeners.exit);
    });
  return {
    ready: next('ready'),
    async rss() {
      child.send({ type: 'rss' });
      return next('rss');
    },
    async stop() {
      const exited = new Promise(r => child.once('exit', r));
      child.send({ type: 'stop' });
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

const mib = bytes => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const load1 = () => loadavg()[0].toFixed(1);

/**
 * Each variant's backend in turn on one database engine. Unless
 * --fresh-catalog is given, a variant after the first starts from a copy
 * of the catalog database the first one left (`copyCatalog(from, to)`),
 * the same entities already processed and stitched, so the catalog is
 * processed once per engine; with --catalog-from the first one does too,
 * from a catalog database a run left (one engine per run, then).
 */
async function benchDatabase(label, engine, args, codeDirs) {
  const { databaseFor, copyCatalog, cleanup } = engine;
  log('');
  log(`== ${label} ==`);
  const byVariant = {};
  let previous;
  for (const variant of args.variants.split(',')) {
    const { database, readinessConnection } = databaseFor(variant);
    log('');
    log(`-- ${variant} (load average ${load1()}) --`);
    if (previous !== undefined) {
      if (!args['fresh-catalog']) {
        await copyCatalog(previous, variant);
        log(`  catalog database copied from ${previous}`);
      }
      await cleanup?.(previous);
    } else if (args['catalog-from']) {
      await copyCatalog(undefined, variant, args['catalog-from']);
      log(`  catalog database copied from ${args['catalog-from']}`);
    }
    previous = variant;
    const backend = startBackend({
      backendDir: codeDirs[variant],
      entities: Number(args.entities),
      suite: args.suite,
      audits: Number(args.audits),
      database,
      readinessConnection,
    });
    try {
      const ready = await backend.ready;
      log(
        `  started in ${ready.startSeconds.toFixed(
          1,
        )} s; catalog processed in ${ready.catalogSeconds.toFixed(1)} s, ` +
          `then readiness seeded in ${ready.seedSeconds.toFixed(1)} s`,
      );
      const base = `http://127.0.0.1:${ready.port}`;
      const idle = await backend.rss();
      const results = codeDirs[variant]
        ? await measureBackend(base, args, variant)
        : undefined;
      const after = await backend.rss();
      log(
        `  RSS ${mib(idle.rss)} before the load, ${mib(
          after.rss,
        )} after (heap ${mib(after.heapUsed)}); load average ${load1()}`,
      );
      byVariant[variant] = { results, idle, after };
    } finally {
      await backend.stop();
    }
  }
  if (previous !== undefined) await cleanup?.(previous);
  printComparison(label, byVariant, scenariosOf(args));
  return byVariant;
}

function printComparison(label, byVariant, scenarios) {
  const { before, after } = byVariant;
  log('');
  log(`${label}: side by side (ms; ratio = before p50 / after p50)`);
  if (before?.results && after?.results) {
    log(
      `${'endpoint'.padEnd(32)} ${'mode'.padEnd(5)} ${'before p50'.padStart(
        10,
      )} ${'p95'.padStart(8)} ` +
        `${'after p50'.padStart(10)} ${'p95'.padStart(8)} ${'ratio'.padStart(
          7,
        )} ${'bytes before'.padStart(13)} ${'after'.padStart(9)}`,
    );
    for (const [scenario] of scenarios) {
      for (const mode of ['cold', 'warm']) {
        const b = before.results[scenario][mode];
        const a = after.results[scenario][mode];
        log(
          `${scenario.padEnd(32)} ${mode.padEnd(5)} ${b.p50
            .toFixed(1)
            .padStart(10)} ${b.p95.toFixed(1).padStart(8)} ${a.p50
            .toFixed(1)
            .padStart(10)} ${a.p95.toFixed(1).padStart(8)} ${(b.p50 / a.p50)
            .toFixed(1)
            .padStart(6)}x ${String(b.bytes).padStart(13)} ${String(
            a.bytes,
          ).padStart(9)}`,
        );
      }
    }
  }
  for (const [variant, r] of Object.entries(byVariant)) {
    log(
      `RSS ${variant.padEnd(8)} idle ${mib(r.idle.rss)}, after the load ${mib(
        r.after.rss,
      )}`,
    );
  }
}

async function main() {
  const { values: args } = parseArgs({
    options: {
      serve: { type: 'boolean', default: false },
      entities: { type: 'string', default: '10000' },
      clients: { type: 'string', default: '8' },
      'cold-requests': { type: 'string', default: '48' },
      'warm-requests': { type: 'string', default: '160' },
      before: { type: 'string', default: 'HEAD' },
      pg: { type: 'string' },
      'skip-sqlite': { type: 'boolean', default: false },
      'fresh-catalog': { type: 'boolean', default: false },
      'catalog-from': { type: 'string' },
      suite: { type: 'string', default: 'api' },
      audits: { type: 'string', default: '3' },
      variants: { type: 'string' },
    },
  });
  if (!['api', 'campaigns'].includes(args.suite)) {
    throw new Error(`--suite must be api or campaigns, not '${args.suite}'`);
  }
  // The catalog alone serves neither campaigns nor roll-ups.
  args.variants ??=
    args.suite === 'campaigns' ? 'before,after' : 'before,after,catalog';
  if (args.serve) {
    await serve();
    return;
  }
  const PG_URL = args.pg ?? process.env.READINESS_BENCH_PG;
  const workDir = mkdtempSync(join(tmpdir(), 'readiness-api-bench-'));
  try {
    const beforeRev = execFileSync(
      'git',
      ['rev-parse', '--short', args.before],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    ).trim();
    const codeDirs = {
      before: snapshotCode(args.before, join(workDir, 'code')),
      after: packageDir,
      catalog: undefined,
    };
    log(
      `${new Date().toISOString()}; node ${process.version}; ${
        cpus().length
      } cores; ` +
        `load average ${loadavg()
          .map(l => l.toFixed(1))
          .join(' ')}`,
    );
    if (args.suite === 'campaigns') {
      log(
        `campaign suite: 50 teams under 5 departments under org, 10 systems in 2 domains, ` +
          `${CAMPAIGN_BENCH_CAMPAIGNS.length} campaigns, ${args.audits} audits of 62 rule results per Component`,
      );
    }
    log(
      `${args.entities} Components, every tenth hidden from users by the permission policy; ` +
        `${args.clients} clients; ${args['cold-requests']} cold and ${args['warm-requests']} warm requests per endpoint; ` +
        `before: commit ${beforeRev}, after: the working tree`,
    );
    if (!args['skip-sqlite']) {
      const directory = variant => join(workDir, `sqlite-${variant}`);
      await benchDatabase(
        'SQLite (better-sqlite3, a file per plugin)',
        {
          databaseFor: variant => ({
            database: {
              client: 'better-sqlite3',
              connection: { directory: directory(variant) },
            },
            readinessConnection: {
              client: 'better-sqlite3',
              connection: {
                filename: join(directory(variant), 'readiness.sqlite'),
              },
              useNullAsDefault: true,
            },
          }),
          copyCatalog: async (from, to, file) => {
            mkdirSync(directory(to), { recursive: true });
            copyFileSync(
              file ?? join(directory(from), 'catalog.sqlite'),
              join(directory(to), 'catalog.sqlite'),
            );
          },
        },
        args,
        codeDirs,
      );
    }
    if (PG_URL) {
      const knexFactory = createRequire(join(packageDir, 'package.json'))(
        'knex',
      );
      const admin = knexFactory({
        client: 'pg',
        connection: PG_URL,
        pool: { min: 0, max: 1 },
      });
      const prefix = variant => `rbench_${process.pid}_${variant}_`;
      try {
        const version = (await admin.raw('SHOW server_version')).rows[0]
          .server_version;
        await benchDatabase(
          `PostgreSQL ${version.split(' ')[0]}`,
          {
            databaseFor: variant => {
              const url = new URL(PG_URL);
              url.pathname = `/${prefix(variant)}readiness`;
              return {
                database: {
                  client: 'pg',
                  connection: PG_URL,
                  prefix: prefix(variant),
                },
                readinessConnection: {
                  client: 'pg',
                  connection: url.toString(),
                  pool: { min: 0, max: 1 },
                },
              };
            },
            copyCatalog: async (from, to, database) => {
              await admin.raw('CREATE DATABASE ?? TEMPLATE ??', [
                `${prefix(to)}catalog`,
                database ?? `${prefix(from)}catalog`,
              ]);
            },
            cleanup: async variant => {
              const { rows } = await admin.raw(
                'SELECT datname FROM pg_database WHERE datname LIKE ?',
                [`${prefix(variant)}%`],
              );
              for (const { datname } of rows) {
                await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
                  datname,
                ]);
              }
            },
          },
          args,
          codeDirs,
        );
      } finally {
        await admin.destroy();
      }
    }
    log('');
    log(
      `done; load average ${loadavg()
        .map(l => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
