import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../../snapshot';
import { basename, dirname, extname, Facts, languageOf, lineOf, lineOfOffset } from '../../../facts';
import { isUnder, manifestProjectDir } from '../../../facts/projects';
import { defineRule, outcome } from '../../types';
import { modelDefinitionOf } from '../models';
import { createdTables, embeddedCreatedTables, isExample, isMigrationFile, isOwnSqlScript, isTestData, projectDirOf, related, shellCreatedTables, tableSummary } from '../../../facts/sql';

/** Configuration files of migration tools. */
const MIGRATION_CONFIG =
  /^(alembic\.ini|knexfile\.[cm]?[jt]s|migrate-mongo-config\.[cm]?[jt]s|\.sequelizerc|flyway\.(conf|toml)|liquibase\.properties|sqitch\.(plan|conf)|atlas\.hcl|migration_lock\.toml|dbmate\.env|\.dbmate|ormconfig\.\w+|mikro-orm\.config\.[jt]s|drizzle\.config\.[jt]s)$|changelog[\w.-]*\.(xml|ya?ml|json|sql)$/i;

/** Dependencies that are migration tools (or bring one). */
const MIGRATION_DEPENDENCIES = new Set([
  'alembic',
  'flask-migrate',
  'yoyo-migrations',
  'django-migrations',
  'db-migrate',
  'node-pg-migrate',
  'umzug',
  'sequelize-cli',
  'migrate',
  'postgrator',
  'graphile-migrate',
  '@mikro-orm/migrations',
  'flyway-core',
  'flyway-database-postgresql',
  'flyway-mysql',
  'flyway-maven-plugin',
  'liquibase-core',
  'liquibase-maven-plugin',
  'github.com/golang-migrate/migrate/v4',
  'github.com/pressly/goose/v3',
  'github.com/rubenv/sql-migrate',
  'ariga.io/atlas',
  'dbmate',
  'migrate-mongo',
  'mongoose-migrate',
  'migrate-mongoose',
  'ts-migrate-mongoose',
  'mongodb-migrations',
  'mongock-springboot',
  'mongock-standalone',
  'mongodb-migrate',
]);

/** Commands that apply migrations, in CI, scripts, Dockerfiles or package.json scripts. */
const MIGRATE_COMMAND =
  /alembic\s+upgrade|flask\s+db\s+upgrade|manage\.py\s+migrate|prisma\s+migrate|knex\s+migrate|sequelize(-cli)?\s+db:migrate|typeorm(-ts-node-\w+)?\s+migration:run|dotnet\s+ef\s+(database\s+update|migrations)|\bmigrate\s+(-path|-source|-database)|goose\s+.*\bup\b|flyway\s+(migrate|-\w)|liquibase\s+update|rails\s+db:migrate|rake\s+db:migrate|dbmate\s+(up|migrate)|mikro-orm\s+migration:up|drizzle-kit\s+(migrate|generate)|sqitch\s+deploy|atlas\s+migrate|migrate-mongo\s+up/;

/** A code file named for migrations (`migrations.go`, `db_migrate.py`): DDL in it is a hand-written migrator. */
function isCodeMigrator(path: string): boolean {
  return /^(db[_-]?)?migrat(e|ions?)([._-]|$)/i.test(basename(path));
}

const MIGRATION_FILE_TYPES = /\.(sql|py|js|cjs|mjs|ts|go|rb|cs|java|kt|xml|ya?ml|json)$/i;

/** Dependencies that are Alembic or wrap it: they manage a schema only through an Alembic environment of migration scripts. */
const ALEMBIC_DEPENDENCIES = new Set(['alembic', 'flask-migrate']);

/**
 * A file of an Alembic environment (`alembic init` / `flask db init` write `env.py` and `script.py.mako`
 * into the migrations folder): without one, Alembic has no migration to apply, however it is wired in.
 */
function isAlembicEnvironment(file: SourceFile): boolean {
  const name = basename(file.path);
  return name === 'script.py.mako' || name === 'alembic.ini' || (name === 'env.py' && /\bfrom\s+alembic\s+import\b|\bimport\s+alembic\b/.test(file.text));
}

