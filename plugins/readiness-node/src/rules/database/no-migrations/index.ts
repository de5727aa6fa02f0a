import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../../engine/snapshot';
import { basename, dirname, extname, Facts, languageOf, lineOf, lineOfOffset } from '../../../facts';
import { manifestProjectDir } from '../../../facts/projects';
import { maskSource } from '../../../facts/sourceText';
import { defineRule, outcome } from '../../types';
import { createdTables, isExample, isMigrationFile, isTestData, projectDirOf, related } from '../sql';

/**
 * How ORM models show themselves in code: the ORM named in the file (`uses`,
 * read from the raw text, since imports are strings) and a model definition
 * (`model`, read from the code with comments, strings and regular expressions
 * blanked out).
 */
const MODEL_SIGNS: Array<{ orm: string; languages: string[]; uses: RegExp; model: RegExp }> = [
  {
    orm: 'SQLAlchemy',
    languages: ['python'],
    uses: /\b(sqlalchemy|flask_sqlalchemy|sqlmodel)\b/,
    model: /^\s*class\s+\w+\s*\([^)\n]{0,200}\b(db\.Model|Base|DeclarativeBase|SQLModel\b[^)\n]{0,200}table\s*=\s*True)[^)\n]{0,200}\)\s*:|\bTable\(\s*['"][^'"]*['"]\s*,\s*\w*meta/m,
  },
  { orm: 'Django', languages: ['python'], uses: /\bfrom\s+django\.db\s+import\b/, model: /^\s*class\s+\w+\s*\([^)\n]{0,200}\bmodels\.Model\b[^)\n]{0,200}\)\s*:/m },
  { orm: 'Peewee', languages: ['python'], uses: /\bpeewee\b/, model: /^\s*class\s+\w+\s*\(\s*\w*Model\s*\)\s*:/m },
  { orm: 'Tortoise', languages: ['python'], uses: /\btortoise\b/, model: /^\s*class\s+\w+\s*\([^)\n]{0,200}\bModel\b[^)\n]{0,200}\)\s*:/m },
  { orm: 'TypeORM', languages: ['typescript', 'javascript'], uses: /from\s+['"](typeorm|@mikro-orm\/[\w-]+)['"]/, model: /@Entity\s*\(/ },
  {
    orm: 'Sequelize',
    languages: ['typescript', 'javascript'],
    uses: /(from\s+|require\(\s*)['"]sequelize(-typescript)?['"]/,
    model: /\.define\(\s*['"][^'"]*['"]|\bextends\s+Model\b|\.init\(\s*\{|@Table\b/,
  },
  { orm: 'Drizzle', languages: ['typescript', 'javascript'], uses: /['"]drizzle-orm[/'"]/, model: /\b(pgTable|mysqlTable|sqliteTable)\s*\(/ },
  { orm: 'knex', languages: ['typescript', 'javascript'], uses: /\bknex\b/, model: /\.schema\s*\.\s*createTable(IfNotExists)?\s*\(/ },
  { orm: 'JPA', languages: ['java', 'kotlin'], uses: /\b(javax|jakarta)\.persistence\b/, model: /^\s*@Entity\b/m },
  { orm: 'GORM', languages: ['go'], uses: /"gorm\.io\/gorm"/, model: /\bgorm\.Model\b|\.AutoMigrate\(/ },
  { orm: 'Entity Framework', languages: ['csharp'], uses: /\bMicrosoft\.EntityFrameworkCore\b|\bDbContext\b/, model: /:\s*DbContext\b|\bDbSet<\w+>/ },
  { orm: 'ActiveRecord', languages: ['ruby'], uses: /.*/, model: /<\s*(ApplicationRecord|ActiveRecord::Base)\b/ },
];

/** Configuration files of migration tools. */
const MIGRATION_CONFIG =
  /^(alembic\.ini|knexfile\.[cm]?[jt]s|\.sequelizerc|flyway\.(conf|toml)|liquibase\.properties|sqitch\.(plan|conf)|atlas\.hcl|migration_lock\.toml|dbmate\.env|\.dbmate|ormconfig\.\w+|mikro-orm\.config\.[jt]s|drizzle\.config\.[jt]s)$|changelog[\w.-]*\.(xml|ya?ml|json|sql)$/i;

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
]);

/** Commands that apply migrations, in CI, scripts, Dockerfiles or package.json scripts. */
const MIGRATE_COMMAND =
  /alembic\s+upgrade|flask\s+db\s+upgrade|manage\.py\s+migrate|prisma\s+migrate|knex\s+migrate|sequelize(-cli)?\s+db:migrate|typeorm(-ts-node-\w+)?\s+migration:run|dotnet\s+ef\s+(database\s+update|migrations)|\bmigrate\s+(-path|-source|-database)|goose\s+.*\bup\b|flyway\s+(migrate|-\w)|liquibase\s+update|rails\s+db:migrate|rake\s+db:migrate|dbmate\s+(up|migrate)|mikro-orm\s+migration:up|drizzle-kit\s+(migrate|generate)|sqitch\s+deploy|atlas\s+migrate/;

const MIGRATION_FILE_TYPES = /\.(sql|py|js|cjs|mjs|ts|go|rb|cs|java|kt|xml|ya?ml|json)$/i;

interface Evidence {
  /** The folder the evidence speaks for; `''` for the whole repository. */
  scope: string;
  what: string;
}

function dependenciesByDir(facts: Facts): Array<{ dir: string; path: string; names: string[] }> {
  const m = facts.manifests;
  return [
    ...m.packageJsons.map(p => ({ dir: p.dir, path: p.path, names: [...Object.keys(p.dependencies), ...Object.keys(p.devDependencies)] })),
    ...m.requirements.map(r => ({ dir: manifestProjectDir(r.path), path: r.path, names: r.entries.map(e => e.name) })),
    ...m.pyprojects.map(p => ({ dir: p.dir, path: p.path, names: p.dependencies })),
    ...m.poms.map(p => ({ dir: dirname(p.path), path: p.path, names: p.dependencies.map(d => d.artifactId) })),
    ...m.gradle.map(g => ({ dir: dirname(g.path), path: g.path, names: [...g.text.matchAll(/['"][\w.-]+:([\w.-]+)(:[^'"]*)?['"]/g)].map(x => x[1]) })),
    ...m.goMods.map(g => ({ dir: dirname(g.path), path: g.path, names: g.requires })),
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
    if (/^(Dockerfile[\w.-]*|Makefile|Procfile|justfile|[\w.-]+\.sh|docker-compose[\w.-]*\.ya?ml|compose[\w.-]*\.ya?ml)$/.test(name) && MIGRATE_COMMAND.test(file.text)) {
      evidence.push({ scope: dirname(file.path), what: file.path });
    }
    if (extname(name) === '.py' && /\bmigrations\.Migration\b|\bop\.create_table\(/.test(file.text)) {
      evidence.push({ scope: dirname(dirname(file.path)), what: file.path });
    }
    if (/\bimplements\s+MigrationInterface\b/.test(file.text)) {
      evidence.push({ scope: dirname(dirname(file.path)), what: file.path });
    }
  }
  for (const manifest of dependenciesByDir(facts)) {
    if (isExample(manifest.path) || isTestData(manifest.path)) continue;
    const dep = manifest.names.find(n => MIGRATION_DEPENDENCIES.has(n.toLowerCase()) || /^flyway-/.test(n));
    if (dep) evidence.push({ scope: manifest.dir, what: `${dep} in ${manifest.path}` });
  }
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

interface Subject {
  file: SourceFile;
  line: number;
  what: string;
}

function findSubjects(facts: Facts): Subject[] {
  const subjects: Subject[] = [];
  for (const file of facts.files) {
    if (isTestData(file.path) || isExample(file.path) || isMigrationFile(file)) continue;
    if (extname(file.path) === '.sql') {
      const tables = createdTables(file);
      if (tables.length > 0) {
        const names = [...new Set(tables.map(t => t.name))];
        subjects.push({
          file,
          line: tables[0].line,
          what: `a SQL schema creating ${names.length} table(s) (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''})`,
        });
      }
      continue;
    }
    if (extname(file.path) === '.prisma') {
      const m = /^\s*model\s+\w+\s*\{/m.exec(file.text);
      if (m) subjects.push({ file, line: lineOfOffset(file, m.index + m[0].search(/\S/)), what: 'a Prisma schema' });
      continue;
    }
    const language = languageOf(file.path);
    if (!language) continue;
    for (const sign of MODEL_SIGNS) {
      if (!sign.languages.includes(language) || !sign.uses.test(file.text)) continue;
      const m = sign.model.exec(maskSource(file).code);
      if (!m) continue;
      const offset = m.index + (m[0].length - m[0].trimStart().length);
      const what = sign.orm === 'knex' ? 'tables created from code with knex' : `${sign.orm} models`;
      subjects.push({ file, line: lineOfOffset(file, offset), what });
      break;
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
    'Fails when the repository defines a database schema, as SQL `CREATE TABLE` scripts or ORM models (SQLAlchemy, Django, Prisma, TypeORM, Sequelize, Drizzle, knex, JPA, GORM, Entity Framework, ActiveRecord…), but has no migrations: no migrations folder (Alembic, Django, knex, Prisma, Flyway `db/migration`, Liquibase changelogs, Supabase, golang-migrate, goose, EF Core `Migrations/`, Rails `db/migrate`), no migration tool configured, and no migrate command in CI or scripts. Each project of a monorepo is checked on its own.',
  rationale:
    'Without versioned migrations every schema change is a manual, unreviewed step: environments drift apart, deploys fail or corrupt data halfway, and nobody can say which schema production runs or roll a change back.',
  remediation:
    'Adopt the migration tool of your stack (Alembic or Django migrations, Flyway or Liquibase, knex/Prisma/TypeORM migrations, golang-migrate or goose, EF Core migrations), capture the current schema as the first migration, and apply migrations in the deploy pipeline rather than at application start.',
  evaluate(facts) {
    const subjects = findSubjects(facts);
    const evidence = findEvidence(facts);
    if (subjects.length === 0) {
      return evidence.length > 0
        ? outcome.pass(`migrations found (${evidence[0].what})`)
        : outcome.notApplicable('no SQL schema, ORM models or migrations');
    }
    const findings: Finding[] = [];
    for (const subject of subjects) {
      const project = projectDirOf(facts, subject.file.path);
      if (evidence.some(e => related(project, e.scope))) continue;
      findings.push({
        path: subject.file.path,
        line: subject.line,
        excerpt: lineOf(subject.file, subject.line),
        message: `${subject.what[0].toUpperCase()}${subject.what.slice(1)}${project ? ` in ${project}/` : ''}, but no migrations framework or migrations folder manages the schema`,
      });
    }
    return outcome.fromFindings(findings, `migrations found (${evidence[0]?.what})`);
  },
});

