import type { Facts } from '../../../facts';
import { basename, extname, isCodePath, isLowConfidencePath, isTestFile, parseImageReference } from '../../../facts';
import { syntaxTree } from '../../../facts/syntax';
import { defineRule, outcome } from '../../types';
import { composeServicesOf, excerptAt, isVendored } from '../containers';

/** Images of datastores whose data outlives the container. */
const DATABASE_IMAGES: Array<[RegExp, string]> = [
  [/(^|\/)(postgres|postgresql|postgis|timescaledb[\w-]*)$/, 'PostgreSQL'],
  [/(^|\/)(mysql|mariadb|percona[\w-]*)$/, 'MySQL'],
  [/(^|\/)(mongo|mongodb)$/, 'MongoDB'],
  [/(^|\/)mssql\/server$|(^|\/)azure-sql-edge$/, 'SQL Server'],
  [/(^|\/)(cassandra|scylla)$/, 'Cassandra'],
  [/(^|\/)(couchdb|neo4j|clickhouse-server|cockroach|influxdb|arangodb|surrealdb)$/, 'a database'],
];

/** Datastores known from dependencies that hold durable data. */
const DURABLE_DATASTORES: Record<string, string> = {
  postgres: 'PostgreSQL',
  mysql: 'MySQL',
  mongodb: 'MongoDB',
  sqlserver: 'SQL Server',
};

/**
 * SQLite drivers and ORM providers a service ships with: its data file is the
 * database. Declared only for tests (a devDependency, a test project) they keep nothing.
 */
const SQLITE_RUNTIME =
  /^(?:better-sqlite3|sqlite3|sqlite|aiosqlite|microsoft\.entityframeworkcore\.sqlite|microsoft\.data\.sqlite|sqlite-jdbc|gorm\.io\/driver\/sqlite|github\.com\/mattn\/go-sqlite3|modernc\.org\/sqlite)$/i;

/** A manifest outside tests that declares SQLite for the running service. */
function sqliteRuntimeManifest(facts: Facts): string | undefined {
  const m = facts.manifests;
  const candidates: Array<{ path: string; deps: string[] }> = [
    ...m.packageJsons.map(p => ({ path: p.path, deps: Object.keys(p.dependencies) })),
    ...m.csprojs.map(p => ({ path: p.path, deps: p.packages })),
    ...m.goMods.map(g => ({ path: g.path, deps: g.requires })),
    ...m.requirements.map(r => ({ path: r.path, deps: r.entries.map(e => e.name) })),
  ];
  return candidates.find(
    c => !isVendored(c.path) && !isLowConfidencePath(c.path) && !/test/i.test(basename(c.path)) && c.deps.some(d => SQLITE_RUNTIME.test(d)),
  )?.path;
}

/** Go SQLite drivers and GORM dialects, imported (often blank) by the code that opens the database. */
const GO_SQLITE_IMPORT =
  /^\s*(?:import\s+)?(?:[\w.]+\s+)?"(?:github\.com\/jinzhu\/gorm\/dialects\/sqlite|github\.com\/mattn\/go-sqlite3|gorm\.io\/driver\/sqlite|modernc\.org\/sqlite|github\.com\/glebarez\/sqlite)"/m;

/** Go code outside tests that imports a SQLite driver and opens a database file (not only `:memory:`). */
function sqliteRuntimeCode(facts: Facts): string | undefined {
  return facts.files.find(
    f =>
      extname(f.path) === '.go' &&
      !isVendored(f.path) &&
      !isLowConfidencePath(f.path) &&
      GO_SQLITE_IMPORT.test(f.text) &&
      !(/:memory:|mode=memory/.test(f.text) && !/\.(?:db|sqlite3?)\b/.test(f.text)),
  )?.path;
}

/**
 * Embedded key-value databases whose data file is the service's datastore (BoltDB/bbolt and Storm on it, Badger,
 * LevelDB, Pebble, LMDB, NeDB, LiteDB), by the Go package the code imports or the dependency a manifest declares.
 */
const EMBEDDED_STORES: Array<[RegExp, string]> = [
  [/^(?:go\.etcd\.io\/bbolt|github\.com\/boltdb\/bolt|github\.com\/asdine\/storm(?:\/v\d+)?)(?:\/|$)/, 'BoltDB'],
  [/^github\.com\/dgraph-io\/badger(?:\/v\d+)?(?:\/|$)/, 'Badger'],
  [/^(?:github\.com\/syndtr\/goleveldb|level|classic-level)(?:\/|$)/, 'LevelDB'],
  [/^github\.com\/cockroachdb\/pebble(?:\/|$)/, 'Pebble'],
  [/^lmdb$/, 'LMDB'],
  [/^(?:nedb|@seald-io\/nedb)$/, 'NeDB'],
  [/^litedb$/i, 'LiteDB'],
];

