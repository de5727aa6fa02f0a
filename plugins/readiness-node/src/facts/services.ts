/**
 * The deployable units of a repository: each server application, worker image
 * and deployed frontend, with the ecosystem it is written for, the frameworks
 * that serve it, the dependencies its manifests declare and the source files it
 * owns. Built once per audit from the shared facts and read by every rule that
 * asks "does each service do X?".
 */
import type { SourceFile } from '../snapshot';
import type { Facts } from './index';
import { ECOSYSTEM_LABEL, ECOSYSTEM_OF_LANGUAGE, ENTRY_POINT, JVM_STARTER_BRINGS, MOUNTED_BACKSTAGE_ROLES, SERVER_CODE, SERVER_DEPENDENCIES } from './frameworks';
import type { Ecosystem } from './frameworks';
import { memo } from './memo';
import { isDevRequirementsPath, isRequirementsPath } from './manifests';
import { basename, dirname, isAsidePath, isLowConfidencePath, isToolingPath, languageOf } from './paths';
import { isDevToolFile } from './stack';
import { syntaxTree } from './syntax';
import { lineOf } from './text';
import { hasDeployPipeline } from './workflows';

export type { Ecosystem } from './frameworks';
export { ECOSYSTEM_LABEL, ECOSYSTEM_OF_LANGUAGE } from './frameworks';

/** A dependency manifest with the names it declares, lower-cased. */
export interface ManifestRef {
  path: string;
  dir: string;
  ecosystem: Ecosystem;
  deps: string[];
  /** Of `deps`, those the manifest requires only indirectly (a Go module's `// indirect` requirements: its libraries' own). */
  indirect?: string[];
}

/** A deployable unit of the repository. */
export interface ServiceUnit {
  /** Directory that owns the unit ('' for the repository root). */
  dir: string;
  ecosystem: Ecosystem;
  /** `server` answers requests, `worker` runs in a container without a web framework, `frontend` is a browser app. */
  kind: 'server' | 'worker' | 'frontend';
  /** Server frameworks found (express, flask, spring-boot…). */
  frameworks: string[];
  /** Where to point findings about the unit as a whole. */
  path: string;
  line?: number;
  /** Declared dependencies of the unit's manifests and its ancestors', lower-cased. */
  deps: Set<string>;
  /** Of `deps`, those only required indirectly (a Go module's `// indirect` requirements), which the unit's own code does not use. */
  indirect?: Set<string>;
  /** Non-test source files of the unit's ecosystem that the unit owns. */
  files: SourceFile[];
  /**
   * Code the unit runs from other projects of the repository: the .NET projects its project references
   * (directly or through them) or whose extension methods its code calls (`builder.AddServiceDefaults()`).
   */
  linked?: LinkedCode;
}

/** Projects whose code runs inside a unit, with their declared dependencies and non-test source files. */
export interface LinkedCode {
  dirs: string[];
  deps: Set<string>;
  /** Of `deps`, those only required indirectly. */
  indirect?: Set<string>;
  files: SourceFile[];
}

function lower(names: Iterable<string>): string[] {
  return [...names].map(n => n.toLowerCase());
}

/** A `setup.py` that packages the project (not a module that happens to be named setup). */
const PACKAGING_SETUP =
  /^\s*(?:from\s+(?:setuptools|distutils(?:\.core)?)\s+import|import\s+(?:setuptools|distutils))\b/m;

/**
 * The project folder a requirements file belongs to: `requirements/base.txt`
 * lists the dependencies of the folder that holds `requirements/`.
 */
function requirementsOwner(path: string): string {
  const dir = dirname(path);
  return /^(?:requirements|reqs|requirements\.d)$/i.test(basename(dir))
    ? dirname(dir)
    : dir;
}

/** JVM dependency names with what the starters among them bring (`spring-cloud-config-server` runs Actuator). */
function withStarters(deps: string[]): string[] {
  const brought = deps.flatMap(d => JVM_STARTER_BRINGS[d] ?? []).filter(d => !deps.includes(d));
  return brought.length > 0 ? [...deps, ...new Set(brought)] : deps;
}

