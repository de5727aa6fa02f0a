import type { Facts } from '../../../facts';
import { basename, dirname, isTestFile, joinPath, languageOf } from '../../../facts';
import { isDevelopmentName } from '../../../facts/values';
import { envFileKind } from '../../../facts/env';
import { isProjectNameSecret, isSecretName, isStandInSecret, nameWords } from '../../../facts/secretNames';

/** A stand-in value of a secret-named key in a committed env file that the app or its compose stack loads. */
export interface LoadedEnvStandIn {
  path: string;
  line: number;
  key: string;
  value: string;
  /** What loads the file (up to two), for the message. */
  loaders: string[];
  /** The code refuses the value outside development (`if value == "changethis": raise …`). */
  refused: boolean;
  /** The env file is named for tests or development (`.env.test`, `.env.local`). */
  devOnly: boolean;
  /** The env file is a template (`.env.example`) that code loads by name at runtime. */
  template: boolean;
  /** The setting beside it that puts the database this password opens on the loopback host (`MYSQL_HOST=localhost`). */
  localHost?: string;
}

/**
 * Calls and options that load an env file, with the argument text after them:
 * pydantic-settings `env_file=…`, python-dotenv `load_dotenv(…)`/`dotenv_values(…)`,
 * django-environ `read_env(…)`, Node `dotenv.config(…)`/`import 'dotenv/config'`,
 * Node `process.loadEnvFile(…)`, NestJS `envFilePath: …`, Go `godotenv.Load(…)`, Ruby `Dotenv.load(…)`.
 */
