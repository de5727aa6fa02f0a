import type { SourceFile } from '../snapshot';
import { isCodePath } from './paths';
import { parseYamlFile } from './yamlDoc';

/** A field of a pydantic settings class: the environment variable it is read from. */
export interface SettingsFieldRead {
  name: string;
  path: string;
  line: number;
  /** The field's default when it is a plain string, number or boolean literal. */
  fallback?: string;
}

/** `class Name(Base, Other):` at the start of a line. */
const CLASS = /^(?<indent>[ \t]*)class\s+(?<name>[A-Za-z_]\w*)\s*(?:\((?<bases>[^)]*)\))?\s*:/;
/** `name: Type` or `name: Type = default` at the class body's indent. */
const FIELD = /^(?<name>[A-Za-z_]\w*)\s*:\s*(?<type>[^=#]+?)\s*(?:=\s*(?<value>.+?))?\s*(?:#.*)?$/;
const LITERAL_DEFAULT = /^(?:(?<q>['"])(?<text>[^'"\\]*)\k<q>|(?<plain>-?\d+(?:\.\d+)?|True|False))$/;
/** `Field(..., env="NAME")`, `Field(alias="NAME")`, `Field(validation_alias="NAME")`. */
const FIELD_ENV = /\b(?:env|alias|validation_alias)\s*=\s*['"](?<env>[A-Za-z_][\w]*)['"]/;
const FIELD_DEFAULT = /^Field\(\s*(?:default\s*=\s*)?(?<arg>[^,)]+)/;
/** `env_prefix = "APP_"` in a `Config` class, or `env_prefix="APP_"` in `model_config = SettingsConfigDict(…)`. */
const ENV_PREFIX = /\benv_prefix\s*=\s*['"](?<prefix>[^'"]*)['"]/;

interface ClassInfo {
  name: string;
  bases: string[];
  file: SourceFile;
  /** Lines of the class body at its own indent: [line number, code]. */
  body: Array<[number, string]>;
  prefix?: string;
}

function classesOf(file: SourceFile): ClassInfo[] {
  const lines = file.text.split('\n');
  const out: ClassInfo[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = CLASS.exec(lines[i]);
    if (!m?.groups) continue;
    const indent = m.groups.indent.length;
    const info: ClassInfo = {
      name: m.groups.name,
      bases: (m.groups.bases ?? '')
        .split(',')
        .map(b => b.trim().split('.').pop()!.split('[')[0])
        .filter(Boolean),
      file,
      body: [],
    };
    let bodyIndent: number | undefined;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j];
      if (!line.trim() || /^\s*#/.test(line)) continue;
      const lineIndent = line.length - line.trimStart().length;
      if (lineIndent <= indent) break;
      bodyIndent ??= lineIndent;
      const prefix = ENV_PREFIX.exec(line);
      if (prefix?.groups) info.prefix = prefix.groups.prefix;
      if (lineIndent === bodyIndent) info.body.push([j + 1, line.trim()]);
    }
    out.push(info);
  }
  return out;
}

/**
 * The environment variables pydantic settings classes read: every annotated
 * field of a class built on `BaseSettings` (directly or through other settings
 * classes of the repository) is read from the variable of its upper-cased
 * name, with the class's `env_prefix`, or from the name its `Field(env=…)` or
 * alias gives.
 */
export function settingsFieldReads(files: SourceFile[]): SettingsFieldRead[] {
  const classes = files
    .filter(f => f.path.endsWith('.py') && isCodePath(f.path) && f.text.includes('class '))
    .flatMap(classesOf);
  if (!files.some(f => f.path.endsWith('.py') && /\bBaseSettings\b/.test(f.text))) return [];
  const settings = new Set(['BaseSettings']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of classes) {
      if (!settings.has(c.name) && c.bases.some(b => settings.has(b))) {
        settings.add(c.name);
        grew = true;
      }
    }
  }
  const byName = new Map(classes.map(c => [c.name, c]));
  const prefixOf = (c: ClassInfo, seen = new Set<string>()): string => {
    if (c.prefix !== undefined) return c.prefix;
    seen.add(c.name);
    for (const base of c.bases) {
      const parent = byName.get(base);
      if (parent && !seen.has(base)) return prefixOf(parent, seen);
    }
    return '';
  };
  const reads: SettingsFieldRead[] = [];
  for (const c of classes) {
    if (c.name === 'BaseSettings' || !settings.has(c.name)) continue;
    const prefix = prefixOf(c);
    for (const [line, code] of c.body) {
      const m = FIELD.exec(code);
      if (!m?.groups || m.groups.name.startsWith('_') || m.groups.name === 'model_config') continue;
      if (/^(?:ClassVar|Final)\b/.test(m.groups.type.trim())) continue;
      const value = m.groups.value?.trim();
      const env = value ? FIELD_ENV.exec(value)?.groups?.env : undefined;
      const literal = value ? LITERAL_DEFAULT.exec(FIELD_DEFAULT.exec(value)?.groups?.arg.trim() ?? value) : null;
      const fallback = literal?.groups ? (literal.groups.text ?? literal.groups.plain) : undefined;
      reads.push({
        name: env ?? `${prefix}${m.groups.name}`.toUpperCase(),
        path: c.file.path,
        line,
        ...(fallback !== undefined ? { fallback } : {}),
      });
    }
  }
  return reads;
}

/** node-config's map of configuration keys to environment variables. */
const NODE_CONFIG_ENV_MAP = /(^|\/)config\/custom-environment-variables\.(?:ya?ml|json)$/;

/**
 * The environment variables node-config reads: every leaf of
 * `config/custom-environment-variables.{yml,json}` names one (a string, or
 * `{ __name: NAME, __format: … }`).
 */
export function nodeConfigReads(files: SourceFile[]): SettingsFieldRead[] {
  const reads: SettingsFieldRead[] = [];
  for (const file of files) {
    if (!NODE_CONFIG_ENV_MAP.test(file.path)) continue;
    const doc = parseYamlFile(file.text);
    if (doc.error) continue;
    const visit = (value: unknown, path: Array<string | number>) => {
      if (typeof value === 'string') {
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) reads.push({ name: value, path: file.path, line: doc.lineAt(path) ?? 1 });
        return;
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) return;
      const record = value as Record<string, unknown>;
      if (typeof record.__name === 'string') {
        visit(record.__name, [...path, '__name']);
        return;
      }
      for (const [key, child] of Object.entries(record)) visit(child, [...path, key]);
    };
    visit(doc.value, []);
  }
  return reads;
}
