/**
 * Helpers shared by the security rules: which files are worth scanning, how
 * setting names read, how findings say where they are and how excerpts are
 * masked before the engine's own redaction runs.
 */
import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../snapshot';
import type { Facts } from '../../facts';
import { basename, isLowConfidencePath, isTestFile, languageOf, lineOf, linesHolding, outsideJvmPackages, unionOf } from '../../facts';
import { LOCKFILE_NAMES } from '../../facts/manifests';
import { isTestName } from '../../facts/values';
import { memo } from '../../facts/memo';
import { isUnder, serverUnits, unitLabel } from '../../facts/services';
import type { ServiceUnit } from '../../facts/services';
import { entropy, isPlaceholderValue } from '../../secrets/patterns';
import { maskSecret, redactText } from '../../secrets/redact';

/** The confidence of a finding at a path. */
export function confidenceOf(path: string): NonNullable<Finding['confidence']> {
  return isLowConfidencePath(path) ? 'low' : 'high';
}

/** The words appended to a message when a finding sits in a test, fixture, doc or example. */
export const LOW_CONFIDENCE_NOTE =
  ' (in a test, fixture, doc or example file, so possibly not used in production: lower confidence)';

/** A message with the low-confidence note added where the path calls for it. */
export function withConfidenceNote(message: string, path: string): string {
  return isLowConfidencePath(path) ? `${message}${LOW_CONFIDENCE_NOTE}` : message;
}

/** A finding at a path and line, with confidence and message set from the path. */
export function findingAt(
  file: SourceFile | { path: string },
  line: number | undefined,
  message: string,
  excerpt?: string,
): Finding {
  const finding: Finding = {
    path: file.path,
    message: withConfidenceNote(message, file.path),
    confidence: confidenceOf(file.path),
  };
  if (line !== undefined) finding.line = line;
  if (excerpt !== undefined && excerpt !== '') finding.excerpt = excerpt;
  return finding;
}

/** Lock files of other ecosystems that hold integrity hashes, not secrets. */
const EXTRA_LOCK_NAMES = new Set(['Podfile.lock', 'mix.lock', 'flake.lock', 'Package.resolved', 'pubspec.lock']);

const generatedText = new WeakMap<SourceFile, boolean>();

/** Whether a file holds only generated or packed text: lock files, minified bundles, source maps. */
export function isGeneratedText(file: SourceFile): boolean {
  let generated = generatedText.get(file);
  if (generated === undefined) {
    generated = classifyGenerated(file);
    generatedText.set(file, generated);
  }
  return generated;
}

function classifyGenerated(file: SourceFile): boolean {
  const name = basename(file.path);
  if (LOCKFILE_NAMES.has(name) || EXTRA_LOCK_NAMES.has(name) || /\.lock$/i.test(name)) return true;
  if (/[.-]min\.(js|mjs|cjs|css)$|\.(js|css)\.map$|\.map$|\.bundle\.js$|\.chunk\.js$/i.test(name)) return true;
  // A minified file without the telltale name: very long lines and few of them.
  if (file.text.length > 5000) {
    const lines = file.text.split('\n', 50);
    const longest = lines.reduce((n, l) => Math.max(n, l.length), 0);
    if (longest > 3000 && lines.length < 20) return true;
  }
  return false;
}

/** Prose documents: Markdown, reStructuredText, AsciiDoc, plain text. */
export function isProse(path: string): boolean {
  return /\.(md|mdx|markdown|rst|adoc|txt)$/i.test(path);
}

/** Files a browser runs or a bundler builds into a page. */
export function isUiComponentPath(path: string): boolean {
  return /\.(jsx|tsx|vue|svelte)$/i.test(path);
}

/** Code files of the repository other than tests. */
export function productionCode(facts: Facts): SourceFile[] {
  return memo(facts, 'security.productionCode', () =>
    facts.files.filter(f => languageOf(f.path) && !isTestFile(f.path) && !isGeneratedText(f)),
  ).slice();
}

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

