import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../../engine/snapshot';
import { extname, languageOf, lineOf, lineOfOffset, matchAll, matchAllNear } from '../../../facts';
import { envFileKind } from '../../../facts/env';
import { asRecord, parseYamlFile } from '../../../facts/yamlDoc';
import { isPlaceholderValue } from '../../../secrets/patterns';
import { defineRule, outcome } from '../../types';
import {
  envReadColumn,
  findingAt,
  isCodeAt,
  isCommentLine,
  isGeneratedText,
  isProse,
  isUiComponentPath,
  maskedExcerptAt,
  nameWords,
  usesHashComments,
} from '../shared';

/** Passwords that come first in every credential-stuffing list. */
const WEAK_PASSWORDS = new Set([
  'admin', 'admin1', 'admin12', 'admin123', 'admin1234', 'admin12345', 'admin@123', 'admin!', 'admin!123',
  'administrator', 'adminadmin', 'adminpass', 'adminpassword', 'password', 'password1', 'password12',
  'password123', 'password!', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pa$$word', 'pass', 'pass123', 'pass1234',
  'changeme', 'change_me', 'change-me', 'changethis', 'changeit', 'secret', 'secret123', '123456',
  '1234567', '12345678', '123456789', '1234567890', '1234', '12345', '0000', '000000', '111111', 'qwerty',
  'qwerty123', 'letmein', 'root', 'toor', 'guest', 'default', 'test', 'test123', 'testing', 'demo',
  'demo123', 'welcome', 'welcome1', 'welcome123', 'abc123', 'iloveyou', 'superuser', 'master', 'manager',
  'minioadmin', 'example', 'user', 'user123', '1q2w3e4r', 'qwe123', 'temp', 'temp123',
]);

/** Whether a literal is a well-known weak password (`{noop}` encoder prefixes aside). */
export function isWeakPassword(value: string): boolean {
  const v = value.trim().replace(/^\{\w+\}/, '');
  return WEAK_PASSWORDS.has(v.toLowerCase());
}

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase']);
const ADMIN_WORDS = new Set([
  'admin', 'administrator', 'root', 'superuser', 'super', 'su', 'sa', 'default', 'initial', 'init', 'initdb',
  'bootstrap', 'seed', 'master', 'first', 'owner', 'sysadmin', 'operator',
]);

/** `ADMIN_PASSWORD`, `DEFAULT_PASSWORD`, `MYSQL_ROOT_PASSWORD`, `RABBITMQ_DEFAULT_PASS`, `spring.security.user.password`… */
export function isAdminPasswordName(name: string): boolean {
  if (/^spring\.security\.user\.password$/i.test(name)) return true;
  const words = nameWords(name);
  if (!words.some(w => PASSWORD_WORDS.has(w))) return false;
  const last = words[words.length - 1];
  if (['length', 'min', 'max', 'policy', 'url', 'file', 'path', 'hash', 'env', 'var', 'enabled'].includes(last)) return false;
  return words.some(w => ADMIN_WORDS.has(w));
}

/** A setting assigned a value: `NAME=value`, `name: "value"`, `name => 'value'`. */
const KEY_VALUE =
  /(?<![\w$.-])(?<name>[A-Za-z_$][\w$.-]{0,100})['"\]]?[ \t]*(?::=|=>|=|:)[ \t]*(?<q>['"`]?)(?<value>[^'"`\s,;)}\]]{1,64})\k<q>/g;
/** `${ADMIN_PASSWORD:admin}` and `${ADMIN_PASSWORD:-admin}` defaults. */
/** `${NAME:-default}`, `${NAME-default}`, Spring `${name:default}`; `${NAME:?error}` and `${NAME:+alt}` give no default. */
const INTERPOLATION_DEFAULT = /\$\{(?<name>[A-Za-z_][\w.-]*)(?::-?|-)(?![?+])(?<value>[^}\n$]{0,64})\}/g;
/** A password literal in a user record or a hashing call. */
const PASSWORD_LITERAL =
  /(?:\b(?:password|passwd|pwd|pass|password_hash|hashed_password|passwordHash|hashedPassword|plainPassword|raw_password|user_password|userPassword)['"\]]?\s*(?::=|=>|=|:)\s*(?:await\s+)?(?:[\w.]+\(\s*)?|\b(?:set_password|make_password|generate_password_hash|hashpw|hashSync|hashPassword|encodePassword|setPassword|withPassword|password|encode|hash)\(\s*)b?(?<q>['"`])(?<value>[^'"`\n]{1,64})\k<q>/g;
/** Calls that create a privileged user outright. */
const CREATE_ADMIN_CALL = /\bcreate_?superuser\s*\((?<args>[^)\n]{0,300})\)|\bcreateSuperuser\s*\((?<args2>[^)\n]{0,300})\)/g;

