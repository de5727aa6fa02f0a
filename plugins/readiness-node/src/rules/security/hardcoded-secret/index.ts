import { SourceFile } from '../../../snapshot';
import type { Facts } from '../../../facts';
import { basename, extname, isLowConfidencePath, isTestFile, isTestOnlyContainerPath, languageOf, lineOf, matchAll, matchAllNear, unionOf } from '../../../facts';
import { isComposePath } from '../../../facts/compose';
import { isDockerfilePath } from '../../../facts/dockerfiles';
import { envFileKind } from '../../../facts/env';
import { isTestSupportCode } from '../../../facts/testSupport';
import { isTestName } from '../../../facts/values';
import { entropy, isPlaceholderValue, JWT_PATTERN, SECRET_PATTERNS } from '../../../secrets/patterns';
import { defineRule, outcome, RuleFinding } from '../../types';
import { envReadColumn, isCodeAt, isCommentLine, isGeneratedText, isProse, isTranslationPath, usesHashComments } from '../../../facts/codeSearch';
import {
  isMarkedGeneratedKey,
  isProjectNameSecret,
  isSecretName,
  isStandInSecret,
  looksRandom,
  mayHoldSecretName,
  nameWords,
  repeatsAccountNearby,
  SECRET_NAME_HINT,
} from '../../../facts/secretNames';
import { findingAt, maskedExcerpt } from '../shared';
import { testOnlyWorkflowPaths } from '../../../facts/workflows';
import { isCredentialKey, signingKeyConstants, signingKeysAtCalls } from '../signingKeys';
import { isAppConfigFile } from '../../../facts/configProfiles';
import { runtimeEnvTemplates } from '../placeholder-secret-default/envFiles';

