/**
 * How setting and variable names read (which name a credential, which a
 * token signing key) and how literal values read (generated credentials,
 * well-known stand-ins).
 */
import type { SourceFile } from '../snapshot';
import type { Facts } from './index';
import { entropy, isPlaceholderValue } from '../secrets/patterns';
import { linesHolding, lineOf } from './text';

/**
 * Splits an identifier or setting name into lower-case words:
 * `DB_PASSWORD` → db, password; `jwtSecretKey` → jwt, secret, key;
 * `spring.security.user.password` → spring, security, user, password.
 */
export function nameWords(name: string): string[] {
  return wordsOf(name).slice();
}

const wordsCache = new Map<string, string[]>();

function wordsOf(name: string): string[] {
  let words = wordsCache.get(name);
  if (!words) {
    words = name
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .split(/[^A-Za-z]+/)
      .filter(Boolean)
      .map(w => w.toLowerCase());
    if (wordsCache.size >= 100_000) wordsCache.clear();
    wordsCache.set(name, words);
  }
  return words;
}

const SECRET_WORDS = new Set([
  'secret',
  'secrets',
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'token',
  'apikey',
  'credential',
  'credentials',
  'privatekey',
]);

/** Words in front of `key` that make it a secret key. */
const KEY_QUALIFIERS = new Set([
  'api',
  'secret',
  'private',
  'access',
  'auth',
  'signing',
  'encryption',
  'encrypt',
  'service',
  'master',
  'app',
  'application',
  'client',
  'license',
  'session',
  'webhook',
  'hmac',
  'jwt',
  'stripe',
  'sendgrid',
  'mailgun',
  'openai',
  'anthropic',
]);

/**
 * Trailing words that make a secret-sounding name something else: its URL,
 * lifetime, length, file, header name, hash…
 */
const NON_SECRET_TAILS = new Set([
  'url', 'uri', 'urls', 'endpoint', 'host', 'hostname', 'port', 'path', 'file', 'dir', 'directory',
  'name', 'names', 'user', 'username', 'id', 'ids', 'type', 'types', 'algorithm', 'algorithms', 'alg',
  'issuer', 'audience', 'expiry', 'expires', 'expire', 'expiration', 'exp', 'in', 'ttl', 'lifetime',
  'timeout', 'age', 'length', 'len', 'min', 'max', 'rounds', 'cost', 'header', 'headers', 'prefix',
  'suffix', 'enabled', 'enable', 'disabled', 'required', 'policy', 'mode', 'scope', 'scopes', 'field',
  'fields', 'param', 'params', 'region', 'version', 'count', 'limit', 'size', 'seconds', 'minutes',
  'hours', 'days', 'ms', 'sec', 'secs', 'hash', 'hashed', 'digest', 'sha', 'checksum', 'fingerprint',
  'label', 'placeholder', 'hint', 'message', 'msg', 'text', 'title', 'regex', 'pattern', 'format',
  'ref', 'refs', 'env', 'var', 'selector', 'input', 'provider', 'strategy', 'method', 'class',
  'store', 'storage', 'location', 'arn', 'rotation', 'reset', 'route', 'link', 'key_id', 'length',
  'validator', 'validation', 'error', 'errors', 'flag', 'source', 'mount', 'volume', 'generator',
  'helper', 'util', 'utils', 'service', 'manager', 'handler', 'schema', 'model', 'changed', 'at',
  'date', 'time', 'created', 'updated', 'status', 'state', 'visible', 'visibility', 'strength',
  'policy', 'confirmation', 'confirm', 'repeat', 'again', 'icon', 'button', 'form', 'dialog',
  'modal', 'page', 'view', 'component', 'cookie', 'cache', 'table', 'column', 'query', 'mask',
  'storage', 'ok', 'valid', 'invalid', 'missing', 'encoder', 'encoding', 'kind',
]);

/** Words before a secret word that make the setting public or not a credential. */
const NON_SECRET_QUALIFIERS = new Set([
  'public', 'publishable', 'anon', 'anonymous', 'site', 'csrf', 'xsrf', 'next', 'page', 'pagination',
  'cursor', 'continuation', 'sort', 'partition', 'primary', 'foreign', 'cache', 'idempotency',
  'sentry', 'request', 'trace',
]);

