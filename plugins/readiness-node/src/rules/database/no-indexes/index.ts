import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../../snapshot';
import { extname, Facts, languageOf, lineOf, lineOfOffset } from '../../../facts';
import { maskSource } from '../../../facts/sourceText';
import { defineRule, outcome } from '../../types';
import { modelBaseModules, modelDeclaresIndex, modelDefinitionOf } from '../models';
import { codeDeclaresUniqueBeyondKey, sqlDeclaresUniqueBeyondKey } from './unique';
import {
  createdTables,
  embeddedCreatedTables,
  inStringLiteral,
  isExample,
  isMigrationFile,
  isRollbackScript,
  isTestData,
  projectDirOf,
  tableSummary,
} from '../../../facts/sql';

/**
 * Indexes declared in SQL: CREATE [UNIQUE] INDEX, MySQL inline INDEX/KEY (unique or not), ALTER TABLE … ADD
 * INDEX, EXCLUDE constraints. UNIQUE constraints on other columns than the key are indexes too (./unique.ts).
 */
const SQL_INDEX =
  /\bCREATE\s+(UNIQUE\s+)?(CLUSTERED\s+|NONCLUSTERED\s+)?INDEX\b|^\s*(UNIQUE\s+|FULLTEXT\s+|SPATIAL\s+)?(INDEX|KEY)\s+[\w`"]*\s*\(|\bADD\s+(UNIQUE\s+|FULLTEXT\s+|SPATIAL\s+)?(INDEX|KEY)\b|\bEXCLUDE\s+USING\b/im;
const SQL_INDEXES = new RegExp(SQL_INDEX.source, 'gim');

/** Table creation in migration code, per tool. */
const CODE_TABLE =
  /\.createTable(IfNotExists)?\s*\(|\bop\.create_table\s*\(|\bmigrations\.CreateModel\s*\(|\bmigrationBuilder\.CreateTable\s*\(|^\s*create_table\s+[:'"]|\bnew\s+Table\s*\(\s*\{/m;

/**
 * Index declarations in migration code or a Prisma schema. Django indexes every ForeignKey by default.
 * Unique constraints (`.unique()`, `unique=True`, `@unique`, `@@unique`, `unique_together`) are read by ./unique.ts.
 */
const CODE_INDEX =
  /\.index\s*\(|\baddIndex\s*\(|\badd_index\b|\bcreate_index\s*\(|\bCreateIndex\s*\(|\bHasIndex\s*\(|\bindex\s*[:=]\s*[Tt]rue\b|\bdb_index\s*=\s*True\b|\bIndex\s*\(|\bindexes\s*[:=]|\bindices\s*:|\bAddIndex\s*\(|\bTableIndex\s*\(|@@index\b|\buniqueIndex\s*\(|\bmodels\.(?:ForeignKey|ManyToManyField)\s*\(/;
/**
 * Rails migrations: `t.index :email` (no parentheses), and `t.references`/`t.belongs_to`/`add_reference`, which
 * index the foreign key by default unless told `index: false`.
 */
const RAILS_INDEX = /^\s*\w+\.index\s+[:[\]'"%]|^[^#\n]*\b(?:\w+\.(?:references|belongs_to)|add_reference|add_belongs_to)\b(?![^\n]*\bindex:\s*false\b)/m;
/** GORM struct tags in migration code (gormigrate): `gorm:"index"`, `gorm:"uniqueIndex"`. */
const GORM_INDEX_TAG = /\bgorm:"[^"]*\b(?:index|uniqueIndex|unique_index)\b/;
/** SQL run from migration code (knex.raw, queryRunner.query) sits in strings. */
const CODE_SQL_INDEX = /\bCREATE\s+(UNIQUE\s+)?INDEX\b|\bADD\s+(UNIQUE\s+)?INDEX\b/i;

/**
 * SQL run from migration code (`queryRunner.query(\`CREATE TABLE … CONSTRAINT "UQ_…" UNIQUE ("email")\`)`): a UNIQUE
 * constraint beyond the key inside the code's string literals (not its comments).
 */
function sqlInStringsDeclaresUnique(file: SourceFile): boolean {
  const text = file.text;
  if (!/\bUNIQUE\b/i.test(text)) return false;
  const { code, comments } = maskSource(file);
  const inComment = new Uint8Array(text.length);
  for (const c of comments) inComment.fill(1, c.start, c.end);
  let strings = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    strings += ch === '\n' || (code[i] !== ch && !inComment[i]) ? ch : ' ';
  }
  return sqlDeclaresUniqueBeyondKey(strings, strings);
}

