import type { Facts } from '../../../facts';
import { basename, dirname, isTestFile, languageOf } from '../../../facts';
import { isDevelopmentName } from '../../../facts/values';
import { isSecretName, isStandInSecret } from '../../../facts/secretNames';

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
}

/**
 * Calls and options that load an env file, with the argument text after them:
 * pydantic-settings `env_file=…`, python-dotenv `load_dotenv(…)`/`dotenv_values(…)`,
 * django-environ `read_env(…)`, Node `dotenv.config(…)`/`import 'dotenv/config'`,
 * NestJS `envFilePath: …`, Go `godotenv.Load(…)`, Ruby `Dotenv.load(…)`.
 */
const ENV_LOADER =
  /\benv_file\s*[=:]\s*(?<pyArgs>\([^)]{0,300}\)|\[[^\]]{0,300}\]|['"][^'"\n]{1,200}['"])|\b(?:load_dotenv|dotenv_values|read_env|read_dotenv|godotenv\.(?:Load|Overload|Read)|Dotenv\.(?:load|overload)|dotenv\.config|require\(\s*['"]dotenv['"]\s*\)\.config)\s*\((?<args>[^)\n]{0,300})\)|\benvFilePath\s*:\s*(?<nestArgs>\[[^\]]{0,300}\]|['"][^'"\n]{1,200}['"])|(?:import|require\()\s*['"]dotenv\/config['"]/g;

/** Env file names an argument list names (basenames); the default `.env` when it names none. */
function namedEnvFiles(args: string | undefined): string[] {
  const names = [...(args ?? '').matchAll(/['"`]([^'"`\n]+)['"`]/g)].map(m => basename(m[1])).filter(n => /(^|[./])env\b|\.env\b/.test(n));
  return names.length ? names : ['.env'];
}

function isAncestorOrSame(dir: string, of: string): boolean {
  return dir === '' || of === dir || of.startsWith(`${dir}/`);
}

/**
 * What loads each committed env file: code in or below its folder that names it (the nearest file of that name
 * above the code), a compose service's `env_file:`, or a compose file beside a `.env` (for its `${VAR}`s).
 */
function envLoaders(facts: Facts): Map<string, { all: string[]; interpolated: Array<{ compose: string; text: string }> }> {
  const out = new Map<string, { all: string[]; interpolated: Array<{ compose: string; text: string }> }>();
  const real = facts.envFiles.filter(e => e.kind === 'real');
  if (real.length === 0) return out;
  for (const env of real) out.set(env.path, { all: [], interpolated: [] });
  for (const compose of facts.compose) {
    const file = facts.file(compose.path);
    for (const service of compose.services) {
      for (const path of service.envFiles ?? []) out.get(path)?.all.push(`${compose.path} (service ${service.name})`);
    }
    // Compose reads the `.env` beside it to fill `${VAR}` in the file.
    const beside = out.get(dirname(compose.path) ? `${dirname(compose.path)}/.env` : '.env');
    if (beside && file) beside.interpolated.push({ compose: compose.path, text: file.text });
  }
  for (const file of facts.files) {
    if (!languageOf(file.path) || isTestFile(file.path) || !/env_file|dotenv|read_env|envFilePath|godotenv|Dotenv/.test(file.text)) continue;
    for (const m of file.text.matchAll(ENV_LOADER)) {
      const names = namedEnvFiles(m.groups!.pyArgs ?? m.groups!.args ?? m.groups!.nestArgs);
      for (const name of names) {
        // The nearest file of that name in the loader's folder or above it.
        const nearest = real
          .filter(env => basename(env.path) === name && isAncestorOrSame(dirname(env.path), dirname(file.path)))
          .sort((a, b) => b.path.length - a.path.length)[0];
        if (nearest) out.get(nearest.path)!.all.push(file.path);
      }
    }
  }
  return out;
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
    if (!loader) continue;
    const devOnly = basename(env.path).split('.').filter(Boolean).slice(1).some(isDevelopmentName);
    for (const entry of env.entries) {
      const value = entry.value.trim();
      if (!isSecretName(entry.key) || !isStandInSecret(value)) continue;
      const key = entry.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const interpolating = loader.interpolated.filter(c => new RegExp(`\\$\\{${key}(?:[:?}-]|\\})|\\$${key}\\b`).test(c.text)).map(c => c.compose);
      const by = [...new Set([...loader.all, ...interpolating])];
      if (by.length === 0) continue;
      out.push({ path: env.path, line: entry.line, key: entry.key, value, loaders: by.slice(0, 2), refused: refusedInCode(facts, value), devOnly });
    }
  }
  return out;
}