function embeddedStoreOf(dependency: string): string | undefined {
  return EMBEDDED_STORES.find(([pattern]) => pattern.test(dependency))?.[1];
}

/** An embedded key-value database the service opens: imported by Go code outside tests, or a runtime dependency. */
function embeddedStore(facts: Facts): { path: string; name: string } | undefined {
  for (const file of facts.files) {
    if (extname(file.path) !== '.go' || isTestFile(file.path) || isVendored(file.path) || isLowConfidencePath(file.path)) continue;
    if (!/bolt|storm|badger|leveldb|pebble/.test(file.text)) continue;
    const imports = syntaxTree(facts, file)?.imports() ?? [];
    const name = imports.map(i => embeddedStoreOf(i.source)).find(Boolean);
    if (name) return { path: file.path, name };
  }
  const m = facts.manifests;
  const manifests: Array<{ path: string; deps: string[] }> = [
    ...m.packageJsons.map(p => ({ path: p.path, deps: Object.keys(p.dependencies) })),
    ...m.csprojs.map(p => ({ path: p.path, deps: p.packages })),
  ];
  for (const { path, deps } of manifests) {
    if (isVendored(path) || isLowConfidencePath(path) || /test/i.test(basename(path))) continue;
    const name = deps.map(embeddedStoreOf).find(Boolean);
    if (name) return { path, name };
  }
  return undefined;
}

const MIGRATIONS_DIR = /(^|\/)(migrations?|db\/migrate|alembic\/versions|db\/changelog)\//i;

const MANIFEST =
  /^(package\.json|requirements[\w.-]*\.txt|pyproject\.toml|Pipfile|go\.mod|pom\.xml|build\.gradle(\.kts)?|Gemfile|composer\.json|Cargo\.toml|[\w.-]+\.csproj)$/;

/** The word backup, except in names of other things (backup codes, a backup region or DNS provider). */
const BACKUP_WORD = /\bback-?ups?\b(?![- ]?(?:codes?|regions?|fallbacks?|failovers?|routes?|dns|providers?)\b)/i;
/** Tools and terms that only appear when backups of data are being discussed. */
const BACKUP_TERMS =
  /\bpoint[- ]in[- ]time[- ]recovery\b|\bPITR\b|\bdisaster[- ]recovery\b|\b(pg_dump|pg_dumpall|pg_basebackup|pg_restore|mysqldump|mariadb-dump|mongodump|mongorestore|xtrabackup|mariabackup|wal-g|pgbackrest|barman|litestream|velero)\b/i;
/**
 * A feature of the application the line describes to its users (notification settings, reminders, e-mails sent to
 * customers): a backup there is something the app offers (an account backup, a backup reminder), not how its data is kept.
 */
const FEATURE_CONTEXT = /\b(notifications?|notify|reminders?|e-?mails?|subscri\w*|customers?|preferences)\b/i;
/** A price: `$1.20/month`, `€5`, `12 USD`, `per month`. */
const PRICE = /[$€£]\s?\d|\b\d+(?:[.,]\d+)?\s?(?:USD|EUR|GBP)\b|\bper\s+month\b|\/\s?(?:month|mo)\b/i;
/** What a priced line sells: hosting, a plan, an offer. */
const OFFER = /\b(?:host(?:s|ed|ing)?|offers?|plans?|pricing|subscriptions?|providers?)\b/i;
/**
 * A managed host's offer ("PaaSCo offers Acme hosting from $1.20/month … user data backed up daily"): what that provider
 * does for its customers, not how a deployment of this repository keeps its data.
 */
function isHostingOffer(line: string): boolean {
  return PRICE.test(line) && OFFER.test(line);
}

/** Words of a backup process, other than the word backup itself. */
const PROCESS_WORDS = /\b(dumps?|retention|daily|nightly|hourly|weekly|automated|recovery|restor\w*|cron\w*)\b/i;

/** Words that need a data context on the same line: `restore`, `back up`, `snapshot`. */
const CONTEXTUAL_TERMS = /\b(restor(e|es|ed|ing)|back(ed|ing)? up|snapshots?)\b/i;
const DATA_CONTEXT =
  /\b(databases?|db|data|volumes?|postgres(ql)?|mysql|mariadb|mongo(db)?|rds|ebs|disks?|s3|tables?)\b/i;
