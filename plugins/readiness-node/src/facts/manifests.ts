import { XMLParser } from 'fast-xml-parser';
import { parse as parseToml } from 'smol-toml';
import { SourceFile } from '../snapshot';
import { basename, dirname, joinPath } from './paths';
import { asRecord } from './yamlDoc';

/** @public */
export interface PackageJsonFact {
  path: string;
  dir: string;
  name?: string;
  /** The declared licence (SPDX expression or `UNLICENSED`), if any. */
  license?: string;
  private: boolean;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  /** Workspace globs, when this is a workspace root. */
  workspaces: string[];
  /** The Backstage package role (`backend`, `backend-plugin`, `frontend-plugin`…), when the package declares one. */
  backstageRole?: string;
  error?: string;
}

/** @public */
export interface RequirementEntry {
  name: string;
  /** The version part as written, e.g. `==1.2.3`, `>=2`, or empty. */
  spec: string;
  line: number;
  raw: string;
  hashed: boolean;
}

/** @public */
export interface RequirementsFact {
  path: string;
  entries: RequirementEntry[];
}

/** @public */
export interface PyprojectFact {
  path: string;
  dir: string;
  /** `poetry`, `uv`, `pdm`, `hatch`, `setuptools` or `unknown`. */
  tool: string;
  dependencies: string[];
  error?: string;
}

/** @public */
export interface MavenFact {
  path: string;
  /**
   * The pom's dependencies, its parent, and the artifacts its `<dependencyManagement>` lists (`managed`): those only
   * pin a version for the modules that declare them and put nothing on this pom's classpath.
   */
  dependencies: Array<{ groupId: string; artifactId: string; version?: string; managed?: boolean }>;
  error?: string;
}

/** @public */
export interface GoModFact {
  path: string;
  module?: string;
  /** Every required module path, indirect ones included. */
  requires: string[];
  /** The required modules marked `// indirect`: dependencies of dependencies, which the module's own code does not import. */
  indirect: string[];
}

/** @public */
export interface ManifestFacts {
  packageJsons: PackageJsonFact[];
  requirements: RequirementsFact[];
  pyprojects: PyprojectFact[];
  pipfiles: string[];
  poms: MavenFact[];
  /** build.gradle(.kts) files with their text, for dependency look-ups. */
  gradle: Array<{ path: string; text: string }>;
  goMods: GoModFact[];
  /** .NET project files with their package references and the project files they reference (repository paths). */
  csprojs: Array<{ path: string; packages: string[]; projectReferences: string[] }>;
  /** Lock files present, by path. */
  lockfiles: string[];
  /** Every declared dependency name, lower-cased, across ecosystems. */
  allDependencies: Set<string>;
  errors: Array<{ path: string; message: string }>;
}

export const LOCKFILE_NAMES = new Set([
  'package-lock.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'bun.lock',
  'npm-shrinkwrap.json',
  'poetry.lock',
  'uv.lock',
  'Pipfile.lock',
  'pdm.lock',
  'go.sum',
  'Cargo.lock',
  'Gemfile.lock',
  'composer.lock',
  'packages.lock.json',
  'gradle.lockfile',
]);

/** XML parsers give one child as a value and several as a list. */
function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null || value === '' ? [] : [value];
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const rec = asRecord(value);
  if (!rec) return out;
  for (const [k, v] of Object.entries(rec)) {
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}