/** `scheme://user:password@host`; the user may be empty, as in `redis://:pw@host`. */
const URL_WITH_PASSWORD =
  /\b(?<scheme>[a-z][a-z0-9+.-]{1,20}):\/\/(?<user>[^\s:/@'"`<>]{0,128}):(?<secret>[^\s@/'"`<>]{1,256})@(?<host>[^\s/'"`:<>]+)/gi;

/** `Password=...;` in ADO.NET / ODBC connection strings and `password=` in JDBC query strings. */
const CONNECTION_STRING_PASSWORD = /(?:^|[;?&"'\s])(?:password|pwd)[ \t]*=[ \t]*(?<secret>[^;&'"\s]{1,256})/gi;
const CONNECTION_STRING_USER = /(?:^|[;?&"'\s])(?:user(?:\s?id|name)?|uid)[ \t]*=[ \t]*(?<user>[^;&'"\s]{1,128})/i;
const CONNECTION_STRING_HOST = /(?:^|[;?&"'\s])(?:host|server|data source|address|addr)[ \t]*=[ \t]*(?:tcp:)?(?<host>[^;&'"\s,:]{1,128})/i;
const CONNECTION_STRING_DATABASE = /(?:^|[;?&"'\s])(?:dbname|database|initial catalog)[ \t]*=[ \t]*(?<db>[^;&'"\s]{1,128})/i;
const CONNECTION_STRING_MARKER = /\b(?:server|data source|host|user id|uid|database|initial catalog)\s*=|jdbc:|odbc:/i;

/** Passwords in documentation-style URLs that stand for "put yours here". */
const URL_PLACEHOLDER_PASSWORDS = /^(?:pass(word)?\d*|pwd|pw|passwd|mypass(word)?|yourpass(word)?|somepass(word)?|secret\d*|mysecret|user(name)?|\*+|x+|\.+)$/i;

/** A secret-named setting assigned a quoted literal: code, JSON, YAML, TOML, HCL. */
const QUOTED_ASSIGNMENT =
  /(?<![\w$.-])(?<name>[A-Za-z_$][\w$.-]{0,100})['"\]]?\s*(?::=|=>|=|:)\s*(?<q>['"`])(?<secret>[^'"`\n\\]{10,300})\k<q>/g;
/** `name: value` or `name = value` unquoted, one per line: YAML, properties, TOML, INI. */
const CONFIG_ASSIGNMENT =
  /^[ \t]*(?<name>[A-Za-z_][\w.-]*)[ \t]*[:=][ \t]*(?<secret>[^\s'"#]{10,300})[ \t]*$/gm;
/** `NAME=value` in shell-like files: Dockerfile ENV/ARG, scripts, Makefiles. */
const SHELL_ASSIGNMENT =
  /(?:^|\s)(?:export\s+)?(?<name>[A-Za-z_]\w*)=(?<q>['"]?)(?<secret>[^\s'"]{10,300})\k<q>/gm;
/** `<password>value</password>` in XML configuration. */
const XML_ASSIGNMENT = /<(?<name>[A-Za-z_][\w.-]*)>(?<secret>[^<\s]{10,300})<\/\k<name>>/g;

const CONFIG_EXTENSIONS = new Set(['.yml', '.yaml', '.properties', '.toml', '.ini', '.cfg', '.conf', '.tfvars']);
const SHELL_EXTENSIONS = new Set(['.sh', '.bash', '.zsh', '.ps1']);

interface Hit {
  file: SourceFile;
  line: number;
  /** What was found, as a message. */
  message: string;
  /** The credential itself, masked in the excerpt. */
  secret: string;
  /** Replaces the line as the excerpt (private keys show their header only). */
  excerpt?: string;
  /** Provider formats, key blocks, URLs and JWTs; generic name-based hits are weaker. */
  strong: boolean;
  /** Connection URLs and strings: credentials of a database or broker, often a local one. */
  connection?: boolean;
  /** Why the hit is only low confidence wherever its file sits (a sample in a doc comment, a test-only pipeline). */
  lowBecause?: string;
  /** An env template that runs as the configuration: not the documentation its name suggests. */
  runtime?: boolean;
}

function lineStart(text: string, index: number): number {
  return text.lastIndexOf('\n', index - 1) + 1;
}

/** Whether a match sits inside a base64 data URI (an inlined image or font). */
function insideDataUri(file: SourceFile, index: number): boolean {
  const before = file.text.slice(lineStart(file.text, index), index);
  return /;base64,/i.test(before) || /data:[\w/+.-]+;base64,/i.test(before);
}

/** Token-shaped matches that are documented stand-ins: `AKIA…EXAMPLE`, `ghp_xxxx…`. */
function isPlaceholderToken(token: string): boolean {
  return (
    /example|placeholder|dummy|fake|your|sample/i.test(token) ||
    /x{6,}|0{8,}|1234567890|abcdefgh/i.test(token) ||
    /(.)\1{7,}/.test(token) ||
    entropy(token) < 3
  );
}

/** A private key block with a real body, not a header used as a marker or a `...` stand-in. */
function isRealKeyBody(body: string): boolean {
  if (/\.\.\.|…|<[^>]*>|\$\{|\{\{/.test(body)) return false;
  const lines = body
    .replace(/\\[nr]/g, '\n')
    .split('\n')
    .filter(l => !/^\s*[\w-]+:\s/.test(l));
  const compact = lines.join('').replace(/["'`+,;\s]/g, '');
  const b64 = compact.replace(/[^A-Za-z0-9+/=]/g, '');
  if (b64.length < 64) return false;
  if (b64.length / Math.max(1, compact.length) < 0.85) return false;
  return entropy(b64) >= 4.5;
}

function decodeJwtPart(part: string): Record<string, unknown> | undefined {
  try {
    const json = Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    const value = JSON.parse(json);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a JWT is public by design or a well-known sample. */
function isHarmlessJwt(token: string): boolean {
  const payload = decodeJwtPart(token.split('.')[1] ?? '');
  if (!payload) return false;
  if (payload.role === 'anon') return true;
  // The sample token of the JWT debugger and countless tutorials.
  if (payload.sub === '1234567890' && payload.name === 'John Doe') return true;
  return false;
}

/** The JWT counts when it is assigned to, or sent as, a credential. */
function jwtIsCredential(prefix: string): boolean {
  if (/\bBearer\s+$/i.test(prefix)) return true;
  // A declaration with its type between name and value: `service_key TEXT := '…'` in PL/pgSQL.
  const declared = /([A-Za-z_$][\w$]*)\s+[A-Za-z_][\w()]*\s*:=\s*['"]?$/.exec(prefix);
  const m = declared ?? /([A-Za-z_$][\w$.-]*)['"\]]?\s*(?::=|=>|=|:|,)\s*(?:\(\s*)?['"`]?$/.exec(prefix);
  if (!m) return false;
  const name = m[1];
  if (/anon|public|publishable|example|sample/i.test(name)) return false;
  return isSecretName(name) || /(authorization|jwt|bearer|service_?role\w*|key)$/i.test(name);
}

/** Loopback hosts: a database on the developer's own machine (or its Docker host). */
const LOOPBACK_HOST = /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|host\.docker\.internal)$/i;
/** Passwords database images ship or tutorials start them with (`postgres`, `root`, RabbitMQ's `guest`, Bitnami images' `bitnami`). */
const STOCK_DATABASE_PASSWORD = /^(?:postgres|root|mysql|mariadb|guest|password|pass|bitnami)$/i;

/**
 * `postgres:postgres@localhost`, `root:root@127.0.0.1`, `shopuser:shop@localhost/shop`: a local database's stock login, or
 * a password that repeats its user or database name, not a credential of a deployment.
 */
function isLocalStockPassword(user: string, password: string, host: string, database?: string): boolean {
  const p = decodeURIComponentSafe(password).toLowerCase();
  if (!LOOPBACK_HOST.test(host)) return false;
  return p === user.toLowerCase() || (database !== undefined && p === database.toLowerCase()) || STOCK_DATABASE_PASSWORD.test(p) || isStandInSecret(p);
}

/** The database named by the path of a connection URL: `…@host:5432/shop?ssl=true` → `shop`. */
function urlDatabase(text: string, end: number): string | undefined {
  return /^(?::\d+)?\/(?<db>[\w.-]+)/.exec(text.slice(end, end + 200))?.groups?.db;
}

function isUrlPlaceholder(password: string): boolean {
  const p = decodeURIComponentSafe(password);
  return (
    isPlaceholderValue(p) ||
    URL_PLACEHOLDER_PASSWORDS.test(p) ||
    // `YourStrong!Passw0rd`, `Your$tr0ngP@ss`, `Your_password123`: documentation's "put yours here", however spelled.
    /^[Yy]our(?:[A-Z0-9$@!_.-]|$)/.test(p) ||
    // Brackets are not allowed unencoded in a URL's user-info: `protocol://[user[:password]@]host` is notation.
    /^[$%{<[(]|[{}<>[\]]|\$\(|\$\{/.test(p)
  );
}

/**
 * The placeholders of a URL in a committed env file, which the application loads as it is:
 * templates and stand-ins only. A word such as `admin` or `root` there is the password in use.
 */
function isEnvUrlPlaceholder(password: string): boolean {
  const p = decodeURIComponentSafe(password);
  return isStandInSecret(p) || URL_PLACEHOLDER_PASSWORDS.test(p) || /^[$%{<[(]|[{}<>]|\$\(|\$\{|^(?:x+|\*+|\.+|…)$/i.test(p);
}

/**
 * Whether a connection password in a configuration file is placeholder-secret-default's: a stand-in,
 * or the user name again (`postgres:postgres@`), which that rule reports as a default of the configuration.
 */
function isConfigDefaultPassword(facts: Facts, file: SourceFile, user: string | undefined, password: string): boolean {
  if (!isStandInSecret(password) && (user === undefined || user !== password)) return false;
  return isAppConfigFile(facts, file);
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Most files hold no provider-shaped token: one search rules them out for every format. */
const ANY_PROVIDER_PATTERN = unionOf(SECRET_PATTERNS.map(p => p.pattern));

function scanProviderPatterns(file: SourceFile, hits: Hit[]): void {
  if (!ANY_PROVIDER_PATTERN.some(re => re.test(file.text))) return;
  for (const { id, title, pattern } of SECRET_PATTERNS) {
    for (const { line, match } of matchAll(file, pattern)) {
      const secret = match.groups?.secret ?? match[0];
      if (id === 'private-key') {
        if (!isRealKeyBody(secret)) continue;
        const header = /-----BEGIN [A-Z ]*PRIVATE KEY[A-Z ]*-----/.exec(match[0])?.[0] ?? 'private key';
        hits.push({ file, line, message: 'Hardcoded private key', secret, excerpt: header, strong: true });
        continue;
      }
      if (isPlaceholderToken(secret) || insideDataUri(file, match.index)) continue;
      hits.push({ file, line, message: `Hardcoded ${title}`, secret, strong: true });
    }
  }
}

/** The private member of a JSON Web Key, `"d": "…"` (any case, quoted or not), with a base64url value. */
const JWK_PRIVATE_MEMBER = /(?<![\w$-])(["']?)d\1\s*:\s*["'](?<secret>[A-Za-z0-9+/_-]{32,}={0,2})["']/gi;

/** Whether an object's text has a member of this name (any case, quoted or not) with a value, base64 or base64url of a key's length when asked. */
function hasMember(object: string, name: string, minLength = 1): boolean {
  const value = minLength > 1 ? `["']?[A-Za-z0-9+/_-]{${minLength},}` : `(?!null\\b)["']?[\\w-]`;
  return new RegExp(`(?<![\\w$-])(["']?)${name}\\1\\s*:\\s*${value}`, 'i').test(object);
}

/** The text of the innermost `{…}` object around an offset, or undefined when there is none nearby. */
function objectAround(text: string, offset: number): string | undefined {
  let depth = 0;
  let open = -1;
  for (let i = offset; i >= 0 && offset - i < 20000; i--) {
    if (text[i] === '}') depth++;
    else if (text[i] === '{') {
      if (depth === 0) {
        open = i;
        break;
      }
      depth--;
    }
  }
  if (open === -1) return undefined;
  depth = 0;
  for (let i = open; i < text.length && i - open < 40000; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open, i + 1);
  }
  return undefined;
}

/**
 * Private keys written as JSON: a JSON Web Key, an object with the private exponent `d` beside the RSA primes and
 * CRT members (`p`, `q`, `dp`, `dq`) or an elliptic curve's `crv` and `x`, and the same RSA key serialised with
 * .NET's `RSAParameters` names (`D`, `DP`, `DQ`, `P`, `Q`, `Modulus`, `Exponent`, `InverseQ`, base64 values), in a
 * key file of any name (`.jwk`, `.json`, `.rsa`) or inline in code, whatever the case of the member names
 * (serialisers write `"D"`, `"DP"`). A public key (`n` and `e`, or `Modulus` and `Exponent`, only) holds nothing secret.
 */
function scanPrivateJwks(file: SourceFile, hits: Hit[]): void {
  if (!/(["']?)d\1\s*:\s*["'][A-Za-z0-9+/_-]{32}/i.test(file.text)) return;
  for (const { line, match } of matchAll(file, JWK_PRIVATE_MEMBER)) {
    const secret = match.groups!.secret;
    if (isPlaceholderToken(secret)) continue;
    const object = objectAround(file.text, match.index);
    if (!object) continue;
    const parameters = hasMember(object, 'modulus', 64);
    const rsa =
      (hasMember(object, 'n', 64) || parameters) &&
      ((hasMember(object, 'p', 32) && hasMember(object, 'q', 32)) || (hasMember(object, 'dp', 32) && hasMember(object, 'dq', 32)));
    const curve = hasMember(object, 'crv') && hasMember(object, 'x', 32);
    if (!rsa && !curve) continue;
    if (rsa && parameters && !hasMember(object, 'n', 64)) {
      const message = 'Hardcoded private key: an RSA key serialised as JSON (RSAParameters: Modulus, D, P, Q…) with its private members';
      hits.push({ file, line, message, secret, excerpt: 'RSA key as JSON (RSAParameters, private)', strong: true });
      continue;
    }
    const octetCurve = /(["']?)crv\1\s*:\s*["']?(?:Ed25519|Ed448|X25519|X448)/i.test(object);
    let type = octetCurve ? 'OKP' : 'EC';
    if (rsa) type = 'RSA';
    hits.push({ file, line, message: `Hardcoded private key: a JSON Web Key (${type}) with its private members`, secret, excerpt: `JSON Web Key (${type}, private)`, strong: true });
  }
}

function scanUrls(facts: Facts, file: SourceFile, hits: Hit[]): void {
  const committedEnv = envFileKind(file.path) === 'real';
  if (file.text.includes('://')) {
    for (const { line, match } of matchAll(file, URL_WITH_PASSWORD)) {
      const secret = match.groups!.secret;
      if (committedEnv ? isEnvUrlPlaceholder(secret) : isUrlPlaceholder(secret)) continue;
      if (isConfigDefaultPassword(facts, file, match.groups!.user, secret)) continue;
      const scheme = match.groups!.scheme.toLowerCase();
      const local = isLocalStockPassword(match.groups!.user, secret, match.groups!.host, urlDatabase(file.text, match.index + match[0].length));
      hits.push({
        file,
        line,
        message: `Connection URL (${scheme}) with a literal password`,
        secret,
        strong: true,
        connection: true,
        ...(local ? { lowBecause: "a database on this machine with its image's stock password, a local stand-in: lower confidence" } : {}),
      });
    }
  }
  if (/password|pwd/i.test(file.text)) {
    for (const { line, match } of matchAll(file, CONNECTION_STRING_PASSWORD)) {
      const secret = match.groups!.secret;
      const start = lineStart(file.text, match.index);
      const end = file.text.indexOf('\n', match.index);
      const lineText = file.text.slice(start, end === -1 ? undefined : end);
      if (!CONNECTION_STRING_MARKER.test(lineText) || isUrlPlaceholder(secret)) continue;
      const user = CONNECTION_STRING_USER.exec(lineText)?.groups!.user;
      if (isConfigDefaultPassword(facts, file, user, secret)) continue;
      const host = CONNECTION_STRING_HOST.exec(lineText)?.groups!.host;
      const local = host !== undefined && isLocalStockPassword(user ?? '', secret, host, CONNECTION_STRING_DATABASE.exec(lineText)?.groups!.db);
      hits.push({
        file,
        line,
        message: 'Connection string with a literal password',
        secret,
        strong: true,
        connection: true,
        ...(local ? { lowBecause: "a database on this machine with its image's stock password, a local stand-in: lower confidence" } : {}),
      });
    }
  }
}

function scanJwts(file: SourceFile, hits: Hit[]): void {
  if (!file.text.includes('eyJ')) return;
  for (const { line, match } of matchAll(file, JWT_PATTERN)) {
    const secret = match.groups!.secret;
    const prefix = file.text.slice(lineStart(file.text, match.index), match.index);
    if (!jwtIsCredential(prefix) || isHarmlessJwt(secret)) continue;
    // A token quoted in a doc comment (an OpenAPI `example:` in JSDoc) is a sample response, not a configured credential.
    const inComment = isCommentLine(prefix);
    const sample = isSampleRequestFile(file);
    hits.push({
      file,
      line,
      message: 'Hardcoded JSON Web Token used as a credential',
      secret,
      strong: true,
      ...(inComment ? { lowBecause: 'quoted in a comment, so a documented sample rather than a configured credential: lower confidence' } : {}),
      ...(sample ? { lowBecause: 'in a sample query or request file, so a token captured for trying the API rather than a configured credential: lower confidence' } : {}),
    });
  }
}

/** Sample queries and requests for trying an API: `.graphql`, `.http`, `.rest` files and Postman or Insomnia collections. */
function isSampleRequestFile(file: SourceFile): boolean {
  if (/\.(graphql|gql|http|rest)$/i.test(file.path)) return true;
  if (/(^|\/)(postman|insomnia|bruno)\//i.test(file.path) || /\.postman_(collection|environment)\.json$/i.test(file.path)) return true;
  return extname(file.path) === '.json' && /"_postman_id"|schema\.getpostman\.com|"_type"\s*:\s*"export"/.test(file.text.slice(0, 4000));
}

/** Signing keys given as literals that are credentials of their own; stand-ins and readable phrases are placeholder-secret-default's. */
function scanSigningKeys(facts: Facts, file: SourceFile, hits: Hit[]): void {
  for (const key of signingKeysAtCalls(facts, file)) {
    if (isCredentialKey(key.value, facts)) hits.push({ file: key.file, line: key.line, message: 'Token signing key written as a literal in code', secret: key.value, strong: true });
  }
}

/**
 * A token key whose value names a token (`AUTHENTICATION_TOKEN_KEY = 'app-authenticationToken'`, `TOKEN_KEY = 'access_token'`):
 * the key a token is stored under in browser storage or a header, not a key that signs one.
 */
function isTokenStorageKey(name: string, value: string): boolean {
  const words = nameWords(name);
  return words.length >= 2 && words[words.length - 1] === 'key' && words[words.length - 2] === 'token' && nameWords(value).includes('token');
}

/** Constants and configuration keys named for a token signing key (`JWT_SECRET`, `jwt.secret=…`) holding such a literal. */
function scanSigningConstants(facts: Facts, file: SourceFile, hits: Hit[]): void {
  for (const key of signingKeyConstants(facts, file)) {
    if (!isCredentialKey(key.value, facts) || isTokenStorageKey(key.name ?? '', key.value)) continue;
    const message = key.where === 'config' ? `Token signing key ${key.name} set to a literal in configuration` : `Token signing key ${key.name} set to a literal`;
    hits.push({ file: key.file, line: key.line, message, secret: key.value, strong: false });
  }
}

/** Literal, random-looking values assigned to secret-named settings. */
function scanAssignments(file: SourceFile, hits: Hit[]): void {
  // Every hit needs a secret name; most files hold none.
  if (!mayHoldSecretName(file)) return;
  const ext = extname(file.path);
  const patterns: RegExp[] = [QUOTED_ASSIGNMENT];
  if (CONFIG_EXTENSIONS.has(ext)) patterns.push(CONFIG_ASSIGNMENT);
  if (SHELL_EXTENSIONS.has(ext) || isDockerfilePath(file.path) || /^(Makefile|\.envrc|Procfile)$/.test(basename(file.path))) {
    patterns.push(SHELL_ASSIGNMENT);
  }
  if (ext === '.xml' || ext === '.config') patterns.push(XML_ASSIGNMENT);
  // Documentation inside code (comments, Python docstrings) quotes sample values; name-based hits there are too weak.
  const docstrings = languageOf(file.path) === 'python'
    ? [...file.text.matchAll(/("""|''')[\s\S]*?\1/g)].map(m => [m.index ?? 0, (m.index ?? 0) + m[0].length] as const)
    : [];
  for (const pattern of patterns) {
    // Only secret names count, so only lines that can hold one are searched.
    for (const { line, match } of matchAllNear(file, pattern, SECRET_NAME_HINT)) {
      const name = match.groups!.name;
      const secret = match.groups!.secret.trim();
      // A generated key behind a development marker (`django-insecure-…`) is random all the same.
      const marked = isMarkedGeneratedKey(secret);
      if (!isSecretName(name) || !(marked || looksRandom(secret))) continue;
      // The account or database name again (`DB_USER = "shop"`, `DB_PASSWORD = "shop"`) is a stand-in, placeholder-secret-default's.
      if (repeatsAccountNearby(file, line, secret)) continue;
      if (insideDataUri(file, match.index) || isCommentLine(lineOf(file, line))) continue;
      if (docstrings.some(([from, to]) => match.index > from && match.index < to)) continue;
      const message = marked
        ? `Literal credential assigned to ${name}: a generated key whose prefix marks it for development, used as written`
        : `Literal credential assigned to ${name}`;
      hits.push({ file, line, message, secret, strong: false });
    }
  }
}

/** `const SECRET = os.getenv(…)`: the setting an environment read is assigned to. */
const ASSIGNED_TO = /^\s*(?:export\s+)?(?:(?:const|let|var|val|final|static|private|public|readonly)\s+)*([A-Za-z_$][\w$.]*)\s*(?::\s*[\w<>[\]|. ]+)?\s*(?::=|=|:)/;

/**
 * Random-looking literals given as the fallback of an environment read of a secret (`os.environ.get("SECRET_KEY",
 * "k3#v…")`, `process.env.JWT_SECRET || "aB9…"`), a generated key behind a development marker included: the key
 * is written in the repository and signs for every deployment that does not set the variable.
 * placeholder-secret-default reports the fallback as a default too.
 */
function scanEnvFallbacks(facts: Facts, hits: Hit[]): void {
  for (const read of facts.envReads) {
    const value = read.fallback?.trim();
    if (!value || isTestFile(read.path) || isLowConfidencePath(read.path) || isProse(read.path) || envFileKind(read.path)) continue;
    const marked = isMarkedGeneratedKey(value);
    if (!marked && !looksRandom(value)) continue;
    const file = facts.file(read.path);
    if (!file || isGeneratedText(file)) continue;
    const text = lineOf(file, read.line, 4000);
    if (languageOf(file.path) && !isCodeAt(text, envReadColumn(text, read.name), usesHashComments(file.path))) continue;
    const lhs = ASSIGNED_TO.exec(lineOf(file, read.line, 400))?.[1];
    if (!isSecretName(read.name) && !(lhs && isSecretName(lhs.split('.').pop() ?? lhs))) continue;
    const message = marked
      ? `Literal credential as the fallback of ${read.name}: a generated key whose prefix marks it for development, used whenever ${read.name} is not set`
      : `Literal credential as the fallback of ${read.name}, used whenever ${read.name} is not set`;
    hits.push({ file, line: valueLine(file, read.line, value), message, secret: value, strong: false });
  }
}

/** The line of a read that holds its fallback literal (the read may span lines). */
function valueLine(file: SourceFile, line: number, value: string): number {
  for (let l = line; l < line + 5; l++) if (lineOf(file, l, 4000).includes(value)) return l;
  return line;
}

/** Why a hit is only a low-confidence note wherever its file sits, if it is. */
function lowConfidenceReason(facts: Facts, hit: Hit, testOnlyWorkflows: Set<string>): string | undefined {
  const generic = !hit.strong || hit.connection;
  if (generic && testOnlyWorkflows.has(hit.file.path)) {
    return 'in a CI workflow that only runs tests, so it configures a throwaway test environment: lower confidence';
  }
  // A local stack's stock password (`postgres:postgres@db`); a random-looking one is a real credential.
  if (hit.connection && isComposePath(hit.file.path) && !looksRandom(hit.secret)) {
    return "in a compose service's environment, which infrastructure/compose-plaintext-secrets judges: lower confidence";
  }
  const name = basename(hit.file.path);
  // `.env.test` and `.env.testing` name their environment after the dot.
  if (isTestName(name.replace(/\.[^.]*$/, '')) || (envFileKind(hit.file.path) && isTestName(name.replace(/^\./, '')))) {
    return 'in a file named for tests, so test-only configuration: lower confidence';
  }
  if (languageOf(hit.file.path) && isTestSupportCode(facts, hit.file)) return 'in test support code that only tests call: lower confidence';
  if (isTestOnlyContainerPath(hit.file.path)) return 'in a compose file or Dockerfile that only serves tests or CI: lower confidence';
  return undefined;
}

export default defineRule({
  id: 'security/hardcoded-secret',
  category: 'security',
  severity: 'critical',
  title: 'No hardcoded secrets',
  description:
    'Fails when a file holds a real-looking credential: a private key block or a private key written as JSON (a JSON Web Key with `d` beside the RSA primes or an elliptic curve\'s `crv` and `x`, or an RSA key serialised with .NET\'s `RSAParameters` names `D`, `P`, `Q`, `DP`, `DQ`, `Modulus`, `InverseQ`, in a key file of any name such as `.jwk`, `.json` or `.rsa`, or inline; public keys with only `n` and `e`, or `Modulus` and `Exponent`, pass), a cloud access key, a GitHub, GitLab, Slack, Stripe, npm or similar token, a JWT assigned to a secret-named variable, a connection URL or connection string with a literal password (in a committed env file, any password but a template or stand-in), a random-looking literal assigned to a secret-named setting or given as the fallback of an environment read of a secret (a generated key behind a development marker, Django\'s `django-insecure-…`, included; a base64 value that encodes readable text, as in a Kubernetes Secret, is judged by that text), a credential in a committed env file, or a random-looking credential in an env template that runs as it is (code loads it by name, or the setup in a README, Dockerfile, script or Makefile copies it into place as `.env`; other templates give notes). Stand-ins (the project\'s own name included), passwords that repeat the account or database name beside them, and stand-in connection passwords in configuration files are placeholder-secret-default\'s; env files named for tests, and connection URLs and strings to a loopback host with the database\'s stock password, a stand-in, or the user or database name again (`postgres:postgres@localhost`, `root:root@127.0.0.1`), give notes; a key block or provider token in an env template that runs as it is fails.',
  rationale:
    'A credential in the repository is readable by everyone who can clone it, now and forever through history, and by every build log and artifact made from it. Attackers scan public and leaked repositories for these shapes within minutes.',
  remediation:
    'Revoke and rotate the credential first, since it must be presumed leaked. Then load it at runtime from the environment or a secret manager (Vault, AWS Secrets Manager, Kubernetes secrets, CI secrets), keep only placeholders in the repository, and purge the value from history.',
  evaluate(facts) {
    const hits: Hit[] = [];
    for (const file of facts.files) {
      if (isGeneratedText(file)) continue;
      const envKind = envFileKind(file.path);
      scanProviderPatterns(file, hits);
      scanPrivateJwks(file, hits);
      scanUrls(facts, file, hits);
      scanJwts(file, hits);
      if (!envKind && !isProse(file.path) && !isLowConfidencePath(file.path) && !isTranslationPath(file.path)) {
        scanAssignments(file, hits);
        scanSigningConstants(facts, file, hits);
      }
      if (!isProse(file.path)) scanSigningKeys(facts, file, hits);
    }
    const runtimeTemplates = runtimeEnvTemplates(facts);
    // A key block or provider token in a template that runs as it is works for every installation that follows the setup.
    for (const hit of hits) {
      const runsAs = runtimeTemplates.get(hit.file.path);
      if (!runsAs || !hit.strong || hit.connection || hit.lowBecause || isLowConfidencePath(hit.file.path.replace(/[^/]*$/, 'settings.js'))) continue;
      hit.message = `${hit.message} in the env template ${basename(hit.file.path)}, which runs as it is: ${runsAs}`;
      hit.runtime = true;
    }
    for (const env of facts.envFiles) {
      const file = facts.file(env.path);
      if (!file) continue;
      const runsAs = env.kind === 'example' ? runtimeTemplates.get(env.path) : undefined;
      for (const entry of env.entries) {
        const value = entry.value.trim();
        if (!isSecretName(entry.key) || value.includes('://')) continue;
        // Stand-ins (`changeme`, `1234`, the project's name) in a committed env file are placeholder-secret-default's.
        const real =
          isMarkedGeneratedKey(value) ||
          (env.kind === 'real'
            ? !isPlaceholderValue(value) &&
              !isStandInSecret(value) &&
              !isProjectNameSecret(facts, value) &&
              !/^\$|^%|^\{\{/.test(value) &&
              !/^(true|false|yes|no|on|off|\d{1,3})$/i.test(value)
            : looksRandom(value));
        if (!real) continue;
        const template = `Random-looking credential ${entry.key} in the env template ${basename(env.path)}`;
        hits.push({
          file,
          line: entry.line,
          message:
            env.kind === 'real'
              ? `Credential ${entry.key} in a committed ${basename(env.path)} file`
              : `${template}, ${runsAs ? `which runs as it is: ${runsAs}` : 'which should hold a placeholder'}`,
          secret: value,
          strong: true,
          // A template that becomes the running configuration is judged by its folder, not its name.
          ...(runsAs && !isLowConfidencePath(env.path.replace(/[^/]*$/, 'settings.js')) ? { runtime: true } : {}),
        });
      }
    }
    scanEnvFallbacks(facts, hits);

    // Generic values and connection URLs in a workflow that tests and never deploys configure the test run only.
    const testOnlyWorkflows = testOnlyWorkflowPaths(facts);

    const seen = new Set<string>();
    const strongLines = new Set(hits.filter(h => h.strong).map(h => `${h.file.path}:${h.line}`));
    const findings: RuleFinding[] = [];
    for (const hit of hits) {
      const where = `${hit.file.path}:${hit.line}`;
      if (!hit.strong && strongLines.has(where)) continue;
      const key = `${where}:${hit.secret}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const excerpt = hit.excerpt ?? maskedExcerpt(hit.file, hit.line, [hit.secret]);
      const lowBecause = hit.lowBecause ?? lowConfidenceReason(facts, hit, testOnlyWorkflows);
      const at = findingAt(hit.file, hit.line, hit.message, excerpt);
      const finding: RuleFinding = { ...at, ...(hit.runtime ? { message: hit.message, confidence: 'high' } : {}), secrets: [hit.secret] };
      findings.push(lowBecause && finding.confidence !== 'low'
        ? { ...finding, message: `${finding.message} (${lowBecause})`, confidence: 'low' }
        : finding);
    }
    return outcome.fromFindings(findings);
  },
});