/** Whether a line, trimmed, is a comment in most languages and config formats. */
export function isCommentLine(text: string): boolean {
  const t = text.trim();
  return /^(\/\/|#|\/\*|\*|<!--|--|;)/.test(t) && !/^#!?\[/.test(t) && !/^#(include|define|if|region)/.test(t);
}

/**
 * The line of a finding as an excerpt, with every given secret masked
 * before the line is cut to length, then the engine's redaction on top.
 */
export function maskedExcerpt(file: SourceFile, line: number, secrets: string[] = []): string {
  let raw = lineOf(file, line, Number.MAX_SAFE_INTEGER);
  for (const secret of secrets) {
    if (!secret) continue;
    raw = raw.split(secret).join(maskSecret(secret));
  }
  raw = redactText(raw);
  return raw.length > 160 ? `${raw.slice(0, 160)}…` : raw;
}

/** Dependency names that declare a server, by the server name the stack reports. */
const SERVER_DEPENDENCY_NAMES: Record<string, string> = {
  flask: 'flask',
  django: 'django',
  fastapi: 'fastapi',
  starlette: 'starlette',
  aiohttp: 'aiohttp',
  tornado: 'tornado',
  sanic: 'sanic',
  '"express"': 'express',
  '"koa"': 'koa',
  '"fastify"': 'fastify',
  '@nestjs/core': 'nestjs',
  '@hapi/hapi': 'hapi',
  '"hono"': 'hono',
  '"next"': 'next',
  'spring-boot-starter-web': 'spring-boot',
  'quarkus-rest': 'quarkus',
  'micronaut-http-server-netty': 'micronaut',
  'ktor-server-core': 'ktor',
  'github.com/gin-gonic/gin': 'gin',
  'github.com/labstack/echo': 'echo',
  'github.com/gofiber/fiber': 'fiber',
  'github.com/go-chi/chi': 'chi',
  'github.com/gorilla/mux': 'gorilla',
  rails: 'rails',
  sinatra: 'sinatra',
};

/** Where a finding about the server as a whole should point, with a line when one is known. */
export function serverLocations(facts: Facts): Array<{ path: string; line?: number }> {
  const stack = facts.stack;
  if (stack.servers.length === 0) return [];
  if (stack.serverFiles.length > 0) {
    return stack.serverFiles.slice(0, 5).map(path => ({ path }));
  }
  const names = new Set(stack.servers);
  const locations: Array<{ path: string; line?: number }> = [];
  const deps = Object.entries(SERVER_DEPENDENCY_NAMES).filter(([, server]) => names.has(server)).map(([dep]) => dep);
  for (const file of facts.files) {
    const name = basename(file.path);
    if (!/^(package\.json|requirements[\w.-]*\.txt|pyproject\.toml|Pipfile|pom\.xml|build\.gradle(\.kts)?|go\.mod|Gemfile|[\w.-]+\.csproj)$/.test(name)) continue;
    const lower = file.text.toLowerCase();
    const dep = deps.find(d => lower.includes(d));
    if (!dep) continue;
    const index = lower.indexOf(dep);
    const line = file.text.slice(0, index).split('\n').length;
    locations.push({ path: file.path, line });
    if (locations.length >= 5) break;
  }
  return locations.length ? locations : [{ path: facts.files[0]?.path ?? '.' }];
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
  if (/\s/.test(v)) return false;
  if (isPlaceholderValue(v)) return false;
  if (PLACEHOLDER_FRAGMENTS.test(v)) return false;
  if (/^[a-z]+(?:[-_.:][a-z]+)*$/i.test(v)) return false;
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

/**
 * The line holding a character offset as an excerpt, with the given range
 * masked (and only that occurrence), then the engine's redaction on top.
 */
export function maskedExcerptAt(file: SourceFile, offset: number, length: number): string {
  const text = file.text;
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  const value = text.slice(offset, offset + length);
  const line = `${text.slice(start, offset)}${maskSecret(value)}${text.slice(Math.min(offset + length, end), end)}`;
  const raw = redactText(line.trim());
  return raw.length > 160 ? `${raw.slice(0, 160)}…` : raw;
}

/** One way a repository can show that it has a capability: a dependency, code or a file. */
export interface EvidenceSignal {
  /** What the evidence is, for the pass message: `express-rate-limit`, `nginx limit_req`. */
  label: string;
  /** Dependency names, lower-case, exactly as manifests declare them. */
  deps?: string[];
  /** Dependency name prefixes, for Go module paths with major versions. */
  depPrefixes?: string[];
  /** Text in a non-test code or configuration file. */
  code?: RegExp;
  /** A non-test file path. */
  path?: RegExp;
}

/** Non-test, non-prose, hand-written files outside examples and docs, once per audit. */
function evidenceFiles(facts: Facts): SourceFile[] {
  return memo(facts, 'security.evidenceFiles', () =>
    facts.files.filter(
      f => !isTestFile(f.path) && !isProse(f.path) && !isGeneratedText(f) && !/(^|\/)(examples?|docs?|samples?)\//i.test(outsideJvmPackages(f.path)),
    ),
  );
}

const anyCodeCache = new WeakMap<EvidenceSignal[], RegExp[]>();

/** A file that matches none of these cannot match any signal's code pattern. */
function anyCodeSignal(signals: EvidenceSignal[]): RegExp[] {
  let patterns = anyCodeCache.get(signals);
  if (!patterns) {
    patterns = unionOf(signals.flatMap(s => (s.code ? [s.code] : [])));
    anyCodeCache.set(signals, patterns);
  }
  return patterns;
}

/** The label of the first signal the repository shows, if any. */
export function findEvidence(facts: Facts, signals: EvidenceSignal[]): string | undefined {
  const deps = facts.manifests.allDependencies;
  for (const signal of signals) {
    if (signal.deps?.some(d => deps.has(d))) return signal.label;
    if (signal.depPrefixes?.some(p => [...deps].some(d => d.startsWith(p)))) return signal.label;
  }
  const files = evidenceFiles(facts);
  const anyCode = anyCodeSignal(signals);
  const codeFiles = files.filter(f => anyCode.some(re => re.test(f.text)));
  for (const signal of signals) {
    if (signal.path && files.some(f => signal.path!.test(f.path))) return signal.label;
    if (signal.code && codeFiles.some(f => signal.code!.test(f.text))) return signal.label;
  }
  return undefined;
}

function signalInDeps(signal: EvidenceSignal, deps: Iterable<string>): boolean {
  for (const d of deps) {
    if (signal.deps?.includes(d) || signal.depPrefixes?.some(p => d.startsWith(p))) return true;
  }
  return false;
}

/** A server unit that shows none of a rule's signals, with where to point the finding and its name. */
export interface UnitLacking {
  path: string;
  line?: number;
  /** `the aspnet service in src/Web/`. */
  label: string;
  /** The unit's folder; undefined when the repository is judged as a whole. */
  dir?: string;
}

/**
 * Judges each server unit on the signals: a unit has the capability when its dependencies (its manifests,
 * their ancestors' and those of the projects it runs) declare one, or a file it owns, a project it runs, or a
 * file outside every server unit (a proxy, gateway or deploy configuration in front of all of them) shows one.
 * Answers the first evidence found and the units without any; without service units, the repository as a
 * whole is judged and its server locations are the ones lacking.
 */
export function serverUnitsLacking(facts: Facts, signals: EvidenceSignal[]): { evidence?: string; lacking: UnitLacking[] } {
  const units = serverUnits(facts);
  if (units.length === 0) {
    const evidence = findEvidence(facts, signals);
    if (evidence) return { evidence, lacking: [] };
    const servers = facts.stack.servers.join(', ');
    return { lacking: serverLocations(facts).map(l => ({ ...l, label: `this server (${servers})` })) };
  }
  const files = evidenceFiles(facts);
  const anyCode = anyCodeSignal(signals);
  const codeFiles = files.filter(f => anyCode.some(re => re.test(f.text)));
  const pathFiles = signals.some(sig => sig.path) ? files : [];
  const ownerOf = (path: string): ServiceUnit | undefined =>
    units.filter(u => isUnder(path, u.dir)).sort((a, b) => b.dir.length - a.dir.length)[0];
  const reaches = (unit: ServiceUnit, path: string): boolean => {
    const owner = ownerOf(path);
    return !owner || owner === unit || (unit.linked?.dirs.some(dir => isUnder(path, dir)) ?? false);
  };
  let evidence: string | undefined;
  const lacking: UnitLacking[] = [];
  for (const unit of units) {
    const deps = unit.linked ? [...unit.deps, ...unit.linked.deps] : [...unit.deps];
    const found =
      signals.find(sig => signalInDeps(sig, deps)) ??
      signals.find(
        sig =>
          (sig.path && pathFiles.some(f => sig.path!.test(f.path) && reaches(unit, f.path))) ||
          (sig.code && codeFiles.some(f => sig.code!.test(f.text) && reaches(unit, f.path))),
      );
    if (found) {
      evidence ??= found.label;
      continue;
    }
    lacking.push({ path: unit.path, ...(unit.line !== undefined ? { line: unit.line } : {}), label: unitLabel(unit), dir: unit.dir });
  }
  return { ...(evidence ? { evidence } : {}), lacking };
}

/**
 * Whether a position of a line is live code: not inside a string literal
 * and not after a line comment. A small per-line lexer, good enough to tell
 * `x = os.getenv("A", "b")` from the same text quoted in a message or a doc
 * comment. Block comments are recognised by their leading `*` or `/*`.
 */
export function isCodeAt(line: string, index: number, hashComments = true): boolean {
  const trimmed = line.trimStart();
  if (/^(\/\/|\/\*|\*)/.test(trimmed) || (hashComments && trimmed.startsWith('#'))) return false;
  let quote = '';
  for (let i = 0; i < index && i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '/' && line[i + 1] === '/' && line[i - 1] !== ':') return false;
    else if (hashComments && ch === '#') return false;
  }
  return quote === '';
}

/** Where an environment read of `name` starts on its line, for {@link isCodeAt}. */
export function envReadColumn(line: string, name: string): number {
  const marker = /process\.env|import\.meta\.env|getenv|Getenv|environ|getEnv|get_env|GetEnv|EnvOr|envOr|env_or|\benv\s*[.(]|\bENV\b|Environment\.|env::|\$\{|\{/g;
  for (let m = marker.exec(line); m !== null; m = marker.exec(line)) {
    const ahead = line.slice(m.index, m.index + m[0].length + 80);
    if (ahead.includes(name)) return m.index;
  }
  const at = line.indexOf(name);
  return at === -1 ? 0 : at;
}

/** Whether `#` starts a comment in a file's language or format. */
export function usesHashComments(path: string): boolean {
  const language = languageOf(path);
  if (language) return ['python', 'ruby', 'elixir'].includes(language);
  return true;
}

/** Whether the match at `index` of a file sits in live code (see {@link isCodeAt}). */
export function isCodeAtOffset(file: SourceFile, index: number): boolean {
  const start = file.text.lastIndexOf('\n', index - 1) + 1;
  let end = file.text.indexOf('\n', index);
  if (end === -1) end = file.text.length;
  return isCodeAt(file.text.slice(start, end), index - start, usesHashComments(file.path));
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
]);

const STAND_IN_PATTERN =
  /^(?:django-insecure-|insecure[-_ ]|dev[-_ ]|development[-_ ]|local[-_ ]|test[-_ ]|change[-_ ]?(?:me|this|it)|your[-_ ]|my[-_ ]?(?:super[-_ ]?)?secret|super[-_ ]?secret|replace[-_ ]?(?:me|with|this)|please[-_ ]?change|not[-_ ]?(?:a[-_ ]?)?(?:real[-_ ]?)?secret|default[-_ ]|example[-_ ]|sample[-_ ]|dummy|fake|placeholder|x{3,}|secret[-_ ]?(?:key|value|here)?$)|(?:[-_ ](?:here|changeme|change[-_]?me|dev|local|test|placeholder|secret|insecure))$/i;

/** Whether a literal is one of the stand-ins people leave in as a secret. */
export function isStandInSecret(value: string): boolean {
  const v = value.trim();
  if (!v || /\$\{|\{\{|%\(|^\$|^<.*>$/.test(v)) return false;
  // Capitalised words are labels (`"password": "Password"`), not values.
  if (/^[A-Z][a-z]+(?: [a-z]+)*$/.test(v)) return false;
  return STAND_IN_EXACT.has(v.toLowerCase()) || STAND_IN_PATTERN.test(v);
}

/** Folders that hold test runs and sample requests rather than the application: `tests/`, `e2e/`, `postman/`. */
const TEST_ONLY_DIR = /(^|\/)(tests?|__tests__|spec|specs|e2e|cypress|playwright|testdata|test-data|integration-tests|postman|insomnia)\//i;

/**
 * Files that configure or drive test runs only, whatever their language: test
 * files, anything under a tests or Postman folder, and files named for tests
 * (`docker-compose.test.yml`, `scripts/run-api-tests.sh`, `settings/testing.py`).
 */
export function isTestOnlyPath(path: string): boolean {
  if (isTestFile(path) || TEST_ONLY_DIR.test(outsideJvmPackages(path))) return true;
  return isTestName(basename(path).replace(/\.[^.]*$/, ''));
}

/** Words that name what signs tokens. */
const SIGNING_WORDS = new Set(['jwt', 'jws', 'jwe', 'signing', 'sign', 'hmac', 'token', 'tokens']);
/** Words that may stand beside them in a signing key's name: `ACCESS_TOKEN_SECRET`, `JwtConstants.SECRET`. */
const SIGNING_NAME_WORDS = new Set([
  ...SIGNING_WORDS, 'access', 'refresh', 'auth', 'authentication', 'app', 'application', 'secret', 'private', 'my',
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
