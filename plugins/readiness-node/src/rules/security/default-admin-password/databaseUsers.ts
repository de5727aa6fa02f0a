import { SourceFile } from '../../../snapshot';
import { extname } from '../../../facts';
import { maskSource } from '../../../facts/sourceText';
import { fixedPasswordOf, Hit } from './passwords';

/**
 * Statements that create a database account or set its password:
 * `CREATE USER`/`CREATE ROLE`/`CREATE LOGIN`, `ALTER USER`/`ALTER ROLE`/`ALTER LOGIN`, `SET PASSWORD FOR`,
 * and MySQL 5's `GRANT … TO 'app'@'%' IDENTIFIED BY '…'`, which creates the account it grants to.
 */
const ACCOUNT_STATEMENT = /\b(?<verb>create|alter)\s+(?<kind>user|role|login)\b|\bset\s+password\s+for\b|\b(?<grant>grant)\b(?=[^;]*\bidentified\b)/gi;
/**
 * Where such a statement gives the password: MySQL and Oracle `IDENTIFIED [WITH plugin] BY [PASSWORD] '…'`,
 * PostgreSQL `[ENCRYPTED] PASSWORD '…'`, SQL Server `PASSWORD = N'…'`, MySQL `SET PASSWORD FOR … = [PASSWORD(]'…'`.
 */
const PASSWORD_CLAUSE =
  /\bidentified\s+(?:with\s+[\w'"`]+\s+)?by\s+(?:password\s+)?(?<by>:?N?'|[A-Za-z]\w*)|\bpassword\s*(?:=\s*)?(?<pw>:?N?')|(?<set>=)\s*(?:password\s*\(\s*)?(?<sv>:?')/gi;

/** Words that follow `IDENTIFIED BY` without being a password. */
const NOT_A_WORD_PASSWORD = /^(?:password|values|random|externally|globally)$/i;

/** The literal of a quoted SQL string opening at `quote` (`''` is an escaped quote); undefined when it never closes. */
function sqlString(text: string, quote: number): string | undefined {
  let value = '';
  for (let i = quote + 1; i < text.length; i++) {
    if (text[i] === "'") {
      if (text[i + 1] === "'") {
        value += "'";
        i += 1;
        continue;
      }
      return value;
    }
    value += text[i];
  }
  return undefined;
}

/**
 * Database accounts that SQL scripts create (or reset) with a literal password:
 * `CREATE USER 'app'@'%' IDENTIFIED BY 'app'`, `CREATE ROLE app LOGIN PASSWORD 'app'`,
 * `ALTER USER postgres PASSWORD 'postgres'`, `CREATE LOGIN app WITH PASSWORD = 'P@ss'`.
 * Templated values (`${DB_PASSWORD}`, `{{ pw }}`, `<password>`), psql variables (`:'pw'`),
 * bind parameters and sqlplus substitutions (`&pw`) set no fixed password.
 */
export function scanDatabaseUsers(file: SourceFile, hits: Hit[]): void {
  if (extname(file.path) !== '.sql' || !/\b(?:create|alter)\s+(?:user|role|login)\b|\bset\s+password\b|\bidentified\b/i.test(file.text)) return;
  const { code } = maskSource(file);
  for (const statement of code.matchAll(ACCOUNT_STATEMENT)) {
    const start = statement.index!;
    const semicolon = code.indexOf(';', start);
    const end = semicolon === -1 ? Math.min(code.length, start + 2000) : semicolon;
    const body = code.slice(start, end);
    const grant = statement.groups!.grant !== undefined;
    const setPassword = !statement.groups!.verb && !grant;
    for (const clause of body.matchAll(PASSWORD_CLAUSE)) {
      const g = clause.groups!;
      if (g.set !== undefined && !setPassword) continue;
      const opener = g.by ?? g.pw ?? g.sv ?? '';
      if (opener.startsWith(':')) continue;
      const at = start + clause.index! + clause[0].length - opener.length;
      let value: string | undefined;
      let offset = at;
      if (opener.endsWith("'")) {
        const quote = at + opener.length - 1;
        value = sqlString(file.text, quote);
        offset = quote + 1;
      } else if (!NOT_A_WORD_PASSWORD.test(opener)) {
        value = opener;
      }
      if (value === undefined || !fixedPasswordOf(value)) continue;
      const kind = statement.groups!.kind?.toLowerCase() ?? 'user';
      let how = 'created with';
      if (setPassword || statement.groups!.verb?.toLowerCase() === 'alter') how = 'given';
      else if (grant) how = 'granted privileges and created with';
      hits.push({
        file,
        offset,
        value,
        message: `A database ${kind === 'login' ? 'login' : kind} is ${how} a literal password: every installation that runs this script shares a known credential for that account`,
      });
      break;
    }
  }
}