interface Source {
  file: SourceFile;
  /** The project whose schema the tables belong to, when it is not the file's own: that of the models' base. */
  schema?: string;
  line: number;
  /** What creates the tables, for the message: `creates 2 table(s) (a, b)`. */
  creates: string;
  hasIndex: boolean;
}

/** Schema files: SQL scripts, migrations, a Prisma schema, DDL run from application code. */
function sourceOf(file: SourceFile): Source | undefined {
  if (isTestData(file.path) || isRollbackScript(file.path)) return undefined;
  const ext = extname(file.path);
  if (ext === '.sql') {
    const tables = createdTables(file);
    const { code } = maskSource(file);
    const hasIndex = SQL_INDEX.test(code) || sqlDeclaresUniqueBeyondKey(code, file.text);
    if (tables.length === 0) return hasIndex ? { file, line: 0, creates: '', hasIndex } : undefined;
    return { file, line: tables[0].line, creates: `creates ${tableSummary(tables)}`, hasIndex };
  }
  if (ext === '.prisma') {
    const models = [...file.text.matchAll(/^\s*model\s+(\w+)\s*\{/gm)];
    if (models.length === 0) return undefined;
    const { code } = maskSource({ ...file, path: `${file.path}.ts` });
    return {
      file,
      line: lineOfOffset(file, models[0].index! + models[0][0].search(/\S/)),
      creates: `defines ${models.length} Prisma model(s) (${models.slice(0, 5).map(m => m[1]).join(', ')}${models.length > 5 ? ', …' : ''})`,
      hasIndex: CODE_INDEX.test(code) || codeDeclaresUniqueBeyondKey(code, file.text),
    };
  }
  if (!languageOf(file.path)) return undefined;
  if (!isMigrationFile(file)) return isExample(file.path) ? undefined : embeddedSourceOf(file);
  const { code } = maskSource(file);
  const hasIndex =
    CODE_INDEX.test(code) ||
    CODE_SQL_INDEX.test(file.text) ||
    codeDeclaresUniqueBeyondKey(code, file.text) ||
    sqlInStringsDeclaresUnique(file) ||
    (ext === '.rb' && RAILS_INDEX.test(code)) ||
    (ext === '.go' && GORM_INDEX_TAG.test(file.text));
  const create = CODE_TABLE.exec(code) ?? /\bCREATE\s+TABLE\b/i.exec(file.text);
  if (!create) return hasIndex ? { file, line: 0, creates: '', hasIndex } : undefined;
  const offset = create.index + (create[0].length - create[0].trimStart().length);
  return { file, line: lineOfOffset(file, offset), creates: 'creates tables', hasIndex };
}

/** `CREATE TABLE` and index statements in string literals of application code, run at start-up. */
function embeddedSourceOf(file: SourceFile): Source | undefined {
  const tables = embeddedCreatedTables(file);
  if (tables.length === 0) return undefined;
  const hasIndex =
    [...file.text.matchAll(SQL_INDEXES)].some(m => inStringLiteral(file, m.index! + m[0].search(/\S/))) ||
    tables.some(t => {
      const statement = file.text.slice(t.offset, t.offset + 4000).split(';')[0];
      return sqlDeclaresUniqueBeyondKey(statement, statement);
    });
  return { file, line: tables[0].line, creates: `creates ${tableSummary(tables)} from application code`, hasIndex };
}

/** ORM models that are the schema's only description: the tables are created from them. */
function modelSourceOf(facts: Facts, file: SourceFile): Source | undefined {
  if (isTestData(file.path) || isExample(file.path) || !languageOf(file.path) || isMigrationFile(file)) return undefined;
  const model = modelDefinitionOf(file, facts);
  if (!model || model.kind !== 'relational' || !model.declaresIndexes) return undefined;
  const what = model.orm === 'knex' ? 'creates tables with knex' : `defines ${model.orm} models (the tables are created from them)`;
  const { code } = maskSource(file);
  // A model whose base comes from another project (a plugin's model on the application's declarative base) adds its
  // tables to that project's schema.
  const own = projectDirOf(facts, file.path);
  const schema = modelBaseModules(facts, file).map(f => projectDirOf(facts, f.path)).find(dir => dir !== own);
  return {
    file,
    line: model.line,
    creates: what,
    hasIndex: modelDeclaresIndex(file, model) || codeDeclaresUniqueBeyondKey(code, file.text),
    ...(schema !== undefined ? { schema } : {}),
  };
}

/**
 * Frameworks of apps that run on the user's device (React Native, Expo, Capacitor, NativeScript): the SQLite tables
 * their code creates are a local store or cache on the device, not the service's schema.
 */
const DEVICE_APP_DEPENDENCIES = ['react-native', 'expo', '@capacitor/core', '@nativescript/core'];

/** Whether a JavaScript/TypeScript file belongs to a device app: its nearest package.json declares such a framework. */
function isDeviceAppCode(facts: Facts, file: SourceFile): boolean {
  const language = languageOf(file.path);
  if (language !== 'javascript' && language !== 'typescript') return false;
  const owners = facts.manifests.packageJsons.filter(p => p.dir === '' || file.path.startsWith(`${p.dir}/`));
  const pkg = owners.sort((a, b) => b.dir.length - a.dir.length)[0];
  return !!pkg && DEVICE_APP_DEPENDENCIES.some(d => d in pkg.dependencies);
}

/** The project whose schema a source's tables belong to. */
function schemaOf(facts: Facts, source: Source): string {
  return source.schema ?? projectDirOf(facts, source.file.path);
}

export default defineRule({
  id: 'database/no-indexes',
  category: 'database',
  severity: 'low',
  title: 'The schema has indexes',
  description:
    'Fails when a project creates tables (SQL `CREATE TABLE` in scripts, migrations or application code; knex/Sequelize/TypeORM/Alembic/Django/EF Core migrations; a Prisma schema; or, when nothing else creates them, TypeORM/JPA/GORM/Sequelize/SQLAlchemy/Drizzle models) but declares no index beyond its keys: no `CREATE INDEX`, inline `INDEX`/`KEY`, `.index()`/`addIndex`, `op.create_index`, `models.Index`, `@@index`, `@Index`, `gorm:"index"`, Rails `t.index`/`t.references`… A UNIQUE constraint on a column other than the primary key counts (the database indexes it), also inside the SQL strings a migration runs; PRIMARY KEY, and UNIQUE on the key column itself, do not. Each project is judged on its own; models on another project\'s declarative base belong to that project\'s schema. Tables that the code of a device app (React Native, Expo, Capacitor, NativeScript) creates are a local store on the device, not the service\'s schema, and are not judged.',
  rationale:
    'Primary keys only serve look-ups by id. Every query that filters or joins on another column (a foreign key, a status, a timestamp) scans the whole table: fine with test data, an outage once production tables grow.',
  remediation:
    'Add indexes for the columns your queries filter, join and sort on, starting with foreign keys and lookup columns (`CREATE INDEX orders_customer_id_idx ON orders (customer_id)`), in a new migration. Use UNIQUE constraints where the data must be unique.',
  evaluate(facts) {
    const files = facts.files.filter(f => !isDeviceAppCode(facts, f));
    const sources = files.flatMap(f => sourceOf(f) ?? []);
    const creators = sources.filter(s => s.line > 0);
    // Models describe the schema only where no SQL, migration or Prisma schema creates the tables:
    // next to a schema script, their index declarations create nothing.
    const schemaProjects = new Set(creators.map(s => projectDirOf(facts, s.file.path)));
    const sourcePaths = new Set(sources.map(s => s.file.path));
    const models = files
      .flatMap(f => (sourcePaths.has(f.path) ? [] : modelSourceOf(facts, f) ?? []))
      .filter(m => !schemaProjects.has(schemaOf(facts, m)));
    if (creators.length === 0 && models.length === 0) {
      return outcome.notApplicable('no SQL schema, migration, Prisma schema or ORM models creating tables');
    }
    // Projects of a monorepo are judged on their own; indexes anywhere in a project count for all its tables.
    const indexed = new Set([...sources, ...models].filter(s => s.hasIndex).map(s => schemaOf(facts, s)));
    const findings: Finding[] = [];
    for (const source of [...creators, ...models]) {
      const project = schemaOf(facts, source);
      if (indexed.has(project)) continue;
      findings.push({
        path: source.file.path,
        line: source.line,
        excerpt: lineOf(source.file, source.line),
        message: `${source.file.path} ${source.creates}, and the schema${project ? ` of ${project}/` : ''} has no index beyond primary keys`,
        ...(isExample(source.file.path) ? { confidence: 'low' as const } : {}),
      });
    }
    return outcome.fromFindings(findings);
  },
});
