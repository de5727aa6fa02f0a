import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../../engine/snapshot';
import { extname, languageOf, lineOf, lineOfOffset } from '../../../facts';
import { maskSource } from '../../../facts/sourceText';
import { defineRule, outcome } from '../../types';
import { createdTables, isExample, isMigrationFile, isRollbackScript, isTestData, projectDirOf } from '../sql';

/** Indexes in SQL: CREATE INDEX, UNIQUE constraints, MySQL inline INDEX/KEY, ALTER TABLE … ADD INDEX. */
const SQL_INDEX =
  /\bCREATE\s+(UNIQUE\s+)?(CLUSTERED\s+|NONCLUSTERED\s+)?INDEX\b|\bUNIQUE\b|^\s*(UNIQUE\s+|FULLTEXT\s+|SPATIAL\s+)?(INDEX|KEY)\s+[\w`"]*\s*\(|\bADD\s+(UNIQUE\s+)?(INDEX|KEY)\b|\bEXCLUDE\s+USING\b/im;

/** Table creation in migration code, per tool. */
const CODE_TABLE =
  /\.createTable(IfNotExists)?\s*\(|\bop\.create_table\s*\(|\bmigrations\.CreateModel\s*\(|\bmigrationBuilder\.CreateTable\s*\(|^\s*create_table\s+[:'"]|\bnew\s+Table\s*\(\s*\{/m;

/** Index declarations in migration code or a Prisma schema. */
const CODE_INDEX =
  /\.index\s*\(|\.unique\s*\(|\baddIndex\s*\(|\badd_index\b|\bop\.create_index\s*\(|\bCreateIndex\s*\(|\bindex\s*[:=]\s*[Tt]rue\b|\bunique\s*[:=]\s*[Tt]rue\b|\bdb_index\s*=\s*True\b|\bmodels\.Index\s*\(|\bIndex\s*\(|UniqueConstraint\s*\(|\bunique_together\b|\bindexes\s*[:=]|\bAddIndex\s*\(|\bTableIndex\s*\(|\bisUnique\s*:\s*true|@@index\b|@@unique\b|@unique\b|\buniqueIndex\s*\(|\bCREATE\s+(UNIQUE\s+)?INDEX\b/;

interface Source {
  file: SourceFile;
  line: number;
  tables: string[];
  hasIndex: boolean;
}

function sourceOf(file: SourceFile): Source | undefined {
  if (isTestData(file.path) || isRollbackScript(file.path)) return undefined;
  const ext = extname(file.path);
  if (ext === '.sql') {
    const tables = createdTables(file);
    const { code } = maskSource(file);
    const hasIndex = SQL_INDEX.test(code);
    if (tables.length === 0) return hasIndex ? { file, line: 0, tables: [], hasIndex } : undefined;
    return { file, line: tables[0].line, tables: [...new Set(tables.map(t => t.name))], hasIndex };
  }
  if (ext === '.prisma') {
    const models = [...file.text.matchAll(/^\s*model\s+(\w+)\s*\{/gm)];
    if (models.length === 0) return undefined;
    const { code } = maskSource({ ...file, path: `${file.path}.ts` });
    return {
      file,
      line: lineOfOffset(file, models[0].index! + models[0][0].search(/\S/)),
      tables: models.map(m => m[1]),
      hasIndex: CODE_INDEX.test(code),
    };
  }
  if (!languageOf(file.path) || !isMigrationFile(file)) return undefined;
  const { code } = maskSource(file);
  // SQL run from migration code (knex.raw, queryRunner.query) sits in strings.
  const hasIndex = CODE_INDEX.test(code) || /\bCREATE\s+(UNIQUE\s+)?INDEX\b|\bUNIQUE\s*\(/i.test(file.text);
  const create = CODE_TABLE.exec(code) ?? /\bCREATE\s+TABLE\b/i.exec(file.text);
  if (!create) return hasIndex ? { file, line: 0, tables: [], hasIndex } : undefined;
  const offset = create.index + (create[0].length - create[0].trimStart().length);
  return { file, line: lineOfOffset(file, offset), tables: [], hasIndex };
}

export default defineRule({
  id: 'database/no-indexes',
  category: 'database',
  severity: 'low',
  title: 'The schema has indexes',
  description:
    'Fails when a project creates tables (SQL `CREATE TABLE`, knex/Sequelize/TypeORM/Alembic/Django/EF Core migrations, a Prisma schema) but declares no index beyond primary keys anywhere in its schema and migrations: no `CREATE INDEX`, `UNIQUE` constraint, inline `INDEX`/`KEY`, `.index()`/`addIndex`, `op.create_index`, `models.Index`, `@@index`…',
  rationale:
    'Primary keys only serve look-ups by id. Every query that filters or joins on another column (a foreign key, a status, a timestamp) scans the whole table: fine with test data, an outage once production tables grow.',
  remediation:
    'Add indexes for the columns your queries filter, join and sort on, starting with foreign keys and lookup columns (`CREATE INDEX orders_customer_id_idx ON orders (customer_id)`), in a new migration. Use UNIQUE constraints where the data must be unique.',
  evaluate(facts) {
    const sources = facts.files.flatMap(f => sourceOf(f) ?? []);
    const creators = sources.filter(s => s.line > 0);
    if (creators.length === 0) {
      return outcome.notApplicable('no SQL schema, migration or Prisma schema creating tables');
    }
    // Projects of a monorepo are judged on their own; indexes anywhere in a project count for all its tables.
    const indexed = new Set(sources.filter(s => s.hasIndex).map(s => projectDirOf(facts, s.file.path)));
    const findings: Finding[] = [];
    for (const source of creators) {
      const project = projectDirOf(facts, source.file.path);
      if (indexed.has(project)) continue;
      const tables = source.tables.length
        ? `creates ${source.tables.length} table(s) (${source.tables.slice(0, 5).join(', ')}${source.tables.length > 5 ? ', …' : ''})`
        : 'creates tables';
      findings.push({
        path: source.file.path,
        line: source.line,
        excerpt: lineOf(source.file, source.line),
        message: `${source.file.path} ${tables}, and the schema${project ? ` of ${project}/` : ''} has no index beyond primary keys`,
        ...(isExample(source.file.path) ? { confidence: 'low' as const } : {}),
      });
    }
    return outcome.fromFindings(findings);
  },
});
