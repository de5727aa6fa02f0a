import { parse as parseDotenv } from 'dotenv';
import { SourceFile } from '../snapshot';
import { nodeConfigReads, settingsFieldReads } from './settingsClasses';
import { basename, isCodePath, isEnvTemplatePath, isTestFile, languageOf } from './paths';
import { maskSource } from './sourceText';
import { lineOf, lineOfOffset, matchAll } from './text';

/** @public */
export interface EnvEntry {
  key: string;
  value: string;
  line: number;
}

/** A dotenv-style file. @public */
export interface EnvFileFact {
  path: string;
  /** `example` for documented templates (.env.example, .env.sample, …), `real` otherwise. */
  kind: 'real' | 'example';
  entries: EnvEntry[];
}

/** A place where code reads an environment variable. @public */
export interface EnvVarRead {
  name: string;
  path: string;
  line: number;
  /** A literal fallback given in the same expression, if any. */
  fallback?: string;
  /** Read through a `${NAME:default}` placeholder of application configuration (Spring). */
  placeholder?: boolean;
}

/** Whether a path names a dotenv file, and of which kind: templates (`.env.example`, `env-sample`, `app.example.env`) or real ones. */
export function envFileKind(path: string): EnvFileFact['kind'] | undefined {
  const name = basename(path).toLowerCase();
  if (name === '.env') return 'real';
  if (isCodePath(name)) return undefined;
  if (isEnvTemplatePath(name)) return 'example';
  // `.env.local`, `.env.production`, `prod.env`, `app.staging.env`.
  if (name.startsWith('.env.') || /^[\w.-]+\.env$/.test(name)) return 'real';
  return undefined;
}

export function parseEnvFile(file: SourceFile, kind: EnvFileFact['kind']): EnvFileFact {
  const values = parseDotenv(file.text);
  const lines = file.text.split('\n');
  const entries: EnvEntry[] = [];
  for (const [key, value] of Object.entries(values)) {
    const idx = lines.findIndex(l => new RegExp(`^\\s*(export\\s+)?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[=:]`).test(l));
    entries.push({ key, value, line: idx + 1 || 1 });
  }
  return { path: file.path, kind, entries };
}

/**
 * Environment reads by language. Each pattern captures the variable name in
 * group `name` and an optional literal fallback in group `fb`.
 */
