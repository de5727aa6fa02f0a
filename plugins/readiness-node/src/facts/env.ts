import { parse as parseDotenv } from 'dotenv';
import { SourceFile } from '../snapshot';
import { nodeConfigReads, settingsFieldReads } from './settingsClasses';
import { basename, isCodePath, isEnvTemplatePath, languageOf } from './paths';
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

export function collectEnvReads(files: SourceFile[]): EnvVarRead[] {
  const reads: EnvVarRead[] = [];
  const decoupleInProject = files.some(f => f.path.endsWith('.py') && IMPORTS_DECOUPLE.test(f.text));
  for (const file of files) {
    let patterns: RegExp[] = [];
    if (isCodePath(file.path)) patterns = [...ENV_READ_PATTERNS, ...pythonLibraryPatterns(file, decoupleInProject)];
    else if (isSpringConfig(file.path)) patterns = [CONFIG_PLACEHOLDER];
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
