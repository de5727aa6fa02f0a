/**
 * The repository's own import graph: which files of the repository a source file imports, resolved the way
 * the language's tooling resolves them, and what a set of files reaches through those imports.
 *
 * Imports are read from the files' syntax trees (facts/syntax.ts) and resolved to repository files:
 * - JavaScript / TypeScript: relative paths (with or without an extension, `.js` written for a `.ts` source,
 *   folders through their `index` file), `compilerOptions.paths` and `baseUrl` of the nearest tsconfig.json /
 *   jsconfig.json (following relative `extends`), `@/…` and `~/…` for the project's `src/` when no config maps
 *   them, a package.json's `imports` (`#internal/…`), and the workspace's own packages by name.
 * - Python: relative imports (`from .views import x`), and absolute ones from the folders above the importer
 *   (and their `src/`), modules or packages, `from pkg import module` included.
 * - Go: packages of the repository's own modules (go.mod), and the files of the importer's own package.
 * - Java / Kotlin: classes by their qualified name, wildcard imports by package, and the importer's own package.
 * Anything else (third-party packages, the standard library) is not part of the graph.
 *
 * Edges are read lazily, file by file, and kept for the audit. Whether a file is in the import closure of some
 * roots (the tests) is answered backwards, from the file to its importers, breadth first, each file once (cycles
 * end) and no further than a bounded number of steps: importers are found among the files whose text writes the
 * file's name in a module specifier or import line, and confirmed by their trees, so a large repository is not
 * parsed whole.
 */
import { SourceFile } from '../snapshot';
import type { Facts } from './index';
import { memo } from './memo';
import { basename, dirname, extname, joinPath } from './paths';
import { syntaxTree } from './syntax';

/** What the repository's files import, and what a set of files reaches through imports. */
export interface ImportGraph {
  /** The repository files a file imports (and, for Go, Java and Kotlin, the other files of its package). */
  importsOf(file: SourceFile): SourceFile[];
  /** The repository file a JavaScript / TypeScript import written in `from` names, if any. */
  resolve(from: SourceFile, spec: string): SourceFile | undefined;
  /**
   * Whether the file is in the import closure of the roots: a root imports it, or imports a file that imports it,
   * and so on, at most `maxDepth` steps away; `counts(root, file)` can leave out a path through a file (one the
   * root replaces with a mock).
   * Walked backwards from the file, each file once, so cycles end.
   */
  reachedFrom(
    file: SourceFile,
    roots: ReadonlySet<SourceFile>,
    counts?: (root: SourceFile, target: SourceFile) => boolean,
    maxDepth?: number,
  ): boolean;
}

/** How many import steps a closure follows by default: more than a test → app → router → routes → handlers → services → models chain needs. */
export const IMPORT_CLOSURE_DEPTH = 12;

const JS_SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts', '.vue', '.svelte'];
const JS_EXTENSION = /\.(?:[cm]?[jt]sx?|vue|svelte)$/;
/** `./x.js` written in a TypeScript source for `./x.ts`. */
const EMITTED_EXTENSION = /\.(?:[cm]?js|jsx)$/;
/** Words without which a source has no import worth parsing. */
const IMPORT_WORD: Record<string, RegExp> = {
  js: /\bimport\b|\brequire\s*\(|\bexport\b[^\n;]*\bfrom\b/,
  python: /\bimport\b/,
  go: /\bimport\b/,
  jvm: /\bimport\b/,
};

type Family = 'js' | 'python' | 'go' | 'jvm';

function familyOf(path: string): Family | undefined {
  if (JS_EXTENSION.test(path)) return 'js';
  const ext = extname(path);
  if (ext === '.py') return 'python';
  if (ext === '.go') return 'go';
  if (ext === '.java' || ext === '.kt') return 'jvm';
  return undefined;
}

/** JSON with comments and trailing commas (tsconfig.json, jsconfig.json): both removed outside strings, then parsed. */
export function parseJsonWithComments(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else if (c === ',') {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (text[j] !== '}' && text[j] !== ']') out += c;
    } else {
      out += c;
    }
  }
  try {
    return JSON.parse(out);
  } catch {
    return undefined;
  }
}

