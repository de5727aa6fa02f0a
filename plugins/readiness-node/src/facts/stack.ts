import { SourceFile } from '../snapshot';
import { ComposeFileFact } from './compose';
import { DockerfileFact } from './dockerfiles';
import { MOUNTED_BACKSTAGE_ROLES, SERVER_DEPENDENCIES, WEB_SERVER_DEPENDENCIES } from './frameworks';
import { isDevRequirementsPath, ManifestFacts, PackageJsonFact } from './manifests';
import { basename, dirname, extname, isAsidePath, isLowConfidencePath, isTestFile, isToolingPath, languageOf } from './paths';
import { syntaxTree } from './syntax';

/** A frontend application found in the tree. @public */
export interface FrontendApp {
  /** Directory of the app's package.json. */
  dir: string;
  framework: string;
  packageJson: PackageJsonFact;
  /** The app's server side, when it serves requests besides rendering pages (Next.js route handlers…). */
  server?: FullStackServer;
}

/** The shared picture of what the repository is built with. @public */
export interface StackFacts {
  /** Non-test source files per language. */
  languages: Record<string, number>;
  /** Web and application frameworks detected (flask, express, spring-boot, react…). */
  frameworks: string[];
  /** Server frameworks detected: a web server exists when this is non-empty. */
  servers: string[];
  /** Where each server framework was seen, for findings that point at the server. */
  serverFiles: string[];
  /**
   * Per package.json path, the server frameworks it declares only in devDependencies that none of its production code
   * imports (a mock API for tests, a dev proxy): they serve nobody, so they make no server. See `devOnlyServerDependencies`.
   */
  devServers: Record<string, string[]>;
  frontends: FrontendApp[];
  datastores: string[];
  orms: string[];
  hasDocker: boolean;
  /** Summary tags, sorted: languages, frameworks, datastores, `docker`. */
  tags: string[];
}

