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
import { isComposePath } from '../../../facts/compose';
import { isDockerfilePath } from '../../../facts/dockerfiles';
import { envFileKind } from '../../../facts/env';
import { isTestSupportCode } from '../../../facts/testSupport';
import { isTestName, valuesOf } from '../../../facts/values';
import { maskSecret } from '../../../secrets/redact';
import { defineRule, outcome, RuleFinding } from '../../types';
import { isPlaceholderValue } from '../../../secrets/patterns';
import {
  envReadColumn,
  isCodeAt,
  isCodeAtOffset,
  isCommentLine,
  isGeneratedText,
  isProse,
  isTestOnlyPath,
  isUiComponentPath,
  usesHashComments,
} from '../../../facts/codeSearch';
import {
  isAccountName,
  isProjectNameSecret,
  isSecretName,
  isStandInSecret,
  isWeakLiteral,
  mayHoldSecretName,
  nameWords,
  repeatsAccountNearby,
  SECRET_NAME_HINT,
} from '../../../facts/secretNames';
import { developmentConfigReason, isAppConfigFile, overridableDefaultConfig } from '../../../facts/configProfiles';
import { findingAt, maskedExcerpt } from '../shared';
import { testOnlyWorkflowPaths } from '../../../facts/workflows';
import { isReadablePhrase, isStandInSigningKey, signingKeyConstants, signingKeysAtCalls } from '../signingKeys';
import { loadedEnvStandIns } from './envFiles';
import { parseYamlFile } from '../../../facts/yamlDoc';
import { syntaxTree } from '../../../facts/syntax';
import { goConfigDefaults } from '../../../facts/goConfigDefaults';

export { isStandInSecret };

/** Literal fallbacks that say "nothing" rather than give a value. */
const NO_VALUE = /^(?:none|null|nil|undefined|false|0)$/i;