export function parsePackageJson(file: SourceFile): PackageJsonFact {
  const fact: PackageJsonFact = {
    path: file.path,
    dir: dirname(file.path),
    private: false,
    scripts: {},
    dependencies: {},
    devDependencies: {},
    workspaces: [],
  };
  let json: Record<string, unknown> | undefined;
  try {
    json = asRecord(JSON.parse(file.text));
  } catch (e) {
    fact.error = `invalid JSON: ${(e as Error).message}`;
    return fact;
  }
  if (!json) {
    fact.error = 'package.json is not an object';
    return fact;
  }
  if (typeof json.name === 'string') fact.name = json.name;
  if (typeof json.license === 'string') fact.license = json.license;
  fact.private = json.private === true;
  const role = asRecord(json.backstage)?.role;
  if (typeof role === 'string') fact.backstageRole = role;
  fact.scripts = stringMap(json.scripts);
  fact.dependencies = {
    ...stringMap(json.peerDependencies),
    ...stringMap(json.optionalDependencies),
    ...stringMap(json.dependencies),
  };
  fact.devDependencies = stringMap(json.devDependencies);
  const ws = json.workspaces;
  if (Array.isArray(ws)) fact.workspaces = ws.map(String);
  else if (Array.isArray(asRecord(ws)?.packages)) {
    fact.workspaces = (asRecord(ws)!.packages as unknown[]).map(String);
  }
  return fact;
}