interface PathsConfig {
  /** Folder the `paths` targets are resolved from (baseUrl, or the config's folder). */
  base: string;
  /** Folder bare specifiers are tried from, when `baseUrl` is set. */
  baseUrl?: string;
  paths: Array<[string, string[]]>;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** `@/*` against `@/features/x` → `features/x`; exact patterns match whole. */
function matchPattern(pattern: string, spec: string): string | undefined {
  const star = pattern.indexOf('*');
  if (star === -1) return pattern === spec ? '' : undefined;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  if (spec.length < prefix.length + suffix.length || !spec.startsWith(prefix) || !spec.endsWith(suffix)) return undefined;
  return spec.slice(prefix.length, spec.length - suffix.length);
}

class Resolver {
  private readonly byPath: Map<string, SourceFile>;
  private readonly byDir = new Map<string, SourceFile[]>();
  private readonly configs = new Map<string, PathsConfig | undefined>();
  private readonly nearestConfig = new Map<string, PathsConfig | undefined>();
  private readonly nearestPackage = new Map<string, { dir: string; imports?: Record<string, unknown> } | undefined>();
  private readonly packagesByName = new Map<string, { dir: string; entries: string[] }>();
  private readonly goModules: Array<{ dir: string; module: string }>;
  /** `com/acme/orders/OrderService` (no extension) → files, for JVM class imports; `com/acme/orders` → files, for packages. */
  private readonly jvmByClassPath = new Map<string, SourceFile[]>();
  private readonly jvmByPackage = new Map<string, SourceFile[]>();

  constructor(facts: Facts) {
    this.byPath = new Map(facts.files.map(f => [f.path, f]));
    for (const f of facts.files) {
      const dir = dirname(f.path);
      const list = this.byDir.get(dir) ?? [];
      list.push(f);
      this.byDir.set(dir, list);
    }
    for (const pkg of facts.manifests.packageJsons) {
      if (!pkg.name || this.packagesByName.has(pkg.name)) continue;
      const json = record(parseJsonWithComments(facts.file(pkg.path)?.text ?? ''));
      const entries: string[] = [];
      for (const key of ['source', 'main', 'module', 'types', 'typings']) {
        if (typeof json?.[key] === 'string') entries.push(json[key] as string);
      }
      const exported = json?.exports;
      if (typeof exported === 'string') entries.push(exported);
      this.packagesByName.set(pkg.name, { dir: pkg.dir, entries });
    }
    this.goModules = facts.manifests.goMods
      .filter(m => m.module)
      .map(m => ({ dir: dirname(m.path), module: m.module! }))
      .sort((a, b) => b.module.length - a.module.length);
    for (const f of facts.files) {
      if (familyOf(f.path) !== 'jvm') continue;
      const key = f.path.replace(/\.(?:java|kt)$/, '');
      // Every suffix that starts a segment: the class path is the tail of the file path.
      const parts = key.split('/');
      for (let i = Math.max(0, parts.length - 12); i < parts.length - 1; i++) {
        for (const [index, tail] of [
          [this.jvmByClassPath, parts.slice(i).join('/')],
          [this.jvmByPackage, parts.slice(i, -1).join('/')],
        ] as const) {
          const list = index.get(tail) ?? [];
          list.push(f);
          index.set(tail, list);
        }
      }
    }
  }

  filesIn(dir: string): SourceFile[] {
    return this.byDir.get(dir) ?? [];
  }

  // ---------------------------------------------------------------- JavaScript / TypeScript

  /** A path as written without an extension, or a folder with an index file. */
  private jsFile(base: string): SourceFile | undefined {
    const exact = this.byPath.get(base);
    if (exact && familyOf(base) === 'js') return exact;
    const stem = EMITTED_EXTENSION.test(base) ? base.replace(EMITTED_EXTENSION, '') : base;
    for (const ext of JS_SOURCE_EXTENSIONS) {
      const hit = this.byPath.get(`${stem}${ext}`);
      if (hit) return hit;
    }
    for (const ext of JS_SOURCE_EXTENSIONS) {
      const hit = this.byPath.get(`${base}/index${ext}`);
      if (hit) return hit;
    }
    return undefined;
  }

