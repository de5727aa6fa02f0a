import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../../snapshot';
import type { Facts } from '../../../facts';
import {
  basename,
  dirname,
  extname,
  isLowConfidencePath,
  isTestFile,
  joinPath,
  languageOf,
  lineOf,
  lineOfOffset,
  matchAll,
  matchAllNear,
} from '../../../facts';
import { valuesOf } from '../../../facts/values';
import { goConfigDefaults } from '../../../facts/goConfigDefaults';
import { envFileKind } from '../../../facts/env';
import { asRecord, parseYamlFile } from '../../../facts/yamlDoc';
import { isPlaceholderValue } from '../../../secrets/patterns';
import { isOwnSqlScript } from '../../../facts/sql';
import { defineRule, outcome } from '../../types';
import {
  envReadColumn,
  isCodeAt,
  isCommentLine,
  isGeneratedText,
  isProse,
  isTranslationPath,
  isUiComponentPath,
  usesHashComments,
} from '../../../facts/codeSearch';
import { nameWords } from '../../../facts/secretNames';
import { findingAt, maskedExcerpt, maskedExcerptAt } from '../shared';
import { PasswordConstants, isPasswordConstantName } from './constants';
import { scanDatabaseUsers } from './databaseUsers';
import { scanHardcodedLogins } from './hardcodedLogins';
import { fixedPasswordOf, Hit, isWeakPassword } from './passwords';
import { createdColumns, scanSeededRows, SchemaColumns } from './seededRows';


const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase']);
const ADMIN_WORDS = new Set([
  'admin', 'administrator', 'root', 'superuser', 'super', 'su', 'sa', 'default', 'initial', 'init', 'initdb',
  'bootstrap', 'seed', 'master', 'first', 'owner', 'sysadmin', 'operator',
]);

/**
 * Words naming a database, cache, object store or message broker. A password setting that names one
 * (`MYSQL_ROOT_PASSWORD`, `MONGO_INITDB_ROOT_PASSWORD`, `RABBITMQ_DEFAULT_PASS`, `SA_PASSWORD`, `DB_ROOT_PASSWORD`)
 * is the account that service is bootstrapped with and the application connects with: a service credential,
 * which compose-plaintext-secrets, hardcoded-secret and placeholder-secret-default judge, not an admin login.
 */
const DATA_STORE_WORDS = new Set([
  'db', 'database', 'mysql', 'mariadb', 'postgres', 'postgresql', 'pg', 'mongo', 'mongodb', 'mssql', 'sqlserver', 'sa', 'oracle',
  'redis', 'valkey', 'memcached', 'rabbitmq', 'rabbit', 'amqp', 'kafka', 'nats', 'activemq', 'artemis', 'minio', 'elastic',
  'elasticsearch', 'opensearch', 'couchdb', 'couchbase', 'arango', 'arangodb', 'neo4j', 'clickhouse', 'influxdb', 'influx', 'cassandra',
]);

/** Whether a password setting belongs to a database, cache or broker account rather than a login (see DATA_STORE_WORDS). */
export function isDataStoreAccountName(name: string): boolean {
  return nameWords(name).some(w => DATA_STORE_WORDS.has(w));
}

/**
 * `ADMIN_PASSWORD`, `DEFAULT_PASSWORD`, `FIRST_SUPERUSER_PASSWORD`, `GF_SECURITY_ADMIN_PASSWORD`, `admin.password`,
 * `spring.security.user.password`…; not the bootstrap account of a data store (`MYSQL_ROOT_PASSWORD`).
 */