/** Commented-out lines of a Makefile, shell script, Dockerfile or compose file: a migrate command there runs nothing. */
function withoutHashComments(text: string): string {
  return text.replace(/^[ \t]*#.*$/gm, '');
}

interface Evidence {
  /** The folder the evidence speaks for; `''` for the whole repository. */
  scope: string;
  what: string;
  /** An Alembic dependency: it counts only where an Alembic environment exists. */
  alembic?: true;
}

function dependenciesByDir(facts: Facts): Array<{ dir: string; path: string; names: string[] }> {
  const m = facts.manifests;
  return [
    ...m.packageJsons.map(p => ({ dir: p.dir, path: p.path, names: [...Object.keys(p.dependencies), ...Object.keys(p.devDependencies)] })),
    ...m.requirements.map(r => ({ dir: manifestProjectDir(r.path), path: r.path, names: r.entries.map(e => e.name) })),
    ...m.pyprojects.map(p => ({ dir: p.dir, path: p.path, names: p.dependencies })),
    ...m.poms.map(p => ({ dir: dirname(p.path), path: p.path, names: p.dependencies.map(d => d.artifactId) })),
    ...m.gradle.map(g => ({ dir: dirname(g.path), path: g.path, names: [...g.text.matchAll(/['"][\w.-]+:([\w.-]+)(:[^'"]*)?['"]/g)].map(x => x[1]) })),
    // `// indirect` requirements are libraries' own dependencies, not tools the module uses.
    ...m.goMods.map(g => ({ dir: dirname(g.path), path: g.path, names: g.requires.filter(r => !g.indirect.includes(r)) })),
    ...m.csprojs.map(c => ({ dir: dirname(c.path), path: c.path, names: c.packages })),
  ];
}

function findEvidence(facts: Facts): Evidence[] {
  const evidence: Evidence[] = [];
  for (const file of facts.files) {
    if (isTestData(file.path) || isExample(file.path)) continue;
    const name = basename(file.path);
    if (MIGRATION_CONFIG.test(name)) {
      evidence.push({ scope: dirname(file.path), what: file.path });
      continue;
    }
    if (MIGRATION_FILE_TYPES.test(name) && isMigrationFile(file)) {
      // The folder above the migrations folder is the code it migrates.
      const m = /^(.*?)(?:^|\/)(migrations?|migrate|db\/migration|alembic|evolutions|db\/changelog|supabase|prisma|drizzle)\//i.exec(file.path);
      evidence.push({ scope: m ? m[1].replace(/\/$/, '') : dirname(file.path), what: file.path });
      continue;
    }
    if (
      /^(Dockerfile[\w.-]*|Makefile|Procfile|justfile|[\w.-]+\.sh|docker-compose[\w.-]*\.ya?ml|compose[\w.-]*\.ya?ml)$/.test(name) &&
      MIGRATE_COMMAND.test(withoutHashComments(file.text))
    ) {
      evidence.push({ scope: dirname(file.path), what: file.path });
    }
    if (extname(name) === '.py' && /\bmigrations\.Migration\b|\bop\.create_table\(/.test(file.text)) {
      evidence.push({ scope: dirname(dirname(file.path)), what: file.path });
    }
    if (isCodeMigrator(name) && !isTestData(file.path) && (embeddedCreatedTables(file).length > 0 || shellCreatedTables(file).length > 0)) {
      evidence.push({ scope: dirname(file.path), what: file.path });
    }
    if (/\bimplements\s+MigrationInterface\b/.test(file.text)) {
      evidence.push({ scope: dirname(dirname(file.path)), what: file.path });
    }
  }
  for (const manifest of dependenciesByDir(facts)) {
    if (isExample(manifest.path) || isTestData(manifest.path)) continue;
    for (const dep of manifest.names.filter(n => MIGRATION_DEPENDENCIES.has(n.toLowerCase()) || /^flyway-/.test(n))) {
      evidence.push({ scope: manifest.dir, what: `${dep} in ${manifest.path}`, ...(ALEMBIC_DEPENDENCIES.has(dep.toLowerCase()) ? { alembic: true as const } : {}) });
    }
  }
  evidence.push(...dbUpEvidence(facts));
  for (const pkg of facts.manifests.packageJsons) {
    if (isExample(pkg.path)) continue;
    if (Object.values(pkg.scripts).some(s => MIGRATE_COMMAND.test(s))) {
      evidence.push({ scope: pkg.dir, what: `a migrate script in ${pkg.path}` });
    }
  }
  for (const command of facts.ci.commands) {
    if (MIGRATE_COMMAND.test(command.command)) evidence.push({ scope: '', what: command.path });
  }
  return evidence;
}

/** A DbUp package (`dbup-core`, `dbup-sqlserver`, `dbup-postgresql`…) referenced or versioned by an MSBuild file. */
const DBUP_PACKAGE = /<Package(?:Reference|Version)\s+(?:Include|Update)="(dbup(?:-[\w.]+)?)"/i;
/** MSBuild files that name packages: project files, and the `Directory.Build.props` / `Directory.Packages.props` above them. */
const MSBUILD_FILE = /\.(?:cs|fs|vb)proj$|^Directory\.(?:Build|Packages)\.(?:props|targets)$/i;

/**
 * DbUp migrations: a DbUp package referenced by the solution and versioned SQL scripts (`0001_initial.sql`, a
 * `Migrations/` folder) for it to apply, journalled in the database. DbUp upgrades the database the solution
 * shares, and its script folder or embedded scripts are chosen in code, so the evidence speaks for the whole
 * solution: the folder of the nearest `.sln` at or above the file that references DbUp (else the repository).
 */
function dbUpEvidence(facts: Facts): Evidence[] {
  const out: Evidence[] = [];
  const solutions = facts.files.filter(f => /\.slnx?$/i.test(f.path)).map(f => dirname(f.path));
  for (const file of facts.files) {
    if (!MSBUILD_FILE.test(basename(file.path)) || isTestData(file.path) || isExample(file.path)) continue;
    const dbUp = DBUP_PACKAGE.exec(file.text);
    if (!dbUp) continue;
    const dir = dirname(file.path);
    const scope = solutions.filter(sln => isUnder(dir, sln)).sort((a, b) => b.length - a.length)[0] ?? '';
    const scripts = facts.files.some(f => isOwnSqlScript(f.path) && isUnder(f.path, scope) && isMigrationFile(f));
    if (scripts) out.push({ scope, what: `DbUp (${dbUp[1]} in ${file.path}) with versioned SQL scripts` });
  }
  return out;
}

/**
 * Evidence that counts, and Alembic dependencies that do not: Alembic (and Flask-Migrate over it) applies
 * the scripts of an environment that `alembic init` / `flask db init` creates; wired into the app without
 * one, it has never managed the schema.
 */
function splitEvidence(facts: Facts, all: Evidence[]): { evidence: Evidence[]; idle: Evidence[] } {
  const environment = facts.files.some(f => !isTestData(f.path) && !isExample(f.path) && isAlembicEnvironment(f));
  if (environment) return { evidence: all, idle: [] };
  return { evidence: all.filter(e => !e.alembic), idle: all.filter(e => e.alembic) };
}

interface Subject {
  file: SourceFile;
  line: number;
  what: string;
}

/**
 * Whether a .NET project in folder `from` references one in folder `to`, directly or through other projects:
 * migrations in an infrastructure project manage the schema of the models in the projects it references (and of
 * those that reference it). Two services sharing a library reference nothing of each other.
 */
function projectReferences(facts: Facts): (from: string, to: string) => boolean {
  const references = new Map<string, string[]>();
  for (const project of facts.manifests.csprojs) {
    const dir = dirname(project.path);
    references.set(dir, [...(references.get(dir) ?? []), ...project.projectReferences.map(dirname)]);
  }
  // The project a folder belongs to: the nearest folder at or above it holding a project file.
  const projectOf = (dir: string): string | undefined => {
    for (let at = dir; ; at = dirname(at)) {
      if (references.has(at)) return at;
      if (at === '' || at === '.') return undefined;
    }
  };
  return (fromDir, toDir) => {
    const from = projectOf(fromDir);
    const to = projectOf(toDir);
    if (from === undefined || to === undefined || from === to) return false;
    const seen = new Set<string>();
    const queue = [from];
    while (queue.length > 0) {
      const next = queue.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      for (const ref of references.get(next) ?? []) {
        if (ref === to) return true;
        queue.push(ref);
      }
    }
    return false;
  };
}

function findSubjects(facts: Facts): Subject[] {
  const subjects: Subject[] = [];
  for (const file of facts.files) {
    if (isTestData(file.path) || isExample(file.path) || isMigrationFile(file)) continue;
    if (extname(file.path) === '.sql') {
      const tables = createdTables(file);
      if (tables.length > 0) subjects.push({ file, line: tables[0].line, what: `a SQL schema creating ${tableSummary(tables)}` });
      continue;
    }
    if (extname(file.path) === '.prisma') {
      const m = /^\s*model\s+\w+\s*\{/m.exec(file.text);
      if (m) subjects.push({ file, line: lineOfOffset(file, m.index + m[0].search(/\S/)), what: 'a Prisma schema' });
      continue;
    }
    const scripted = shellCreatedTables(file);
    if (scripted.length > 0) {
      if (!isCodeMigrator(file.path)) subjects.push({ file, line: scripted[0].line, what: `a shell script running DDL that creates ${tableSummary(scripted)}` });
      continue;
    }
    if (!languageOf(file.path)) continue;
    const model = modelDefinitionOf(file, facts);
    // A document store's models (Mongoose, MongoEngine) declare no DDL: there is no schema to migrate.
    if (model?.kind === 'document') continue;
    if (model) {
      const what = model.orm === 'knex' ? 'tables created from code with knex' : `${model.orm} models`;
      subjects.push({ file, line: model.line, what });
      continue;
    }
    const tables = embeddedCreatedTables(file);
    if (tables.length > 0 && !isCodeMigrator(file.path)) {
      subjects.push({ file, line: tables[0].line, what: `SQL in application code creating ${tableSummary(tables)}` });
    }
  }
  return subjects;
}

export default defineRule({
  id: 'database/no-migrations',
  category: 'database',
  severity: 'high',
  title: 'The schema is managed by migrations',
  description:
    'Fails when the repository defines a database schema, as SQL `CREATE TABLE` scripts (or DDL run from application code or by a shell script, such as `psql -c "CREATE TABLE …"`) or ORM models (SQLAlchemy, Django, Prisma, TypeORM, Sequelize, Drizzle, knex, JPA, GORM, Entity Framework, ActiveRecord…; a model whose ORM is named in the module it imports its base from, such as Flask-SQLAlchemy `db`, counts), but has no migrations (creating tables at start-up with AutoMigrate, synchronize, ddl-auto or create_all is none): no migrations folder (Alembic, Django, knex, Prisma, Flyway `db/migration`, Liquibase changelogs, Supabase, golang-migrate, goose, EF Core `Migrations/`, Rails `db/migrate`), no migration tool configured, and no migrate command in CI or scripts (commented-out lines run nothing). DbUp referenced with versioned SQL scripts counts for its whole solution (the folder of the nearest `.sln`). Alembic or Flask-Migrate declared without an Alembic environment (`env.py`, `alembic.ini`) has no migrations and does not count. Each project of a monorepo is checked on its own. The models of a document store (Mongoose, MongoEngine) declare no DDL and are no subject.',
  rationale:
    'Without versioned migrations every schema change is a manual, unreviewed step: environments drift apart, deploys fail or corrupt data halfway, and nobody can say which schema production runs or roll a change back.',
  remediation:
    'Adopt the migration tool of your stack (Alembic or Django migrations, Flyway or Liquibase, knex/Prisma/TypeORM migrations, golang-migrate or goose, EF Core migrations), capture the current schema as the first migration, and apply migrations in the deploy pipeline rather than at application start.',
  evaluate(facts) {
    const subjects = findSubjects(facts);
    const { evidence, idle } = splitEvidence(facts, findEvidence(facts));
    if (subjects.length === 0) {
      return evidence.length > 0
        ? outcome.pass(`migrations found (${evidence[0].what})`)
        : outcome.notApplicable('no SQL schema, ORM models or migrations');
    }
    const findings: Finding[] = [];
    const referenced = projectReferences(facts);
    for (const subject of subjects) {
      const project = projectDirOf(facts, subject.file.path);
      if (evidence.some(e => related(project, e.scope) || referenced(e.scope, project) || referenced(project, e.scope))) continue;
      const unused = idle.find(e => related(project, e.scope));
      findings.push({
        path: subject.file.path,
        line: subject.line,
        excerpt: lineOf(subject.file, subject.line),
        message: `${subject.what[0].toUpperCase()}${subject.what.slice(1)}${project ? ` in ${project}/` : ''}, but ${
          unused
            ? `no migrations manage the schema: ${unused.what} is declared, yet no Alembic environment (migrations folder with env.py and versions) exists`
            : 'no migrations framework or migrations folder manages the schema'
        }`,
      });
    }
    return outcome.fromFindings(findings, `migrations found (${evidence[0]?.what})`);
  },
});