  private readConfig(path: string, seen: Set<string> = new Set()): PathsConfig | undefined {
    if (this.configs.has(path)) return this.configs.get(path);
    if (seen.has(path) || seen.size > 5) return undefined;
    seen.add(path);
    const json = record(parseJsonWithComments(this.byPath.get(path)?.text ?? ''));
    let config: PathsConfig | undefined;
    if (json) {
      const dir = dirname(path);
      const ext = typeof json.extends === 'string' && json.extends.startsWith('.') ? json.extends : undefined;
      const parentPath = ext ? joinPath(dir, ext.endsWith('.json') ? ext : `${ext}.json`) : undefined;
      const parent = parentPath ? this.readConfig(parentPath, seen) : undefined;
      const options = record(json.compilerOptions);
      const baseUrl = typeof options?.baseUrl === 'string' ? joinPath(dir, options.baseUrl) : parent?.baseUrl;
      const paths = record(options?.paths);
      if (paths) {
        config = {
          base: baseUrl ?? dir,
          baseUrl,
          paths: Object.entries(paths).map(([k, v]) => [k, Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : []]),
        };
      } else if (parent) {
        config = { ...parent, baseUrl };
      } else if (baseUrl !== undefined) {
        config = { base: baseUrl, baseUrl, paths: [] };
      }
    }
    this.configs.set(path, config);
    return config;
  }

  /** The nearest tsconfig.json or jsconfig.json above a folder that says how imports resolve. */
  private configFor(dir: string): PathsConfig | undefined {
    if (this.nearestConfig.has(dir)) return this.nearestConfig.get(dir);
    let config: PathsConfig | undefined;
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const path = dir ? `${dir}/${name}` : name;
      if (this.byPath.has(path)) {
        config = this.readConfig(path);
        if (config) break;
      }
    }
    if (!config && dir !== '') config = this.configFor(dirname(dir));
    this.nearestConfig.set(dir, config);
    return config;
  }

  private packageFor(dir: string): { dir: string; imports?: Record<string, unknown> } | undefined {
    if (this.nearestPackage.has(dir)) return this.nearestPackage.get(dir);
    const path = dir ? `${dir}/package.json` : 'package.json';
    let found: { dir: string; imports?: Record<string, unknown> } | undefined;
    if (this.byPath.has(path)) {
      const json = record(parseJsonWithComments(this.byPath.get(path)!.text));
      found = { dir, imports: record(json?.imports) };
    } else if (dir !== '') {
      found = this.packageFor(dirname(dir));
    }
    this.nearestPackage.set(dir, found);
    return found;
  }

  resolveJs(from: string, spec: string): SourceFile | undefined {
    const clean = spec.replace(/\?.*$/, '');
    const dir = dirname(from);
    if (clean.startsWith('./') || clean.startsWith('../') || clean === '.' || clean === '..') return this.jsFile(joinPath(dir, clean));
    if (clean.startsWith('/')) return undefined;
    if (clean.startsWith('#')) {
      const pkg = this.packageFor(dir);
      for (const [pattern, target] of Object.entries(pkg?.imports ?? {})) {
        const star = matchPattern(pattern, clean);
        const conditional = record(target)?.default;
        const to = typeof target === 'string' ? target : conditional;
        if (star === undefined || typeof to !== 'string') continue;
        const hit = this.jsFile(joinPath(pkg!.dir, to.replace('*', star)));
        if (hit) return hit;
      }
      return undefined;
    }
    const config = this.configFor(dir);
    if (config) {
      for (const [pattern, targets] of config.paths) {
        const star = matchPattern(pattern, clean);
        if (star === undefined) continue;
        for (const target of targets) {
          const hit = this.jsFile(joinPath(config.base, target.replace('*', star)));
          if (hit) return hit;
        }
      }
    }
    const pkg = this.workspacePackage(clean);
    if (pkg) return pkg;
    if (config?.baseUrl !== undefined) {
      const hit = this.jsFile(joinPath(config.baseUrl, clean));
      if (hit) return hit;
    }
    // `@/x` and `~/x` name the project's source root when no configuration says otherwise (bundler aliases).
    const alias = /^[@~]\/(.+)$/.exec(clean);
    if (alias) {
      const root = this.packageFor(dir)?.dir ?? '';
      return this.jsFile(joinPath(root, `src/${alias[1]}`)) ?? this.jsFile(joinPath(root, alias[1]));
    }
    return undefined;
  }

  private entries?: Map<SourceFile, string[]>;

  /** The last words of the names of the workspace packages whose entry file this is (`ui` for `@acme/ui`). */
  packageKeysOf(file: SourceFile): string[] {
    if (!this.entries) {
      this.entries = new Map();
      for (const name of this.packagesByName.keys()) {
        const entry = this.workspacePackage(name);
        if (!entry) continue;
        const keys = this.entries.get(entry) ?? [];
        keys.push(name.slice(name.lastIndexOf('/') + 1).toLowerCase());
        this.entries.set(entry, keys);
      }
    }
    return this.entries.get(file) ?? [];
  }

