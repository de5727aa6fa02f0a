/**
 * What SQL files and embedded SQL say: which scripts are migrations, rollbacks, test data or examples, and
 * which tables they create or drop. Read by the database rules and by every rule that looks at seeded rows.
 */
import type { SourceFile } from '../snapshot';
import type { Facts } from './index';
import { basename, dirname, DOCS_DIR, EXAMPLES_DIR, extname, isTestFile, outsideJvmPackages } from './paths';
import { isUnder, projectsOf } from './projects';
import { maskSource } from './sourceText';
import { lineOfOffset } from './text';

/** Test data and test folders: SQL there sets up throwaway databases. */
const TEST_DATA = /(^|\/)(tests?|__tests__|spec|specs|fixtures?|__fixtures__|testdata|test-data|src\/test|e2e)\//i;

export function isTestData(path: string): boolean {
  return TEST_DATA.test(path) || isTestFile(path);
}

/**
 * Examples and documentation. A `.sql` file is a script whatever folder holds
 * it: a schema under `docs/sql/` is the one the README tells you to run, so
 * only example and sample folders make SQL an example. Folders inside a JVM
 * source root are packages (`com/example/app/`), not example folders.
 */
export function isExample(path: string): boolean {
  const folders = outsideJvmPackages(path);
  return EXAMPLES_DIR.test(folders) || (DOCS_DIR.test(folders) && extname(path) !== '.sql');
}

/** A `.sql` script that is neither test data nor an example: judged as the project's own. */
export function isOwnSqlScript(path: string): boolean {
  return extname(path) === '.sql' && !isTestData(path) && !isExample(path);
}

/** Folders that hold versioned migrations, whatever the tool. */
const MIGRATION_DIR =
  /(^|\/)(migrations?|migrate|db\/migration|alembic\/versions|evolutions|db\/changelog)\/|(^|\/)drizzle\/(meta\/_journal\.json|[^/]+\.sql)$/i;
/** File names of versioned migrations: Flyway, numbered or timestamped scripts, up/down pairs. */
const MIGRATION_NAME = /^([VUR]\d+(\.\d+)*__.+|R__.+|\d{3,}[_-].+|\d{8,}.+|.+\.(up|down)\.sql)$/i;
/** Migration tools that mark their SQL files. */
const MIGRATION_MARKER = /^\s*--\s*(\+goose\s+(Up|Down)|\+migrate\s+(Up|Down)|migrate:(up|down)|liquibase formatted sql|changeset\s)/im;

export function isMigrationPath(path: string): boolean {
  return MIGRATION_DIR.test(path) || (extname(path) === '.sql' && MIGRATION_NAME.test(basename(path)));
}

export function isMigrationFile(file: SourceFile): boolean {
  return isMigrationPath(file.path) || (extname(file.path) === '.sql' && MIGRATION_MARKER.test(file.text));
}

/** Down, undo, rollback and revert scripts: destructive by design. */
export function isRollbackScript(path: string): boolean {
  const name = basename(path);
  return (
    /(^|[._-])(down|undo|rollback|revert)([._-]|$)/i.test(name) ||
    /^U\d+(\.\d+)*__/.test(name) ||
    /(^|\/)(down|undo|rollback|revert|reverts)\//i.test(`${dirname(path)}/`)
  );
}

/** A table named in a statement, with where it is. */
export interface TableRef {
  /** Unquoted, lower-case, without schema. */
  name: string;
  /** As written. */
  written: string;
  offset: number;
  line: number;
}

