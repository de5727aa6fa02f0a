/**
 * UNIQUE constraints on columns other than the table's own key. The database builds an index to enforce each
 * one, so a schema that declares them has indexes beyond its primary keys. A UNIQUE on the key column itself
 * (`id … UNIQUE`, `UNIQUE (id)`) only repeats the primary key and adds nothing.
 */

/** Whether a list of SQL identifiers is the key column alone: `id`, `"id"`, `[Id]`. */
function isKeyOnly(columns: string): boolean {
  const names = columns.split(',').map(c => c.trim().replace(/^[`"[]|[`"\]]$/g, '').toLowerCase());
  return names.length === 1 && names[0] === 'id';
}

/** The column a SQL column definition line declares: its first identifier. */
function columnOfLine(line: string): string | undefined {
  return /^\s*[`"[]?(\w+)[`"\]]?\s/.exec(line)?.[1]?.toLowerCase();
}

const SQL_UNIQUE = /\bUNIQUE\b(?!\s+INDEX\b)/gi;
const SQL_TABLE_UNIQUE = /\bUNIQUE\s*(?:KEY|INDEX)?\s*[\w`"]*\s*\(([^)]*)\)/i;

/**
 * A SQL schema declares a UNIQUE constraint on a column beyond the key. `code` is the text with comments and
 * strings masked (same offsets), where the keyword is looked for; names are read from `text`.
 */
export function sqlDeclaresUniqueBeyondKey(code: string, text: string): boolean {
  for (const match of code.matchAll(SQL_UNIQUE)) {
    const start = code.lastIndexOf('\n', match.index!) + 1;
    const end = code.indexOf('\n', match.index!);
    const line = text.slice(start, end < 0 ? undefined : end);
    if (/\bPRIMARY\s+KEY\b/i.test(line)) continue;
    const table = SQL_TABLE_UNIQUE.exec(line.slice(match.index! - start));
    if (table) {
      if (!isKeyOnly(table[1])) return true;
      continue;
    }
    const column = columnOfLine(line);
    if (column && column !== 'id' && !/^(constraint|alter|add|create)$/.test(column)) return true;
  }
  return false;
}

/**
 * Unique declarations in ORM models and migration code: knex/Drizzle `.unique()`, `unique=True` (SQLAlchemy,
 * Django), `unique: true` (TypeORM, Sequelize, MikroORM), JPA `unique = true` / `uniqueConstraints`, Prisma
 * `@unique` / `@@unique`, `unique_together`, `UniqueConstraint(…)`, `@Unique(…)`, EF `IsUnique()`, GORM
 * `gorm:"unique"`.
 */
const CODE_UNIQUE =
  /\.unique\s*\(|\bunique\s*[:=]\s*[Tt]rue\b|@@?unique\b|\bunique_together\b|\bUniqueConstraint\s*\(|\buniqueConstraints\b|@Unique\s*\(|\bIsUnique\s*\(|\bgorm:"[^"]*\bunique\b/;

/** A line that declares the `id` column itself: `id = Column(…)`, `.uuid('id')`, `id: {…}`, `Long id;`. */
const KEY_COLUMN = /(?:^|[^\w$.])['"`]?id['"`]?\s*[=:;,)\]]/i;

/**
 * Model or migration code declares a unique key on a column other than the primary key. The declaration is
 * looked for in `code` (comments and strings masked, same lines), the column it is on in `text`.
 */
export function codeDeclaresUniqueBeyondKey(code: string, text: string): boolean {
  const lines = text.split('\n');
  for (const [index, masked] of code.split('\n').entries()) {
    if (!CODE_UNIQUE.test(masked)) continue;
    const line = lines[index] ?? '';
    if (/primary/i.test(line) || KEY_COLUMN.test(line)) continue;
    return true;
  }
  return false;
}