  /** `@acme/orders` or `@acme/orders/lib/x`, when `@acme/orders` is a package of this repository. */
  private workspacePackage(spec: string): SourceFile | undefined {
    const parts = spec.split('/');
    const nameLength = spec.startsWith('@') ? 2 : 1;
    const name = parts.slice(0, nameLength).join('/');
    const pkg = this.packagesByName.get(name);
    if (!pkg) return undefined;
    const sub = parts.slice(nameLength).join('/');
    if (sub) return this.jsFile(joinPath(pkg.dir, sub)) ?? this.jsFile(joinPath(pkg.dir, `src/${sub}`));
    for (const entry of pkg.entries) {
      const hit = this.jsFile(joinPath(pkg.dir, entry));
      if (hit) return hit;
    }
    return this.jsFile(joinPath(pkg.dir, 'src/index')) ?? this.jsFile(joinPath(pkg.dir, 'index')) ?? this.jsFile(joinPath(pkg.dir, 'lib/index'));
  }

  // ---------------------------------------------------------------- Python

  private pyModule(base: string): SourceFile | undefined {
    return this.byPath.get(`${base}.py`) ?? this.byPath.get(`${base}/__init__.py`);
  }

  /** A dotted module from a file: relative dots climb packages; absolute names are looked up from the folders above. */
  resolvePython(from: string, module: string): SourceFile | undefined {
    const dots = /^\.*/.exec(module)![0].length;
    const rest = module.slice(dots).split('.').filter(Boolean).join('/');
    if (dots > 0) {
      let dir = dirname(from);
      for (let i = 1; i < dots; i++) dir = dirname(dir);
      return rest ? this.pyModule(joinPath(dir, rest)) : this.byPath.get(joinPath(dir, '__init__.py'));
    }
    if (!rest) return undefined;
    for (let dir = dirname(from); ; dir = dirname(dir)) {
      const hit = this.pyModule(joinPath(dir, rest)) ?? this.pyModule(joinPath(dir, `src/${rest}`));
      if (hit) return hit;
      if (dir === '') return undefined;
    }
  }

  // ---------------------------------------------------------------- Go

  resolveGo(spec: string): SourceFile[] {
    const mod = this.goModules.find(m => spec === m.module || spec.startsWith(`${m.module}/`));
    if (!mod) return [];
    const dir = joinPath(mod.dir, spec.slice(mod.module.length + 1));
    return this.filesIn(dir).filter(f => f.path.endsWith('.go') && !f.path.endsWith('_test.go'));
  }

  // ---------------------------------------------------------------- Java / Kotlin

  resolveJvm(name: string): SourceFile[] {
    const path = name.replace(/\.\*$/, '').split('.').join('/');
    // A class, a package (`com.x.*`), or a static member of a class (`com.x.Util.helper`).
    return this.jvmByClassPath.get(path) ?? this.jvmByPackage.get(path) ?? this.jvmByClassPath.get(dirname(path)) ?? [];
  }
}