/** Every dependency manifest of the repository with its ecosystem and names. */
export function manifestRefs(facts: Facts): ManifestRef[] {
  const m = facts.manifests;
  const refs: ManifestRef[] = [];
  for (const pkg of m.packageJsons) {
    refs.push({
      path: pkg.path,
      dir: pkg.dir,
      ecosystem: 'node',
      deps: lower([
        ...Object.keys(pkg.dependencies),
        ...Object.keys(pkg.devDependencies),
      ]),
    });
  }
  for (const req of m.requirements) {
    refs.push({
      path: req.path,
      dir: requirementsOwner(req.path),
      ecosystem: 'python',
      deps: req.entries.map(e => e.name),
    });
  }
  for (const py of m.pyprojects) {
    refs.push({
      path: py.path,
      dir: py.dir,
      ecosystem: 'python',
      deps: lower(py.dependencies),
    });
  }
  for (const path of m.pipfiles) {
    const text = facts.file(path)?.text ?? '';
    const deps = [
      ...text.matchAll(/^\s*["']?([A-Za-z0-9][\w.-]*)["']?\s*=/gm),
    ].map(x => x[1].toLowerCase());
    refs.push({ path, dir: dirname(path), ecosystem: 'python', deps });
  }
  for (const file of facts.files) {
    const name = basename(file.path);
    if (
      (name === 'setup.py' && PACKAGING_SETUP.test(file.text)) ||
      name === 'setup.cfg'
    ) {
      const block =
        /install_requires\s*=\s*\[([^\]]*)\]/.exec(file.text)?.[1] ??
        /install_requires\s*=\s*\n((?:[ \t]+\S.*\n?)*)/.exec(file.text)?.[1] ??
        '';
      const deps = [...block.matchAll(/(?:^|['"\n])\s*([A-Za-z][\w.-]*)/g)].map(
        x => x[1].toLowerCase(),
      );
      refs.push({
        path: file.path,
        dir: dirname(file.path),
        ecosystem: 'python',
        deps,
      });
    } else if (name === 'Gemfile') {
      const deps = [...file.text.matchAll(/^\s*gem\s+['"]([\w.-]+)['"]/gm)].map(
        x => x[1].toLowerCase(),
      );
      refs.push({
        path: file.path,
        dir: dirname(file.path),
        ecosystem: 'ruby',
        deps,
      });
    }
  }
  for (const pom of m.poms) {
    refs.push({
      path: pom.path,
      dir: dirname(pom.path),
      ecosystem: 'jvm',
      // A `<dependencyManagement>` entry only pins the version for the modules that declare the artifact: it puts nothing
      // on the classpath of this pom or of its modules (a parent that manages the web starter serves nothing).
      deps: withStarters(lower(pom.dependencies.filter(d => !d.managed).map(d => d.artifactId))),
    });
  }
  for (const gradle of m.gradle) {
    const deps = [
      ...gradle.text.matchAll(/['"]([\w.-]+):([\w.-]+)(?::[^'"]*)?['"]/g),
    ].map(x => x[2].toLowerCase());
    // Plugin ids such as id("org.springframework.boot") imply the Boot starters' logging.
    if (/org\.springframework\.boot/.test(gradle.text))
      deps.push('spring-boot');
    refs.push({
      path: gradle.path,
      dir: dirname(gradle.path),
      ecosystem: 'jvm',
      deps: withStarters(deps),
    });
  }
  for (const mod of m.goMods) {
    refs.push({
      path: mod.path,
      dir: dirname(mod.path),
      ecosystem: 'go',
      deps: lower(mod.requires),
      indirect: lower(mod.indirect),
    });
  }
  for (const proj of m.csprojs) {
    const deps = lower(proj.packages);
    const text = facts.file(proj.path)?.text ?? '';
    if (/Sdk\s*=\s*"Microsoft\.NET\.Sdk\.Web"/i.test(text))
      deps.push('microsoft.aspnetcore.app');
    refs.push({
      path: proj.path,
      dir: dirname(proj.path),
      ecosystem: 'dotnet',
      deps,
    });
  }
  return refs;
}

export function isUnder(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

function ancestorsOf(dir: string): string[] {
  const out = [dir];
  let d = dir;
  while (d !== '') {
    d = dirname(d);
    out.push(d);
  }
  return out;
}

/** Whether a code line is a comment, so that mentions in comments do not count. */
export function isCommentLine(text: string): boolean {
  return /^(?:#|\/\/|\*|\/\*|<!--|--|')/.test(text.trim());
}

/** The first match of a pattern in code (not in a comment line) among files. */
export function findInCode(
  files: SourceFile[],
  pattern: RegExp,
  accept: (file: SourceFile, line: number) => boolean = () => true,
): { file: SourceFile; line: number; text: string } | undefined {
  const re = new RegExp(pattern.source, pattern.flags.replace('g', ''));
  for (const file of files) {
    if (!re.test(file.text)) continue;
    const lines = file.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (re.test(lines[i]) && !isCommentLine(lines[i]) && accept(file, i + 1)) {
        return { file, line: i + 1, text: lineOf(file, i + 1) };
      }
    }
    // Multi-line matches: accept when the match does not start in a comment.
    const g = new RegExp(
      pattern.source,
      pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
    );
    for (const match of file.text.matchAll(g)) {
      const line = file.text.slice(0, match.index).split('\n').length;
      if (!isCommentLine(lines[line - 1] ?? '') && accept(file, line))
        return { file, line, text: lineOf(file, line) };
    }
  }
  return undefined;
}

/** A way a unit shows it uses something: a dependency name, a code pattern, or a library set up in code. */
export interface Signal {
  /** Dependency names (lower-case) or patterns over dependency names. */
  deps?: Array<string | RegExp>;
  /** Code patterns over the unit's source files (its own and the code it links). */
  code?: RegExp[];
  /** Libraries that count only when set up: one of the dependencies and one of the calls in code. */
  configured?: Array<{ deps: Array<string | RegExp>; code: RegExp[] }>;
  /**
   * Dependencies count only when the unit requires them itself: a Go module's `// indirect` requirement is a
   * library's own dependency (an ORM that can emit spans), which the unit's code never sets up.
   */
  directDeps?: boolean;
}

/** The dependencies of a unit and of the code it links. */
function unitDeps(unit: ServiceUnit): Iterable<string> {
  return unit.linked ? [...unit.deps, ...unit.linked.deps] : unit.deps;
}

function depHit(deps: Iterable<string>, wanted: Array<string | RegExp>): string | undefined {
  for (const dep of wanted) {
    for (const name of deps) {
      if (typeof dep === 'string' ? name === dep : dep.test(name)) return name;
    }
  }
  return undefined;
}

/**
 * Evidence a unit matches a signal (in its dependencies, its code or the code it links), or undefined; code lines
 * `accept` refuses do not count.
 */
export function evidenceOf(
  unit: ServiceUnit,
  signal: Signal,
  accept?: (file: SourceFile, line: number) => boolean,
): string | undefined {
  const indirect = signal.directDeps ? new Set([...(unit.indirect ?? []), ...(unit.linked?.indirect ?? [])]) : undefined;
  const deps = [...unitDeps(unit)].filter(d => !indirect?.has(d));
  const dep = depHit(deps, signal.deps ?? []);
  if (dep) return `dependency ${dep}`;
  const files = unit.linked ? [...unit.files, ...unit.linked.files] : unit.files;
  for (const pattern of signal.code ?? []) {
    const hit = findInCode(files, pattern, accept);
    if (hit) return `${hit.file.path}:${hit.line}`;
  }
  for (const setUp of signal.configured ?? []) {
    if (!depHit(deps, setUp.deps)) continue;
    for (const pattern of setUp.code) {
      const hit = findInCode(files, pattern, accept);
      if (hit) return `${hit.file.path}:${hit.line}`;
    }
  }
  return undefined;
}

/** A short human name for a unit, for messages. */
export function unitLabel(unit: ServiceUnit): string {
  const where = unit.dir ? `${unit.dir}/` : 'the repository root';
  if (unit.kind === 'server') {
    return `the ${unit.frameworks.join('/')} service in ${where}`;
  }
  if (unit.kind === 'frontend') return `the frontend app in ${where}`;
  return `the ${ECOSYSTEM_LABEL[unit.ecosystem]} container in ${where}`;
}

interface Context {
  units: ServiceUnit[];
  componentOf(path: string, ecosystem: Ecosystem): string;
  depsOf(dir: string, ecosystem: Ecosystem): Set<string>;
  indirectOf(dir: string, ecosystem: Ecosystem): Set<string>;
  filesOf(dir: string, ecosystem: Ecosystem, exclude: string[]): SourceFile[];
}

function contextOf(facts: Facts): Context {
  return memo(facts, 'services.context', () => buildContext(facts));
}

/** The deployable units of the repository, computed once per audit. */
export function serviceUnits(facts: Facts): ServiceUnit[] {
  return contextOf(facts).units;
}

/**
 * The unit that owns a source path for an ecosystem: the deepest service unit
 * of that ecosystem containing it, or else its component (the directory of the
 * nearest manifest) described as a worker.
 */
export function unitOwning(
  facts: Facts,
  path: string,
  ecosystem: Ecosystem,
): ServiceUnit {
  const ctx = contextOf(facts);
  const owner = ctx.units
    .filter(u => u.ecosystem === ecosystem && isUnder(path, u.dir))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
  if (owner) return owner;
  const dir = ctx.componentOf(path, ecosystem);
  return {
    dir,
    ecosystem,
    kind: 'worker',
    frameworks: [],
    path,
    deps: ctx.depsOf(dir, ecosystem),
    indirect: ctx.indirectOf(dir, ecosystem),
    files: ctx.filesOf(dir, ecosystem, []),
  };
}

/** Non-test source files of an ecosystem anywhere in the repository. */
export function ecosystemFiles(
  facts: Facts,
  ecosystem: Ecosystem,
): SourceFile[] {
  return contextOf(facts).filesOf('', ecosystem, []);
}

/**
 * Whether a Dockerfile or compose service of the unit starts the process
 * under an agent matching the pattern (`-javaagent:…`, `ddtrace-run`,
 * `opentelemetry-instrument`…).
 */
export function containerMentions(
  facts: Facts,
  unit: ServiceUnit,
  pattern: RegExp,
): string | undefined {
  for (const dockerfile of facts.dockerfiles) {
    const dir = dirname(dockerfile.path);
    if (!(isUnder(dir, unit.dir) || isUnder(unit.dir, dir))) continue;
    const file = facts.file(dockerfile.path);
    if (file && pattern.test(file.text)) return dockerfile.path;
  }
  for (const compose of facts.compose) {
    for (const service of compose.services) {
      if (
        service.buildContext === undefined ||
        service.buildContext !== unit.dir
      )
        continue;
      if (
        service.environment.some(e => pattern.test(`${e.key}=${e.value ?? ''}`))
      )
        return compose.path;
    }
  }
  return undefined;
}

/** A load-test script: a Locust locustfile, a k6 script, a Gatling simulation. */
const LOAD_TEST_SCRIPT =
  /^\s*(?:from\s+locust(?:\.[\w.]+)?\s+import\b|import\s+locust\b)|^\s*import\s+[^;\n]*\bfrom\s+['"]k6(?:\/[\w/-]+)?['"]|^\s*import\s+io\.gatling\./m;

function buildContext(facts: Facts): Context {
  const manifests = manifestRefs(facts).filter(m => !isAsidePath(m.path));
  // Backstage plugins, modules and libraries run inside the Backstage backend or app
  // that mounts them, never on their own.
  const mountedDirs = new Set(
    facts.manifests.packageJsons
      .filter(
        p => p.backstageRole && MOUNTED_BACKSTAGE_ROLES.has(p.backstageRole),
      )
      .map(p => p.dir),
  );
  const isMounted = (path: string): boolean =>
    [...mountedDirs].some(dir => isUnder(path, dir));
  const manifestDirs = new Map<Ecosystem, Set<string>>();
  for (const ref of manifests) {
    if (!manifestDirs.has(ref.ecosystem))
      manifestDirs.set(ref.ecosystem, new Set());
    manifestDirs.get(ref.ecosystem)!.add(ref.dir);
  }
  const componentOf = (path: string, ecosystem: Ecosystem): string => {
    const dirs = manifestDirs.get(ecosystem);
    for (const dir of ancestorsOf(dirname(path))) {
      if (dirs?.has(dir)) return dir;
    }
    return '';
  };
  const depsOf = (dir: string, ecosystem: Ecosystem): Set<string> => {
    const dirs = new Set(ancestorsOf(dir));
    return new Set(
      manifests
        .filter(m => m.ecosystem === ecosystem && dirs.has(m.dir))
        .flatMap(m => m.deps),
    );
  };
  /** Dependencies the unit's manifests require only indirectly: indirect in one of them and direct in none. */
  const indirectOf = (dir: string, ecosystem: Ecosystem): Set<string> => {
    const dirs = new Set(ancestorsOf(dir));
    const own = manifests.filter(m => m.ecosystem === ecosystem && dirs.has(m.dir));
    const indirect = new Set(own.flatMap(m => m.indirect ?? []));
    const direct = new Set(own.flatMap(m => m.deps.filter(d => !m.indirect?.includes(d))));
    return new Set([...indirect].filter(d => !direct.has(d)));
  };
  const frontendDirs = new Set(facts.stack.frontends.map(f => f.dir));
  const code = codeFilesOf(facts);
  // Per folder, how many source files of each ecosystem lie under it, in order of first appearance.
  let countsUnder: Map<string, Map<Ecosystem, number>> | undefined;
  const ecosystemsUnder = (dir: string): Ecosystem[] => {
    if (!countsUnder) {
      countsUnder = new Map();
      for (const { file, ecosystem } of code) {
        for (const ancestor of ancestorsOf(file.path)) {
          let counts = countsUnder.get(ancestor);
          if (!counts) countsUnder.set(ancestor, (counts = new Map()));
          counts.set(ecosystem, (counts.get(ecosystem) ?? 0) + 1);
        }
      }
    }
    return dominantEcosystem(countsUnder.get(dir) ?? new Map());
  };
  const codeByEcosystem = new Map<Ecosystem, SourceFile[]>();
  for (const { file, ecosystem } of code) {
    let list = codeByEcosystem.get(ecosystem);
    if (!list) codeByEcosystem.set(ecosystem, (list = []));
    list.push(file);
  }

  interface Draft {
    dir: string;
    ecosystem: Ecosystem;
    frameworks: Set<string>;
    path: string;
    line?: number;
    frontend: boolean;
  }
  const drafts = new Map<string, Draft>();
  const draft = (
    dir: string,
    ecosystem: Ecosystem,
    path: string,
    line?: number,
  ): Draft => {
    const key = `${ecosystem}:${dir}`;
    let d = drafts.get(key);
    if (!d) {
      d = {
        dir,
        ecosystem,
        frameworks: new Set(),
        path,
        line,
        frontend: false,
      };
      drafts.set(key, d);
    }
    return d;
  };

  // 1. Manifests that declare a server framework (a framework that only tests, docs, CI or a dev tool installs serves nothing).
  for (const ref of manifests) {
    if (ref.ecosystem === 'node' && isMounted(ref.path)) continue;
    if (ref.ecosystem === 'python' && isRequirementsPath(ref.path) && isDevRequirementsPath(ref.path)) continue;
    const known = SERVER_DEPENDENCIES[ref.ecosystem];
    // A Node.js framework only a dev or test tool imports (a mock API, a dev proxy) serves nobody.
    const devOnly = ref.ecosystem === 'node' ? facts.stack.devServers[ref.path] ?? [] : [];
    const found = ref.deps.filter(d => d in known && !devOnly.includes(d));
    if (found.length === 0) continue;
    const file = facts.file(ref.path);
    const idx = file
      ? file.text.split('\n').findIndex(l => l.toLowerCase().includes(found[0]))
      : -1;
    const d = draft(
      ref.dir,
      ref.ecosystem,
      ref.path,
      idx >= 0 ? idx + 1 : undefined,
    );
    found.forEach(f => d.frameworks.add(known[f]));
  }
  // 1b. Full-stack web apps that serve requests besides rendering pages.
  for (const app of facts.stack.frontends) {
    const server = app.server;
    if (!server || isAsidePath(`${app.dir}/`)) continue;
    // Point at the framework's server entry (Remix `app/entry.server.tsx`, SvelteKit `src/hooks.server.ts`), or else
    // at code that serves the app's clients, not at a health probe or webhook receiver that sorts first.
    const prefix = app.dir ? `${app.dir}/` : '';
    const entry =
      facts.files.find(f => f.path.startsWith(prefix) && /^(?:app\/entry\.server|src\/hooks\.server)\.[cm]?[jt]sx?$/.test(f.path.slice(prefix.length))) ??
      server.files.find(f => !incidentalRoute(f.path.slice(prefix.length), f.text)) ??
      server.files[0];
    const d = draft(app.dir, 'node', entry.path, 1);
    d.frameworks.add(server.name);
    d.frontend = true;
  }
  // 2. Source files that start a server (not scripts, tools, benchmarks, test support or what only test scripts start).
  const packageIn = new Map(facts.manifests.packageJsons.map(p => [p.dir, p]));
  for (const { file, ecosystem } of code) {
    if (isToolingPath(file.path) || isMounted(file.path) || isAsidePath(file.path)) continue;
    const devTool = (): boolean => {
      const pkg = ecosystem === 'node' ? packageIn.get(componentOf(file.path, 'node')) : undefined;
      return !!pkg && isDevToolFile(pkg, pkg.dir ? file.path.slice(pkg.dir.length + 1) : file.path);
    };
    for (const signal of SERVER_CODE) {
      if (signal.ecosystem !== ecosystem || !signal.pattern.test(file.text) || devTool())
        continue;
      const dir = componentOf(file.path, ecosystem);
      if (
        [...frontendDirs].some(
          f => isUnder(file.path, f) && f !== '' && isUnder(f, dir),
        )
      )
        continue;
      const line = file.text
        .slice(0, file.text.search(signal.pattern))
        .split('\n').length;
      const existing = drafts.get(`${ecosystem}:${dir}`);
      const d = draft(dir, ecosystem, file.path, line);
      if (
        !existing ||
        existing.frameworks.size === 0 ||
        !languageOf(existing.path) ||
        (ENTRY_POINT.test(basename(file.path)) &&
          !ENTRY_POINT.test(basename(existing.path)))
      ) {
        d.path = file.path;
        d.line = line;
      }
      if (d.frameworks.size === 0) d.frameworks.add(signal.name);
    }
  }
  // 3. Container images of code that is not already a server: workers and frontends.
  const dockerDirs = new Set<string>();
  for (const dockerfile of facts.dockerfiles) {
    if (!dockerfile.finalStage || isAsidePath(dockerfile.path)) continue;
    // `backend/Dockerfile` built from the repository root is the image of the backend unit or frontend app it sits in.
    const home = dirname(dockerfile.path);
    if (
      home !== '' &&
      ([...drafts.values()].some(d => d.dir !== '' && isUnder(home, d.dir)) ||
        [...frontendDirs].some(f => f !== '' && isUnder(home, f)))
    )
      continue;
    const service = facts.compose
      .flatMap(c => c.services)
      .find(
        s => s.dockerfile === dockerfile.path && s.buildContext !== undefined,
      );
    dockerDirs.add(service?.buildContext ?? dirname(dockerfile.path));
  }
  for (const dir of [...dockerDirs].sort()) {
    const own = manifests.filter(m => m.dir === dir);
    const ecosystems = own.length
      ? [...new Set(own.map(m => m.ecosystem))]
      : ecosystemsUnder(dir);
    if (ecosystems.length === 0) continue;
    if (drafts.has(`${ecosystems[0]}:${dir}`)) continue;
    const nestedUnits = [...drafts.values()].filter(
      d => d.dir !== dir && isUnder(d.dir, dir),
    );
    if (own.length === 0 && nestedUnits.length > 0) continue;
    if (ecosystems.some(e => drafts.has(`${e}:${dir}`))) continue;
    const dockerfile =
      facts.dockerfiles.find(d => dirname(d.path) === dir) ??
      facts.dockerfiles[0];
    const d = draft(
      dir,
      ecosystems[0],
      dockerfile?.path ?? own[0]?.path ?? dir,
      dockerfile?.finalStage?.line,
    );
    d.frontend = frontendDirs.has(dir);
  }
  // 4. Frontend apps are deployed too, with or without an image of their own.
  for (const app of facts.stack.frontends) {
    if (isAsidePath(`${app.dir}/`) || drafts.has(`node:${app.dir}`)) continue;
    const d = draft(app.dir, 'node', app.packageJson.path);
    d.frontend = true;
  }
  // 5. A repository that only shows a deploy pipeline: the root is the unit.
  if (drafts.size === 0 && hasDeployPipeline(facts)) {
    const ecosystems = ecosystemsUnder('');
    if (ecosystems.length > 0) {
      const d = draft(
        '',
        ecosystems[0],
        manifests.find(m => m.dir === '')?.path ?? '.',
      );
      d.frontend = frontendDirs.has('');
    }
  }

  // A Go module the repository's other modules require, with no `package main` of its own, is a library they
  // link in (shared middleware, clients), not a deployable unit, whatever server framework it imports.
  const requiredModules = new Set(facts.manifests.goMods.flatMap(m => m.requires));
  for (const mod of facts.manifests.goMods) {
    const dir = dirname(mod.path);
    if (!mod.module || !requiredModules.has(mod.module) || !drafts.has(`go:${dir}`)) continue;
    const hasMain = (codeByEcosystem.get('go') ?? []).some(
      f => isUnder(f.path, dir) && componentOf(f.path, 'go') === dir && /^package\s+main\b/m.test(f.text),
    );
    if (!hasMain) drafts.delete(`go:${dir}`);
  }

  // A .NET class library that another unit runs (a project it references, or whose extension methods it calls), with
  // no entry point of its own, is linked into that unit, not deployed, whatever ASP.NET Core packages it references
  // and routes its extension methods map (a shared service-defaults project).
  const dotnetCode = codeByEcosystem.get('dotnet') ?? [];
  const dotnetLibraries = [...drafts.values()].filter(d => d.ecosystem === 'dotnet' && isDotnetLibrary(facts, d.dir, dotnetCode, componentOf));
  if (dotnetLibraries.length > 0) {
    const libraryDirs = new Set(dotnetLibraries.map(d => d.dir));
    const runners = [...drafts.values()].filter(d => d.ecosystem === 'dotnet' && !libraryDirs.has(d.dir));
    const linksOf = dotnetLinks(facts, manifests, dotnetCode, componentOf, new Set(runners.map(d => d.dir)));
    const run = new Set(
      runners.flatMap(d => linksOf(d.dir, dotnetCode.filter(f => isUnder(f.path, d.dir) && componentOf(f.path, 'dotnet') === d.dir))),
    );
    for (const d of dotnetLibraries) if (run.has(d.dir)) drafts.delete(`dotnet:${d.dir}`);
  }

  // A load-testing tool (a Locust locustfile, k6 or Gatling scripts) drives traffic at the services: it is a test
  // tool, not a deployable unit, even when its manifest pulls in a web framework (Locust's own Flask UI).
  for (const [key, d] of drafts) {
    const own = (codeByEcosystem.get(d.ecosystem) ?? []).filter(f => isUnder(f.path, d.dir) && componentOf(f.path, d.ecosystem) === d.dir);
    if (
      own.some(f => LOAD_TEST_SCRIPT.test(f.text)) &&
      !own.some(f => !LOAD_TEST_SCRIPT.test(f.text) && SERVER_CODE.some(sig => sig.ecosystem === d.ecosystem && sig.pattern.test(f.text)))
    ) {
      drafts.delete(key);
    }
  }

  const unexcluded = new Map<string, SourceFile[]>();
  const filesOf = (
    dir: string,
    ecosystem: Ecosystem,
    exclude: string[],
  ): SourceFile[] => {
    const key = `${ecosystem}:${dir}`;
    if (exclude.length === 0 && unexcluded.has(key))
      return unexcluded.get(key)!;
    const files = (codeByEcosystem.get(ecosystem) ?? []).filter(
      f => isUnder(f.path, dir) && !exclude.some(n => isUnder(f.path, n)),
    );
    if (exclude.length === 0) unexcluded.set(key, files);
    return files;
  };
  const list = [...drafts.values()].sort(
    (a, b) =>
      a.dir.localeCompare(b.dir) || a.ecosystem.localeCompare(b.ecosystem),
  );
  // A unit's files are those of its ecosystem under its folder but not under a
  // unit of the same ecosystem nested in it: each file belongs to the deepest
  // unit of its ecosystem that contains it.
  const unitDirs = new Map<Ecosystem, Set<string>>();
  for (const d of list) {
    if (!unitDirs.has(d.ecosystem)) unitDirs.set(d.ecosystem, new Set());
    unitDirs.get(d.ecosystem)!.add(d.dir);
  }
  const ownFiles = new Map<string, SourceFile[]>();
  for (const [ecosystem, dirs] of unitDirs) {
    for (const file of codeByEcosystem.get(ecosystem) ?? []) {
      const owner = ancestorsOf(file.path).find(dir => dirs.has(dir));
      if (owner === undefined) continue;
      const key = `${ecosystem}:${owner}`;
      let files = ownFiles.get(key);
      if (!files) ownFiles.set(key, (files = []));
      files.push(file);
    }
  }
  const linkedOf = dotnetLinks(
    facts,
    manifests,
    codeByEcosystem.get('dotnet') ?? [],
    componentOf,
    new Set(list.filter(d => d.ecosystem === 'dotnet').map(d => d.dir)),
  );
  const manifestLinksOf = packageLinks(facts, new Set(list.map(d => `${d.ecosystem}:${d.dir}`)));
  const units: ServiceUnit[] = list.map(d => {
    const frontend =
      d.frontend || (d.frameworks.size === 0 && frontendDirs.has(d.dir));
    const linkedDirs =
      d.ecosystem === 'dotnet'
        ? linkedOf(d.dir, ownFiles.get(`dotnet:${d.dir}`) ?? [])
        : manifestLinksOf(d.dir, d.ecosystem);
    const linked: LinkedCode | undefined = linkedDirs.length
      ? {
          dirs: linkedDirs,
          deps: new Set(linkedDirs.flatMap(dir => [...depsOf(dir, d.ecosystem)])),
          indirect: new Set(linkedDirs.flatMap(dir => [...indirectOf(dir, d.ecosystem)])),
          files: (codeByEcosystem.get(d.ecosystem) ?? []).filter(
            f => linkedDirs.some(dir => isUnder(f.path, dir)) && !isUnder(f.path, d.dir),
          ),
        }
      : undefined;
    return {
      dir: d.dir,
      ecosystem: d.ecosystem,
      kind: kindOf(d.frameworks.size > 0, frontend),
      frameworks: [...d.frameworks].sort(),
      path: d.path,
      ...(d.line !== undefined ? { line: d.line } : {}),
      deps: depsOf(d.dir, d.ecosystem),
      indirect: indirectOf(d.dir, d.ecosystem),
      files: ownFiles.get(`${d.ecosystem}:${d.dir}`) ?? [],
      ...(linked ? { linked } : {}),
    };
  });
  return { units, componentOf, depsOf, indirectOf, filesOf };
}

/**
 * For a Go or Node unit, the folders of the repository's own libraries it depends on through its manifest: Go
 * modules of the repository its go.mod requires (usually with a `replace … => ../lib`), and workspace packages its
 * package.json lists under `dependencies`, with what those depend on in turn. Another deployable unit is not a
 * library of this one; dev-only dependencies are not code it runs.
 */
function packageLinks(facts: Facts, unitKeys: ReadonlySet<string>): (dir: string, ecosystem: Ecosystem) => string[] {
  const goModules = new Map<string, string>();
  for (const mod of facts.manifests.goMods) {
    if (mod.module && !isLowConfidencePath(mod.path)) goModules.set(mod.module, dirname(mod.path));
  }
  const nodePackages = new Map<string, string>();
  for (const pkg of facts.manifests.packageJsons) {
    if (pkg.name && !isLowConfidencePath(pkg.path)) nodePackages.set(pkg.name, pkg.dir);
  }
  const goRequires = new Map(facts.manifests.goMods.map(m => [dirname(m.path), m.requires]));
  const nodeDeps = new Map(facts.manifests.packageJsons.map(p => [p.dir, Object.keys(p.dependencies)]));
  const librariesOf = (dir: string, ecosystem: Ecosystem): string[] => {
    if (ecosystem === 'go') return (goRequires.get(dir) ?? []).flatMap(m => goModules.get(m) ?? []);
    if (ecosystem === 'node') return (nodeDeps.get(dir) ?? []).flatMap(n => nodePackages.get(n) ?? []);
    return [];
  };
  return (dir, ecosystem) => {
    if (ecosystem !== 'go' && ecosystem !== 'node') return [];
    const found = new Set<string>();
    const queue = librariesOf(dir, ecosystem);
    while (queue.length > 0) {
      const next = queue.pop()!;
      if (found.has(next) || next === dir || isUnder(dir, next) || unitKeys.has(`${ecosystem}:${next}`)) continue;
      found.add(next);
      queue.push(...librariesOf(next, ecosystem));
    }
    return [...found].sort();
  };
}

/** Code that starts a .NET process: a `Main` method, or top-level statements building a host or application. */
const DOTNET_ENTRY_POINT =
  /\bstatic\s+(?:async\s+)?(?:void|int|Task(?:\s*<\s*int\s*>)?)\s+Main\s*\(|\b(?:WebApplication|Host|WebHost|DistributedApplication)\.Create(?:Default|Slim|Empty)?(?:Application)?Builder\s*\(/;

/**
 * Whether the .NET project in a folder is a class library: its project files build neither a web app, a worker
 * nor an executable (`Sdk="Microsoft.NET.Sdk.Web"`, `Microsoft.NET.Sdk.Worker`, `<OutputType>Exe</OutputType>`), and
 * its own code has no entry point.
 */
function isDotnetLibrary(
  facts: Facts,
  dir: string,
  files: SourceFile[],
  componentOf: (path: string, ecosystem: Ecosystem) => string,
): boolean {
  const projects = facts.manifests.csprojs.filter(p => dirname(p.path) === dir).map(p => facts.file(p.path)?.text ?? '');
  if (projects.length === 0) return false;
  const executable = /Sdk\s*=\s*"Microsoft\.NET\.Sdk\.(?:Web|Worker)"|<OutputType>\s*(?:Win)?Exe\s*<\/OutputType>/i;
  if (projects.some(text => executable.test(text))) return false;
  return !files.some(f => isUnder(f.path, dir) && componentOf(f.path, 'dotnet') === dir && DOTNET_ENTRY_POINT.test(f.text));
}

/** A C# extension method declaration: `public static T AddServiceDefaults<T>(this T builder)`. */
const EXTENSION_METHOD = /\bstatic\s+[\w<>[\],.? ]+?\s+(\w+)\s*(?:<[^>()]*>)?\s*\(\s*this\s+/g;

/**
 * For a .NET unit, the folders of the other projects whose code it runs: those its project file references,
 * directly or through the referenced projects, and those defining an extension method its code calls (and
 * what they reference in turn). Test projects and the unit's own folder are left out.
 */
function dotnetLinks(
  facts: Facts,
  manifests: ManifestRef[],
  files: SourceFile[],
  componentOf: (path: string, ecosystem: Ecosystem) => string,
  unitDirs: Set<string>,
): (dir: string, own: SourceFile[]) => string[] {
  const projects = new Map(facts.manifests.csprojs.map(p => [p.path, p]));
  const projectDirs = new Set(manifests.filter(m => m.ecosystem === 'dotnet').map(m => m.dir));
  // Extension methods by name, with the project folders that declare them.
  const extensions = new Map<string, Set<string>>();
  for (const file of files) {
    if (!file.text.includes('this ')) continue;
    for (const m of file.text.matchAll(EXTENSION_METHOD)) {
      const dir = componentOf(file.path, 'dotnet');
      if (!projectDirs.has(dir)) continue;
      if (!extensions.has(m[1])) extensions.set(m[1], new Set());
      extensions.get(m[1])!.add(dir);
    }
  }
  const referencesOf = (dir: string): string[] =>
    [...projects.values()]
      .filter(p => dirname(p.path) === dir)
      .flatMap(p => p.projectReferences)
      .filter(ref => projects.has(ref) && !isLowConfidencePath(ref))
      .map(ref => dirname(ref));
  const close = (dir: string, found: Set<string>, queue: string[]): void => {
    while (queue.length > 0) {
      const next = queue.pop()!;
      if (found.has(next) || isUnder(next, dir)) continue;
      found.add(next);
      queue.push(...referencesOf(next));
    }
  };
  return (dir, own) => {
    const found = new Set<string>();
    close(dir, found, referencesOf(dir));
    // An extension method the unit calls but neither it nor what it references declares comes from the one
    // other project that does (a project reference the build adds, or a shared props file); another
    // deployable unit is not such a library, whatever names its own extension methods share.
    const calls = new Set(own.flatMap(file => [...file.text.matchAll(/\.(\w+)\s*(?:<[^>()]*>)?\(/g)].map(m => m[1])));
    const extra: string[] = [];
    for (const name of calls) {
      const homes = [...(extensions.get(name) ?? [])];
      if (homes.length !== 1 || homes.some(home => isUnder(home, dir) || found.has(home) || unitDirs.has(home))) continue;
      extra.push(homes[0]);
    }
    close(dir, found, extra);
    return [...found].sort();
  };
}

function kindOf(server: boolean, frontend: boolean): ServiceUnit['kind'] {
  if (server) return 'server';
  return frontend ? 'frontend' : 'worker';
}

/** Source files of a known ecosystem outside tests, fixtures and docs, in path order. */
function codeFilesOf(
  facts: Facts,
): Array<{ file: SourceFile; ecosystem: Ecosystem }> {
  const out: Array<{ file: SourceFile; ecosystem: Ecosystem }> = [];
  for (const file of facts.files) {
    const language = languageOf(file.path);
    const ecosystem = language ? ECOSYSTEM_OF_LANGUAGE[language] : undefined;
    if (!ecosystem || isLowConfidencePath(file.path)) continue;
    out.push({ file, ecosystem });
  }
  return out;
}

/** The ecosystems of the source files under a directory (their counts there), most files first. */
function dominantEcosystem(counts: Map<Ecosystem, number>): Ecosystem[] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([e]) => e);
}

/** Units that run backend code (servers and workers), not browser apps. */
export function backendUnits(facts: Facts): ServiceUnit[] {
  return serviceUnits(facts).filter(u => u.kind !== 'frontend');
}

/** Units that serve requests. */
export function serverUnits(facts: Facts): ServiceUnit[] {
  return serviceUnits(facts).filter(u => u.kind === 'server');
}

/** Why a route serves no client: it receives a third party's webhooks, completes a sign-in redirect, or answers health checks. */
export type IncidentalRoute = 'webhook' | 'auth-redirect' | 'health';

/** A path segment naming a webhook receiver: `webhooks`, `stripe-webhook`, `webhook_handler`. */
const WEBHOOK_SEGMENT = /^(?:\w+[-_])?webhooks?(?:[-_](?:handler|receiver|listener|endpoint|callback))?$/i;
/** Handlers that read or change resources: a route named for webhooks that has them manages webhook subscriptions for clients. */
const READS_OR_CHANGES = /\bexport\s+(?:async\s+)?(?:function|const)\s+(?:GET|PUT|PATCH|DELETE)\b/;
/** Code that checks a provider's webhook signature (Stripe, GitHub, Svix, Slack, Shopify…). */
const WEBHOOK_SIGNATURE =
  /\bwebhooks\.constructEvent(?:Async)?\(|['"](?:stripe-signature|x-hub-signature(?:-256)?|svix-signature|webhook-signature|x-slack-signature|x-shopify-hmac-sha256)['"]|\bnew\s+Webhook\(|\bverifyWebhook\w*\(/i;
/** Path segments of a sign-in flow: `auth/callback`, `oauth/callback`, `api/auth/[...nextauth]`. */
const AUTH_SEGMENT = /^(?:auth|oauth2?|sso|openid|oidc|callbacks?|signin|sign-in|signout|sign-out|login|logout|confirm|\[{1,2}\.{3}(?:nextauth|auth|all)\]{1,2})$/i;
/** Handlers that only send the browser on: `NextResponse.redirect(…)`, `redirect(…)`, `Response.redirect(…)`. */
const REDIRECT = /\b(?:NextResponse\.redirect|Response\.redirect|redirect|sendRedirect)\(/;
/** Handlers an auth library supplies whole: NextAuth, Auth.js, Better Auth, Lucia, Clerk. */
const AUTH_LIBRARY_HANDLER = /\bNextAuth\(|\bhandlers\s*[,}][^\n]*\bfrom\s+['"][^'"]*auth['"]|\btoNextJsHandler\(|\bhandleAuth\(|\bauthHandler\(/;
/** Code that answers with data: such a route is an API whatever its name. */
const ANSWERS_DATA = /\b(?:NextResponse|Response)\.json\(|\bjson\(\s*[{[]|['"]application\/json['"]/;
/** Last path segments of health and readiness probes. */
const HEALTH_SEGMENT = /^(?:health|healthz|healthcheck|health-check|livez|readyz|liveness|readiness|ping)$/i;

/**
 * Whether a route serves no client of its own: a webhook receiver (named so, or checking a provider's
 * signature), a sign-in redirect (under an auth / OAuth / callback path, answering only with a redirect, or an
 * auth library's catch-all handler), or a health probe. `route` is the route's path inside its app
 * (`app/api/webhooks/route.ts`).
 */
export function incidentalRoute(route: string, text: string): IncidentalRoute | undefined {
  // Folders, then the file name's own parts (`pages/api/health.ts`, Remix `api.webhooks.stripe.tsx`) unless it only says "route".
  const parts = route.split('/');
  const name = parts.pop()!.replace(/\.[cm]?[jt]sx?$/, '');
  const segments = [...parts, ...name.split('.').filter(n => !/^(?:route|index|_index|\+server|\+page|server|get|post|put|patch|delete)$/i.test(n))];
  if (WEBHOOK_SIGNATURE.test(text) || (segments.some(s => WEBHOOK_SEGMENT.test(s)) && !READS_OR_CHANGES.test(text))) return 'webhook';
  if (segments.some(s => AUTH_SEGMENT.test(s))) {
    if (AUTH_LIBRARY_HANDLER.test(text)) return 'auth-redirect';
    if (REDIRECT.test(text) && !ANSWERS_DATA.test(text)) return 'auth-redirect';
  }
  const last = segments[segments.length - 1];
  if (last && HEALTH_SEGMENT.test(last)) return 'health';
  return undefined;
}

/** Frameworks that route requests by file: a unit served only by one of them has exactly its route files as routes. */
const FILE_ROUTED = new Set(['nextjs', 'nuxt', 'sveltekit', 'remix']);

/**
 * The HTTP routes of a full-stack unit (Next.js route handlers and API routes, Nuxt server routes, SvelteKit
 * endpoints, Remix loaders and actions; server actions are not routes), each with why it serves no client when
 * it does not. Undefined for a unit that declares routes in code (Express, Django…), whose routes are not files.
 */
export function fileRoutes(
  facts: Facts,
  unit: ServiceUnit,
): Array<{ file: SourceFile; incidental?: IncidentalRoute }> | undefined {
  if (unit.frameworks.length === 0 || !unit.frameworks.every(f => FILE_ROUTED.has(f))) return undefined;
  const app = facts.stack.frontends.find(f => f.dir === unit.dir && f.server);
  if (!app?.server) return undefined;
  const prefix = app.dir ? `${app.dir}/` : '';
  return app.server.routes.map(file => {
    const incidental = incidentalRoute(file.path.slice(prefix.length), file.text);
    return incidental ? { file, incidental } : { file };
  });
}

/** Python modules of REST API layers mounted in a web app: Django REST Framework, django-ninja, Wagtail's API v2, Tastypie, Flask-RESTful / RESTX / Smorest. */
const PYTHON_REST_MODULE =
  /^(?:rest_framework|rest_framework_\w+|ninja|ninja_extra|tastypie|wagtail(?:\.\w+)*\.api(?:\.\w+)*|flask_restful|flask_restx|flask_smorest)(?:\.|$)/;
/** Python modules of GraphQL layers: graphene-django, Strawberry, Ariadne. */
const PYTHON_GRAPHQL_MODULE = /^(?:graphene_django|strawberry_django|strawberry\.django|strawberry\.fastapi|strawberry\.flask|ariadne(?:_django)?)(?:\.|$)/;
const PYTHON_API_HINT = /\b(?:rest_framework|ninja|tastypie|api|flask_restful|flask_restx|flask_smorest|graphene_django|strawberry|ariadne)\b/;

/**
 * Where a Python unit imports an API layer that answers with data (`from rest_framework import viewsets`,
 * `from wagtail.api.v2.router import WagtailAPIRouter`, `from ninja import NinjaAPI`), read from the files'
 * syntax trees; `rest` keeps only REST layers, leaving GraphQL ones out.
 */
export function pythonApiLayer(
  facts: Facts,
  unit: ServiceUnit,
  rest = false,
): { path: string; line: number; module: string } | undefined {
  if (unit.ecosystem !== 'python') return undefined;
  for (const file of unit.files) {
    if (!file.path.endsWith('.py') || !PYTHON_API_HINT.test(file.text)) continue;
    const tree = syntaxTree(facts, file);
    for (const site of tree?.imports() ?? []) {
      if (PYTHON_REST_MODULE.test(site.source) || (!rest && PYTHON_GRAPHQL_MODULE.test(site.source))) {
        return { path: file.path, line: site.line, module: site.source };
      }
    }
  }
  return undefined;
}