function tableName(written: string): string {
  const parts = written.split('.');
  return parts[parts.length - 1].replace(/[`"[\]]/g, '').toLowerCase();
}

const IDENT = '(?:`[^`]+`|"[^"]+"|\\[[^\\]]+\\]|[\\w$]+)(?:\\.(?:`[^`]+`|"[^"]+"|\\[[^\\]]+\\]|[\\w$]+))*';
const CREATE_TABLE = new RegExp(
  `\\bCREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:(?:GLOBAL\\s+|LOCAL\\s+)?(?:TEMPORARY|TEMP)\\s+|UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(${IDENT})`,
  'gi',
);
const DROP_TABLE = new RegExp(`\\bDROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(${IDENT}(?:\\s*,\\s*${IDENT})*)`, 'gi');

/** Tables created by `CREATE TABLE` statements (comments and strings ignored). */
export function createdTables(file: SourceFile): TableRef[] {
  const { code } = maskSource(file);
  return [...code.matchAll(CREATE_TABLE)]
    .filter(m => !/\bTEMP(ORARY)?\b/i.test(m[0]))
    .map(m => ({
      name: tableName(m[1]),
      written: m[1],
      offset: m.index!,
      line: lineOfOffset(file, m.index!),
    }));
}

/**
 * Tables created by `CREATE TABLE` statements inside string literals of
 * application code (DDL run at start-up): comments do not count.
 */
export function embeddedCreatedTables(file: SourceFile): TableRef[] {
  if (!/CREATE\s+(?:\w+\s+){0,3}TABLE/i.test(file.text)) return [];
  const out: TableRef[] = [];
  for (const m of file.text.matchAll(CREATE_TABLE)) {
    if (/\bTEMP(ORARY)?\b/i.test(m[0]) || !inStringLiteral(file, m.index!)) continue;
    // A statement goes on with its column list (or `AS SELECT`); prose that names the statement does not.
    if (!/^\s*(?:\(|AS\b)/i.test(file.text.slice(m.index! + m[0].length, m.index! + m[0].length + 40))) continue;
    out.push({ name: tableName(m[1]), written: m[1], offset: m.index!, line: lineOfOffset(file, m.index!) });
  }
  return out;
}

/** A table name in a shell script: an identifier, or a variable (`${TABLE}`, `$TABLE`) the script fills in. */
const SHELL_TABLE = new RegExp(`\\bCREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\$\\{\\w+\\}|\\$\\w+|${IDENT})`, 'gi');

/**
 * Tables created by DDL a shell script runs (`psql -c "CREATE TABLE …"`, a heredoc fed to `mysql`, `sqlite3`):
 * statements outside comments that go on with a column list. Temporary tables do not count.
 */
export function shellCreatedTables(file: SourceFile): TableRef[] {
  if (!/\.(sh|bash)$/.test(file.path) || !/CREATE\s+(?:\w+\s+){0,3}TABLE/i.test(file.text)) return [];
  const { comments } = maskSource(file);
  const out: TableRef[] = [];
  for (const m of file.text.matchAll(SHELL_TABLE)) {
    if (comments.some(c => c.start <= m.index! && m.index! < c.end)) continue;
    if (!/^\s*\(/.test(file.text.slice(m.index! + m[0].length, m.index! + m[0].length + 40))) continue;
    out.push({ name: m[1].startsWith('$') ? m[1] : tableName(m[1]), written: m[1], offset: m.index!, line: lineOfOffset(file, m.index!) });
  }
  return out;
}

/** Whether an offset of a code file falls inside a string literal (blanked by maskSource, and not a comment). */
export function inStringLiteral(file: SourceFile, offset: number): boolean {
  const { code, comments } = maskSource(file);
  if (code[offset] === file.text[offset]) return false;
  return !comments.some(c => c.start <= offset && offset < c.end);
}

/** `3 table(s) (orders, items, users)`: the distinct names, the first five shown. */
export function tableSummary(tables: TableRef[]): string {
  const names = [...new Set(tables.map(t => t.name))];
  return `${names.length} table(s) (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''})`;
}

/** Tables dropped by `DROP TABLE` statements. */
export function droppedTables(file: SourceFile): TableRef[] {
  const { code } = maskSource(file);
  const out: TableRef[] = [];
  for (const m of code.matchAll(DROP_TABLE)) {
    for (const written of m[1].split(/\s*,\s*/)) {
      out.push({ name: tableName(written), written, offset: m.index!, line: lineOfOffset(file, m.index!) });
    }
  }
  return out;
}

/**
 * The project directory a file belongs to: its nearest manifest folder of
 * any ecosystem, or the root.
 */
export function projectDirOf(facts: Facts, path: string): string {
  const projects = projectsOf(facts);
  return projects.find(p => isUnder(path, p.dir))?.dir ?? '';
}

/** Whether two directories are related: one contains the other. */
export function related(a: string, b: string): boolean {
  return isUnder(a, b) || isUnder(b, a);
}