/** Source patterns that reveal a server where no manifest says so. */
const SERVER_CODE: Array<{ pattern: RegExp; name: string; languages: string[] }> = [
  { pattern: /\bfrom\s+flask\s+import\b|\bFlask\(__name__/, name: 'flask', languages: ['python'] },
  { pattern: /\bfrom\s+fastapi\s+import\b/, name: 'fastapi', languages: ['python'] },
  { pattern: /\bhttp\.ListenAndServe(TLS)?\(|&http\.Server\{/, name: 'net/http', languages: ['go'] },
  { pattern: /\b(require\(['"]express['"]\)|from\s+['"]express['"])/, name: 'express', languages: ['javascript', 'typescript'] },
  { pattern: /\bhttp\.createServer\(/, name: 'node-http', languages: ['javascript', 'typescript'] },
  { pattern: /@(RestController|Controller)\b|@SpringBootApplication\b/, name: 'spring-boot', languages: ['java', 'kotlin'] },
  { pattern: /WebApplication\.CreateBuilder\(|\bMapGet\(/, name: 'aspnet', languages: ['csharp'] },
];

const FRONTEND_DEPENDENCIES: Record<string, string> = {
  react: 'react',
  'react-dom': 'react',
  vue: 'vue',
  '@angular/core': 'angular',
  svelte: 'svelte',
  'solid-js': 'solid',
  preact: 'preact',
};

const FRONTEND_TOOLING = /\b(vite|next|react-scripts|webpack|ng |ng$|vue-cli-service|svelte-kit|parcel|rsbuild|astro|nuxt|remix|gatsby)\b/;

const DATASTORE_DEPENDENCIES: Record<string, string> = {
  pg: 'postgres',
  postgres: 'postgres',
  'psycopg2': 'postgres',
  'psycopg2-binary': 'postgres',
  psycopg: 'postgres',
  asyncpg: 'postgres',
  postgresql: 'postgres',
  'github.com/lib/pq': 'postgres',
  'github.com/jackc/pgx/v5': 'postgres',
  mysql: 'mysql',
  mysql2: 'mysql',
  pymysql: 'mysql',
  'mysql-connector-java': 'mysql',
  'mysql-connector-j': 'mysql',
  mongodb: 'mongodb',
  mongoose: 'mongodb',
  pymongo: 'mongodb',
  redis: 'redis',
  ioredis: 'redis',
  'better-sqlite3': 'sqlite',
  sqlite3: 'sqlite',
  h2: 'h2',
  // Drivers and ORM providers of the other ecosystems.
  mysqlclient: 'mysql',
  motor: 'mongodb',
  mongoengine: 'mongodb',
  aiosqlite: 'sqlite',
  mssql: 'sqlserver',
  tedious: 'sqlserver',
  'npgsql': 'postgres',
  'npgsql.entityframeworkcore.postgresql': 'postgres',
  'pomelo.entityframeworkcore.mysql': 'mysql',
  'mysql.data': 'mysql',
  'mysqlconnector': 'mysql',
  'microsoft.entityframeworkcore.sqlserver': 'sqlserver',
  'microsoft.data.sqlclient': 'sqlserver',
  'system.data.sqlclient': 'sqlserver',
  'microsoft.entityframeworkcore.sqlite': 'sqlite',
  'microsoft.data.sqlite': 'sqlite',
  'mongodb.driver': 'mongodb',
  'mongodb-driver-sync': 'mongodb',
  'mongodb-driver-reactivestreams': 'mongodb',
  'spring-boot-starter-data-mongodb': 'mongodb',
  'sqlite-jdbc': 'sqlite',
  'mssql-jdbc': 'sqlserver',
  'mariadb-java-client': 'mysql',
  'gorm.io/driver/postgres': 'postgres',
  'gorm.io/driver/mysql': 'mysql',
  'gorm.io/driver/sqlite': 'sqlite',
  'gorm.io/driver/sqlserver': 'sqlserver',
  'github.com/go-sql-driver/mysql': 'mysql',
  'github.com/mattn/go-sqlite3': 'sqlite',
  'modernc.org/sqlite': 'sqlite',
  'go.mongodb.org/mongo-driver': 'mongodb',
  'github.com/jackc/pgx/v4': 'postgres',
};

const ORM_DEPENDENCIES: Record<string, string> = {
  sqlalchemy: 'sqlalchemy',
  'flask-sqlalchemy': 'sqlalchemy',
  django: 'django-orm',
  prisma: 'prisma',
  '@prisma/client': 'prisma',
  typeorm: 'typeorm',
  sequelize: 'sequelize',
  knex: 'knex',
  '@mikro-orm/core': 'mikro-orm',
  'drizzle-orm': 'drizzle',
  mongoose: 'mongoose',
  'spring-boot-starter-data-jpa': 'jpa',
  'hibernate-core': 'jpa',
  'gorm.io/gorm': 'gorm',
  'microsoft.entityframeworkcore': 'entity-framework',
  peewee: 'peewee',
  'tortoise-orm': 'tortoise',
  sqlmodel: 'sqlalchemy',
};

const DATASTORE_IMAGES: Array<[RegExp, string]> = [
  [/(^|\/)postgres(ql)?(:|$)|postgis/, 'postgres'],
  [/(^|\/)(mysql|mariadb)(:|$)/, 'mysql'],
  [/(^|\/)mongo(db)?(:|$)/, 'mongodb'],
  [/(^|\/)redis(:|$)/, 'redis'],
];

/** Server code that a full-stack web framework serves: route handlers, API routes, server actions. */
const FULL_STACK_SERVERS: Array<{
  deps: string[];
  name: string;
  /** Route files, relative to the app's folder. */
  route: RegExp;
  /** What a route file must export or declare to serve requests, when its name alone does not say. */
  serves?: RegExp;
  /** Server actions, page loads and form actions: code the app's own pages call, not HTTP routes a client addresses. */
  actions?: true;
}> = [
  {
    deps: ['next'],
    name: 'nextjs',
    route: /^(?:src\/)?(?:app\/(?:.+\/)?route\.[cm]?[jt]sx?|pages\/api\/.+\.[cm]?[jt]sx?)$/,
  },
  {
    deps: ['next'],
    name: 'nextjs',
    route: /^(?:src\/)?(?:app|actions|lib|server)\/.+\.[cm]?[jt]sx?$/,
    serves: /^(?:\s*\/\/[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*\s*['"]use server['"]/,
    actions: true,
  },
  {
    deps: ['nuxt', 'nuxt3'],
    name: 'nuxt',
    route: /^server\/(?:api|routes)\/.+\.[cm]?[jt]s$/,
  },
  {
    deps: ['@sveltejs/kit'],
    name: 'sveltekit',
    route: /^src\/routes\/(?:.+\/)?\+server\.[jt]s$/,
    serves: /export\s+(?:async\s+)?(?:function|const)\s+(?:GET|POST|PUT|PATCH|DELETE|fallback)\b/,
  },
  {
    // A page's own load functions and form actions serve that page, like server actions.
    deps: ['@sveltejs/kit'],
    name: 'sveltekit',
    route: /^src\/routes\/(?:.+\/)?\+(?:page|layout)\.server\.[jt]s$/,
    serves: /export\s+(?:async\s+)?(?:function|const)\s+(?:load|actions)\b/,
    actions: true,
  },
  {
    // A resource route (no page component) answers HTTP requests of any client.
    deps: ['@remix-run/node', '@remix-run/server-runtime', '@react-router/node'],
    name: 'remix',
    route: /^app\/routes\/.+\.[jt]sx?$/,
    serves: /^(?![\s\S]*\bexport\s+default\b)[\s\S]*\bexport\s+(?:async\s+)?(?:function|const)\s+(?:loader|action)\b/,
  },
  {
    // A page route's loader and action serve its own component, like server actions.
    deps: ['@remix-run/node', '@remix-run/server-runtime', '@react-router/node'],
    name: 'remix',
    route: /^app\/routes\/.+\.[jt]sx?$/,
    serves: /export\s+(?:async\s+)?(?:function|const)\s+(?:loader|action)\b/,
    actions: true,
  },
];

/** A full-stack app's server: the framework and the files that serve requests, in path order. */
export interface FullStackServer {
  name: string;
  files: SourceFile[];
  /** The files among them that are HTTP routes (route handlers, API routes, endpoints), not server actions. */
  routes: SourceFile[];
}

/**
 * The server side of a full-stack web app (Next.js route handlers and `pages/api`,
 * server actions, Nuxt server routes, SvelteKit endpoints, Remix loaders and actions),
 * or undefined when the app only renders pages.
 */
export function fullStackServerOf(pkg: PackageJsonFact, files: SourceFile[]): FullStackServer | undefined {
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  const kinds = FULL_STACK_SERVERS.filter(k => k.deps.some(d => d in deps));
  if (kinds.length === 0) return undefined;
  const prefix = pkg.dir ? `${pkg.dir}/` : '';
  const found: SourceFile[] = [];
  const routes: SourceFile[] = [];
  let name: string | undefined;
  for (const file of files) {
    if (!file.path.startsWith(prefix) || isTestFile(file.path) || /(^|\/)node_modules\//.test(file.path)) continue;
    const rel = file.path.slice(prefix.length);
    const kind = kinds.find(k => k.route.test(rel) && (!k.serves || k.serves.test(file.text)));
    if (!kind) continue;
    name ??= kind.name;
    found.push(file);
    if (!kind.actions) routes.push(file);
  }
  const byPath = (a: SourceFile, b: SourceFile) => a.path.localeCompare(b.path);
  return name ? { name, files: found.sort(byPath), routes: routes.sort(byPath) } : undefined;
}

/**
 * Script names of test runs and stand-ins: `test`, `test:e2e`, `run-mock-server`, `storybook`, `cypress`. A plain `dev` or
 * `watch` script is left out: it usually runs the real server in development.
 */
const TEST_SCRIPT_NAME = /(?:^|[:_-])(?:tests?|e2e|mocks?|fakes?|stubs?|fixtures?|storybook|cypress|playwright)(?:[:_-]|$)/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const testScriptsOf = new WeakMap<PackageJsonFact, Set<string>>();

/** The scripts of a package that serve only tests: named so, or run only by such scripts (`yarn run-x` inside `test-e2e`). */
function testOnlyScripts(pkg: PackageJsonFact): Set<string> {
  const cached = testScriptsOf.get(pkg);
  if (cached) return cached;
  const names = Object.keys(pkg.scripts);
  const callers = new Map<string, string[]>(names.map(n => [n, []]));
  for (const [name, command] of Object.entries(pkg.scripts)) {
    for (const other of names) {
      if (other === name) continue;
      const runs = new RegExp(String.raw`\b(?:npm\s+run|yarn(?:\s+run)?|pnpm(?:\s+run)?|bun\s+run)\s+${escapeRegExp(other)}(?=$|[\s"'&;|)])`);
      if (runs.test(command)) callers.get(other)!.push(name);
    }
  }
  const testOnly = (name: string, seen: Set<string>): boolean => {
    if (TEST_SCRIPT_NAME.test(name)) return true;
    const by = callers.get(name) ?? [];
    if (by.length === 0 || seen.has(name)) return false;
    seen.add(name);
    return by.every(caller => testOnly(caller, seen));
  };
  const found = new Set(names.filter(n => testOnly(n, new Set())));
  testScriptsOf.set(pkg, found);
  return found;
}

/** Tool configuration modules (`vite.config.ts`, `webpack.config.js`): they set up builds and dev servers, not the app. */
const CONFIG_MODULE = /\.config\.[cm]?[jt]s$/;

/**
 * Whether a file of a package is development tooling rather than the app: a tool configuration module, or a file that only
 * test scripts start (`"test:e2e": "start-server-and-test 'node api.js' …"`, or a script that only test scripts run).
 * `rel` is the file's path inside the package.
 */
export function isDevToolFile(pkg: PackageJsonFact, rel: string): boolean {
  if (CONFIG_MODULE.test(basename(rel))) return true;
  const mentions = new RegExp(String.raw`(?:^|[\s"'=])(?:\./)?${escapeRegExp(rel)}(?=$|[\s"'])`);
  const by = Object.entries(pkg.scripts).filter(([, command]) => mentions.test(command)).map(([name]) => name);
  if (by.length === 0) return false;
  const testScripts = testOnlyScripts(pkg);
  return by.every(name => testScripts.has(name));
}

/**
 * The server frameworks a package declares only in devDependencies that none of its production code imports: code outside
 * tests, fixtures, mocks, scripts and development tooling (`isDevToolFile`). Such a framework serves a mock API or a dev
 * proxy. A framework declared in devDependencies that production code imports still counts (a server bundled at build
 * time). Imports are read from the files' syntax trees.
 */
export function devOnlyServerDependencies(pkg: PackageJsonFact, packages: PackageJsonFact[], files: SourceFile[], owner: object): string[] {
  const known = SERVER_DEPENDENCIES.node;
  const devOnly = Object.keys(pkg.devDependencies).filter(d => d.toLowerCase() in known && !(d in pkg.dependencies));
  if (devOnly.length === 0) return [];
  const prefix = pkg.dir ? `${pkg.dir}/` : '';
  const nested = packages.filter(p => p !== pkg && p.dir !== pkg.dir && (pkg.dir === '' || p.dir.startsWith(prefix))).map(p => `${p.dir}/`);
  const imported = new Set<string>();
  for (const file of files) {
    if (!file.path.startsWith(prefix) || nested.some(n => file.path.startsWith(n))) continue;
    const language = languageOf(file.path);
    if (language !== 'javascript' && language !== 'typescript') continue;
    if (/(^|\/)node_modules\//.test(file.path) || isLowConfidencePath(file.path) || isToolingPath(file.path) || isAsidePath(file.path)) continue;
    const named = devOnly.filter(d => !imported.has(d) && file.text.includes(d));
    if (named.length === 0) continue;
    const tree = syntaxTree(owner, file);
    // A file that cannot be parsed is taken to import what it names.
    const sources = tree ? tree.imports().map(i => i.source) : named;
    const hits = named.filter(d => sources.some(s => s === d || s.startsWith(`${d}/`)));
    if (hits.length === 0 || isDevToolFile(pkg, file.path.slice(prefix.length))) continue;
    hits.forEach(d => imported.add(d));
  }
  return devOnly.filter(d => !imported.has(d)).map(d => d.toLowerCase());
}

/** package.json fields that publish modules for other packages to import. */
const LIBRARY_ENTRY_FIELDS = ['main', 'module', 'exports', 'types', 'typings'];
/** Scripts that build a library's modules (bundled or transpiled into an output folder) rather than an app. */
const LIBRARY_BUILD = /\b(?:rollup|tsup|microbundle|unbuild|vite\s+build\s+--lib|babel\b[^&|;]*\s(?:--out-dir|-d)\s)/;
/** Scripts that serve or build an app: dev servers and app builds. */
const APP_SCRIPT =
  /\b(?:next\s+(?:dev|build|start)|react-scripts|craco|ng\s+(?:serve|build)|nuxt|vue-cli-service\s+serve|webpack(?:-dev-server|\s+serve)|remix|gatsby|astro)\b/;
/** Configuration of an app framework. A Vite config counts unless it builds a library (`build.lib`). */
const APP_CONFIG = /^(?:next|nuxt|astro|remix|gatsby)\.config\.[cm]?[jt]s$|^angular\.json$/;
const VITE_CONFIG = /^vite\.config\.[cm]?[jt]s$/;
/** Next.js page and route folders, and the modules that usually start a browser app. */
const NEXT_APP_FILE = /^(?:src\/)?(?:app|pages)\/.+\.[cm]?[jt]sx?$/;
const ENTRY_MODULE = /^(?:src\/)?(?:main|index)\.[cm]?[jt]sx?$/;
const APP_HTML = /^(?:public\/|src\/)?index\.html$/;

/** Whether an entry module mounts an app into the page: `createRoot`, `ReactDOM.render`, `createApp(App).mount`… */
function mountsApp(file: SourceFile, owner: object): boolean {
  if (!/\b(?:createRoot|hydrateRoot|render|mount|bootstrapApplication|bootstrapModule|Vue)\b/.test(file.text)) return false;
  const tree = syntaxTree(owner, file);
  if (!tree) return true;
  return tree.calls().some(
    c =>
      ['createRoot', 'hydrateRoot', 'bootstrapApplication', 'bootstrapModule'].includes(c.name) ||
      (c.name === 'render' && /^ReactDOM$|^Preact$/i.test(c.receiver)) ||
      (c.name === 'mount' && /\bcreate(?:Ssr)?App\s*\(/.test(file.text)) ||
      (c.constructs && c.name === 'Vue'),
  );
}

/**
 * Whether a package is a library of components rather than an app: it publishes modules (`main`, `module`, `exports`,
 * `types`), takes its UI framework as a peer dependency or builds with a library bundler (rollup, tsup, `babel --out-dir`),
 * and has no app entry: no `index.html`, no app framework config, no Next.js pages, no script that serves or builds an app,
 * and no entry module that mounts an app.
 */
function isLibraryPackage(
  pkg: PackageJsonFact,
  packages: PackageJsonFact[],
  files: Map<string, SourceFile>,
  owner: object,
): boolean {
  const manifest = files.get(pkg.path);
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(manifest?.text ?? '') as Record<string, unknown>;
  } catch {
    return false;
  }
  if (!json || typeof json !== 'object' || !LIBRARY_ENTRY_FIELDS.some(f => json[f] !== undefined)) return false;
  const peers = json.peerDependencies && typeof json.peerDependencies === 'object' ? (json.peerDependencies as object) : {};
  const peerFramework = Object.keys(FRONTEND_DEPENDENCIES).some(d => d in peers);
  const scripts = Object.values(pkg.scripts).join('\n');
  if (!peerFramework && !LIBRARY_BUILD.test(scripts)) return false;
  if (APP_SCRIPT.test(scripts)) return false;
  const prefix = pkg.dir ? `${pkg.dir}/` : '';
  const nested = packages.filter(p => p.dir !== pkg.dir && (pkg.dir === '' || p.dir.startsWith(prefix))).map(p => `${p.dir}/`);
  for (const [path, file] of files) {
    if (!path.startsWith(prefix) || nested.some(n => path.startsWith(n))) continue;
    const rel = path.slice(prefix.length);
    if (/(^|\/)node_modules\//.test(rel)) continue;
    if (APP_HTML.test(rel) || APP_CONFIG.test(rel) || (VITE_CONFIG.test(rel) && !/\blib\s*:/.test(file.text))) return false;
    if ('next' in pkg.dependencies && NEXT_APP_FILE.test(rel)) return false;
    if (ENTRY_MODULE.test(rel) && mountsApp(file, owner)) return false;
  }
  return true;
}

function isFrontendApp(pkg: PackageJsonFact, files: Set<string>): string | undefined {
  if (pkg.backstageRole && MOUNTED_BACKSTAGE_ROLES.has(pkg.backstageRole)) return undefined;
  if (isAsidePath(`${pkg.dir}/`)) return undefined;
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  let framework: string | undefined;
  for (const [dep, name] of Object.entries(FRONTEND_DEPENDENCIES)) {
    if (dep in deps) {
      framework = name;
      break;
    }
  }
  if (!framework) return undefined;
  const scripts = Object.values(pkg.scripts).join('\n');
  const prefix = pkg.dir ? `${pkg.dir}/` : '';
  const hasHtml =
    files.has(`${prefix}index.html`) ||
    files.has(`${prefix}public/index.html`) ||
    files.has(`${prefix}src/index.html`);
  const hasTooling = FRONTEND_TOOLING.test(scripts) || 'next' in deps || 'vite' in deps || 'react-scripts' in deps;
  return hasHtml || hasTooling ? framework : undefined;
}

export function collectStack(
  files: SourceFile[],
  manifests: ManifestFacts,
  dockerfiles: DockerfileFact[],
  compose: ComposeFileFact[],
  owner: object = manifests,
): StackFacts {
  const languages: Record<string, number> = {};
  const frameworks = new Set<string>();
  const servers = new Set<string>();
  const serverFiles = new Set<string>();
  const datastores = new Set<string>();
  const orms = new Set<string>();
  const deps = manifests.allDependencies;

  // A Node.js server framework counts where some package declares it for production or imports it from production code.
  const devServers: Record<string, string[]> = {};
  const nodeServers = new Set<string>();
  for (const pkg of manifests.packageJsons) {
    const devOnly = devOnlyServerDependencies(pkg, manifests.packageJsons, files, owner);
    if (devOnly.length > 0) devServers[pkg.path] = devOnly;
    for (const name of [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]) {
      if (!devOnly.includes(name.toLowerCase())) nodeServers.add(name.toLowerCase());
    }
  }
  // A Python server framework only test or dev requirements list (a library testing its FastAPI integration) serves nothing.
  const pythonProduction = new Set([
    ...manifests.requirements.filter(r => !isDevRequirementsPath(r.path)).flatMap(r => r.entries.map(e => e.name.toLowerCase())),
    ...manifests.pyprojects.flatMap(p => p.dependencies.map(d => d.toLowerCase())),
  ]);
  const pythonDevOnly = (dep: string): boolean =>
    dep in SERVER_DEPENDENCIES.python &&
    manifests.pipfiles.length === 0 &&
    !pythonProduction.has(dep) &&
    manifests.requirements.some(r => isDevRequirementsPath(r.path) && r.entries.some(e => e.name.toLowerCase() === dep));
  for (const [dep, name] of Object.entries(WEB_SERVER_DEPENDENCIES)) {
    if (pythonDevOnly(dep)) continue;
    if (deps.has(dep) && (!(dep in SERVER_DEPENDENCIES.node) || nodeServers.has(dep))) {
      frameworks.add(name);
      servers.add(name);
    }
  }
  const packageIn = new Map(manifests.packageJsons.map(p => [p.dir, p]));
  const isNodeDevTool = (path: string): boolean => {
    if (!/\.[cm]?[jt]sx?$/.test(path)) return false;
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const pkg = packageIn.get(dir);
      if (pkg) return isDevToolFile(pkg, dir ? path.slice(dir.length + 1) : path);
      if (dir === '') return false;
    }
  };
  for (const [dep, name] of Object.entries(DATASTORE_DEPENDENCIES)) {
    if (deps.has(dep)) datastores.add(name);
  }
  for (const [dep, name] of Object.entries(ORM_DEPENDENCIES)) {
    if (deps.has(dep)) orms.add(name);
  }

  for (const file of files) {
    const language = languageOf(file.path);
    if (extname(file.path) === '.sql' && !isLowConfidencePath(file.path)) datastores.add('sql');
    if (!language) continue;
    const test = isTestFile(file.path);
    if (!test) languages[language] = (languages[language] ?? 0) + 1;
    // Servers in docs and examples (tutorial apps, sample code) are not the repository's own.
    if (test || isToolingPath(file.path) || isAsidePath(file.path)) continue;
    for (const signal of SERVER_CODE) {
      if (signal.languages.includes(language) && signal.pattern.test(file.text) && !isNodeDevTool(file.path)) {
        servers.add(signal.name);
        frameworks.add(signal.name);
        serverFiles.add(file.path);
      }
    }
    if (language === 'python' && basename(file.path) === 'models.py' && /models\.Model\b/.test(file.text)) {
      orms.add('django-orm');
    }
  }

  const paths = new Set(files.map(f => f.path));
  const byPath = new Map(files.map(f => [f.path, f]));
  const frontends: FrontendApp[] = [];
  for (const pkg of manifests.packageJsons) {
    const framework = isFrontendApp(pkg, paths);
    if (framework && !isLibraryPackage(pkg, manifests.packageJsons, byPath, owner)) {
      const server = fullStackServerOf(pkg, files);
      frontends.push({ dir: pkg.dir, framework, packageJson: pkg, ...(server ? { server } : {}) });
      frameworks.add(framework);
      if ('next' in pkg.dependencies || 'next' in pkg.devDependencies) frameworks.add('next');
      if (server) {
        servers.add(server.name);
        frameworks.add(server.name);
        serverFiles.add(server.files[0].path);
      }
    }
  }

  for (const file of compose) {
    for (const service of file.services) {
      for (const [pattern, name] of DATASTORE_IMAGES) {
        if (service.image && pattern.test(service.image)) datastores.add(name);
      }
    }
  }

  const tags = new Set<string>([
    ...Object.keys(languages),
    ...frameworks,
    ...datastores,
  ]);
  const hasDocker = dockerfiles.length > 0 || compose.length > 0;
  if (hasDocker) tags.add('docker');
  return {
    languages,
    frameworks: [...frameworks].sort(),
    servers: [...servers].sort(),
    serverFiles: [...serverFiles].sort(),
    devServers,
    frontends,
    datastores: [...datastores].sort(),
    orms: [...orms].sort(),
    hasDocker,
    tags: [...tags].sort(),
  };
}