/** The modules a JavaScript / TypeScript tree imports: import and re-export statements, `require('…')` and `import('…')`. */
function jsImportSources(tree: NonNullable<ReturnType<typeof syntaxTree>>, text: string): string[] {
  const out: string[] = [];
  for (const node of tree.nodesOfKind('import_statement', 'export_statement')) {
    const source = tree.stringValue(node.field('source'));
    if (source !== undefined) out.push(source);
  }
  // Calls are only looked at in sources that write one of these.
  if (/\b(?:require|import)\s*\(/.test(text)) {
    for (const call of tree.nodesOfKind('call_expression')) {
      const callee = call.field('function');
      if (!callee || (callee.kind() !== 'import' && callee.text() !== 'require')) continue;
      const first = call.field('arguments')?.children().find(c => c.isNamed());
      const source = tree.stringValue(first);
      if (source !== undefined) out.push(source);
    }
  }
  return out;
}

/** Python's `from a.b import c, d`: the module and the names (each may be a submodule). */
function pythonImports(tree: NonNullable<ReturnType<typeof syntaxTree>>): Array<{ module: string; names: string[] }> {
  const out: Array<{ module: string; names: string[] }> = [];
  for (const node of tree.nodesOfKind('import_from_statement')) {
    const module = node.field('module_name')?.text().replace(/\s+/g, '');
    if (!module) continue;
    const names = node
      .fieldChildren('name')
      .map(n => (n.kind() === 'aliased_import' ? n.field('name') ?? n : n).text().replace(/\s+/g, ''));
    out.push({ module, names });
  }
  for (const node of tree.nodesOfKind('import_statement')) {
    for (const n of node.fieldChildren('name')) {
      const name = (n.kind() === 'aliased_import' ? n.field('name') ?? n : n).text().replace(/\s+/g, '');
      out.push({ module: name, names: [] });
    }
  }
  return out;
}

/** Quoted module specifiers (JavaScript, Go): any short string without spaces. */
const QUOTED = /(['"`])([^'"`\s]{1,300})\1/g;
/** Python and JVM import lines, with a parenthesised name list. */
const IMPORT_LINE = /^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import[ \t]*(?:\([^)]*\)|[^\n]*)|import[ \t]+[^\n]*)/gm;

/** Repository modules are written as paths (`./x`, `@/lib/x`, `#lib/x`, `module/internal/x`) or by a package's own name. */
function mayNameModule(spec: string, packageNames: ReadonlySet<string>): boolean {
  if (spec.startsWith('/') || /^\.+$/.test(spec)) return false;
  return spec.includes('/') || spec.startsWith('.') || spec.startsWith('#') || packageNames.has(spec);
}

/** The words an import of a file ends with: its name without extension, and for a package's index its folder's name. */
function keysOf(path: string, family: Family): string[] {
  const stem = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '').toLowerCase();
  const folder = dirname(path);
  const folderName = folder.slice(folder.lastIndexOf('/') + 1).toLowerCase();
  if (family === 'go') return [folderName];
  if (stem === 'index' || stem === '__init__' || family === 'jvm') return [stem, folderName];
  return [stem];
}

/** The last words of the imports a file writes, lower-cased: cheap to read from the text, and a superset of what its tree imports. */
function importedWords(file: SourceFile, family: Family, packageNames: ReadonlySet<string>): Set<string> {
  const words = new Set<string>();
  if (family === 'js' || family === 'go') {
    for (const m of file.text.matchAll(QUOTED)) {
      if (!mayNameModule(m[2], packageNames)) continue;
      const parts = m[2].replace(/\?.*$/, '').toLowerCase().split('/');
      const last = parts[parts.length - 1];
      words.add(last.replace(/\.(?:[cm]?[jt]sx?|vue|svelte|go)$/, ''));
      if (last === '' || last === '.' || last === '..' || last === 'index') {
        words.add(basename(joinPath(dirname(file.path), m[2])).toLowerCase());
        if (parts.length > 1) words.add(parts[parts.length - 2]);
      }
    }
  } else {
    for (const m of file.text.matchAll(IMPORT_LINE)) {
      for (const word of m[0].toLowerCase().split(/[^a-z0-9_]+/)) if (word) words.add(word);
    }
  }
  return words;
}

