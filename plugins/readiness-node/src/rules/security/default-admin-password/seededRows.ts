import { SourceFile } from '../../../snapshot';
import { maskSource } from '../../../facts/sourceText';
import { createdTables } from '../../../facts/sql';
import { FixedPassword, fixedPasswordOf, Hit } from './passwords';

/** Tables that hold login accounts. */
const USER_TABLE = /user|account|admin|member|staff|login|log_?on|sign_?on|sign_?in|principal|credential|operator|employee|customer|person|auth/i;
/** Columns that hold the password, not facts about it. */
const PASSWORD_COLUMN = /pass|pwd/;
const NOT_PASSWORD_COLUMN = /hint|reset|expir|changed|policy|salt|algo|version|count|attempt|updated|_at$|date|time|length|required|must|flag|enabled|question/;
const EXACT_PASSWORD_COLUMN = /^(password|passwd|pwd|pass|password_?hash|hashed_?password|encrypted_?password|user_?password|pass_?hash)$/;

/** `INSERT INTO users (a, b) VALUES` and `INSERT INTO users VALUES` (columns then come from its CREATE TABLE). */
const SQL_INSERT_HEAD =
  /insert\s+(?:ignore\s+)?into\s+[`"[]?(?:\w+[`"\]]?\.[`"[]?)?(?<table>\w+)[`"\]]?\s*(?:\((?<columns>[^)]{1,2000})\)\s*)?values\s*/gi;

/** Splits a tuple body on top-level commas, quote-aware. */
function splitSqlValues(tuple: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote = '';
  let depth = 0;
  for (let i = 0; i < tuple.length; i++) {
    const ch = tuple[i];
    if (quote) {
      current += ch;
      if (ch === quote && tuple[i + 1] === quote) {
        current += tuple[++i];
      } else if (ch === quote) quote = '';
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** The value tuples after `VALUES`, each with the offset of its opening parenthesis; linear, quote-aware. */
function sqlTuples(text: string, from: number): Array<{ offset: number; body: string }> {
  const tuples: Array<{ offset: number; body: string }> = [];
  let i = from;
  while (i < text.length && tuples.length < 10000) {
    while (i < text.length && /[\s,]/.test(text[i])) i += 1;
    if (text[i] !== '(') break;
    const open = i;
    let depth = 0;
    let quote = '';
    for (; i < text.length; i++) {
      const ch = text[i];
      if (quote) {
        if (ch === quote && text[i + 1] === quote) i += 1;
        else if (ch === quote) quote = '';
        continue;
      }
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '(') depth += 1;
      else if (ch === ')') {
        depth -= 1;
        if (depth === 0) break;
      }
    }
    if (i >= text.length) break;
    tuples.push({ offset: open, body: text.slice(open + 1, i) });
    i += 1;
  }
  return tuples;
}

const unquote = (name: string) => name.trim().replace(/[`"[\]]/g, '').toLowerCase();

/** The column names of a table created in a SQL file, in order. */
export function createdColumns(file: SourceFile, table: string): string[] {
  const created = createdTables(file).find(t => t.name === table.toLowerCase());
  if (!created) return [];
  const { code } = maskSource(file);
  const open = code.indexOf('(', created.offset);
  if (open === -1) return [];
  let depth = 0;
  let end = open;
  for (; end < code.length; end++) {
    if (code[end] === '(') depth += 1;
    else if (code[end] === ')' && --depth === 0) break;
  }
  return splitSqlValues(code.slice(open + 1, end))
    .filter(part => !/^(PRIMARY|KEY|INDEX|UNIQUE|CONSTRAINT|FOREIGN|CHECK|FULLTEXT|SPATIAL|EXCLUDE|PERIOD)\b/i.test(part))
    .map(part => unquote(part.split(/\s+/)[0]));
}

function passwordColumn(columns: string[]): number {
  const candidates = columns.map((c, i) => ({ c, i })).filter(({ c }) => PASSWORD_COLUMN.test(c) && !NOT_PASSWORD_COLUMN.test(c));
  return (candidates.find(({ c }) => EXACT_PASSWORD_COLUMN.test(c)) ?? candidates[0])?.i ?? -1;
}

/**
 * The fixed password of a SQL value: a string literal, or a hashing call over
 * one (`md5('…')`, `crypt('…', gen_salt('bf'))`). NULL, DEFAULT, parameters
 * and computed values set none.
 */
function sqlPassword(raw: string): { literal: string; kind: FixedPassword; at: number } | undefined {
  const m = /^(?:[\w.]+\s*\(\s*)*'((?:[^']|'')*)'/.exec(raw);
  if (!m || (m[0].startsWith("'") && !/^'(?:[^']|'')*'$/.test(raw))) return undefined;
  const literal = m[1].replace(/''/g, "'");
  const kind = fixedPasswordOf(literal);
  return kind ? { literal, kind, at: m[0].length - m[1].length - 1 } : undefined;
}