/**
 * Whether a setting or variable name names a credential: `SECRET_KEY`,
 * `JWT_SECRET`, `STRIPE_API_KEY`, `db.password`, `authToken`… but not
 * `TOKEN_EXPIRES_IN`, `PASSWORD_MIN_LENGTH`, `PUBLIC_KEY`, `tokenUrl`.
 */
export function isSecretName(name: string): boolean {
  const words = wordsOf(name);
  if (words.length === 0) return false;
  const last = words[words.length - 1];
  if (NON_SECRET_TAILS.has(last)) return false;
  let secret = false;
  words.forEach((word, i) => {
    if (SECRET_WORDS.has(word)) secret = true;
    if (word === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1])) secret = true;
    if (word === 'pass' && i === words.length - 1 && words.length > 1) secret = true;
  });
  if (!secret) return false;
  return !words.some(w => NON_SECRET_QUALIFIERS.has(w));
}

/**
 * Any text holding a name for which isSecretName is true holds one of these
 * words, in any case: every word of a name is a run of its letters, and a
 * secret name needs a SECRET_WORDS word, `key` or `pass`. Built from the same
 * sets, so a cheap test of a whole file can rule out every secret name in it.
 */
export const SECRET_NAME_HINT = new RegExp(
  [...SECRET_WORDS, 'key', 'pass']
    .sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
    .filter((w, i, all) => !all.slice(0, i).some(shorter => w.includes(shorter)))
    .join('|'),
  'i',
);

/**
 * False when no name in the file can be a secret name (isSecretName false for
 * every name in it). Shares the hint lines `matchAllNear` searches.
 */
export function mayHoldSecretName(file: SourceFile): boolean {
  return linesHolding(file, SECRET_NAME_HINT).length > 0;
}

const PLACEHOLDER_FRAGMENTS =
  /secret|passw|key|token|change|example|sample|test|dev|default|demo|dummy|fake|mock|placeholder|your|replace|insecure|todo|xxx/i;

/**
 * Whether a literal looks like a generated credential rather than a word,
 * an identifier, a path, a URL, a UUID or a content hash: long enough,
 * mixed character classes, high entropy, and no stand-in words inside.
 */