const ENV_READ_PATTERNS: RegExp[] = [
  // JavaScript / TypeScript: process.env.X, process.env['X'], with || / ?? fallback
  /process\.env(?:\.(?<name>[A-Z_][A-Z0-9_]*)|\[\s*['"`](?<name2>[A-Z_][A-Z0-9_]*)['"`]\s*\])(?:\s*(?:\|\||\?\?)\s*(?<q>['"`])(?<fb>[^'"`\n]*)\k<q>)?/g,
  // Vite / import.meta.env
  /import\.meta\.env\.(?<name>[A-Z_][A-Z0-9_]*)/g,
  // Python: os.getenv("X", "d"), os.environ.get("X", "d"), os.getenv("X") or "d", os.environ["X"]
  /os\.(?:getenv|environ\.get)\(\s*(?<q0>['"])(?<name>[A-Za-z_][A-Za-z0-9_]*)\k<q0>(?:\s*,\s*(?:default\s*=\s*)?(?<q>['"])(?<fb>[^'"\n]*)\k<q>|\s*\)\s*or\s+(?<q1>['"])(?<fb1>[^'"\n]*)\k<q1>)?/g,
  // django-environ and Laravel: env("X", default="d"), env.str("X", "d"), env('X', 'd')
  /(?<![\w.$])env(?:\.(?:str|bool|int|float|list|json|url|db|db_url|cache|cache_url|path|dict|tuple))?\(\s*(?<q0>['"])(?<name>[A-Z_][A-Z0-9_]*)\k<q0>(?:\s*,\s*(?:default\s*=\s*)?(?<q>['"])(?<fb>[^'"\n]*)\k<q>)?/g,
  // Hand-written helpers: getEnv("X", "d"), get_env("X", "d"), getenv("X"), envOrDefault("X", "d")
  /(?<![\w.$])(?:getEnv|get_env|getenv|GetEnv|getEnvOrDefault|GetEnvOrDefault|getEnvOr|GetEnvOr|envOr|envOrDefault|EnvOrDefault|env_or|get_env_or|getEnvVar|get_env_var|mustGetEnv|MustGetEnv|requireEnv|readEnv)\(\s*(?<q0>['"])(?<name>[A-Za-z_][A-Za-z0-9_]*)\k<q0>(?:\s*,\s*(?<q>['"])(?<fb>[^'"\n]*)\k<q>)?/g,
  /os\.environ\[\s*['"](?<name>[A-Za-z_][A-Za-z0-9_]*)['"]\s*\]/g,
  // Java / Kotlin
  /System\.getenv\(\s*"(?<name>[A-Za-z_][A-Za-z0-9_]*)"\s*\)/g,
  // Go
  /os\.(?:Getenv|LookupEnv)\(\s*"(?<name>[A-Za-z_][A-Za-z0-9_]*)"\s*\)/g,
  // C#
  /Environment\.GetEnvironmentVariable\(\s*"(?<name>[A-Za-z_][A-Za-z0-9_]*)"\s*\)/g,
  // Ruby
  /ENV(?:\.fetch\(\s*|\[\s*)['"](?<name>[A-Za-z_][A-Za-z0-9_]*)['"](?:\s*,\s*(?<q>['"])(?<fb>[^'"\n]*)\k<q>)?/g,
  // Rust
  /env::var\(\s*"(?<name>[A-Za-z_][A-Za-z0-9_]*)"\s*\)/g,
];

/** Spring-style `${NAME:default}` placeholders in application config. */
const CONFIG_PLACEHOLDER = /\$\{(?<name>[A-Z_][A-Z0-9_]*)(?::(?<fb>[^}\n]*))?\}/g;

function isSpringConfig(path: string): boolean {
  return /(^|\/)application(-[\w]+)?\.(ya?ml|properties)$/.test(path);
}

/** python-decouple: `config("X", default="d", cast=bool)`, in files that import it. */
const DECOUPLE_READ =
  /(?<![\w$])(?:decouple\.)?config\(\s*(?<q0>['"])(?<name>[A-Z_][A-Z0-9_]*)\k<q0>(?:\s*,\s*(?:default\s*=\s*)?(?<q>['"])(?<fb>[^'"\n]*)\k<q>)?/g;
const IMPORTS_DECOUPLE = /^\s*(?:from\s+decouple\s+import\b[^\n]*\bconfig\b|import\s+decouple\b)/m;
/** environs: `env = Env()` (any variable name), then `env("X")`, `env.str("X", "d")`. */
const ENVIRONS_INSTANCE = /^\s*([A-Za-z_]\w{0,60})\s*=\s*(?:environs\.)?Env\(\s*\)/gm;

/** `from .base import *`: a settings module that takes every name of another, `config` included. */
const STAR_IMPORT = /^\s*from\s+[\w.]+\s+import\s+\*/m;
/** A `config` of the module's own: defined, assigned or imported by name. */
const OWN_CONFIG = /^\s*(?:def\s+config\b|config\s*=|from\s+[\w.]+\s+import\b[^\n]*\bconfig\b|import\s+config\b)/m;

/**
 * Readers of python-decouple and environs that a Python file sets up for itself, or takes with a
 * star import from a module of the same project that imports decouple's `config`.
 */
function pythonLibraryPatterns(file: SourceFile, decoupleInProject: boolean): RegExp[] {
  if (!file.path.endsWith('.py')) return [];
  const out: RegExp[] = [];
  if (IMPORTS_DECOUPLE.test(file.text)) out.push(DECOUPLE_READ);
  else if (decoupleInProject && STAR_IMPORT.test(file.text) && !OWN_CONFIG.test(file.text)) out.push(DECOUPLE_READ);
  if (/\bEnv\(\s*\)/.test(file.text)) {
    const names = new Set([...file.text.matchAll(ENVIRONS_INSTANCE)].map(m => m[1]).filter(n => n !== 'env'));
    for (const name of names) {
      out.push(
        new RegExp(
          `(?<![\\w.$])${name}(?:\\.(?:str|bool|int|float|list|json|url|path|dict|decimal|date|datetime|timedelta|log_level|dj_db_url|dj_email_url))?\\(\\s*(?<q0>['"])(?<name>[A-Z_][A-Z0-9_]*)\\k<q0>(?:\\s*,\\s*(?:default\\s*=\\s*)?(?<q>['"])(?<fb>[^'"\\n]*)\\k<q>)?`,
          'g',
        ),
      );
    }
  }
  return out;
}

/** Language families whose files call each other's functions. */
type HelperFamily = 'js' | 'python' | 'go';

function helperFamily(path: string): HelperFamily | undefined {
  const language = languageOf(path);
  if (language === 'javascript' || language === 'typescript') return 'js';
  if (language === 'python') return 'python';
  if (language === 'go') return 'go';
  return undefined;
}

/** Helpers {@link ENV_READ_PATTERNS} reads by name already. */
const KNOWN_HELPER =
  /^(?:getEnv|get_env|getenv|GetEnv|getEnvOrDefault|GetEnvOrDefault|getEnvOr|GetEnvOr|envOr|envOrDefault|EnvOrDefault|env_or|get_env_or|getEnvVar|get_env_var|mustGetEnv|MustGetEnv|requireEnv|readEnv|env|config)$/;

/** Function headers with their parameter list, per family: `function getOsEnv(key: string)`, `const env = (key) =>`, `def env(key, default=None):`, `func Env(key string)`. */
const FUNCTION_HEADERS: Record<HelperFamily, RegExp> = {
  js: /(?:\bfunction\s+([A-Za-z_$][\w$]*)\s*(?:<[^>()]*>)?\s*\(([^()]*)\)|\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=\n]+)?=\s*(?:async\s+)?(?:function\s*)?\(([^()]*)\)\s*(?::\s*[^=>{\n]+)?(?:=>|\{)|\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>)/g,
  python: /^[ \t]*def\s+([A-Za-z_]\w*)\s*\(([^()]*)\)/gm,
  go: /\bfunc\s+([A-Za-z_]\w*)\s*\(([^()]*)\)/g,
};

/** How a function body reads the variable its parameter names, per family. */
function readsParameter(family: HelperFamily, param: string): RegExp {
  const p = param.replace(/[$]/g, '\\$');
  if (family === 'js') return new RegExp(`process\\.env\\[\\s*${p}\\s*\\]`);
  if (family === 'python') return new RegExp(`os\\.(?:getenv|environ\\.get)\\(\\s*${p}\\b|os\\.environ\\[\\s*${p}\\s*\\]`);
  return new RegExp(`os\\.(?:Getenv|LookupEnv)\\(\\s*${p}\\s*\\)`);
}

/** The first parameter's name: `key: string` → key, `key string` → key, `self` skipped in Python. */
function firstParameter(family: HelperFamily, params: string): string | undefined {
  const names = params
    .split(',')
    .map(p => /^\s*\*{0,2}([A-Za-z_$][\w$]*)/.exec(p)?.[1])
    .filter((n): n is string => !!n);
  const name = family === 'python' && (names[0] === 'self' || names[0] === 'cls') ? names[1] : names[0];
  return name;
}

/**
 * The project's own helpers that read the variable named by their first parameter: `function getOsEnv(key)
 * { return process.env[key] }`, `def env(name): return os.getenv(name)`, `func Env(k string) string { return
 * os.Getenv(k) }`, and helpers that pass their parameter on to one of those (`getOsPath(key)` calling
 * `getOsEnv(key)`). Each gives a pattern for calls with a variable name (`getOsEnv('LOG_JSON')`). The body
 * is read up to the next function header, at most 1,500 characters.
 */
function helperPatterns(files: SourceFile[]): Map<HelperFamily, RegExp> {
  type Header = { name: string; param: string; body: string };
  /** The functions of the family's files whose text passes `holds`, with their first parameter and body. */
  const headersOf = (family: HelperFamily, holds: (text: string) => boolean): Header[] => {
    const out: Header[] = [];
    for (const file of files) {
      if (helperFamily(file.path) !== family || !isCodePath(file.path) || isTestFile(file.path) || !holds(file.text)) continue;
      const code = maskSource(file).code;
      const found = [...code.matchAll(FUNCTION_HEADERS[family])];
      found.forEach((m, i) => {
        const name = m[1] ?? m[3] ?? m[5];
        const param = firstParameter(family, m[2] ?? m[4] ?? m[6] ?? '');
        if (!name || !param || name.length < 4) return;
        const start = (m.index ?? 0) + m[0].length;
        const end = Math.min(found[i + 1]?.index ?? code.length, start + 1500);
        out.push({ name, param, body: code.slice(start, end) });
      });
    }
    return out;
  };
  const escape = (name: string) => name.replace(/[$]/g, '\\$');
  const out = new Map<HelperFamily, RegExp>();
  for (const family of ['js', 'python', 'go'] as const) {
    const primitive = family === 'js' ? 'process.env' : 'os.';
    const helpers = new Set(
      headersOf(family, text => text.includes(primitive))
        .filter(h => readsParameter(family, h.param).test(h.body))
        .map(h => h.name),
    );
    if (helpers.size === 0) continue;
    // Helpers built on helpers: a function that passes its parameter to one.
    const callers = headersOf(family, text => [...helpers].some(n => text.includes(`${n}(`)));
    for (let round = 0; round < 3; round++) {
      const known = [...helpers].map(escape).join('|');
      const added = callers.filter(
        h => !helpers.has(h.name) && new RegExp(`(?<![\\w.$])(?:${known})\\(\\s*${escape(h.param)}\\s*[,)]`).test(h.body),
      );
      added.forEach(h => helpers.add(h.name));
      if (added.length === 0) break;
    }
    // Names the fixed patterns already read.
    for (const name of [...helpers]) if (KNOWN_HELPER.test(name)) helpers.delete(name);
    if (helpers.size === 0) continue;
    const names = [...helpers].map(escape).join('|');
    out.set(family, new RegExp(`(?<![\\w.$])(?:${names})\\(\\s*(?<q0>['"\`])(?<name>[A-Z_][A-Z0-9_]*)\\k<q0>`, 'g'));
  }
  return out;
}

export function collectEnvReads(files: SourceFile[]): EnvVarRead[] {
  const reads: EnvVarRead[] = [];
  const decoupleInProject = files.some(f => f.path.endsWith('.py') && IMPORTS_DECOUPLE.test(f.text));
  const helpers = helperPatterns(files);
  for (const file of files) {
    let patterns: RegExp[] = [];
    if (isCodePath(file.path)) {
      const family = helperFamily(file.path);
      const helper = family && helpers.get(family);
      patterns = [...ENV_READ_PATTERNS, ...pythonLibraryPatterns(file, decoupleInProject), ...(helper ? [helper] : [])];
    } else if (isSpringConfig(file.path)) patterns = [CONFIG_PLACEHOLDER];
    for (const pattern of patterns) {
      if (pattern === ENV_READ_PATTERNS[0] && !file.text.includes('process.env')) continue;
      for (const { line, match } of matchAll(file, pattern, 500)) {
        if (/^\s*(#|\/\/|\/\*|\*|--|<!--)/.test(lineOf(file, line, 400))) continue;
        if (pattern !== CONFIG_PLACEHOLDER && !isLiveCode(file, match.index)) continue;
        const g = match.groups ?? {};
        const name = g.name ?? g.name2;
        if (!name) continue;
        const fallback = g.fb ?? g.fb1;
        reads.push({
          name,
          path: file.path,
          line,
          ...(fallback !== undefined ? { fallback } : {}),
          ...(pattern === CONFIG_PLACEHOLDER ? { placeholder: true } : {}),
        });
      }
    }
    if (isCodePath(file.path) && file.text.includes('process.env')) {
      reads.push(...destructuredReads(file));
    }
  }
  // pydantic settings classes read a variable per field; node-config maps keys to variables.
  reads.push(...settingsFieldReads(files), ...nodeConfigReads(files));
  return reads;
}

/**
 * Whether an offset of a code file is live code, not text inside a string,
 * a regular expression or a comment: a pattern or a message that mentions
 * `process.env.X` or `os.getenv("X")` does not read anything. Reads inside
 * a template literal's `${…}` are code.
 */
function isLiveCode(file: SourceFile, offset: number): boolean {
  const { code } = maskSource(file);
  if (code[offset] === file.text[offset]) return true;
  const language = languageOf(file.path);
  if (language !== 'javascript' && language !== 'typescript') return false;
  const start = file.text.lastIndexOf('\n', offset - 1) + 1;
  return /\$\{[^{}`'"]*$/.test(file.text.slice(start, offset));
}

/** `const { JWT_SECRET = 'dev', PORT } = process.env`: each name, with its literal default. */
function destructuredReads(file: SourceFile): EnvVarRead[] {
  const reads: EnvVarRead[] = [];
  for (const { match } of matchAll(file, /\{(?<body>[^{}]{1,2000})\}\s*=\s*process\.env\b(?!\.)/g, 50)) {
    const body = match.groups?.body ?? '';
    const bodyStart = match.index + 1;
    const item = /(?:^|,)\s*(?<name>[A-Z_][A-Z0-9_]*)(?:\s*:\s*[A-Za-z_$][\w$]*)?(?:\s*=\s*(?:(?<q>['"`])(?<fb>[^'"`\n]*)\k<q>|[^,]*))?\s*(?=,|$)/g;
    for (let m = item.exec(body); m !== null; m = item.exec(body)) {
      if (m[0].length === 0) {
        item.lastIndex += 1;
        continue;
      }
      const name = m.groups?.name;
      if (!name) continue;
      const at = bodyStart + m.index + m[0].indexOf(name);
      if (!isLiveCode(file, at)) continue;
      reads.push({
        name,
        path: file.path,
        line: lineOfOffset(file, at),
        ...(m.groups?.fb !== undefined ? { fallback: m.groups.fb } : {}),
      });
    }
  }
  return reads;
}