/** Lines that talk about an admin, root or default user, or seed data. */
const ADMIN_CONTEXT =
  /\badmin|administrator|superuser|super_user|is_staff|is_superuser|\broot\b|ROLE_ADMIN|\brole\W{1,4}admin|default[_ ]?user|\bseed|withDefaultPasswordEncoder|InMemoryUserDetailsManager|User\.withUsername|createsuperuser/i;
const ADMIN_PATH = /seed|fixture|bootstrap|populate|create[_-]?(super)?user|create[_-]?admin|default[_-]?user|(^|\/)admin\/|data\.sql$|import\.sql$|init[_-]?db/i;

/** Near-misses: lists of passwords to reject, and validation of user input. */
const POLICY_CONTEXT =
  /common|weak|blacklist|blocklist|denylist|deny_list|forbidden|banned|disallow|reject|invalid|policy|breach|pwned|guess|dictionary|too[_ ]?simple|not[_ ]allowed/i;

function isPolicyLine(line: string): boolean {
  if (POLICY_CONTEXT.test(line)) return true;
  const quoted = [...line.matchAll(/['"]([^'"]{1,32})['"]/g)].map(m => m[1]).filter(isWeakPassword);
  return new Set(quoted.map(q => q.toLowerCase())).size >= 3;
}

function lineText(file: SourceFile, offset: number): string {
  const start = file.text.lastIndexOf('\n', offset - 1) + 1;
  const end = file.text.indexOf('\n', offset);
  return file.text.slice(start, end === -1 ? undefined : end);
}

function windowText(file: SourceFile, offset: number, lines = 4): string {
  let start = offset;
  for (let i = 0; i <= lines && start > 0; i++) start = file.text.lastIndexOf('\n', start - 1);
  let end = offset;
  for (let i = 0; i <= lines && end !== -1; i++) end = file.text.indexOf('\n', end + 1);
  return file.text.slice(Math.max(0, start), end === -1 ? undefined : end);
}

interface Hit {
  file: SourceFile;
  offset: number;
  value: string;
  message: string;
}

function isTemplateFile(path: string): boolean {
  return envFileKind(path) === 'example' || /(^|\/)[^/]*\.(example|sample|template|dist|tmpl|tpl)(\.[^/]*)?$/i.test(path);
}

/** Every admin password name holds one of PASSWORD_WORDS, so one of these letters runs. */
const PASSWORD_NAME_HINT = /pass|pwd/i;