export function isAdminPasswordName(name: string): boolean {
  if (/^spring\.security\.user\.password$/i.test(name)) return true;
  const words = nameWords(name);
  if (!words.some(w => PASSWORD_WORDS.has(w)) || isDataStoreAccountName(name)) return false;
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
/** Where a user's password is given: a password field or argument, or a password hashing or setting call. */
const PASSWORD_SINK = [
  String.raw`\b(?:password|passwd|pwd|pass|password_hash|hashed_password|passwordHash|hashedPassword|plainPassword|raw_password|user_password|userPassword|Password|PasswordHash)['"\]]?\s*(?::=|=>|=|:)\s*(?:await\s+)?(?:[\w$]+(?:(?:\.|::|->)[\w$]+)*\(\s*)?`,
  String.raw`\b(?:set_password|make_password|generate_password_hash|hashpw|hashSync|hashPassword|encodePassword|setPassword|SetPassword|withPassword|password|encode|hash)\(\s*`,
  // A builder's password setter: `NewUser().Email(…).Password("…")`.
  String.raw`\.\s*Password\(\s*`,
  String.raw`\b(?:HashPassword|_?[Uu]serManager\.(?:CreateAsync|AddPasswordAsync))\(\s*[\w$.]+\s*,\s*`,
].join('|');
/** A password literal in a user record or a hashing call. */
const PASSWORD_LITERAL = new RegExp(`(?:${PASSWORD_SINK})b?(?<q>['"\`])(?<value>[^'"\`\n]{1,200})\\k<q>`, 'g');
/** A lookup call right before the literal: `request.form.get(`, `os.getenv(`, `req.getParameter(`, `config.get(`. */
const LOOKUP_CALL = /(?:\.|\b)(?:get|getenv|getParameter|getString|getattr|param|params|pop|getItem|fetch|environ\.get)\(\s*$/;
/** A form field constructor right before the literal: WTForms `PasswordField(`, Django `forms.CharField(`. */
const FORM_FIELD_CALL = /\b(?:[\w$]+\.)*[A-Z][\w$]*Field\(\s*$/;
/** A password given by name: `password: DEFAULT_PASSWORD`, `encoder.encode(Constants.ADMIN_PASSWORD)`. */
const PASSWORD_REFERENCE = new RegExp(`(?:${PASSWORD_SINK})(?<ref>(?:[A-Za-z_$][\\w$]*(?:\\.|::|->))*[A-Za-z_$][\\w$]*)\\s*(?=[,)\\]};\\n])`, 'g');
/** Calls that create a privileged user outright. */
const CREATE_ADMIN_CALL = /\bcreate_?superuser\s*\((?<args>[^)\n]{0,300})\)|\bcreateSuperuser\s*\((?<args2>[^)\n]{0,300})\)/g;

/** Lines that talk about an admin, root or default user, or seed data. */
const ADMIN_CONTEXT =
  /\badmin|administrator|superuser|super_user|is_staff|is_superuser|\broot\b|ROLE_ADMIN|\brole\W{1,4}admin|default[_ ]?user|\bseed|withDefaultPasswordEncoder|InMemoryUserDetailsManager|User\.withUsername|createsuperuser/i;
const ADMIN_PATH = /seed|fixture|bootstrap|populate|create[_-]?(super)?user|create[_-]?admin|default[_-]?user|(^|\/)admin\/|data\.sql$|import\.sql$|init[_-]?db|(^|\/)fake[\w-]*\.\w+$|fake[_-]?data/i;

/** Seeders by path: seed scripts and data, fixtures, management commands, data initialisers. */
const SEED_PATH =
  /seed|fixture|populate|initial[_-]?data|init[_-]?(db|data|admin|users?)\b|data[_-]?(loader|initiali[sz]er)|db[_-]?initiali[sz]er|create[_-]?(super)?user|create[_-]?admin|default[_-]?users?|management\/commands\/|(^|\/)fake[\w-]*\.\w+$|fake[_-]?data/i;
/**
 * Seeders by code: Laravel seeders, Spring runners, EF Core `HasData`, initialiser classes
 * (`ApplicationDbContextInitialiser`), and functions named for seeding (`SeedAsync`, `TrySeedAsync`,
 * `seed_users`, `seedDatabase`).
 */
const SEED_CODE =
  /\bextends\s+Seeder\b|\bimplements\s+(?:CommandLineRunner|ApplicationRunner)\b|\bHasData\s*\(|\bclass\s+\w*(?:Seeder|Seed|Initiali[sz]er|DataLoader)\b|\b(?:def|function|func|fun|void|Task|async)\s+(?:\w+\s+)?(?:try_?)?[Ss]eed(?:[A-Z_]\w*)?\s*[(<]/;
/** Model factories make throwaway users for tests. */
const FACTORY_PATH = /factor(y|ies)/i;

function isSeeder(file: SourceFile): boolean {
  return SEED_PATH.test(file.path) || SEED_CODE.test(file.text);
}

/** Values in a password position that are rules or types, not passwords. */
const NOT_A_PASSWORD = /^(required|nullable|string|text|hidden|confirmed|optional|varchar|char|integer|boolean|email|bytes?)\b|\|/i;

/**
 * Whether a literal sits in a password-specific position: generic `encode(…)`
 * and `hash(…)` count only on a password encoder or hasher (`passwordEncoder.encode`,
 * `bcrypt.hash`), not on strings or digests (`'…'.encode('utf-8')`).
 */
function isPasswordPosition(file: SourceFile, match: RegExpExecArray): boolean {
  if (!/^(encode|hash)\(/.test(match[0])) return true;
  const before = file.text.slice(Math.max(0, match.index - 40), match.index);
  return /(encoder|bcrypt\w*|argon2|hasher|passlib|pwd_context|crypt)\s*\.\s*$/i.test(before);
}

/** Django-style initial data (`"model": "auth.user"` … `"fields"`) outside test folders: loaded into real databases. */
const INITIAL_DATA_FIXTURE = /"model"\s*:\s*"\w+\.\w+"[\s\S]{0,2000}?"fields"\s*:|^\s*-?\s*model:\s*\w+\.\w+\s*$[\s\S]{0,2000}?^\s*fields:/m;
const TEST_FOLDER = /(^|\/)(tests?|__tests__|spec|specs|testdata|test-data|e2e)\//i;

function isInitialDataFixture(file: SourceFile): boolean {
  return /\.(json|ya?ml)$/i.test(file.path) && !TEST_FOLDER.test(file.path) && !isTestFile(file.path) && INITIAL_DATA_FIXTURE.test(file.text);
}

/** Words that name a seeder and words that say it seeds a test database. */
const SEED_WORD = /^seed(?:er|ers|s|ing)?$/;
const TEST_WORDS = new Set(['test', 'tests', 'testing', 'e2e', 'spec', 'specs', 'fixture', 'fixtures']);
/** Seeder classes a file declares: `class TestSeeder`, `class DatabaseSeeder extends Seeder`. */
const SEEDER_CLASS = /\bclass\s+(\w*(?:Seeder|Seed))\b/g;

/**
 * Why a seeder fills a test database rather than a real one: its file or class is named for tests
 * (`test.seeder.ts`, `e2e-seed.js`, `class TestSeeder`, `class FixtureSeeder`), or the seeder classes it
 * declares are named only by test files (`seeder.seed(DatabaseSeeder)` in a spec). Such seeders can
 * still be run by hand against any database, so their users are notes, not failures.
 */
function testSeederReason(facts: Facts, file: SourceFile): string | undefined {
  if (!isSeeder(file)) return undefined;
  const classes = [...file.text.matchAll(SEEDER_CLASS)].map(m => m[1]);
  const stem = basename(file.path).replace(/\.[^.]*$/, '');
  for (const name of [stem, ...classes]) {
    const words = nameWords(name);
    if (words.some(w => SEED_WORD.test(w)) && (words.some(w => TEST_WORDS.has(w)) || /e2e/i.test(name))) return 'a seeder for tests';
  }
  if (classes.length === 0) return undefined;
  const users = facts.files.filter(f => f !== file && languageOf(f.path) && classes.some(c => f.text.includes(c) && new RegExp(`\\b${c}\\b`).test(f.text)));
  if (users.length > 0 && users.every(f => isTestFile(f.path) || isLowConfidencePath(f.path))) return `a seeder only run from tests (${users[0].path})`;
  return undefined;
}

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

/** A literal user name set beside the password: `user: 'dashboard'`, `username = "ops"`. */
const LOGIN_USER = /\b(?:user|username|login|userName)['"]?\s*(?::|=)\s*['"][^'"\s]{2,40}['"]/;
/** What a data store, broker or mail account's settings mention beside its credentials. */
const SERVICE_ACCOUNT_CONTEXT = /\b(?:host|hostname|port|dialect|uri|url|dsn|smtp|mail|email|database|db|schema|driver|server)\b/i;

/**
 * A login the application's own configuration sets (`agendash: { user: 'agendash', password: '123456' }` in
 * `src/config/index.ts`): a user name and its password side by side in a configuration file, with nothing naming a
 * database, broker or mail server beside them (their accounts are service credentials).
 */
function isConfiguredLogin(file: SourceFile, offset: number): boolean {
  if (!/(^|\/)(config|configs|settings)(\/|\.\w+$)/i.test(file.path)) return false;
  const near = windowText(file, offset, 2);
  if (!LOGIN_USER.test(near) || SERVICE_ACCOUNT_CONTEXT.test(near)) return false;
  return !nameWords(near.replace(/['"][^'"]*['"]/g, ' ')).some(w => DATA_STORE_WORDS.has(w));
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
    // A fixed hash as the admin password (`admin.password='$2y$10$…'`, `ADMIN_PASSWORD_HASH=…`): one known login everywhere.
    // Hex strings are left out: as a password setting's value they are more often a random password than a digest.
    const hashed = fixedPasswordOf(value) === 'hash' && !/^[a-f0-9]+$/i.test(value);
    if (hashed && isAdminPasswordName(name.replace(/[._-]?hash$/i, ''))) {
      if (isPolicyLine(lineText(file, match.index))) continue;
      hits.push({
        file,
        offset: match.index + match[0].lastIndexOf(value),
        value,
        message:
          `${name} is set to a fixed password hash: every installation shares the admin login, ` +
          'with a password known to whoever made the hash',
      });
      continue;
    }
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
function scanSpringYaml(facts: Facts, file: SourceFile, hits: Hit[]): void {
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
    const node = doc.getIn(['spring', 'security', 'user', 'password'], true);
    const line = yaml.lineOfNode(node);
    // `${NAME}` with no default: the committed `.env` that compose reads may set NAME to a well-known password.
    const variable = /^\$\{([A-Za-z_]\w*)\}$/.exec(text)?.[1];
    const committed = variable !== undefined && line !== undefined ? committedEnvValue(facts, variable) : undefined;
    if (committed && isWeakPassword(committed.value)) {
      const lineStartOffset = file.text.split('\n').slice(0, line! - 1).join('\n').length + (line! > 1 ? 1 : 0);
      hits.push({
        file,
        offset: lineStartOffset,
        value: '',
        message: `The default Spring Security user's password is ${variable}, which the committed ${committed.path} sets to a well-known password`,
      });
      continue;
    }
    if (/^\$\{[^:}]*\}$/.test(text) || !text.trim()) continue;
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

/**
 * Admin password settings of the code whose value, resolved through the reads they are built from, falls back to a
 * literal when nothing is configured: `ADMIN_PASSWORD: str = config("ADMIN_PASSWORD", default="…")` in a settings
 * class, `FIRST_SUPERUSER_PASSWORD = settings.get("first_superuser_password", "…")`.
 */
function scanResolvedAdminPasswords(facts: Facts, hits: Hit[]): void {
  const values = valuesOf(facts);
  for (const file of facts.files) {
    if (!languageOf(file.path) || isProse(file.path) || isUiComponentPath(file.path) || !PASSWORD_NAME_HINT.test(file.text)) continue;
    if (isGeneratedText(file)) continue;
    for (const binding of values.bindings(file.path)) {
      if (!isAdminPasswordName(binding.name)) continue;
      for (const v of values.valueOf(binding)) {
        if (v.env === undefined || v.value?.kind !== 'string' || !v.value.value.trim()) continue;
        const target = facts.file(v.path);
        if (!target || !languageOf(target.path)) continue;
        const lineStart = target.text.split('\n').slice(0, v.line - 1).join('\n').length + (v.line > 1 ? 1 : 0);
        const at = target.text.indexOf(v.value.value, lineStart);
        hits.push({
          file: target,
          offset: at === -1 ? lineStart : at,
          value: at === -1 ? '' : v.value.value,
          message: `${binding.name} falls back to a literal default password when it is not configured`,
        });
      }
    }
  }
}

/** The value a committed env file (`.env`, not a template or one named for tests) gives a variable, with the file. */
function committedEnvValue(facts: Facts, name: string): { path: string; value: string } | undefined {
  for (const env of facts.envFiles) {
    if (env.kind !== 'real' || isLowConfidencePath(env.path) || /test/i.test(basename(env.path))) continue;
    const entry = env.entries.find(e => e.key === name);
    if (entry && entry.value.trim()) return { path: env.path, value: entry.value.trim() };
  }
  return undefined;
}

/** Lines that may name a password constant: a password word joined to another word (`ADMIN_PASSWORD`, `seedPwd`, `PASSWORD_1`). */
const CONSTANT_NAME_HINT = /[\w$](?:[Pp]ass|PASS|[Pp]wd|PWD)|(?:[Pp]ass|PASS|[Pp]wd|PWD)[A-Za-z]*[_A-Z0-9$]/;

/** Users given a password from a constant whose value is a literal (`password: Seed.ADMIN_PASSWORD`). */
function scanPasswordConstants(file: SourceFile, hits: Hit[], constants: PasswordConstants, seedContext: boolean): void {
  for (const { match, line } of matchAllNear(file, PASSWORD_REFERENCE, CONSTANT_NAME_HINT, 500)) {
    const ref = match.groups!.ref;
    if (!isPasswordConstantName(ref) || !isPasswordPosition(file, match)) continue;
    if (!seedContext && !ADMIN_CONTEXT.test(windowText(file, match.index))) continue;
    const constant = constants.resolve(ref, file);
    if (!constant) continue;
    hits.push({
      file,
      offset: match.index + match[0].lastIndexOf(ref),
      value: '',
      excerpt: maskedExcerpt(file, line, [constant.value]),
      message: `An admin, seed or default user is created with the password in ${ref}, a constant holding a literal ${
        constant.kind === 'hash' ? 'password hash' : 'password'
      } (${constant.file.path}:${constant.line})`,
    });
  }
}

function scanUserRecords(file: SourceFile, hits: Hit[], constants: PasswordConstants): void {
  if (FACTORY_PATH.test(file.path)) return;
  const pathContext = ADMIN_PATH.test(file.path);
  let seeder: boolean | undefined;
  const inSeeder = (): boolean => {
    seeder ??= isSeeder(file);
    return seeder;
  };
  for (const { match } of matchAll(file, PASSWORD_LITERAL, 500)) {
    const value = match.groups!.value;
    const kind = fixedPasswordOf(value);
    if (!kind) continue;
    // Beyond well-known passwords, any literal counts in a seeder: a seeded login whose password everyone with the code knows.
    if (kind !== 'weak' && (NOT_A_PASSWORD.test(value) || !isPasswordPosition(file, match) || !inSeeder())) continue;
    const line = lineText(file, match.index);
    if (isPolicyLine(line) || /\b(?:placeholder|label|hint|type)\s*[=:]/i.test(line)) continue;
    // The first argument of a lookup (`request.form.get("password", "")`, `os.getenv("PASSWORD")`) is the key read, not a value.
    if (LOOKUP_CALL.test(match[0].slice(0, match[0].lastIndexOf(value) - 1))) continue;
    // The first argument of a form field (`PasswordField('Password', …)`, `forms.CharField("Password")`) is its label.
    if (FORM_FIELD_CALL.test(match[0].slice(0, match[0].lastIndexOf(value) - 1))) continue;
    const offset = match.index + match[0].lastIndexOf(value);
    if (kind === 'weak') {
      if (!pathContext && !ADMIN_CONTEXT.test(windowText(file, match.index))) {
        if (isConfiguredLogin(file, match.index)) {
          hits.push({ file, offset, value, message: 'A login configured by the application (a user name and its password) has a well-known password' });
        }
        continue;
      }
      hits.push({ file, offset, value, message: 'An admin, seed or default user is created with a well-known password' });
      continue;
    }
    hits.push({
      file,
      offset,
      value,
      message:
        kind === 'hash'
          ? 'A seed user is created with a fixed password hash: every installation shares one login, with a password known to whoever made the hash'
          : 'A seed user is created with a fixed password: every installation starts with the same known login',
    });
  }
  if (languageOf(file.path)) scanPasswordConstants(file, hits, constants, pathContext || (seeder ??= isSeeder(file)));
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

/**
 * A finding, at low confidence in tests, docs and examples, except for SQL
 * scripts (a setup script under `docs/sql/` is the one you are told to run)
 * and initial-data fixtures, which seed real databases wherever they sit.
 */
function findingFor(file: SourceFile, line: number, message: string, excerpt: string, testSeeder?: string): Finding {
  if (testSeeder && !isLowConfidencePath(file.path)) {
    return { path: file.path, line, message: `${message} (${testSeeder}: lower confidence)`, confidence: 'low', ...(excerpt ? { excerpt } : {}) };
  }
  if (!isOwnSqlScript(file.path) && !isInitialDataFixture(file)) return findingAt(file, line, message, excerpt);
  return { path: file.path, line, message, confidence: 'high', ...(excerpt ? { excerpt } : {}) };
}

const INIT_SCRIPT_ASIDE =
  'in a script the database container runs when it initialises its own data, so a bootstrap account of that database rather than a login of the application';

/** The folder the official database images run scripts from when they initialise an empty data directory. */
const INIT_DIR = 'docker-entrypoint-initdb.d';

/**
 * SQL scripts a database container runs when it initialises its own empty data directory: files in a
 * `docker-entrypoint-initdb.d` folder, or in a folder a compose service mounts there or a Dockerfile copies there.
 * The accounts they create are the container's bootstrap credentials, like its `POSTGRES_PASSWORD`.
 */
function containerInitScripts(facts: Facts): (path: string) => boolean {
  const sources: string[] = [];
  for (const compose of facts.compose) {
    for (const service of compose.services) {
      for (const volume of service.volumes) {
        if (volume.type !== 'bind' || !volume.source || !volume.target?.startsWith(`/${INIT_DIR}`)) continue;
        sources.push(joinPath(dirname(compose.path), volume.source.replace(/^\.\//, '')));
      }
    }
  }
  for (const dockerfile of facts.dockerfiles) {
    for (const ins of dockerfile.finalStage?.instructions ?? []) {
      if (!/^(?:COPY|ADD)$/i.test(ins.keyword) || !ins.args.includes(`/${INIT_DIR}`) || /--from/.test(ins.args)) continue;
      const words = ins.args.split(/\s+/).filter(w => w && !w.startsWith('--'));
      for (const source of words.slice(0, -1)) sources.push(joinPath(dirname(dockerfile.path), source.replace(/^\.\//, '')));
    }
  }
  const dirs = sources.map(source => source.replace(/\/$/, ''));
  return path => path.split('/').slice(0, -1).includes(INIT_DIR) || dirs.some(dir => path === dir || path.startsWith(`${dir}/`));
}

const SETTINGS_EXTENSIONS = new Set(['.yml', '.yaml', '.properties', '.toml', '.json', '.ini', '.cfg', '.conf', '.env', '.tf', '.tfvars']);

/** The columns of tables created by the repository's SQL files, for data loads that insert without a column list. */
function sqlSchemaColumns(facts: Facts): SchemaColumns {
  const sqlFiles = facts.files.filter(f => extname(f.path) === '.sql' && /create\s+table/i.test(f.text));
  const known = new Map<string, string[]>();
  return table => {
    const name = table.toLowerCase();
    if (!known.has(name)) {
      const columns = sqlFiles.map(f => createdColumns(f, name)).find(c => c.length > 0) ?? [];
      known.set(name, columns);
    }
    return known.get(name)!;
  };
}

export default defineRule({
  id: 'security/default-admin-password',
  category: 'security',
  severity: 'critical',
  title: 'No default admin passwords',
  description:
    'Fails when an admin, seed or default user gets a known password: a well-known literal (`admin`, `admin123`, `password`, `changeme`, `123456`, `root`, `guest`…) in code that creates admin users or in a login the application configuration sets (a user name and its password side by side in a configuration file, with no database, broker or mail server beside them); any literal password or hash given by a framework seeder, directly or through a constant; SQL that inserts login rows with a fixed password or password hash (rows without a column list take the columns of the table\'s `CREATE TABLE` in that file or another SQL file; into a table no SQL file creates: the value that is a bcrypt/argon2/crypt hash); SQL that creates a database user or role with a literal password (`CREATE USER … IDENTIFIED BY \'…\'`, `CREATE ROLE … PASSWORD \'…\'`, `ALTER USER … PASSWORD \'…\'`), except in scripts a database container runs when it initialises its own data (`docker-entrypoint-initdb.d`), which give notes; `spring.security.user.password` (also as `${NAME}` when a committed `.env` sets NAME to a well-known password); login code that accepts a password literal (`password == "…"`, `"…".equals(password)`), also through a constant holding one or a Flask configuration key filled from literals (`app.config["PASSWORD"]` with `app.config.from_object(__name__)`); admin password settings of the application and of consoles deployed with it (`ADMIN_PASSWORD`, `FIRST_SUPERUSER_PASSWORD`, `GF_SECURITY_ADMIN_PASSWORD`) in env, compose, manifest and config files, set to a well-known password or a fixed password hash (`admin.password=\'$2y$…\'`); and fallbacks such as `os.getenv("ADMIN_PASSWORD", "admin")`, also through a settings reader (`ADMIN_PASSWORD: str = config("ADMIN_PASSWORD", default="…")`), or as the default of a Go configuration struct (a struct-tag default of a configuration loader such as `conf:"default:…"` or `envDefault:"…"`, or a struct literal\'s value that the code then overrides from configuration: `DefaultUser: DefaultUser{Pass: "admin"}` followed by `parseString(&c.DefaultUser.Pass, …)`). The account a database, cache or broker is bootstrapped with (`MYSQL_ROOT_PASSWORD`, `RABBITMQ_DEFAULT_PASS`, `MONGO_INITDB_ROOT_PASSWORD`) is a service credential judged by the secret rules, not an admin login. The label of a form field (`PasswordField(\'Password\')`, `forms.CharField("Password")`) is not a password. Seeders for tests (named for tests, such as `test.seeder.ts` or `class TestSeeder`, or named only by test files) give low-confidence notes.',
  rationale:
    'Default credentials are the first thing attackers try, by hand and by botnet. An admin account that ships with a guessable password is a full takeover on day one, and seeded accounts tend to survive into production unnoticed.',
  remediation:
    'Do not ship an admin password. Create the first admin with a one-time random password (printed once or delivered out of band) or through an invite flow, read any bootstrap password from a secret store without a fallback, force a change at first login, and keep seed users with known passwords out of production data.',
  evaluate(facts) {
    const hits: Hit[] = [];
    const constants = new PasswordConstants(facts);
    let scanned = 0;
    let initScript: ((path: string) => boolean) | undefined;
    let schemaColumns: SchemaColumns | undefined;
    for (const file of facts.files) {
      if (isProse(file.path) || isGeneratedText(file) || isUiComponentPath(file.path)) continue;
      if (isTranslationPath(file.path)) continue;
      const code = languageOf(file.path) !== undefined;
      const ext = extname(file.path);
      const settings = SETTINGS_EXTENSIONS.has(ext) || !!envFileKind(file.path) || /(^|\/)(Dockerfile|Containerfile)[^/]*$|\.(sh|bash)$/.test(file.path);
      if (!code && !settings && ext !== '.sql') continue;
      scanned += 1;
      if (code || settings) scanSettings(file, hits);
      if (code || ext === '.json' || ext === '.yml' || ext === '.yaml') scanUserRecords(file, hits, constants);
      scanSpringYaml(facts, file, hits);
      if (ext === '.sql' || code) scanSeededRows(file, hits, ext === '.sql' ? (schemaColumns ??= sqlSchemaColumns(facts)) : undefined);
      if (ext === '.sql') {
        const before = hits.length;
        scanDatabaseUsers(file, hits);
        initScript ??= containerInitScripts(facts);
        if (hits.length > before && initScript(file.path)) {
          for (const hit of hits.slice(before)) hit.aside = INIT_SCRIPT_ASIDE;
        }
      }
      if (code) scanHardcodedLogins(facts, file, hits);
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
    scanResolvedAdminPasswords(facts, hits);
    // Go configuration structs: a struct-tag default, or a struct literal's value the code then overrides from configuration.
    for (const d of goConfigDefaults(facts)) {
      if (!d.value.trim() || !isAdminPasswordName(d.key)) continue;
      const file = facts.file(d.path);
      if (!file || isUiComponentPath(file.path)) continue;
      const lineStart = file.text.split('\n').slice(0, d.line - 1).join('\n').length + (d.line > 1 ? 1 : 0);
      const at = file.text.indexOf(d.value, lineStart);
      hits.push({
        file,
        offset: at === -1 ? lineStart : at,
        value: at === -1 ? '' : d.value,
        message: `${d.env ?? d.key} falls back to a literal default password when it is not configured`,
      });
    }
    if (scanned === 0) return outcome.notApplicable('no code, configuration or seed data');

    const seen = new Set<string>();
    const findings: Finding[] = [];
    const testSeeders = new Map<SourceFile, string | undefined>();
    for (const hit of hits) {
      const line = lineOfOffset(hit.file, hit.offset);
      const key = `${hit.file.path}:${line}`;
      if (seen.has(key) || isCommentLine(lineOf(hit.file, line))) continue;
      seen.add(key);
      const excerpt = hit.excerpt ?? maskedExcerptAt(hit.file, hit.offset, hit.value.length);
      if (!testSeeders.has(hit.file)) testSeeders.set(hit.file, languageOf(hit.file.path) ? testSeederReason(facts, hit.file) : undefined);
      findings.push(findingFor(hit.file, line, hit.message, excerpt, hit.aside ?? testSeeders.get(hit.file)));
    }
    return outcome.fromFindings(findings);
  },
});