/** Words of a backup process, which keep the context even where the line talks about deleting. */
const BACKUP_PROCESS = /\b(dumps?|retention|daily|nightly|hourly|automated|backups?|recovery)\b/i;
/** Deleting records: restoring one (a soft-deleted row, a file kept on purpose) undeletes it, it does not restore a backup. */
const DELETION_CONTEXT = /\b(delet\w*|soft[- ]?delet\w*|undelet\w*|trash\w*|recycle\w*|undo)\b/i;

/** Paths of backup scripts, jobs and runbooks. */
const BACKUP_PATH = /(^|[/_.-])backups?([/_.-]|$)/i;
const OPS_DIR = /(^|\/)(scripts?|bin|ops|tools|deploy(ment)?|infra(structure)?|cron|jobs|k8s|kubernetes|helm|charts?|\.github)\//i;

interface Evidence {
  path: string;
  line?: number;
  what: string;
}

function datastoreEvidence(facts: Facts): Evidence[] {
  const evidence: Evidence[] = [];
  for (const { file, service } of composeServicesOf(facts)) {
    if (!service.image || isLowConfidencePath(file.path)) continue;
    const name = parseImageReference(service.image.replace(/\$\{[^}]*\}/g, '')).imageName;
    const hit = DATABASE_IMAGES.find(([pattern]) => pattern.test(name));
    if (hit) {
      evidence.push({
        path: file.path,
        line: service.line,
        what: `${hit[1]} in compose service \`${service.name}\``,
      });
    }
  }
  const candidates = facts.files.filter(f => !isVendored(f.path) && !isLowConfidencePath(f.path));
  const migration = candidates.find(f => MIGRATIONS_DIR.test(f.path));
  if (migration) {
    evidence.push({ path: migration.path, what: `migrations (${migration.path})` });
  }
  // A schema outside the migrations, when the migrations are already named.
  const schema = candidates.find(
    f =>
      extname(f.path) === '.sql' &&
      !(migration && MIGRATIONS_DIR.test(f.path)) &&
      /\bcreate\s+table\b/i.test(f.text),
  );
  if (schema) evidence.push({ path: schema.path, what: `a SQL schema (${schema.path})` });
  const stores = facts.stack.datastores.filter(d => d in DURABLE_DATASTORES).map(d => DURABLE_DATASTORES[d]);
  const sqlite = stores.length === 0 ? sqliteRuntimeManifest(facts) ?? sqliteRuntimeCode(facts) : undefined;
  if (sqlite) evidence.push({ path: sqlite, what: `a SQLite database (${sqlite})` });
  const embedded = stores.length === 0 && !sqlite ? embeddedStore(facts) : undefined;
  if (embedded) evidence.push({ path: embedded.path, what: `an embedded ${embedded.name} database (${embedded.path})` });
  if (stores.length) {
    const manifests = candidates.filter(f => MANIFEST.test(basename(f.path)));
    const manifest =
      manifests.find(f => /\b(pg|postgres(ql)?|psycopg\w*|asyncpg|pgx|lib\/pq|npgsql|mysql\w*|pymysql|mongo\w*|mssql|sqlclient|sqlserver)\b/i.test(f.text)) ??
      manifests[0];
    if (manifest) {
      evidence.push({ path: manifest.path, what: `a ${stores.join('/')} driver (${manifest.path})` });
    }
  }
  return evidence;
}

/** Snapshot tests and restored caches are not data being kept safe. */
const TESTING_CONTEXT = /\b(tests?|testing|jest|vitest|storybook|components?|cache[sd]?|packages?|dependencies)\b/i;

/** Options that switch backups off (`--disable-automated-backup`, `--no-backup`, `skip_backups`): no strategy, the opposite. */
const BACKUPS_OFF = /(?:--?|\b)(?:disable|no|skip|without)[-_ ](?:automated[-_ ]|automatic[-_ ])?back-?ups?\b/gi;

function mentionsBackups(text: string): boolean {
  // Markup comments (`<!-- markdownlint-restore -->`) are not prose, and a managed host's priced offer is its own backup.
  const prose = text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(BACKUPS_OFF, ' ')
    .split('\n')
    .filter(line => !isHostingOffer(line))
    .join('\n');
  if (BACKUP_TERMS.test(prose)) return true;
  // The word backup counts on any line but one that describes a feature the app offers its users, with no data or
  // backup-process words beside it.
  const backupLines = prose.split('\n').filter(line => BACKUP_WORD.test(line));
  if (backupLines.some(line => !FEATURE_CONTEXT.test(line) || DATA_CONTEXT.test(line) || PROCESS_WORDS.test(line))) return true;
  if (!CONTEXTUAL_TERMS.test(prose)) return false;
  return prose
    .split('\n')
    .some(line => {
      if (!CONTEXTUAL_TERMS.test(line) || TESTING_CONTEXT.test(line)) return false;
      const rest = line.replace(CONTEXTUAL_TERMS, '');
      if (BACKUP_PROCESS.test(rest)) return true;
      return DATA_CONTEXT.test(rest) && !DELETION_CONTEXT.test(rest);
    });
}