function scanSettings(file: SourceFile, hits: Hit[]): void {
  const template = isTemplateFile(file.path);
  for (const { match } of matchAllNear(file, KEY_VALUE, PASSWORD_NAME_HINT, 500)) {
    const { name, value } = match.groups!;
    if (!isAdminPasswordName(name)) continue;
    if (template && isPlaceholderValue(value)) continue;
    const spring = /^spring\.security\.user\.password$/i.test(name);
    const literal = !/^[$%{<]/.test(value) && !/^(process|os|env|System|config|settings|ENV)\b/.test(value);
    if (isWeakPassword(value) || (spring && literal && !isPlaceholderValue(value))) {
      if (isPolicyLine(lineText(file, match.index))) continue;
      hits.push({
        file,
        offset: match.index + match[0].lastIndexOf(value),
        value,
        message: spring
          ? 'The default Spring Security user has a literal password in configuration'
          : `${name} is set to a well-known default password`,
      });
    }
  }
  if (!file.text.includes('${')) return;
  for (const { match } of matchAll(file, INTERPOLATION_DEFAULT)) {
    const { name, value } = match.groups!;
    if (!isAdminPasswordName(name) && !/spring\.security\.user\.password\s*[:=]\s*$/.test(lineText(file, match.index).slice(0, 200).split('${')[0])) continue;
    const fallback = value.trim();
    if (!fallback) continue;
    hits.push({
      file,
      offset: match.index + match[0].lastIndexOf(fallback),
      value: fallback,
      message: `${name} falls back to a literal default password when it is not configured`,
    });
  }
}

/** `spring: security: user: password: …` written as nested YAML. */
function scanSpringYaml(file: SourceFile, hits: Hit[]): void {
  if (!/(^|\/)application(-[\w]+)?\.ya?ml$/.test(file.path) || !/password/.test(file.text)) return;
  const yaml = parseYamlFile(file.text);
  if (yaml.error) return;
  for (const doc of yaml.docs) {
    let plain: unknown;
    try {
      plain = doc.toJS({ maxAliasCount: 100 });
    } catch {
      continue;
    }
    const value = asRecord(asRecord(asRecord(asRecord(plain)?.spring)?.security)?.user)?.password;
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const text = String(value);
    if (/^\$\{[^:}]*\}$/.test(text) || !text.trim()) continue;
    const node = doc.getIn(['spring', 'security', 'user', 'password'], true);
    const line = yaml.lineOfNode(node);
    if (line === undefined) continue;
    const fallback = /^\$\{[^:}]*:([^}]*)\}$/.exec(text)?.[1];
    if (text.startsWith('${') && !fallback) continue;
    const shownValue = fallback ?? text;
    const lineStartOffset = file.text.split('\n').slice(0, line - 1).join('\n').length + (line > 1 ? 1 : 0);
    const at = file.text.indexOf(shownValue, lineStartOffset);
    hits.push({
      file,
      offset: at === -1 ? lineStartOffset : at,
      value: at === -1 ? '' : shownValue,
      message: fallback
        ? 'The default Spring Security user falls back to a literal password'
        : 'The default Spring Security user has a literal password in configuration',
    });
  }
}

function scanUserRecords(file: SourceFile, hits: Hit[]): void {
  const pathContext = ADMIN_PATH.test(file.path);
  for (const { match } of matchAll(file, PASSWORD_LITERAL, 500)) {
    const value = match.groups!.value;
    if (!isWeakPassword(value)) continue;
    const line = lineText(file, match.index);
    if (isPolicyLine(line) || /\b(?:placeholder|label|hint|type)\s*[=:]/i.test(line)) continue;
    if (!pathContext && !ADMIN_CONTEXT.test(windowText(file, match.index))) continue;
    hits.push({
      file,
      offset: match.index + match[0].lastIndexOf(value),
      value,
      message: 'An admin, seed or default user is created with a well-known password',
    });
  }
  for (const { match } of matchAll(file, CREATE_ADMIN_CALL)) {
    const args = match.groups!.args ?? match.groups!.args2 ?? '';
    for (const arg of args.matchAll(/['"]([^'"]{1,64})['"]/g)) {
      if (!isWeakPassword(arg[1]) || /@/.test(arg[1])) continue;
      const prefix = args.slice(0, arg.index);
      if (/(?:username|email|user)\s*=\s*$/.test(prefix)) continue;
      // Positional: username, email, password. Only the third positional literal is the password.
      const positional = (prefix.match(/,/g) ?? []).length;
      if (!/password\s*=\s*$/.test(prefix) && positional < 2) continue;
      const offset = match.index + match[0].indexOf(args) + (arg.index ?? 0) + 1;
      hits.push({ file, offset, value: arg[1], message: 'A superuser is created with a well-known password' });
    }
  }
}

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

const SQL_INSERT_HEAD =
  /insert\s+into\s+[`"[]?(?:\w+[`"\]]?\.[`"[]?)?(?<table>\w+)[`"\]]?\s*\((?<columns>[^)]{1,2000})\)\s*values\s*/gi;

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

function scanSql(file: SourceFile, hits: Hit[]): void {
  if (!/insert\s+into/i.test(file.text)) return;
  for (const { match } of matchAll(file, SQL_INSERT_HEAD)) {
    const { table, columns } = match.groups!;
    if (!/user|account|admin|member|staff|login|principal|credential|operator|employee|customer|person/i.test(table)) continue;
    const cols = columns.split(',').map(c => c.trim().replace(/[`"[\]]/g, '').toLowerCase());
    const index = cols.findIndex(c => /pass|pwd/.test(c) && !/(hint|reset|expir|changed|policy)/.test(c));
    if (index === -1) continue;
    for (const tuple of sqlTuples(file.text, match.index + match[0].length)) {
      const values = splitSqlValues(tuple.body);
      const raw = values[index];
      const literal = raw && /^'(.*)'$/.exec(raw)?.[1];
      if (!literal || !isWeakPassword(literal)) continue;
      const offset = tuple.offset + 1 + tuple.body.indexOf(raw) + 1;
      hits.push({ file, offset, value: literal, message: `A seeded ${table} row has a well-known plaintext password` });
    }
  }
}