const MESSAGES: Record<FixedPassword, (table: string) => string> = {
  weak: table => `A seeded ${table} row has a well-known plaintext password`,
  plaintext: table => `A seeded ${table} row has a fixed plaintext password: every installation starts with the same known login`,
  hash: table =>
    `A seeded ${table} row has a fixed password hash: every installation shares one login, with a password known to whoever made the hash`,
};

/** Password hashes in a self-describing format (bcrypt, argon2, scrypt, crypt(3), PBKDF2, Django): hex digests could be any token. */
const CRYPT_HASH = /^(?:\{\w+\})?(?:\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$|\$argon2(?:id|i|d)\$|\$[156]\$|\$scrypt\$|\$pbkdf2|(?:pbkdf2_sha\d+|bcrypt(?:_sha256)?|argon2|scrypt)\$)/;

/**
 * The password column of rows inserted without a column list into a table the file does not create (its
 * schema comes from the ORM or an earlier migration): the one position where the first row holds a password
 * hash in a self-describing format.
 */
function hashColumn(tuples: Array<{ body: string }>): number {
  const first = tuples[0];
  if (!first) return -1;
  const positions = splitSqlValues(first.body)
    .map((raw, i) => ({ raw, i }))
    .filter(({ raw }) => /^'(?:[^']|'')*'$/.test(raw) && CRYPT_HASH.test(raw.slice(1, -1).replace(/''/g, "'")));
  return positions.length === 1 ? positions[0].i : -1;
}

/** The columns of a table created by another SQL file of the repository (a schema script run before the data load); none when unknown. */
export type SchemaColumns = (table: string) => string[];

/**
 * Rows inserted into a login table with a fixed password: every row with a
 * well-known password, else the first row with any fixed password or hash
 * (a dump of many accounts is one finding per statement). Without a column
 * list the columns come from the table's CREATE TABLE in the file, else in
 * another SQL file; without either, the password column is the one that
 * holds a password hash.
 */
export function scanSeededRows(file: SourceFile, hits: Hit[], schemaColumns?: SchemaColumns): void {
  if (!/insert\s+(?:ignore\s+)?into/i.test(file.text)) return;
  for (const match of file.text.matchAll(SQL_INSERT_HEAD)) {
    const { table, columns } = match.groups!;
    if (!USER_TABLE.test(table)) continue;
    let cols = columns ? columns.split(',').map(unquote) : createdColumns(file, table);
    if (cols.length === 0 && !columns && schemaColumns) cols = schemaColumns(table);
    const tuples = sqlTuples(file.text, match.index! + match[0].length);
    const index = cols.length === 0 ? hashColumn(tuples) : passwordColumn(cols);
    if (index === -1) continue;
    const found: Hit[] = [];
    let weak = false;
    for (const tuple of tuples) {
      const raw = splitSqlValues(tuple.body)[index];
      const password = raw && sqlPassword(raw);
      if (!password) continue;
      weak ||= password.kind === 'weak';
      const offset = tuple.offset + 1 + tuple.body.indexOf(raw) + password.at;
      found.push({ file, offset, value: password.literal, message: MESSAGES[password.kind](table) });
    }
    hits.push(...(weak ? found.filter(h => h.message === MESSAGES.weak(table)) : found.slice(0, 1)));
  }
}