function buildGraph(facts: Facts): ImportGraph {
  let resolver: Resolver | undefined;
  const resolverOf = () => (resolver ??= new Resolver(facts));
  const samePackage = (file: SourceFile): SourceFile[] => {
    const family = familyOf(file.path);
    if (family !== 'go' && family !== 'jvm') return [];
    const ext = extname(file.path);
    return resolverOf()
      .filesIn(dirname(file.path))
      .filter(s => s !== file && extname(s.path) === ext && !s.path.endsWith('_test.go'));
  };
  const edges = new Map<SourceFile, SourceFile[]>();
  const importsOf = (file: SourceFile): SourceFile[] => {
    const known = edges.get(file);
    if (known) return known;
    const found = new Set<SourceFile>();
    const family = familyOf(file.path);
    if (family && IMPORT_WORD[family].test(file.text)) {
      const r = resolverOf();
      const tree = syntaxTree(facts, file);
      if (tree && family === 'js') {
        for (const source of jsImportSources(tree, file.text)) {
          const hit = r.resolveJs(file.path, source);
          if (hit) found.add(hit);
        }
      } else if (tree && family === 'python') {
        for (const { module, names } of pythonImports(tree)) {
          const hit = r.resolvePython(file.path, module);
          if (hit) found.add(hit);
          for (const name of names) {
            const sub = r.resolvePython(file.path, module.endsWith('.') ? `${module}${name}` : `${module}.${name}`);
            if (sub) found.add(sub);
          }
        }
      } else if (tree && family === 'go') {
        for (const { source } of tree.imports()) r.resolveGo(source).forEach(f => found.add(f));
      } else if (tree && family === 'jvm') {
        for (const { source } of tree.imports()) r.resolveJvm(source.replace(/^static/, '')).forEach(f => found.add(f));
      }
    }
    // Go, Java and Kotlin code sees the rest of its package without importing it.
    for (const sibling of samePackage(file)) found.add(sibling);
    found.delete(file);
    const list = [...found];
    edges.set(file, list);
    return list;
  };

  let names: Set<string> | undefined;
  const packageNames = () => (names ??= new Set(facts.manifests.packageJsons.flatMap(p => (p.name ? [p.name] : []))));
  // Who may import a file: the files whose text writes one of its keys where an import goes.
  let byWord: Map<string, SourceFile[]> | undefined;
  const wordIndex = () => {
    if (byWord) return byWord;
    byWord = new Map();
    for (const file of facts.files) {
      const family = familyOf(file.path);
      if (!family || !IMPORT_WORD[family].test(file.text)) continue;
      for (const word of importedWords(file, family, packageNames())) {
        const list = byWord.get(word) ?? [];
        list.push(file);
        byWord.set(word, list);
      }
    }
    return byWord;
  };
  // What a JavaScript file's quoted strings resolve to: an importer must have its import among them.
  const lexical = new Map<SourceFile, Set<SourceFile>>();
  const lexicalTargets = (file: SourceFile): Set<SourceFile> => {
    let targets = lexical.get(file);
    if (targets) return targets;
    targets = new Set();
    for (const m of file.text.matchAll(QUOTED)) {
      if (!mayNameModule(m[2], packageNames())) continue;
      const hit = resolverOf().resolveJs(file.path, m[2]);
      if (hit) targets.add(hit);
    }
    lexical.set(file, targets);
    return targets;
  };
  /** Files that may import `file`: they write its name where an import goes. Not yet confirmed. */
  const candidatesOf = (file: SourceFile): SourceFile[] => {
    const family = familyOf(file.path);
    if (!family) return [];
    const out = new Set<SourceFile>();
    const keys = family === 'js' ? [...keysOf(file.path, family), ...resolverOf().packageKeysOf(file)] : keysOf(file.path, family);
    for (const key of keys) {
      for (const candidate of wordIndex().get(key) ?? []) {
        if (candidate === file) continue;
        // Once a file's tree has been read, its imports are known; before, its quoted strings say what it may import.
        const parsed = edges.get(candidate);
        if (parsed ? !parsed.includes(file) : familyOf(candidate.path) === 'js' && !lexicalTargets(candidate).has(file)) continue;
        out.add(candidate);
      }
    }
    for (const sibling of samePackage(file)) out.add(sibling);
    return [...out];
  };
  return {
    importsOf,
    resolve(from: SourceFile, spec: string): SourceFile | undefined {
      return familyOf(from.path) === 'js' ? resolverOf().resolveJs(from.path, spec) : undefined;
    },
    reachedFrom(file, roots, counts = () => true, maxDepth = IMPORT_CLOSURE_DEPTH): boolean {
      // Searched through the files that write an import of each file; only a path that ends at a root is read
      // from the syntax trees, edge by edge, so a file no root reaches costs no parsing.
      const towards = new Map<SourceFile, SourceFile>();
      const proven = (root: SourceFile, target: SourceFile): boolean => {
        if (!importsOf(root).includes(target) || !counts(root, target)) return false;
        for (let at = target; at !== file; ) {
          const next = towards.get(at)!;
          if (!importsOf(at).includes(next) || !counts(root, next)) return false;
          at = next;
        }
        return true;
      };
      const seen = new Set<SourceFile>([file]);
      let frontier = [file];
      for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
        const next: SourceFile[] = [];
        for (const target of frontier) {
          for (const candidate of candidatesOf(target)) {
            if (roots.has(candidate)) {
              if (proven(candidate, target)) return true;
              continue;
            }
            if (seen.has(candidate)) continue;
            seen.add(candidate);
            towards.set(candidate, target);
            next.push(candidate);
          }
        }
        frontier = next;
      }
      return false;
    },
  };
}

/** The audit's import graph, built on first use. */
export function importGraph(facts: Facts): ImportGraph {
  return memo(facts, 'facts.importGraph', () => buildGraph(facts));
}