const SETTINGS_EXTENSIONS = new Set(['.yml', '.yaml', '.properties', '.toml', '.json', '.ini', '.cfg', '.conf', '.env', '.tf', '.tfvars']);

export default defineRule({
  id: 'security/default-admin-password',
  category: 'security',
  severity: 'critical',
  title: 'No default admin passwords',
  description:
    'Fails when an admin, seed or default user gets a well-known literal password (`admin`, `admin123`, `password`, `changeme`, `123456`, `root`, `guest`…): in code that creates users, seed scripts and SQL inserts, `spring.security.user.password`, `ADMIN_PASSWORD`-style settings in env, compose and config files, and fallbacks such as `os.getenv("ADMIN_PASSWORD", "admin")`.',
  rationale:
    'Default credentials are the first thing attackers try, by hand and by botnet. An admin account that ships with a guessable password is a full takeover on day one, and seeded accounts tend to survive into production unnoticed.',
  remediation:
    'Do not ship an admin password. Create the first admin with a one-time random password (printed once or delivered out of band) or through an invite flow, read any bootstrap password from a secret store without a fallback, force a change at first login, and keep seed users with known passwords out of production data.',
  evaluate(facts) {
    const hits: Hit[] = [];
    let scanned = 0;
    for (const file of facts.files) {
      if (isProse(file.path) || isGeneratedText(file) || isUiComponentPath(file.path)) continue;
      if (/(^|\/)(locales?|i18n|translations?|lang)\//i.test(file.path)) continue;
      const code = languageOf(file.path) !== undefined;
      const ext = extname(file.path);
      const settings = SETTINGS_EXTENSIONS.has(ext) || !!envFileKind(file.path) || /(^|\/)(Dockerfile|Containerfile)[^/]*$|\.(sh|bash)$/.test(file.path);
      if (!code && !settings && ext !== '.sql') continue;
      scanned += 1;
      if (code || settings) scanSettings(file, hits);
      if (code || ext === '.json' || ext === '.yml' || ext === '.yaml') scanUserRecords(file, hits);
      scanSpringYaml(file, hits);
      if (ext === '.sql' || code) scanSql(file, hits);
    }
    for (const read of facts.envReads) {
      if (read.fallback === undefined || !read.fallback.trim() || !isAdminPasswordName(read.name)) continue;
      const file = facts.file(read.path);
      if (!file || isUiComponentPath(file.path)) continue;
      const text = lineOf(file, read.line, 4000);
      if (languageOf(file.path) && !isCodeAt(text, envReadColumn(text, read.name), usesHashComments(file.path))) continue;
      const lineStartOffset = file.text.split('\n').slice(0, read.line - 1).join('\n').length + (read.line > 1 ? 1 : 0);
      const at = file.text.indexOf(read.fallback, lineStartOffset);
      hits.push({
        file,
        offset: at === -1 ? lineStartOffset : at,
        value: at === -1 ? '' : read.fallback,
        message: `${read.name} falls back to a literal default password when it is not configured`,
      });
    }
    if (scanned === 0) return outcome.notApplicable('no code, configuration or seed data');

    const seen = new Set<string>();
    const findings: Finding[] = [];
    for (const hit of hits) {
      const line = lineOfOffset(hit.file, hit.offset);
      const key = `${hit.file.path}:${line}`;
      if (seen.has(key) || isCommentLine(lineOf(hit.file, line))) continue;
      seen.add(key);
      const excerpt = maskedExcerptAt(hit.file, hit.offset, hit.value.length);
      findings.push(findingAt(hit.file, line, hit.message, excerpt));
    }
    return outcome.fromFindings(findings);
  },
});