/** `NAME = "literal"` assignments of settings in code and config, with optional wrappers. */
const LITERAL_ASSIGNMENT =
  /(?<![\w$.])(?<name>[A-Za-z_$][\w$]{0,100}(?:\.[A-Za-z_$][\w$]{0,100}){0,10}(?:\[\s*['"][\w.-]{1,100}['"]\s*\])?)['"]?\s*(?::\s*(?:str|string|String|SecretStr|Optional\[str\]|str\s*\|\s*None)\s*)?(?::=|=>|=|:)\s*(?:(?:Field|SecretStr)\(\s*(?:default\s*=\s*)?|\[\]byte\(|Buffer\.from\(|new\s+TextEncoder\(\)\.encode\(|b(?=['"]))?(?<q>['"`])(?<value>[^'"`\n\\]{1,120})\k<q>/g;
/** Unquoted `key: value` / `key=value` lines in YAML, properties and TOML. */
const CONFIG_LITERAL = /^[ \t]*(?<name>[A-Za-z_][\w.-]*)[ \t]*[:=][ \t]*(?<value>[^\s'"#{}[\]][^\s#]{0,119})[ \t]*$/gm;
/** A literal key handed straight to a JWT library. */
const JWT_LITERAL_KEY =
  /\b(?:jwt|jsonwebtoken|JWT|Jwts)\.(?:sign|verify|encode|decode)\(\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\[[^[\]]*\]|[^,(){}[\]]+(?:\([^()]*\))?)\s*,\s*(?<q>['"`])(?<value>[^'"`\n]{1,120})\k<q>/g;
/** Spring `${name:default}` placeholders in Java/Kotlin code and application config. */
const SPRING_PLACEHOLDER = /\$\{(?<name>[A-Za-z_][\w.-]*):(?<value>[^}\n]*)\}/g;
/** Shell and compose `${NAME:-default}` / `${NAME-default}` interpolation. */
const SHELL_DEFAULT = /\$\{(?<name>[A-Za-z_]\w*):?-(?<value>[^}\n]*)\}/g;
/** `config.get('jwtSecret') || 'secret'`, `app.config.get('SECRET_KEY', 'dev')`, `configService.get('X', 'd')`. */
const CONFIG_GET_DEFAULT =
  /(?<![\w$])(?:config|settings|conf|cfg|nconf|convict|app\.config|current_app\.config|self\.config|this\.config|configService|this\.configService|this\.config_service|config_service)\.get(?:<[^>]*>)?\(\s*(?<q0>['"])(?<name>[\w.-]+)\k<q0>\s*(?:,\s*(?<q>['"])(?<value>[^'"\n]*)\k<q>\s*\)|\)\s*(?:\|\||\?\?|or\s)\s*(?<q1>['"])(?<value1>[^'"\n]*)\k<q1>)/g;

/**
 * Defaults given to settings before they are read: viper's `SetDefault("db_dsn", "…")` in Go code that uses viper,
 * Python's `os.environ.setdefault("SECRET_KEY", "…")`.
 */
const CONFIG_DEFAULT_SETTER =
  /\b[A-Za-z_]\w*\.SetDefault\(\s*"(?<name>[\w.-]{1,100})"\s*,\s*"(?<value>[^"\n]{0,300})"\s*\)|\bos\.environ\.setdefault\(\s*(?<q0>['"])(?<name2>\w{1,100})\k<q0>\s*,\s*(?<q>['"])(?<value2>[^'"\n]{0,300})\k<q>\s*\)/g;
const CONFIG_DEFAULT_HINT = /spf13\/viper|os\.environ\.setdefault/;

/**
 * A literal handed to a call or constructor named for a secret: IdentityServer's `new Secret("secret".Sha256())`,
 * Spring's `.secret("{noop}secret")`, `setClientSecret("changeme")`. The literal may be hashed on the spot.
 */
const SECRET_CALL =
  /(?<![\w$])(?<callee>[A-Za-z_$][\w$]{0,60})\s*\(\s*(?<q>["'`])(?<value>[^"'`\n\\]{1,120})\k<q>\s*(?:\.\s*\w+\(\s*\)\s*)?[,)]/g;
/** Words of calls that read secrets from a store or the environment. */
const READER_WORDS = new Set(['env', 'environ', 'getenv', 'config', 'conf', 'settings', 'setting', 'vault', 'store', 'manager', 'provider']);
/** Verbs of calls that look a secret up by its name rather than set one. */
const LOOKUP_VERBS = new Set(['get', 'read', 'fetch', 'load', 'find', 'lookup', 'resolve', 'has', 'is', 'delete', 'remove', 'require', 'must', 'ensure', 'validate', 'verify', 'check']);

/** Test-runner configuration sets the environment of the test run only. */
const TEST_RUNNER_CONFIG = /(^|\/)(?:vitest|jest|playwright|cypress|karma)\.config\.[cm]?[jt]s$|(^|\/)(?:vitest|jest)\.setup\.[cm]?[jt]s$/;
/** node-config's map from settings to the environment variables that set them (`secret: JWT_SECRET`): names, not values. */
const ENV_VARIABLE_MAP = /(^|\/)custom-environment-variables\.[\w]+$/;

/** Whether a path is production code or configuration to read settings from. */
function scannable(path: string): boolean {
  return (
    !isTestFile(path) && !TEST_RUNNER_CONFIG.test(path) && !isProse(path) && !isUiComponentPath(path) && !envFileKind(path) &&
    !ENV_VARIABLE_MAP.test(path) && !/(^|\/)[^/]*\.(example|sample|template|dist|tmpl|tpl)(\.[^/]*)?$/i.test(path)
  );
}

const CONFIG_EXTENSIONS = new Set(['.yml', '.yaml', '.properties', '.toml', '.json', '.ini', '.cfg', '.conf']);

const RECORD_WORDS = ['password', 'passwd', 'pwd', 'pass', 'new', 'old', 'current', 'confirm', 'plain', 'raw'];
/** Objects that are user records: `user.password = '1234'` in a seeder or factory. */
const USER_OBJECTS = new Set(['user', 'users', 'admin', 'account', 'member', 'customer', 'person', 'owner', 'profile', 'author', 'employee', 'staff', 'superuser', 'u']);

/** User-record fields (`password: 'x'` or `user.password = 'x'` in a seed) belong to default-admin-password, not here. */
function isUserRecordField(name: string): boolean {
  if (!/^[a-z]/.test(name)) return false;
  if (nameWords(name).every(w => RECORD_WORDS.includes(w))) return true;
  // A field of a user object: `user.password`, `newUser.password`, `admin.pwd`.
  const segments = name.split('.');
  if (segments.length !== 2 || !nameWords(segments[1]).every(w => RECORD_WORDS.includes(w))) return false;
  return nameWords(segments[0]).some(w => USER_OBJECTS.has(w));
}

/**
 * Code modules that hold the application's configuration (`src/config/index.ts`, `app/settings.py`): a bare
 * `password: '123456'` there sets a credential of the application, not a field of a user record.
 */
function isConfigModule(path: string): boolean {
  if (/seed|fixture|factor|fake|mock|sample/i.test(path)) return false;
  return /(^|\/)(?:config|configs|configuration|settings|conf)(?:\/|\.[a-z]+$)/i.test(path);
}

/** `scheme://user:password@host`, the user possibly empty. */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]{1,20}:\/\/(?<user>[^\s:/@'"`<>]{0,128}):(?<password>[^\s@/'"`<>]{1,256})@/gi;
/** `Password=…` / `pwd=…` in a connection string or a URL's query. */
const KEYED_PASSWORD = /(?:^|[;?&\s])(?:password|pwd)\s*=\s*(?<password>[^;&'"\s]{1,256})/gi;
const KEYED_USER = /(?:^|[;?&\s])(?:user(?:\s?id|name)?|uid)\s*=\s*(?<user>[^;&'"\s]{1,128})/i;
const CONNECTION_MARKER = /(?:server|data source|host|database|initial catalog)\s*=|jdbc:|odbc:|:\/\//i;

/**
 * RabbitMQ's built-in `guest` account on the loopback host (`amqp://guest:guest@localhost//`, Celery's own default
 * broker URL): the broker accepts that account only from its own machine, so as a default it reaches no deployed broker.
 */
const LOCAL_BROKER_DEFAULT = /^amqps?:\/\/guest:guest@(?:localhost|127\.0\.0\.1)(?::\d+)?(?:\/|$)/i;

/**
 * The stand-in password of a connection URL or string, if it has one: a stand-in
 * (`Password=password`, `changeme`) or the user name again (`postgres:postgres@`,
 * `user=postgres&password=postgres`). For a default in code (`fallback`), the broker's
 * local-only guest account is no credential of the application.
 */
function standInConnectionPassword(value: string, fallback = false): { password: string; sameAsUser: boolean } | undefined {
  if (!CONNECTION_MARKER.test(value) || (fallback && LOCAL_BROKER_DEFAULT.test(value.trim()))) return undefined;
  const found: Array<{ user?: string; password: string }> = [];
  for (const m of value.matchAll(URL_CREDENTIALS)) found.push({ user: m.groups!.user, password: m.groups!.password });
  for (const m of value.matchAll(KEYED_PASSWORD)) found.push({ user: KEYED_USER.exec(value)?.groups!.user, password: m.groups!.password });
  for (const { user, password } of found) {
    // The documentation's sample password (`YourStrong!Passw0rd`, also in brackets) is hardcoded-secret's placeholder, and used as written.
    const sample = /^<?[Yy]our(?:[A-Z0-9$@!_.-])[^\s<>]*>?$/.exec(password);
    if (sample) return { password, sameAsUser: false };
    if (/^[$%{<]|\$\{/.test(password)) continue;
    if (user && user === password && password.length >= 3) return { password, sameAsUser: true };
    if (isStandInSecret(password)) return { password, sameAsUser: false };
  }
  return undefined;
}

function lastSegment(name: string): string {
  const bracket = /\[\s*['"]([\w.-]+)['"]\s*\]$/.exec(name);
  if (bracket) return bracket[1];
  return name;
}

function isSpringConfig(path: string): boolean {
  return /(^|\/)(application|bootstrap)(-[\w]+)?\.(ya?ml|properties)$/.test(path);
}

/** A stand-in that is no secret at all (`changeme`, `your-key-here`) shows whole; anything else is cut, everywhere. */
function shown(value: string): string {
  return isPlaceholderValue(value) ? `"${value}"` : `"${maskSecret(value)}"`;
}

interface Hit {
  file: SourceFile;
  line: number;
  name: string;
  value: string;
  kind:
    | 'fallback'
    | 'failure'
    | 'literal'
    | 'jwt'
    | 'signing'
    | 'account'
    | 'weak'
    | 'connection'
    | 'connection-user'
    | 'connection-fallback'
    | 'connection-user-fallback';
  /** The framework whose configuration the weak literal is a default of. */
  framework?: string;
  /** Read with the configuration file's parser: the same setting as any assignment found on its line. */
  parsed?: boolean;
  /** What a signing key signs, when it is not tokens. */
  signs?: 'cookie';
  /** The variable or key read, for a fallback found by resolving a setting. */
  read?: string;
}

function scanFile(facts: Facts, file: SourceFile, hits: Hit[]): void {
  const ext = extname(file.path);
  const code = languageOf(file.path) !== undefined;
  // Compose files hold plaintext values by design; infrastructure/compose-plaintext-secrets judges those.
  const config =
    CONFIG_EXTENSIONS.has(ext) &&
    !/^(package|tsconfig|composer)\.json$/.test(basename(file.path)) &&
    !isComposePath(file.path) &&
    !/(^|\/)(locales?|i18n|translations?|lang)\//i.test(file.path);
  const shellLike =
    isComposePath(file.path) ||
    isDockerfilePath(file.path) ||
    ['.sh', '.bash'].includes(ext) ||
    /^(Makefile|Procfile)$/.test(basename(file.path));

  const add = (index: number, name: string, value: string, kind: Hit['kind'], codeAt?: number) => {
    const line = lineOfOffset(file, index);
    if (isCommentLine(lineOf(file, line))) return;
    if (code && codeAt !== undefined && !isCodeAtOffset(file, codeAt)) return;
    hits.push({ file, line, name, value, kind });
  };

  if (['java', 'kotlin', 'scala'].includes(languageOf(file.path) ?? '') || isSpringConfig(file.path)) {
    for (const { match } of matchAll(file, SPRING_PLACEHOLDER)) {
      const { name, value } = match.groups!;
      if (/^[A-Z_][A-Z0-9_]*$/.test(name) && isSpringConfig(file.path)) continue; // an env read, counted from facts
      if (isSecretName(name) && value.trim() && !NO_VALUE.test(value.trim()) && !/\$\{|^\s*[?-]/.test(value)) {
        add(match.index, name, value.trim(), 'fallback');
      }
    }
  }
  if (shellLike) {
    for (const { match } of matchAll(file, SHELL_DEFAULT)) {
      const { name, value } = match.groups!;
      if (isSecretName(name) && value.trim() && !value.includes('$')) {
        add(match.index, name, value.trim(), 'fallback');
      }
    }
  }
  if (code) {
    for (const { match } of matchAll(file, CONFIG_GET_DEFAULT)) {
      const name = match.groups!.name;
      const value = (match.groups!.value ?? match.groups!.value1 ?? '').trim();
      if (isSecretName(name) && value && !NO_VALUE.test(value)) add(match.index, name, value, 'fallback', match.index);
    }
    if (CONFIG_DEFAULT_HINT.test(file.text)) {
      for (const { match } of matchAll(file, CONFIG_DEFAULT_SETTER)) {
        const name = match.groups!.name ?? match.groups!.name2;
        const value = (match.groups!.value ?? match.groups!.value2).trim();
        if (!value || NO_VALUE.test(value) || value.includes('${')) continue;
        if (isSecretName(name)) add(match.index, name, value, 'fallback', match.index);
        else {
          const connection = standInConnectionPassword(value, true);
          if (connection) {
            add(match.index, name, connection.password, connection.sameAsUser ? 'connection-user-fallback' : 'connection-fallback', match.index);
          }
        }
      }
    }
    if (/secret\s*\(/i.test(file.text)) {
      for (const { match } of matchAll(file, SECRET_CALL)) {
        const { callee, value } = match.groups!;
        const words = nameWords(callee);
        if (words[words.length - 1] !== 'secret' || LOOKUP_VERBS.has(words[0]) || words.some(w => READER_WORDS.has(w))) continue;
        // A variable's name (`env_secret("SECRET_KEY")`) is what a reader looks up, not a value.
        if (/^[A-Z][A-Z0-9_]*$/.test(value) || !isStandInSecret(value.replace(/^\{noop\}/, ''))) continue;
        add(match.index, callee, value, 'literal', match.index);
      }
    }
    for (const { match } of matchAll(file, JWT_LITERAL_KEY)) {
      const value = match.groups!.value;
      // Any other literal key is a credential of its own, for hardcoded-secret.
      if (isStandInSigningKey(value, facts)) add(match.index, 'jwt', value, 'jwt', match.index);
    }
  }
  if (code || config) {
    const patterns = config && !code && ext !== '.json' ? [LITERAL_ASSIGNMENT, CONFIG_LITERAL] : [LITERAL_ASSIGNMENT];
    for (const pattern of patterns) {
      // Only secret names count, so only lines that can hold one are searched.
      for (const { match } of matchAllNear(file, pattern, SECRET_NAME_HINT)) {
        const name = lastSegment(match.groups!.name);
        const value = match.groups!.value;
        if (!isSecretName(name) || (isUserRecordField(name) && !(code && isConfigModule(file.path)))) continue;
        let kind: Hit['kind'];
        if (isStandInSecret(value) || isProjectNameSecret(facts, value)) kind = 'literal';
        else if (code && repeatsAccountNearby(file, lineOfOffset(file, match.index), value)) kind = 'account';
        else continue;
        const operator = match[0].slice(match.groups!.name.length).search(/[:=]/);
        add(match.index, name, value, kind, match.index + match.groups!.name.length + Math.max(0, operator));
      }
    }
  }
}

/** The ways an Alembic environment script connects with the ini file's `sqlalchemy.url`, or replaces it. */
const ALEMBIC_URL_READ = /\bget_main_option\(\s*['"]sqlalchemy\.url['"]|\b(?:async_)?engine_from_config\s*\(|\bget_section\s*\(/g;
const ALEMBIC_URL_SET = /\bset_(?:main|section)_option\(\s*(?:[^,()]+,\s*)?['"]sqlalchemy\.url['"]\s*,/;

/**
 * Whether an Alembic ini's `sqlalchemy.url` connects to nothing: the migrations' `env.py` (under the ini's
 * `script_location`) replaces it with the application's own setting (`config.set_main_option("sqlalchemy.url", …)`),
 * or reads it only in offline mode, which writes SQL out and opens no connection.
 */
function migrationUrlUnused(facts: Facts, file: SourceFile, key: string): boolean {
  if (!/(^|\.)sqlalchemy\.url$/.test(key) || extname(file.path) !== '.ini') return false;
  const location = /^script_location\s*=\s*(\S+)/m.exec(file.text)?.[1].replace(/^%\(here\)s\//, '');
  const envPy = location && facts.file(joinPath(dirname(file.path), `${location.replace(/\/$/, '')}/env.py`));
  if (!envPy) return false;
  if (ALEMBIC_URL_SET.test(envPy.text)) return true;
  const lines = envPy.text.split('\n');
  // The top-level function each read sits in: the nearest `def` at column 0 above it, with no top-level statement between.
  const functionAt = (offset: number): string | undefined => {
    for (let l = lineOfOffset(envPy, offset) - 1; l >= 0; l--) {
      const text = lines[l];
      const def = /^(?:async\s+)?def\s+(\w+)/.exec(text);
      if (def) return def[1];
      if (/^[^\s#@)\]}'"]/.test(text)) return undefined;
    }
    return undefined;
  };
  const reads = [...envPy.text.matchAll(ALEMBIC_URL_READ)].filter(m => isCodeAtOffset(envPy, m.index ?? 0));
  return reads.length > 0 && reads.every(m => /offline/i.test(functionAt(m.index ?? 0) ?? ''));
}

/**
 * Keys of a configuration file read with its parser, by their full path
 * (`spring.datasource.password`, `ConnectionStrings.Db`): stand-ins under nested
 * keys, passwords that repeat the account name beside them, connection strings
 * with a stand-in password, and weak literals in framework configuration that
 * applies unless the environment overrides it (Spring Boot, .NET appsettings).
 */
function scanConfigEntries(facts: Facts, file: SourceFile, hits: Hit[]): void {
  if (!isAppConfigFile(facts, file)) return;
  const entries = valuesOf(facts).configFile(file.path);
  const framework = overridableDefaultConfig(facts, file.path);
  const parentOf = (key: string) => key.slice(0, Math.max(0, key.lastIndexOf('.')));
  for (const entry of entries) {
    const value = entry.value.trim();
    if (!value || value.includes('${') || isCommentLine(lineOf(file, entry.line))) continue;
    const connection = standInConnectionPassword(value);
    if (connection && !migrationUrlUnused(facts, file, entry.key)) {
      const kind = connection.sameAsUser ? 'connection-user' : 'connection';
      hits.push({ file, line: entry.line, name: entry.key, value: connection.password, kind, parsed: true });
      continue;
    }
    const last = entry.key.split('.').pop()!;
    if (!isSecretName(entry.key) || !isSecretName(last) || isUserRecordField(entry.key.split('.').slice(-2).join('.'))) continue;
    if (isStandInSecret(value) || isProjectNameSecret(facts, value)) {
      hits.push({ file, line: entry.line, name: entry.key, value, kind: 'literal', parsed: true });
    } else if (
      value.length >= 3 &&
      entries.some(e => e !== entry && e.value.trim() === value && parentOf(e.key) === parentOf(entry.key) && isAccountName(e.key.split('.').pop()!))
    ) {
      hits.push({ file, line: entry.line, name: entry.key, value, kind: 'account', parsed: true });
    } else if (framework && isWeakLiteral(value)) {
      hits.push({ file, line: entry.line, name: entry.key, value, kind: 'weak', framework, parsed: true });
    }
  }
}

/**
 * Variables listed as name/value pairs in YAML (`- key: SMTP_PASSWORD` + `value: …` of a Render blueprint,
 * `- name: …` + `value: …` of a manifest): a stand-in given to a secret-named variable.
 */
function scanNameValuePairs(facts: Facts, file: SourceFile, hits: Hit[]): void {
  if (!/\.ya?ml$/i.test(file.path) || !/^\s*-?\s*value\s*:/m.test(file.text)) return;
  const yaml = parseYamlFile(file.text);
  if (yaml.error) return;
  const walk = (value: unknown, path: Array<string | number>, depth: number) => {
    if (depth > 12 || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i], depth + 1));
      return;
    }
    const record = value as Record<string, unknown>;
    const name = [record.key, record.name].find((n): n is string => typeof n === 'string');
    const literal = typeof record.value === 'string' ? record.value.trim() : undefined;
    if (typeof path[path.length - 1] === 'number' && name && literal && isSecretName(name) && (isStandInSecret(literal) || isProjectNameSecret(facts, literal))) {
      hits.push({ file, line: yaml.lineAt([...path, 'value']) ?? 1, name, value: literal, kind: 'literal', parsed: true });
    }
    for (const [k, v] of Object.entries(record)) walk(v, [...path, k], depth + 1);
  };
  walk(yaml.value, [], 0);
}

/** Clauses that run when reading the real value failed: Python `except`, `catch` of JavaScript, Java, C# and Kotlin. */
const FAILURE_BRANCHES = ['except_clause', 'catch_clause', 'catch_block'];

/** Whether a line of a code file sits in an `except` or `catch` clause. */
function inFailureBranch(facts: Facts, file: SourceFile, line: number): boolean {
  if (!/\bexcept\b|\bcatch\b/.test(file.text)) return false;
  const tree = syntaxTree(facts, file);
  if (!tree) return false;
  return tree.nodesOfKind(...FAILURE_BRANCHES).some(node => {
    const { start, end } = node.range();
    return start.line + 1 <= line && line <= end.line + 1;
  });
}

/** A name assigned or declared on a line: `SECRET_KEY =`, `db_password: str =`, `jwtSecret:`. */
const ASSIGNED_NAME = /(?<![\w$.])(?<name>[A-Za-z_$][\w$]{0,100})['"]?[ \t]*(?::|=(?![=>]))/g;

/** What the right-hand side of a setting that may fall back holds: a read, a lookup by key, a default, an `or`. */
const MAY_FALL_BACK = /default|\.get\(|\|\||\?\?|\bor\b|\[\s*['"]|getenv|environ|\benv\b|config|setting|secret|credential|vault/i;

/**
 * Whether a code file assigns a secret-named setting from something that may fall back to a literal (a read, a
 * lookup, a default): a cheap test before its bindings are read.
 */
function assignsSecretName(file: SourceFile): boolean {
  if (!mayHoldSecretName(file)) return false;
  for (const { match, line } of matchAllNear(file, ASSIGNED_NAME, SECRET_NAME_HINT)) {
    if (!isSecretName(match.groups!.name)) continue;
    const text = lineOf(file, line, 400);
    const column = match.index - (file.text.lastIndexOf('\n', match.index - 1) + 1);
    if (MAY_FALL_BACK.test(text.slice(column + match[0].length)) || /[=:(,[{]\s*$/.test(text)) return true;
  }
  return false;
}

/** `user:password@` in a URL, for files that may hold a connection string with credentials. */
const URL_CREDENTIALS_HINT = /:\/\/[^\s'"`:/@]*:[^\s'"`@/]+@/;

/**
 * Settings of a code file (module constants, settings class fields) whose value, resolved through the names, imports
 * and settings objects they are built from, falls back to a literal: the default of an environment, configuration or
 * secret-store read (`config("POSTGRES_PASSWORD", default="postgres")`, `SECRETS.get("webhook_secret", "insecure")`)
 * or a literal assigned in an `except`/`catch` clause when the real source cannot be read
 * (`except OSError: SECRETS = {"secret_key": "a"}` behind `SECRET_KEY = SECRETS["secret_key"]`). A secret-named setting
 * counts with any such literal; another setting (`DATABASE_URL`) when the literal is a connection string whose password
 * is a stand-in or the user name again.
 */
function scanResolvedSettings(facts: Facts, file: SourceFile, hits: Hit[]): void {
  const urls = URL_CREDENTIALS_HINT.test(file.text);
  if (!urls && !assignsSecretName(file)) return;
  const values = valuesOf(facts);
  for (const binding of values.bindings(file.path)) {
    if (isUserRecordField(binding.name)) continue;
    const secret = isSecretName(binding.name);
    if (!secret && !urls) continue;
    for (const v of values.valueOf(binding)) {
      if (v.value?.kind !== 'string' || (!secret && v.env === undefined)) continue;
      const value = v.value.value.trim();
      if (!value || NO_VALUE.test(value) || value.includes('${')) continue;
      const target = facts.file(v.path);
      if (!target || !scannable(target.path) || isCommentLine(lineOf(target, v.line))) continue;
      const failure = v.env === undefined && inFailureBranch(facts, target, v.line);
      if (v.env === undefined && !failure) continue;
      const read = v.env !== undefined ? { read: v.env } : {};
      if (secret || (v.env !== undefined && isSecretName(v.env))) {
        hits.push({ file: target, line: v.line, name: binding.name, value, kind: failure ? 'failure' : 'fallback', ...read });
        continue;
      }
      const connection = standInConnectionPassword(value, true);
      if (connection) {
        const kind = connection.sameAsUser ? 'connection-user-fallback' : 'connection-fallback';
        hits.push({ file: target, line: v.line, name: binding.name, value: connection.password, kind, ...read });
      }
    }
  }
}

/** A condition on the CI or test environment: `if os.environ.get("GITHUB_WORKFLOW"):`, `if "test" in sys.argv:`, `if (process.env.CI)`. */
const CI_CONDITION =
  /^\s*(?:if|elif|else\s+if|when|unless)\b.*(?:\b(?:GITHUB_WORKFLOW|GITHUB_ACTIONS|CI|TRAVIS|GITLAB_CI|CIRCLECI|BUILDKITE|JENKINS_URL|TESTING|PYTEST_CURRENT_TEST)\b|['"]test['"]\s+in\s+sys\.argv)/;

/** Whether a line sits in a block (by indentation) whose condition is on the CI or test environment. */
function underCiCondition(file: SourceFile, line: number): boolean {
  const lines = file.text.split('\n', line);
  const indentOf = (text: string) => /^[ \t]*/.exec(text)![0].replace(/\t/g, '    ').length;
  let indent = indentOf(lines[line - 1] ?? '');
  for (let l = line - 1; l >= 1 && indent > 0; l--) {
    const text = lines[l - 1];
    if (!text.trim()) continue;
    const at = indentOf(text);
    if (at >= indent) continue;
    if (CI_CONDITION.test(text)) return true;
    indent = at;
  }
  return false;
}

/** Offset of the start of a 1-based line. */
function offsetOfLine(file: SourceFile, line: number): number {
  let at = 0;
  for (let l = 1; l < line && at !== -1; l++) at = file.text.indexOf('\n', at) + 1 || -1;
  return Math.max(0, at);
}

/**
 * Why a hit only configures tests, if it does: a CI workflow that only runs
 * tests, a test compose file or script, test support code, a settings class named for tests.
 */
function testOnlyReason(facts: Facts, hit: Hit, testOnlyWorkflows: Set<string>): string | undefined {
  if (testOnlyWorkflows.has(hit.file.path)) return 'in CI configuration that only runs tests or checks, so it configures a throwaway run';
  if (isTestOnlyPath(hit.file.path)) return 'in a test-only file (test compose file, test script or request collection)';
  if (isTestSupportCode(facts, hit.file)) return 'in test support code that only tests call';
  if (!languageOf(hit.file.path)) return undefined;
  if (underCiCondition(hit.file, hit.line)) return 'in a block that only runs on CI or under tests';
  const owner = valuesOf(facts).ownerAt(hit.file.path, offsetOfLine(hit.file, hit.line));
  const cls = owner?.split('.').find(isTestName);
  return cls ? `in ${cls}, a settings class for tests` : undefined;
}

export default defineRule({
  id: 'security/placeholder-secret-default',
  category: 'security',
  severity: 'critical',
  title: 'Secrets have no literal defaults',
  description:
    'Fails when code or configuration falls back to a literal default for a secret-named setting (`SECRET_KEY`, `JWT_SECRET`, `*_API_KEY`, `*_PASSWORD`, `*_TOKEN`…), such as `os.getenv("SECRET_KEY", "change-me")`, `process.env.JWT_SECRET || "secret"`, `${JWT_SECRET:changeme}`, `config.get("jwtSecret") || "secret"`, viper\'s `SetDefault("jwt_secret", "…")`, the default of a Go configuration struct (a struct-tag default a configuration loader applies, `conf:"default:postgres,mask"`, `envDefault:"…"`, `env-default:"…"`, or a struct literal\'s value that the same file then overrides from configuration, `DefaultUser{Pass: "admin"}` then `parseString(&c.DefaultUser.Pass, …)`; not a user record), a settings reader or secrets store read with a default (`config("POSTGRES_PASSWORD", default="postgres")`, `SECRETS.get("webhook_secret", "insecure")`, a helper function of the project that reads the variable its first parameter names such as `envsecret("SECRET_KEY", "---")`, followed through names, imports and settings objects; any non-empty fallback counts, punctuation-only junk included, while an empty one means the setting is required) or a literal set in an `except`/`catch` clause when the real source cannot be read, or a connection setting whose default in code carries a stand-in password or the user name again (`os.getenv("DATABASE_URL", "postgres://postgres:postgres@…")`; RabbitMQ\'s local-only `guest:guest@localhost` aside), or sets such a setting to a well-known stand-in (`secret`, `changeme`, `keyboard cat`, `django-insecure-…`), also through a call or constructor named for a secret (`new Secret("secret".Sha256())`, `.secret("{noop}changeme")`; not a lookup such as `GetSecret("jwt_secret")`), or a committed env file that the app\'s settings, code, compose or framework load sets such a setting to a stand-in (`SECRET_KEY=changethis` in a `.env` read by pydantic-settings `env_file`, dotenv, `process.loadEnvFile` or compose; `.env`/`.env.production` of a Next.js or SvelteKit app, their `VITE_` keys for Vite; a `.env.example` only when code or a Makefile loads it by name; a Makefile loads what it includes when it exports its variables), or signs tokens or session and remember-me cookies with a literal key that is a stand-in, a readable phrase (words separated by spaces, or four or more capitalised words run together), the name of a key written as its value (`remember-me-key`) or the project\'s name (also read from package.json: `session({ secret: pkg.name })`), at the signing call (`jwt.sign`, `session({ secret })`, `cookieParser(…)`, `.rememberMe().key(…)`) or through the constant it reads (other literal keys are hardcoded-secret\'s). A bare `password` key set to a stand-in counts in the application\'s configuration module (`src/config/index.ts`), not in user records elsewhere. Stand-ins include text asking to replace the value (`REPLACE IT WITH YOUR OWN SECRET`), the name of a password written as its value (`PASSWORD: "db_password"`, `DB_PASS=shop_pass`), the project\'s own name (its package.json or pyproject.toml `name`, the last segment of its go.mod `module`) and a password that repeats the account or database name beside it (`DB_USER = "shop"`, `DB_PASSWORD = "shop"`). A stand-in given to a secret-named variable of a name/value list in YAML (`- key: SMTP_PASSWORD` with `value: placeholder-value` in a Render blueprint, `- name:`/`value:` in a manifest) counts too. In configuration files, a connection string whose password is a stand-in, the documentation\'s sample password (`YourStrong!Passw0rd`, also in angle brackets) or the user name again (`Password=password`, `?user=postgres&password=postgres`) counts, and so does a weak literal (`password: acme`) in framework configuration that applies unless the environment overrides it: Spring Boot `application.yml`/`.properties` of the default or an active profile, .NET `appsettings.json`. An Alembic `sqlalchemy.url` counts only when its `env.py` connects with it (not when it replaces it or reads it in offline mode only). A stand-in password of a database that the same env file puts on the loopback host (`MYSQL_HOST=localhost`) describes a local setup and gives a note. Configuration for development or tests (`application-dev.yml`, `appsettings.Development.json`, `config/local.yml` or `settings/dev.py` unless the code loads it by default, blocks that only run on CI) gives low-confidence notes, and so does the env of CI configuration that only runs tests or checks and deploys nothing: workflows and jobs that run tests, lint, type or `manage.py check --deploy` checks, local composite actions (`.github/**/action.yml`) and workflow templates kept outside `.github/workflows` for generated projects; so does test support code that only tests call (`testutil/`, `test_helpers/` folders, Go files that import `testing`, a Go package only other packages\' tests import).',
  rationale:
    'When the real value is missing in one environment, the service starts anyway with a secret that is published in its own repository. Session cookies and tokens can then be forged by anyone who reads the code, and nothing warns that it happened.',
  remediation:
    'Remove the default and fail at startup when the setting is missing (`os.environ["SECRET_KEY"]`, a required config schema, `@Value("${jwt.secret}")` without a default). Generate a strong value per environment and keep it in a secret store; keep stand-in values only in `.env.example` and test setup.',
  evaluate(facts) {
    const hits: Hit[] = [];

    for (const read of facts.envReads) {
      if (read.fallback === undefined || !scannable(read.path)) continue;
      const value = read.fallback.trim();
      if (!value || NO_VALUE.test(value) || value.includes('${')) continue;
      const file = facts.file(read.path);
      if (!file) continue;
      const text = lineOf(file, read.line, 4000);
      if (languageOf(file.path) && !isCodeAt(text, envReadColumn(text, read.name), usesHashComments(file.path))) continue;
      const lhs = /^\s*(?:export\s+)?(?:(?:const|let|var|val|final|static|private|public|readonly)\s+)*([A-Za-z_$][\w$.]*)\s*(?::\s*[\w<>[\]|. ]+)?\s*(?::=|=|:)/.exec(lineOf(file, read.line, 400))?.[1];
      if (!isSecretName(read.name) && !(lhs && isSecretName(lhs.split('.').pop() ?? lhs))) {
        // A connection setting (`DATABASE_URL`) whose fallback carries a stand-in password.
        const connection = standInConnectionPassword(value, true);
        if (connection) {
          const kind = connection.sameAsUser ? 'connection-user-fallback' : 'connection-fallback';
          hits.push({ file, line: read.line, name: read.name, value: connection.password, kind });
        }
        continue;
      }
      hits.push({ file, line: read.line, name: read.name, value, kind: 'fallback' });
    }

    let scanned = 0;
    const signing: Hit[] = [];
    for (const file of facts.files) {
      if (!scannable(file.path) || isGeneratedText(file)) continue;
      scanned += 1;
      scanFile(facts, file, hits);
      scanConfigEntries(facts, file, hits);
      if (!languageOf(file.path)) scanNameValuePairs(facts, file, hits);
      // Token signing keys that are stand-ins or readable phrases, at the signing call or in the constant it reads.
      for (const key of [...signingKeysAtCalls(facts, file), ...signingKeyConstants(facts, file)]) {
        if (!isStandInSigningKey(key.value, facts) || !scannable(key.file.path)) continue;
        const signs = key.signs ? { signs: key.signs } : {};
        signing.push({ file: key.file, line: key.line, name: key.name ?? 'signing key', value: key.value.trim(), kind: 'signing', ...signs });
      }
    }
    const taken = new Set(hits.map(h => `${h.file.path}:${h.line}`));
    hits.push(...signing.filter(h => !taken.has(`${h.file.path}:${h.line}`)));
    for (const h of signing) taken.add(`${h.file.path}:${h.line}`);
    // Settings resolved through the code: one finding per literal, where no other reading found it.
    const resolved: Hit[] = [];
    for (const file of facts.files) {
      if (languageOf(file.path) && scannable(file.path) && !isGeneratedText(file)) scanResolvedSettings(facts, file, resolved);
    }
    for (const hit of resolved) {
      const at = `${hit.file.path}:${hit.line}`;
      // The same read found by its pattern a line or two above, where a call spans lines.
      const near = hits.some(h => h.file === hit.file && Math.abs(h.line - hit.line) <= 3 && (h.name === hit.read || h.name === hit.name));
      if (taken.has(at) || near) continue;
      taken.add(at);
      hits.push(hit);
    }
    // Go configuration structs: a struct-tag default a loader applies, or a struct literal's value the code then overrides.
    for (const d of goConfigDefaults(facts)) {
      const value = d.value.trim();
      if (!value || NO_VALUE.test(value) || value.includes('${') || !isSecretName(d.key)) continue;
      // A user record (`User{Name: "bob", Password: "bob"}`) is default-admin-password's, unless it is the configuration's.
      if (d.source === 'literal' && isUserRecordField(d.key.replace(/^[A-Z]/, c => c.toLowerCase())) && !isConfigModule(d.path)) continue;
      const file = facts.file(d.path);
      const at = `${d.path}:${d.line}`;
      if (!file || !scannable(d.path) || taken.has(at)) continue;
      taken.add(at);
      hits.push({ file, line: d.line, name: d.env ?? d.key, value, kind: 'fallback' });
    }
    const envStandIns = loadedEnvStandIns(facts);
    if (scanned === 0 && hits.length === 0 && envStandIns.length === 0) {
      return outcome.notApplicable('no source code or configuration to read settings from');
    }

    const testOnlyWorkflows = testOnlyWorkflowPaths(facts);
    const seen = new Set<string>();
    const findings: RuleFinding[] = [];
    const lines = new Set<string>();
    for (const hit of hits) {
      const key = `${hit.file.path}:${hit.line}:${hit.name}`;
      if (seen.has(key) || (hit.parsed && lines.has(`${hit.file.path}:${hit.line}`))) continue;
      seen.add(key);
      lines.add(`${hit.file.path}:${hit.line}`);
      const ownName = isProjectNameSecret(facts, hit.value) ? ", the project's own name," : '';
      const messages: Record<Hit['kind'], string> = {
        fallback: `${hit.name} falls back to the literal ${shown(hit.value)} when it is not configured`,
        jwt: `The JWT library is given the literal key ${shown(hit.value)} instead of a configured secret`,
        literal: `${hit.name} is set to the stand-in value ${shown(hit.value)}${ownName.replace(/,$/, '')}`,
        signing: `The ${hit.signs === 'cookie' ? 'cookie' : 'token'} signing key${hit.name === 'signing key' ? '' : ` ${hit.name}`} is ${
          isReadablePhrase(hit.value) ? 'a readable phrase' : 'the stand-in'
        } ${shown(hit.value)}${ownName || ','} written in the code instead of a configured secret`,
        account: `${hit.name} is set to ${shown(hit.value)}, the same literal as the account or database name beside it`,
        weak: `${hit.name} is set to the weak literal ${shown(hit.value)} in ${hit.framework} configuration that applies whenever the environment does not override it`,
        failure:
          `${hit.name} falls back to the literal ${shown(hit.value)}, set in an except or catch clause, ` +
          'when its configured value cannot be read',
        connection: `The connection string in ${hit.name} has the stand-in password ${shown(hit.value)}`,
        'connection-user': `The connection string in ${hit.name} uses its user name as the password (${shown(hit.value)})`,
        'connection-fallback':
          `${hit.name} falls back to a connection string with the stand-in password ${shown(hit.value)} when it is not configured`,
        'connection-user-fallback':
          `${hit.name} falls back to a connection string that uses its user name as the password (${shown(hit.value)}) ` +
          'when it is not configured',
      };
      const message = messages[hit.kind];
      const secrets = isPlaceholderValue(hit.value) ? [] : [hit.value];
      const finding: RuleFinding = {
        ...findingAt(hit.file, hit.line, message, maskedExcerpt(hit.file, hit.line, secrets)),
        secrets,
      };
      // Test-only and development configuration is not a production default: a note, not a failure.
      const aside =
        finding.confidence === 'low' ? undefined : testOnlyReason(facts, hit, testOnlyWorkflows) ?? developmentConfigReason(facts, hit.file.path, hit.line);
      findings.push(aside ? { ...finding, message: `${message} (${aside}: lower confidence)`, confidence: 'low' } : finding);
    }
    // Committed env files the app or its compose stack loads (the file itself is committed-env-file's finding).
    for (const hit of envStandIns) {
      const file = facts.file(hit.path);
      if (!file) continue;
      const refused = hit.refused ? '; the code refuses this value outside development' : '';
      const message = `${hit.key} is set to the stand-in value ${shown(hit.value)} in ${hit.path}, which ${hit.loaders.join(' and ')} ${hit.loaders.length > 1 ? 'load' : 'loads'}${refused}`;
      const secrets = isPlaceholderValue(hit.value) ? [] : [hit.value];
      let finding: RuleFinding = { ...findingAt(file, hit.line, message, maskedExcerpt(file, hit.line, secrets)), secrets };
      // A template loaded at runtime is configuration, not documentation: judged by its folder, not its name.
      if (hit.template && !isLowConfidencePath(hit.path.replace(/[^/]*$/, 'settings.js'))) finding = { ...finding, message, confidence: 'high' };
      const aside = hit.devOnly
        ? 'an env file for development or tests'
        : hit.localHost && `the database it opens is on this machine (${hit.localHost}), so the file describes a local setup`;
      findings.push(aside && finding.confidence !== 'low' ? { ...finding, message: `${message} (${aside}: lower confidence)`, confidence: 'low' } : finding);
    }
    return outcome.fromFindings(findings);
  },
});