export function looksRandom(value: string): boolean {
  const v = value.trim();
  if (v.length < 10 || v.length > 512) return false;
  // Base64 of readable text (a Kubernetes Secret's `data:`, a `base64-secret` setting) is judged by the text it encodes.
  const decoded = base64Text(v);
  if (decoded !== undefined) return looksRandom(decoded);
  if (/\s/.test(v)) return false;
  if (isPlaceholderValue(v)) return false;
  if (PLACEHOLDER_FRAGMENTS.test(v)) return false;
  if (isRandomLetters(v)) return true;
  if (/^[a-z]+(?:[-_.:][a-z]+)*$/i.test(v)) return false;
  if (isLeetPhrase(v)) return false;
  if (/:\/\/|^\.{0,2}\/|^~\/|\\/.test(v)) return false;
  if (/^[\w.+-]+@[\w-]+\.[\w.-]+$/.test(v)) return false;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) return false;
  if (/^[0-9a-f]+$/i.test(v) && [40, 64, 96, 128].includes(v.length)) return false;
  if (/^(sha\d+|md5)[-:]/i.test(v)) return false;
  if (/^[\d.:-]+$/.test(v)) return false;
  if (/^[\w.-]+\.(js|mjs|ts|json|py|pem|key|crt|cer|txt|ya?ml|env|html|jks|p12|pfx)$/i.test(v)) return false;
  if (/^[A-Z][A-Z0-9_]+$/.test(v)) return false;
  if (/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/.test(v)) return false;
  if (/^[a-z]+[A-Z][a-zA-Z]*$/.test(v)) return false;
  if (/^\$|^%|^\{|^@|^#\{|^&/.test(v)) return false;
  let classes = 0;
  if (/[a-z]/.test(v)) classes += 1;
  if (/[A-Z]/.test(v)) classes += 1;
  if (/\d/.test(v)) classes += 1;
  if (/[^A-Za-z0-9]/.test(v)) classes += 1;
  const h = entropy(v);
  if (v.length >= 16) return classes >= 2 && h >= 3.2;
  return classes >= 3 && h >= 2.9;
}

/** Runs of the alphabet and of keyboard rows: typed by hand, not drawn at random. */
const LETTER_RUNS = ['abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/**
 * A long run of letters in one case drawn at random (`rzxlszyykpbgqcflzxsq…`): many distinct letters and few vowels,
 * where words run together (`mysupersecretjwtkey`) have about two in five, and no run of the alphabet or a keyboard row.
 */
function isRandomLetters(v: string): boolean {
  if (v.length < 20 || !(/^[a-z]+$/.test(v) || /^[A-Z]+$/.test(v))) return false;
  const lower = v.toLowerCase();
  const vowels = lower.replace(/[^aeiou]/g, '').length;
  if (vowels / lower.length > 0.22 || entropy(lower) < 3.7) return false;
  for (let i = 0; i + 5 <= lower.length; i++) if (LETTER_RUNS.some(run => run.includes(lower.slice(i, i + 5)))) return false;
  return true;
}

/** Digits and symbols that stand for letters in words spelled to look strong: `p4sta.w1th-s@uce`. */
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/** Three or more words joined by `-`, `_` or `.`, spelled with digits and symbols for letters (`p4sta.w1th-b0l0gn3s3`): a phrase. */
function isLeetPhrase(v: string): boolean {
  if (!/[0-9@$]/.test(v)) return false;
  const words = v.replace(/[0-9@$]/g, c => LEET[c] ?? c).split(/[-_.]/);
  return words.length >= 3 && words.every(w => /^[a-z]{2,}$/i.test(w) && /[aeiouy]/i.test(w));
}

/**
 * The text a base64 value encodes, when it encodes printable text (`cGxhY2Vob2xkZXI…` → `placeholder…`); undefined for
 * anything else, random key bytes included. Random characters almost never decode to printable text throughout.
 */
export function base64Text(value: string): string | undefined {
  const v = value.trim();
  if (v.length < 12 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(v) || (v.includes('=') ? v.length % 4 !== 0 : v.length % 4 === 1)) return undefined;
  const bytes = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  const text = bytes.toString('latin1').replace(/[\r\n]+$/, '');
  if (text.length < 8 || !/^[\x20-\x7e]+$/.test(text)) return undefined;
  return text;
}

/** What a key generator puts before the random part to mark a key for development: Django's `startproject` writes `django-insecure-`. */
const GENERATOR_MARKER = /^django-insecure-/;

/**
 * A random key behind a generator's development marker (`django-insecure-` and 50 random characters): a stand-in by
 * its prefix, and a generated credential all the same, which works as written for everyone who can read it.
 */
export function isMarkedGeneratedKey(value: string): boolean {
  const v = value.trim();
  const marker = GENERATOR_MARKER.exec(v);
  // The generator draws from letters, digits and symbols: a leading `&` or `$` is part of the key, not a reference.
  return !!marker && looksRandom(v.slice(marker[0].length).replace(/^[^A-Za-z0-9]+/, ''));
}

/** Well-known stand-ins used as secrets: the values an attacker tries first. */
const STAND_IN_EXACT = new Set([
  'secret', 'secrets', 'changeme', 'change_me', 'change-me', 'changethis', 'change_this', 'change-this',
  'changeit', 'password', 'passwd', 'pass', 'default', 'dev', 'development', 'local', 'test', 'testing',
  'demo', 'sample', 'example', 'dummy', 'fake', 'mock', 'placeholder', 'todo', 'tbd', 'fixme', 'replaceme',
  'secretkey', 'secret_key', 'secret-key', 'mysecret', 'my_secret', 'my-secret', 'mysecretkey',
  'supersecret', 'super_secret', 'super-secret', 'topsecret', 'keyboard cat', 'shh', 'shhh', 'shhhh',
  's3cr3t', 's3cret', 'jwtsecret', 'jwt_secret', 'jwt-secret', 'abc123', '123456', '1234', '12345',
  'qwerty', 'letmein', 'insecure', 'notsecret', 'nosecret',
  // `password` as people spell it to get past a complexity check.
  'p@ssw0rd', 'p@ssword', 'passw0rd', 'pa$$word', 'pa$$w0rd', 'p4ssw0rd', 'p4ssword',
]);

const STAND_IN_PATTERN =
  /^(?:django-insecure-|insecure[-_ ]|dev[-_ ]|development[-_ ]|local[-_ ]|test[-_ ]|change[-_ ]?(?:me|this|it)|your[-_ ]|my[-_ ]?(?:super[-_ ]?)?secret|super[-_ ]?secret|replace[-_ ]?(?:me|with|this)|please[-_ ]?change|not[-_ ]?(?:a[-_ ]?)?(?:real[-_ ]?)?secret|default[-_ ]|example[-_ ]|sample[-_ ]|dummy|fake|placeholder|x{3,}|secret[-_ ]?(?:key|value|here)?$)|(?:[-_ ](?:here|changeme|change[-_]?me|dev|local|test|placeholder|secret|insecure))$/i;

/** Text that asks the reader to put their own value in: `REPLACE IT WITH YOUR OWN SECRET`, `change this before deploying`. */
const REPLACE_INSTRUCTION = /\b(?:replace|change)[-_ ](?:it|this|me|them|with)\b|\byour[-_ ]own\b/i;

/**
 * A lower-case name of a password (`db_password`, `mysql-password`, `your_pwd`, `shop_pass`) written where the
 * password goes. Names of tokens and keys (`access_token`, `api_key`) are left out: they name
 * storage keys, cookies and form fields as often as they stand in for a value.
 */
const PASSWORD_NAME_VALUE = /^[a-z][a-z0-9]*(?:[_-][a-z][a-z0-9]*){1,3}$/;
const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd']);

/** Words of a value that name a password: one of PASSWORD_WORDS, or `pass` at the end (`shop_pass`). */
function namesPassword(words: readonly string[]): boolean {
  return words.some(w => PASSWORD_WORDS.has(w)) || words[words.length - 1] === 'pass';
}

/** Whether a literal is one of the stand-ins people leave in as a secret. */
export function isStandInSecret(value: string): boolean {
  const v = value.trim();
  if (!v || /\$\{|\{\{|%\(|^\$|^<.*>$/.test(v)) return false;
  // Capitalised words are labels (`"password": "Password"`), not values.
  if (/^[A-Z][a-z]+(?: [a-z]+)*$/.test(v)) return false;
  if (STAND_IN_EXACT.has(v.toLowerCase()) || STAND_IN_PATTERN.test(v)) return true;
  // Instructions to replace the value, and values that name the setting they stand for (`PASSWORD: 'db_password'`).
  return (/\s/.test(v) && REPLACE_INSTRUCTION.test(v)) || (PASSWORD_NAME_VALUE.test(v) && namesPassword(wordsOf(v)));
}

const projectNamesCache = new WeakMap<Facts, Set<string>>();

/**
 * The names the project gives itself in its manifests, lower-cased: a package.json `name` (without its scope),
 * the last segment of a go.mod `module`, a pyproject.toml `[project]`/`[tool.poetry]` `name`.
 */
export function projectNames(facts: Facts): Set<string> {
  let names = projectNamesCache.get(facts);
  if (names) return names;
  names = new Set();
  const add = (name: string | undefined) => {
    const n = name?.trim().toLowerCase();
    if (n && n.length >= 3) names!.add(n);
  };
  for (const pkg of facts.manifests.packageJsons) add(pkg.name?.replace(/^@[^/]+\//, ''));
  for (const mod of facts.manifests.goMods) add(mod.module?.replace(/\/v\d+$/, '').split('/').pop());
  for (const py of facts.manifests.pyprojects) {
    const text = facts.file(py.path)?.text ?? '';
    const section = /^\[(?:project|tool\.poetry)\][^[]*?^name\s*=\s*["']([^"'\n]+)["']/m.exec(text);
    add(section?.[1]);
  }
  projectNamesCache.set(facts, names);
  return names;
}

/**
 * Whether a secret is the project's own name (`secret: shop-api` in the shop-api project): the first thing
 * anyone guesses, a stand-in however it is spelled.
 */
export function isProjectNameSecret(facts: Facts, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v.length < 3) return false;
  // The name, or one of the words it is made of (`shop` or `api` of `shop-api`) when long enough to be chosen as one.
  return [...projectNames(facts)].some(name => name === v || (v.length >= 4 && name.split(/[-_.]/).includes(v)));
}

/** Words that end the name of the account or database a credential belongs to: `DB_USER`, `username`, `MYSQL_DATABASE`, `NAME`. */
const ACCOUNT_WORDS = new Set(['user', 'username', 'usr', 'login', 'uid', 'name', 'db', 'database', 'dbname', 'schema', 'account', 'role', 'owner']);

/** Whether a setting names the account or database a credential belongs to (`DB_USER`, `spring.datasource.username`, `'NAME'`). */
export function isAccountName(name: string): boolean {
  const words = wordsOf(name);
  return words.length > 0 && ACCOUNT_WORDS.has(words[words.length - 1]);
}

/** Any `name = 'literal'` / `name: literal` on a line, for the settings beside a credential. */
const ANY_ASSIGNMENT = /(?<![\w$.])(?<name>[A-Za-z_$][\w$.-]{0,100})['"]?\s*(?::=|=>|=|:)\s*(?<q>['"`]?)(?<value>[^'"`\s,;]{1,120})\k<q>/g;

/**
 * Whether a literal on a line repeats the account or database name set on that line or within
 * a few lines of it (`DB_USER = "shop"` and `DB_PASSWORD = "shop"`, `'USER': 'app'` and `'PASSWORD': 'app'`):
 * a stand-in chosen so that nobody has to pick a password.
 */
export function repeatsAccountNearby(file: SourceFile, line: number, value: string): boolean {
  if (value.length < 3) return false;
  for (let l = Math.max(1, line - 8); l <= line + 8; l++) {
    const text = lineOf(file, l, 400);
    if (!text.includes(value)) continue;
    for (const m of text.matchAll(ANY_ASSIGNMENT)) {
      const name = m.groups!.name.split('.').pop()!;
      if (m.groups!.value === value && isAccountName(name)) return true;
    }
  }
  return false;
}

/**
 * A weak literal: a word, optionally followed by a few digits or a symbol (`root`, `admin123`, `acme!`), or a short
 * number. What people type as a password when nobody makes them choose one; random keys do not look like this.
 */
export function isWeakLiteral(value: string): boolean {
  const v = value.trim();
  if (v.length < 3 || v.length > 24 || looksRandom(v)) return false;
  if (/^(?:true|false|yes|no|on|off|null|none|nil|undefined)$/i.test(v)) return false;
  return /^[A-Za-z]+\d{0,6}[!@#$%*.]?$/.test(v) || /^\d{3,8}$/.test(v);
}

/** Words that name what signs tokens. */
const SIGNING_WORDS = new Set(['jwt', 'jws', 'jwe', 'signing', 'sign', 'hmac', 'token', 'tokens']);
/** Words that may stand beside them in a signing key's name: `ACCESS_TOKEN_SECRET`, `JwtConstants.SECRET`. */
const SIGNING_NAME_WORDS = new Set([
  ...SIGNING_WORDS, 'access', 'refresh', 'auth', 'authentication', 'authorization', 'app', 'application', 'secret', 'private', 'my',
  'default', 'constants', 'constant', 'config', 'configuration', 'settings', 'setting', 'options', 'properties',
  'security', 'keys', 'key', 'passphrase',
]);

/**
 * Whether a setting holds the key that signs tokens: `JWT_SECRET`,
 * `jwt.secret`, `SIGNING_KEY`, `ACCESS_TOKEN_SECRET`, `JwtConstants.SECRET`,
 * but not `TOKEN_STORAGE_KEY` or `SECRET_KEY` alone.
 */
export function isSigningKeyName(name: string): boolean {
  const words = wordsOf(name);
  const last = words[words.length - 1];
  if (!['secret', 'key', 'passphrase'].includes(last)) return false;
  return words.some(w => SIGNING_WORDS.has(w)) && words.every(w => SIGNING_NAME_WORDS.has(w));
}
