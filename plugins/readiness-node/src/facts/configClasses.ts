/**
 * Python configuration classes chosen by name: the Flask pattern of a base `Config` class, subclasses per
 * environment or platform, and a map that selects one by name at start-up:
 *
 *   config = {'development': DevelopmentConfig, 'production': ProductionConfig, 'unix': UnixConfig, 'default': DevelopmentConfig}
 *   app.config.from_object(config[os.getenv('FLASK_CONFIG') or 'default'])
 *
 * The application runs with the `default` entry unless told otherwise, and a deployment picks the production
 * entry (or the one its Dockerfile or compose file names). Code that only a platform variant runs (`unix`,
 * `heroku`), and settings only such a variant switches on, do not describe what the default deployment does.
 */
import type { Facts } from './index';
import { SourceFile } from '../snapshot';
import { isLowConfidencePath, languageOf } from './paths';
import { pythonLines } from './sourceText';
import { memo } from './memo';
import { isTruthy, Resolved, valuesOf } from './values';

/** A class of a Python module, with the lines its body spans. */
interface PyClass {
  name: string;
  bases: string[];
  line: number;
  endLine: number;
}

/** A map of configuration classes by name, in one module. @public */
export interface ConfigClassMap {
  path: string;
  /** Classes the application runs with: the `default` and production entries, those a deployment names, and their bases. */
  deployed: Set<string>;
  /** Classes the `default`, production and deployment-named entries select. */
  selected: Set<string>;
  /** Classes only other entries select (a platform or optional variant, development, tests). */
  optional: Set<string>;
  classes: Map<string, PyClass>;
}