const ENV_LOADER =
  /\benv_file\s*[=:]\s*(?<pyArgs>\([^)]{0,300}\)|\[[^\]]{0,300}\]|['"][^'"\n]{1,200}['"])|\b(?:load_dotenv|dotenv_values|read_env|read_dotenv|godotenv\.(?:Load|Overload|Read)|Dotenv\.(?:load|overload)|dotenv\.config|require\(\s*['"]dotenv['"]\s*\)\.config|process\.loadEnvFile)\s*\((?<args>[^)\n]{0,300})\)|\benvFilePath\s*:\s*(?<nestArgs>\[[^\]]{0,300}\]|['"][^'"\n]{1,200}['"])|(?:import|require\()\s*['"]dotenv\/config['"]/g;

/**
 * Env file names an argument list names (basenames); the default `.env` when it names none. A template given as
 * the list of required keys (dotenv-safe's `example: '.env.example'`) is read for its names only, not loaded.
 */
function namedEnvFiles(args: string | undefined): string[] {
  const loaded = (args ?? '').replace(/\b(?:example|sample|defaults|schema)\s*:\s*(['"`])[^'"`\n]*\1/g, '');
  const names = [...loaded.matchAll(/['"`]([^'"`\n]+)['"`]/g)].map(m => basename(m[1])).filter(n => /(^|[./])env\b|\.env\b/.test(n));
  return names.length ? names : ['.env'];
}

/** Makefiles, and the lines that include another file into one or export every variable to the recipes' environment. */
const MAKEFILE = /^(?:GNUmakefile|[Mm]akefile|BSDmakefile)$|\.mk$/;
const MAKE_INCLUDE = /^[ \t]*-?s?include[ \t]+([^\n#$]+)/gm;
const MAKE_EXPORTS_ALL = /^[ \t]*export[ \t]*(?:#.*)?$|^\.EXPORT_ALL_VARIABLES:/m;

function isAncestorOrSame(dir: string, of: string): boolean {
  return dir === '' || of === dir || of.startsWith(`${dir}/`);
}

/**
 * Frameworks that load env files from their project folder by themselves, in production too: Next.js and
 * SvelteKit read `.env` and `.env.production` into the server's environment; Vite reads them for the
 * `VITE_`-prefixed keys only (built into the bundle). Nuxt reads `.env` only in development.
 */
const FRAMEWORK_ENV_LOADERS: Array<{ dependency: string; name: string; files: string[]; keys?: RegExp }> = [
  { dependency: 'next', name: 'Next.js', files: ['.env', '.env.production'] },
  { dependency: '@sveltejs/kit', name: 'SvelteKit', files: ['.env', '.env.production'] },
  { dependency: 'vite', name: 'Vite', files: ['.env', '.env.production'], keys: /^VITE_/ },
];

interface Loaders {
  all: string[];
  interpolated: Array<{ compose: string; text: string }>;
  /** Frameworks that load the file for some keys only. */
  forKeys: Array<{ by: string; keys: RegExp }>;
  /** Whether code names the file itself (a template counts only then). */
  named: boolean;
}

/**
 * What loads each committed env file: code in or below its folder that names it (the nearest file of that name
 * above the code), a package.json `start` script's `node --env-file`, the framework of its folder (Next.js,
 * SvelteKit, Vite), a compose service's `env_file:`, a compose file beside a `.env` (for its `${VAR}`s), or a Makefile
 * that includes it and exports its variables. Templates (`.env.example`) count only where code, a start script or a
 * Makefile loads them by name.
 */
function envLoaders(facts: Facts): Map<string, Loaders> {
  const out = new Map<string, Loaders>();
  const real = facts.envFiles;
  if (real.length === 0) return out;
  for (const env of real) out.set(env.path, { all: [], interpolated: [], forKeys: [], named: false });
  const byName = (dir: string, name: string) =>
    real
      .filter(env => basename(env.path) === name && isAncestorOrSame(dirname(env.path), dir))
      .sort((a, b) => b.path.length - a.path.length)[0];
  for (const pkg of facts.manifests.packageJsons) {
    const deps = { ...pkg.dependencies, ...pkg.devDependencies };
    // Next.js uses Vite's loader for nothing: a framework that loads every key wins over Vite's prefixed keys.
    const framework = FRAMEWORK_ENV_LOADERS.find(f => f.dependency in deps && !f.keys) ?? FRAMEWORK_ENV_LOADERS.find(f => f.dependency in deps);
    if (framework) {
      for (const name of framework.files) {
        const env = out.get(pkg.dir ? `${pkg.dir}/${name}` : name);
        if (!env) continue;
        const by = `${framework.name} (${pkg.path})`;
        if (framework.keys) env.forKeys.push({ by, keys: framework.keys });
        else env.all.push(by);
      }
    }
    for (const m of (pkg.scripts.start ?? '').matchAll(/--env-file(?:-if-exists)?[=\s]+['"]?([^\s'"]+)/g)) {
      const env = out.get(joinPath(pkg.dir, m[1]));
      if (env) {
        env.all.push(`the start script of ${pkg.path}`);
        env.named = true;
      }
    }
  }
  for (const compose of facts.compose) {
    const file = facts.file(compose.path);
    for (const service of compose.services) {
      for (const path of service.envFiles ?? []) {
        const env = out.get(path);
        if (!env) continue;
        env.all.push(`${compose.path} (service ${service.name})`);
        env.named = true;
      }
    }
    // Compose reads the `.env` beside it to fill `${VAR}` in the file.
    const beside = out.get(dirname(compose.path) ? `${dirname(compose.path)}/.env` : '.env');
    if (beside && file) beside.interpolated.push({ compose: compose.path, text: file.text });
  }
  for (const file of facts.files) {
    if (!MAKEFILE.test(basename(file.path)) || !MAKE_EXPORTS_ALL.test(file.text)) continue;
    // `include .env` with `export`: every recipe (`make run`) runs with the file's variables in its environment.
    for (const m of file.text.matchAll(MAKE_INCLUDE)) {
      for (const word of m[1].trim().split(/\s+/)) {
        const env = out.get(joinPath(dirname(file.path), word.replace(/^\.\//, '')));
        if (!env) continue;
        env.all.push(`${file.path} (include)`);
        env.named = true;
      }
    }
  }
  for (const file of facts.files) {
    if (!languageOf(file.path) || isTestFile(file.path) || !/env_file|dotenv|read_env|envFilePath|godotenv|Dotenv|loadEnvFile/.test(file.text)) continue;
    for (const m of file.text.matchAll(ENV_LOADER)) {
      const names = namedEnvFiles(m.groups!.pyArgs ?? m.groups!.args ?? m.groups!.nestArgs);
      for (const name of names) {
        // The nearest file of that name in the loader's folder or above it.
        const nearest = byName(dirname(file.path), name);
        if (!nearest) continue;
        out.get(nearest.path)!.all.push(file.path);
        out.get(nearest.path)!.named = true;
      }
    }
  }
  return out;
}

/** Last words of a setting that names a server's host, and loopback addresses (with a port at most). */
const HOST_WORDS = new Set(['host', 'hostname', 'addr', 'address', 'server']);
const LOOPBACK = /^(?:localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)(?::\d+)?$/i;

/**
 * The setting beside a password that puts its server on the loopback host: `MYSQL_HOST=localhost` for
 * `MYSQL_PASSWORD`, `DB_ADDR=127.0.0.1:5432` for `DB_PASS`. Such a file describes a developer's machine.
 */
function loopbackHostBeside(entries: Array<{ key: string; value: string }>, key: string): string | undefined {
  const words = nameWords(key);
  if (words.length < 2 || !['password', 'passwd', 'pwd', 'pass'].includes(words[words.length - 1])) return undefined;
  const prefix = words.slice(0, -1).join('_');
  const host = entries.find(e => {
    const w = nameWords(e.key);
    return w.length >= 2 && HOST_WORDS.has(w[w.length - 1]) && w.slice(0, -1).join('_') === prefix && LOOPBACK.test(e.value.trim());
  });
  return host && `${host.key}=${host.value.trim()}`;
}

/** Whether code compares a setting with this literal, to refuse it: `if value == "changethis": raise …`. */
function refusedInCode(facts: Facts, value: string): boolean {
  const quoted = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const compared = new RegExp(`[!=]==?\\s*['"\`]${quoted}['"\`]|['"\`]${quoted}['"\`]\\s*[!=]==?`);
  return facts.files.some(f => languageOf(f.path) !== undefined && !isTestFile(f.path) && f.text.includes(value) && compared.test(f.text));
}

/**
 * Secret-named keys set to a stand-in (`SECRET_KEY=changethis`) in a committed,
 * non-template env file that the app's settings load (pydantic-settings
 * `env_file`, dotenv) or that a compose file loads (`env_file:`, or the `.env`
 * beside it whose value the compose file interpolates).
 */
export function loadedEnvStandIns(facts: Facts): LoadedEnvStandIn[] {
  const loaders = envLoaders(facts);
  const out: LoadedEnvStandIn[] = [];
  for (const env of facts.envFiles) {
    const loader = loaders.get(env.path);
    // A template is documentation unless code loads it by name.
    if (!loader || (env.kind === 'example' && !loader.named)) continue;
    const devOnly = basename(env.path).split('.').filter(Boolean).slice(1).some(isDevelopmentName);
    for (const entry of env.entries) {
      const value = entry.value.trim();
      if (!isSecretName(entry.key) || !(isStandInSecret(value) || isProjectNameSecret(facts, value))) continue;
      const key = entry.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const interpolating = loader.interpolated.filter(c => new RegExp(`\\$\\{${key}(?:[:?}-]|\\})|\\$${key}\\b`).test(c.text)).map(c => c.compose);
      const forKey = loader.forKeys.filter(f => f.keys.test(entry.key)).map(f => f.by);
      const by = [...new Set([...loader.all, ...forKey, ...interpolating])];
      if (by.length === 0) continue;
      const localHost = loopbackHostBeside(env.entries, entry.key);
      out.push({
        path: env.path, line: entry.line, key: entry.key, value, loaders: by.slice(0, 2), refused: refusedInCode(facts, value), devOnly,
        template: env.kind === 'example', ...(localHost ? { localHost } : {}),
      });
    }
  }
  return out;
}

/** `cp .env.example .env`, `copy …`, `Copy-Item …`, a Dockerfile's `COPY .env.example .env`: a copy of one file to another. */
const COPY_COMMAND =
  /(?:^|[\s;&|`(])(?:cp|copy|Copy-Item|COPY|ADD)[ \t]+(?:-{1,2}[\w-]+(?:=\S+)?[ \t]+)*['"]?(?<from>[^\s'"`;&|()]+)['"]?[ \t]+['"]?(?<to>[^\s'"`;&|()]+)['"]?/gm;

/** Documents, Dockerfiles, shell scripts, Makefiles and package.json scripts: where setup steps are written. */
function isSetupFile(path: string): boolean {
  const name = basename(path);
  return /\.(md|mdx|rst|adoc|txt|sh|bash|ps1)$/i.test(name) || MAKEFILE.test(name) || /dockerfile|containerfile/i.test(name) || name === 'package.json';
}

/**
 * Env templates that become the running configuration as they are (path → how): code or a start script loads the
 * template by name (`process.loadEnvFile('.env.example')`), or the setup written in the repository copies it into
 * place as the env file the application reads (`cp .env.example .env` in the README, a Dockerfile's
 * `COPY .env.example .env`). A copy to an env file named for development or tests (`.env.local`, `.env.test`) is
 * not the running configuration of a deployment.
 */
export function runtimeEnvTemplates(facts: Facts): Map<string, string> {
  const out = new Map<string, string>();
  const templates = facts.envFiles.filter(env => env.kind === 'example');
  if (templates.length === 0) return out;
  const loaders = envLoaders(facts);
  for (const env of templates) {
    const loader = loaders.get(env.path);
    if (loader?.named && loader.all.length) out.set(env.path, `${loader.all.slice(0, 2).join(' and ')} ${loader.all.length > 1 ? 'load' : 'loads'} it`);
  }
  for (const file of facts.files) {
    if (!isSetupFile(file.path) || isTestFile(file.path) || !/\b(?:cp|copy|Copy-Item|COPY|ADD)\b/.test(file.text)) continue;
    for (const m of file.text.matchAll(COPY_COMMAND)) {
      const from = m.groups!.from.replace(/^\.\//, '');
      const to = basename(m.groups!.to);
      if (envFileKind(to) !== 'real' || to.split('.').filter(Boolean).slice(1).some(isDevelopmentName)) continue;
      // The template beside the file that says so, or else the only template of that name.
      const named = templates.filter(t => basename(t.path) === basename(from));
      const template = named.find(t => t.path === joinPath(dirname(file.path), from)) ?? (named.length === 1 ? named[0] : undefined);
      if (!template || out.has(template.path)) continue;
      out.set(template.path, `the setup in ${file.path} copies it into place as ${to}`);
    }
  }
  return out;
}