/**
 * Calls that register a recurring job: Hangfire `RecurringJob.AddOrUpdate`, APScheduler `add_job`, node-cron
 * `cron.schedule`, node-schedule `scheduleJob`, robfig/cron `AddFunc`/`AddJob`.
 */
const SCHEDULER_CALLS = new Set(['AddOrUpdate', 'add_job', 'schedule', 'scheduleJob', 'AddFunc', 'AddJob']);
const BACKUP_NAME = /backup/i;

/** Application code outside tests that schedules a recurring backup job (`RecurringJob.AddOrUpdate("backup", () => backupService.BackupDatabase(), …)`). */
function schedulesBackups(facts: Facts): boolean {
  return facts.files.some(file => {
    if (!isCodePath(file.path) || isTestFile(file.path) || isVendored(file.path) || isLowConfidencePath(file.path)) return false;
    if (!BACKUP_NAME.test(file.text) || !/AddOrUpdate|add_job|schedule|AddFunc|AddJob/.test(file.text)) return false;
    const calls = syntaxTree(facts, file)?.calls() ?? [];
    return calls.some(c => SCHEDULER_CALLS.has(c.name) && c.args.some(a => BACKUP_NAME.test(a.text())));
  });
}

/** A text file that lists words, one a line (a common-passwords or stop-word list): data the code reads, not prose. */
function isWordList(file: { path: string; text: string }): boolean {
  if (extname(file.path).toLowerCase() !== '.txt') return false;
  const lines = file.text.split('\n').filter(l => l.trim() !== '');
  return lines.length >= 20 && lines.filter(l => !/\s/.test(l.trim())).length >= lines.length * 0.9;
}

function hasBackupStrategy(facts: Facts): boolean {
  const documents = facts.docs.documents.filter(d => !isVendored(d.path) && !isWordList(d));
  if (documents.some(d => mentionsBackups(d.text))) return true;
  const backupFile = facts.files.some(
    f => !isVendored(f.path) && BACKUP_PATH.test(f.path) && (!isCodePath(f.path) || OPS_DIR.test(f.path)),
  );
  if (backupFile || schedulesBackups(facts)) return true;
  return composeServicesOf(facts).some(
    ({ service }) => /backup/i.test(service.name) || /backup/i.test(service.image ?? ''),
  );
}

export default defineRule({
  id: 'infrastructure/no-backup-strategy',
  category: 'infrastructure',
  severity: 'low',
  title: 'Data that the service stores has a documented backup strategy',
  description:
    'Fails when the repository runs a datastore (a database service in compose, migrations, a SQL schema, a database driver, a SQLite database file the code opens, an embedded key-value database such as BoltDB/bbolt, Badger, LevelDB or LiteDB) but no document mentions backups or restores, and no backup script, backup service or backup job the application schedules for itself (Hangfire `RecurringJob.AddOrUpdate`, APScheduler `add_job`, `cron.schedule`, robfig/cron `AddFunc` of a backup) exists. Backup words used for failover (a backup region, a fallback), restoring deleted records, a backup the application offers its users (a line about notification settings, reminders or e-mails to customers, with no data or backup-process words), a managed host\'s priced offer (`PaaSCo offers hosting from $1.20/month; data backed up daily`), or options that switch backups off (`--disable-automated-backup`, `--no-backup`) do not count as a backup document.',
  rationale:
    'Every database eventually needs a restore: a bad migration, a deleted table, a lost volume or region. Without a written strategy nobody knows whether backups exist, how old they may be, or how to restore one under pressure.',
  remediation:
    'Document how the data is backed up and restored (in the README, a runbook or docs/operations.md): what is backed up, how often, where it is kept, how long, and the exact steps to restore, with the recovery point and time you aim for. Test a restore.',
  evaluate(facts) {
    const evidence = datastoreEvidence(facts);
    if (evidence.length === 0) {
      return outcome.notApplicable('no datastore found');
    }
    if (hasBackupStrategy(facts)) return outcome.pass();
    const [first] = evidence;
    const what = evidence
      .slice(0, 3)
      .map(e => e.what)
      .join(', ');
    return outcome.fail([
      {
        path: first.path,
        ...(first.line !== undefined ? { line: first.line } : {}),
        ...(first.line !== undefined ? { excerpt: excerptAt(facts, first.path, first.line) } : {}),
        message: `The repository keeps data (${what}) but no document describes how it is backed up or restored`,
        confidence: 'high',
      },
    ]);
  },
});