export function parseRequirements(file: SourceFile): RequirementsFact {
  const entries: RequirementEntry[] = [];
  file.text.split('\n').forEach((rawLine, i) => {
    const raw = rawLine.trim();
    if (!raw || raw.startsWith('#') || raw.startsWith('-')) return;
    const line = raw.split(/\s+#/)[0].trim();
    if (/^(git\+|https?:|file:|\.|\/)/.test(line)) return;
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$/.exec(line);
    if (!m) return;
    entries.push({
      name: m[1].toLowerCase(),
      spec: m[3].split(';')[0].replace(/\\$/, '').trim(),
      line: i + 1,
      raw,
      hashed: /--hash=/.test(raw),
    });
  });
  return { path: file.path, entries };
}

function depName(spec: string): string {
  return spec.trim().split(/[\s<>=!~;\[(]/)[0].toLowerCase();
}

export function parsePyproject(file: SourceFile): PyprojectFact {
  const fact: PyprojectFact = {
    path: file.path,
    dir: dirname(file.path),
    tool: 'unknown',
    dependencies: [],
  };
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(file.text) as Record<string, unknown>;
  } catch (e) {
    fact.error = `invalid TOML: ${(e as Error).message.split('\n')[0]}`;
    return fact;
  }
  const tool = asRecord(doc.tool) ?? {};
  const project = asRecord(doc.project) ?? {};
  const deps: string[] = [];
  if (Array.isArray(project.dependencies)) {
    deps.push(...project.dependencies.map(d => depName(String(d))));
  }
  const optional = asRecord(project['optional-dependencies']) ?? {};
  for (const list of Object.values(optional)) {
    if (Array.isArray(list)) deps.push(...list.map(d => depName(String(d))));
  }
  const poetry = asRecord(tool.poetry);
  if (poetry) {
    fact.tool = 'poetry';
    deps.push(...Object.keys(asRecord(poetry.dependencies) ?? {}).map(d => d.toLowerCase()));
    deps.push(...Object.keys(asRecord(poetry['dev-dependencies']) ?? {}).map(d => d.toLowerCase()));
    for (const group of Object.values(asRecord(poetry.group) ?? {})) {
      deps.push(
        ...Object.keys(asRecord(asRecord(group)?.dependencies) ?? {}).map(d => d.toLowerCase()),
      );
    }
  } else if (tool.uv) fact.tool = 'uv';
  else if (tool.pdm) fact.tool = 'pdm';
  else if (tool.hatch) fact.tool = 'hatch';
  else if (tool.setuptools) fact.tool = 'setuptools';
  const groups = asRecord(doc['dependency-groups']) ?? {};
  for (const list of Object.values(groups)) {
    if (Array.isArray(list)) deps.push(...list.filter(d => typeof d === 'string').map(d => depName(d)));
  }
  fact.dependencies = [...new Set(deps.filter(d => d && d !== 'python'))];
  return fact;
}

export function parsePom(file: SourceFile): MavenFact {
  const fact: MavenFact = { path: file.path, dependencies: [] };
  try {
    const parser = new XMLParser({ ignoreAttributes: true, processEntities: false });
    const doc = parser.parse(file.text, true);
    const project = asRecord(doc?.project);
    if (!project) {
      fact.error = 'no <project> element';
      return fact;
    }
    const collect = (deps: unknown, managed = false) => {
      const list = asRecord(deps)?.dependency;
      for (const d of asList(list)) {
        const rec = asRecord(d);
        if (rec?.artifactId) {
          fact.dependencies.push({
            groupId: String(rec.groupId ?? ''),
            artifactId: String(rec.artifactId),
            ...(rec.version !== undefined ? { version: String(rec.version) } : {}),
            ...(managed ? { managed } : {}),
          });
        }
      }
    };
    collect(project.dependencies);
    collect(asRecord(project.dependencyManagement)?.dependencies, true);
    const parent = asRecord(project.parent);
    if (parent?.artifactId) {
      fact.dependencies.push({
        groupId: String(parent.groupId ?? ''),
        artifactId: String(parent.artifactId),
      });
    }
  } catch (e) {
    fact.error = `invalid XML: ${(e as Error).message.split('\n')[0]}`;
  }
  return fact;
}

export function parseGoMod(file: SourceFile): GoModFact {
  const fact: GoModFact = { path: file.path, requires: [], indirect: [] };
  let inBlock = false;
  for (const raw of file.text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    const before = fact.requires.length;
    const mod = /^module\s+(\S+)/.exec(line);
    if (mod) fact.module = mod[1];
    if (/^require\s*\($/.test(line)) {
      inBlock = true;
      continue;
    }
    if (inBlock && line === ')') {
      inBlock = false;
      continue;
    }
    const single = /^require\s+(\S+)\s+\S+/.exec(line);
    if (single) fact.requires.push(single[1]);
    else if (inBlock && line) fact.requires.push(line.split(/\s+/)[0]);
    if (fact.requires.length > before && /\/\/\s*indirect\b/.test(raw)) fact.indirect.push(fact.requires[fact.requires.length - 1]);
  }
  return fact;
}

/** Requirement files for development only: `requirements-dev.txt`, `requirements-tests.txt`, `requirements/docs.txt`, `dev-requirements.in`. */
const DEV_REQUIREMENTS = /(^|[-_.])(dev|develop|development|test|tests|testing|lint|docs|ci|local|tools?|github-actions|typing)([-_.]|\.txt$|\.in$)/i;

/** Whether a requirements file lists what development, tests, docs or CI need rather than what the application runs with. */
export function isDevRequirementsPath(path: string): boolean {
  return DEV_REQUIREMENTS.test(basename(path));
}

/**
 * Whether a path names a pip requirements file: `requirements*.txt` / `.in`,
 * or any `.txt` / `.in` file in a `requirements/` folder (`requirements/base.txt`).
 */
export function isRequirementsPath(path: string): boolean {
  return (
    /(^|\/)requirements([-_.][\w.-]*)?\.(txt|in)$/i.test(path) ||
    /(^|\/)requirements\/[\w.-]+\.(txt|in)$/i.test(path)
  );
}

/** A constraints file by name or folder: `constraints.txt`, `constraints/prod.txt`. */
const CONSTRAINTS_PATH = /(^|\/)constraints([-_.][\w.-]*)?\.(txt|in)$|(^|\/)constraints\/[\w.-]+\.(txt|in)$/i;
const VERSION_OP = String.raw`(?:===?|~=|!=|<=?|>=?)\s*[\w.*+!-]+`;
/** One line of a pip requirements or constraints file: an option or include, a URL or path, or a requirement with its pins. */
const REQUIREMENT_LINE = new RegExp(
  String.raw`^(?:-{1,2}[a-z][\w-]*(?:[\s=]+\S+)?` +
    String.raw`|(?:(?:git|hg|svn|bzr)\+|https?:|file:)\S+` +
    String.raw`|\.{1,2}(?:\/\S*)?|\/\S+` +
    String.raw`|[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[\w.,\s-]*\])?\s*(?:${VERSION_OP}\s*(?:,\s*${VERSION_OP}\s*)*)?(?:@\s*\S+)?\s*(?:;.*?)?(?:\s+--hash[=\s]\S+)*)` +
    String.raw`\s*\\?$`,
);
/** A line that pins a version, includes another list or sets an install option: only dependency lists have these. */
const PIN_LINE = /^-|(?:===?|~=|!=|<=?|>=?)\s*\d|\s@\s*\S/;

/**
 * Whether a plain-text file is a dependency list (a pip requirements or constraints file) rather than a
 * document: every line is a requirement, an include (`-r base.txt`) or an install option, and either one of
 * them pins a version or includes another list, or the file sits where requirement files live
 * (`requirements/*.txt`, `requirements-dev.txt`, `constraints.txt`). Prose in any line makes it a document.
 */
export function isDependencyList(file: SourceFile): boolean {
  if (!/\.(txt|in)$/i.test(file.path)) return false;
  const lines = file.text
    .split('\n')
    .map(l => l.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);
  if (lines.length === 0 || !lines.every(l => REQUIREMENT_LINE.test(l))) return false;
  return isRequirementsPath(file.path) || CONSTRAINTS_PATH.test(file.path) || lines.some(l => PIN_LINE.test(l));
}

export function collectManifests(files: SourceFile[]): ManifestFacts {
  const facts: ManifestFacts = {
    packageJsons: [],
    requirements: [],
    pyprojects: [],
    pipfiles: [],
    poms: [],
    gradle: [],
    goMods: [],
    csprojs: [],
    lockfiles: [],
    allDependencies: new Set(),
    errors: [],
  };
  const add = (name: string) => facts.allDependencies.add(name.toLowerCase());
  for (const file of files) {
    const name = basename(file.path);
    if (LOCKFILE_NAMES.has(name)) facts.lockfiles.push(file.path);
    if (name === 'package.json') {
      const pkg = parsePackageJson(file);
      facts.packageJsons.push(pkg);
      if (pkg.error) facts.errors.push({ path: file.path, message: pkg.error });
      Object.keys(pkg.dependencies).forEach(add);
      Object.keys(pkg.devDependencies).forEach(add);
    } else if (isRequirementsPath(file.path)) {
      const req = parseRequirements(file);
      facts.requirements.push(req);
      req.entries.forEach(e => add(e.name));
    } else if (name === 'pyproject.toml') {
      const py = parsePyproject(file);
      facts.pyprojects.push(py);
      if (py.error) facts.errors.push({ path: file.path, message: py.error });
      py.dependencies.forEach(add);
    } else if (name === 'Pipfile') {
      facts.pipfiles.push(file.path);
      try {
        const doc = parseToml(file.text) as Record<string, unknown>;
        Object.keys(asRecord(doc.packages) ?? {}).forEach(add);
        Object.keys(asRecord(doc['dev-packages']) ?? {}).forEach(add);
      } catch (e) {
        facts.errors.push({ path: file.path, message: `invalid TOML: ${(e as Error).message.split('\n')[0]}` });
      }
    } else if (name === 'pom.xml') {
      const pom = parsePom(file);
      facts.poms.push(pom);
      if (pom.error) facts.errors.push({ path: file.path, message: pom.error });
      pom.dependencies.forEach(d => add(d.artifactId));
    } else if (/^build\.gradle(\.kts)?$/.test(name)) {
      facts.gradle.push({ path: file.path, text: file.text });
      for (const m of file.text.matchAll(/['"]([\w.-]+):([\w.-]+)(:[^'"]*)?['"]/g)) {
        add(m[2]);
      }
    } else if (name === 'go.mod') {
      const mod = parseGoMod(file);
      facts.goMods.push(mod);
      mod.requires.forEach(add);
    } else if (/\.(cs|fs)proj$/.test(name)) {
      const packages = [...file.text.matchAll(/<PackageReference\s+Include="([^"]+)"/g)].map(m => m[1]);
      const projectReferences = [...file.text.matchAll(/<ProjectReference\s+Include="([^"]+\.(?:cs|fs|vb)proj)"/g)].map(m =>
        joinPath(dirname(file.path), m[1].replace(/\\/g, '/')),
      );
      facts.csprojs.push({ path: file.path, packages, projectReferences });
      packages.forEach(add);
    }
  }
  return facts;
}