const CLASS = /^class\s+([A-Za-z_]\w*)\s*(?:\(([^)]*)\))?\s*:/;
/** `name = {` or `name: Dict[…] = {`: a dict literal assigned at module level. */
const DICT_START = /^[A-Za-z_]\w*\s*(?::[^=]+)?=\s*\{/;
const ENTRY = /['"]([\w.-]+)['"]\s*:\s*([A-Za-z_]\w*)\s*(?=[,}])/g;
/** Entry names a production deployment selects. */
const PRODUCTION_KEY = /^(?:prod|production|live|release)$/i;

function classesOf(file: SourceFile): Map<string, PyClass> {
  const lines = pythonLines(file);
  const out = new Map<string, PyClass>();
  lines.forEach((l, i) => {
    if (l.indent !== 0) return;
    const m = CLASS.exec(l.code);
    if (!m) return;
    let endLine = l.endLine;
    for (let j = i + 1; j < lines.length && lines[j].indent > 0; j++) endLine = lines[j].endLine;
    const bases = (m[2] ?? '').split(',').map(b => b.trim().split('.').pop()!).filter(Boolean);
    out.set(m[1], { name: m[1], bases, line: l.line, endLine });
  });
  return out;
}

/** Values that Dockerfiles and compose files give to environment variables: the names a deployment selects. */
function deployedNames(facts: Facts): Set<string> {
  return memo(facts, 'configClasses.deployedNames', () => {
    const names = new Set<string>();
    for (const d of facts.dockerfiles) {
      if (isLowConfidencePath(d.path)) continue;
      for (const ins of d.finalStage?.instructions ?? []) {
        if (ins.keyword.toUpperCase() !== 'ENV') continue;
        for (const m of ins.args.matchAll(/\b[A-Za-z_]\w*(?:=|\s+)["']?([\w.-]+)["']?/g)) names.add(m[1]);
      }
    }
    for (const c of facts.compose) {
      if (isLowConfidencePath(c.path)) continue;
      for (const s of c.services) for (const e of s.environment) if (e.value) names.add(e.value);
    }
    return names;
  });
}

function withBases(classes: Map<string, PyClass>, names: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const visit = (name: string) => {
    if (out.has(name) || !classes.has(name)) return;
    out.add(name);
    classes.get(name)!.bases.forEach(visit);
  };
  for (const name of names) visit(name);
  return out;
}

function mapOf(facts: Facts, file: SourceFile): ConfigClassMap | undefined {
  if (!file.text.includes('class ') || !file.text.includes('{')) return undefined;
  const classes = classesOf(file);
  if (classes.size < 2) return undefined;
  const raw = file.text.split('\n');
  for (const l of pythonLines(file)) {
    if (l.indent !== 0 || !DICT_START.test(l.code)) continue;
    const text = raw.slice(l.line - 1, l.endLine).join('\n');
    const entries = [...text.matchAll(ENTRY)].filter(m => classes.has(m[2]));
    if (entries.length < 2 || !entries.some(m => m[1] === 'default' || PRODUCTION_KEY.test(m[1]))) continue;
    const named = deployedNames(facts);
    const chosen = entries.filter(m => m[1] === 'default' || PRODUCTION_KEY.test(m[1]) || named.has(m[1])).map(m => m[2]);
    const deployed = withBases(classes, chosen);
    const optional = new Set(entries.map(m => m[2]).filter(c => !deployed.has(c)));
    return { path: file.path, deployed, selected: new Set(chosen), optional, classes };
  }
  return undefined;
}

/** The configuration-class maps of a repository's Python modules (not tests or examples), once per audit. @public */
export function configClassMaps(facts: Facts): ConfigClassMap[] {
  return memo(facts, 'configClasses.maps', () =>
    facts.files
      .filter(f => languageOf(f.path) === 'python' && !isLowConfidencePath(f.path))
      .flatMap(f => mapOf(facts, f) ?? []),
  );
}

/**
 * The configuration class a line of a module sits in when only an optional entry of the module's map selects
 * it (`UnixConfig` of `'unix': UnixConfig`, neither the default nor a production entry nor a base of one).
 * @public
 */
export function optionalConfigAt(facts: Facts, path: string, line: number): string | undefined {
  const map = configClassMaps(facts).find(m => m.path === path);
  if (!map) return undefined;
  for (const name of map.optional) {
    const cls = map.classes.get(name)!;
    if (line >= cls.line && line <= cls.endLine) return name;
  }
  return undefined;
}

/** What a deployed configuration class (or the first of its bases that sets it) holds for a setting. */
function settingIn(facts: Facts, map: ConfigClassMap, cls: string, setting: string, seen = new Set<string>()): Resolved[] | undefined {
  if (seen.has(cls)) return undefined;
  seen.add(cls);
  const values = valuesOf(facts);
  const binding = values.bindings(map.path).find(b => b.owner === cls && b.name === setting);
  if (binding) return values.valueOf(binding);
  for (const base of map.classes.get(cls)?.bases ?? []) {
    const inherited = settingIn(facts, map, base, setting, seen);
    if (inherited) return inherited;
  }
  return undefined;
}

/** `app.config['X']`, `app.config.get('X')`, `current_app.config[…]`, and Flask's `app.debug` / `app.testing`. */
const CONFIG_READ =
  /^(not\s+)?(?:(?:current_)?app\.config(?:\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\]|\.get\(\s*['"]([A-Z][A-Z0-9_]*)['"][^)]*\))|(?:current_)?app\.(debug|testing))$/;

/**
 * Whether the `if` blocks enclosing a line of a Python module only run when a configuration setting is on
 * that every deployed configuration class leaves off: `if app.config['SSL_REDIRECT']:` with `SSL_REDIRECT = False`
 * in the base class and `True` only in a platform variant, or `if not app.config['SSL_DISABLE']:` with
 * `SSL_DISABLE` defaulting to on. A setting no deployed class defines is off, as Flask reads it. Answers the
 * setting that keeps the line off, or undefined when the line runs (or no configuration-class map is found).
 * @public
 */
export function configSettingKeepingOff(facts: Facts, file: SourceFile, line: number): string | undefined {
  const maps = configClassMaps(facts);
  if (maps.length === 0 || languageOf(file.path) !== 'python') return undefined;
  // The `if` headers enclosing the line, innermost first.
  const lines = pythonLines(file);
  const at = lines.findIndex(l => l.line <= line && line <= l.endLine);
  if (at < 0) return undefined;
  const guards: string[][] = [];
  let indent = lines[at].indent;
  for (let i = at - 1; i >= 0 && indent > 0; i--) {
    const l = lines[i];
    if (l.indent >= indent) continue;
    indent = l.indent;
    const raw = file.text.split('\n').slice(l.line - 1, l.endLine).join(' ');
    const m = /^\s*if\s+(.+?):\s*$/.exec(raw);
    if (m) guards.push(m[1].replace(/^\((.*)\)$/, '$1').split(/\s+and\s+/).map(p => p.trim()));
  }
  const reads = guards.flat().flatMap(part => {
    const m = CONFIG_READ.exec(part.replace(/\s+/g, ' '));
    if (!m) return [];
    const setting = m[2] ?? m[3] ?? m[4].toUpperCase();
    return [{ setting, negated: !!m[1] }];
  });
  if (reads.length === 0) return undefined;
  for (const map of maps) {
    if (map.selected.size === 0) continue;
    // Off when, in every selected class, one of the required settings is off.
    let keeping: string | undefined;
    const off = [...map.selected].every(cls => {
      const hit = reads.find(({ setting, negated }) => {
        const values = settingIn(facts, map, cls, setting);
        if (values === undefined) return !negated;
        if (values.length === 0 || values.some(v => !v.value)) return false;
        const on = values.map(v => isTruthy(v.value));
        return negated ? on.every(Boolean) : on.every(v => !v);
      });
      keeping ??= hit?.setting;
      return hit !== undefined;
    });
    if (off) return keeping;
  }
  return undefined;
}
