/**
 * Which configuration an application loads when nobody chooses: the Spring Boot
 * files of the default (or active) profile, .NET `appsettings.json` and its
 * non-development variants, and the configuration a program names as its
 * default path. Files named for development or tests (`application-dev.yml`,
 * `appsettings.Development.json`, `config/local.yml`, `settings/dev.py`) are
 * not, unless the code loads them by default.
 */
import type { SourceFile } from '../snapshot';
import type { Facts } from './index';
import { basename, dirname, extname, isTestFile, languageOf } from './paths';
import { memo } from './memo';
import { isDevelopmentName, valuesOf } from './values';

const SPRING_CONFIG = /^(?:application|bootstrap)(?:-(?<profile>[\w-]+))?\.(?:ya?ml|properties)$/;
const DOTNET_SETTINGS = /^appsettings(?:\.(?<environment>[\w-]+))?\.json$/i;
const CONFIG_EXTENSIONS = new Set(['.yml', '.yaml', '.json', '.properties', '.toml', '.ini', '.cfg', '.conf', '.env']);
/** Folders and name words of settings modules: `config/`, `settings/`, `config_dev.go`, `settings.local.py`. */
const SETTINGS_WORD = /^(?:config|configs|configuration|conf|settings|setting|env|environments?|profiles?)$/i;

function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** Profiles a Spring Boot application activates by default, from `spring.profiles.active` of its base configuration. */
function activeSpringProfiles(facts: Facts, dir: string): Set<string> {
  return memo(facts, `config-profiles:spring-active:${dir}`, () => {
    const active = new Set<string>();
    const values = valuesOf(facts);
    for (const file of facts.files) {
      if (dirname(file.path) !== dir || !SPRING_CONFIG.test(basename(file.path)) || SPRING_CONFIG.exec(basename(file.path))!.groups!.profile) continue;
      for (const entry of values.configFile(file.path)) {
        if (!/^spring\.profiles\.(?:active|include)$/.test(entry.key)) continue;
        // `${SPRING_PROFILES_ACTIVE:prod}` activates its default.
        const value = entry.value.replace(/\$\{[\w.-]+:([^}]*)\}/g, '$1');
        for (const profile of value.split(/[,\s]+/)) if (profile) active.add(profile);
      }
    }
    return active;
  });
}

/**
 * Framework configuration whose values the environment overrides and that applies
 * when nobody overrides them: a Spring Boot `application.yml`/`.properties` of the
 * default or an active profile (relaxed binding reads `SPRING_DATASOURCE_PASSWORD`
 * over `spring.datasource.password`), or .NET `appsettings.json` and its variants for
 * environments that are not development or tests (`ConnectionStrings__Db` overrides
 * `ConnectionStrings:Db`). Undefined for anything else.
 */
export function overridableDefaultConfig(facts: Facts, path: string): 'Spring Boot' | '.NET' | undefined {
  const name = basename(path);
  if (isTestFile(path)) return undefined;
  const spring = SPRING_CONFIG.exec(name);
  if (spring) {
    const profile = spring.groups!.profile;
    if (!profile) return 'Spring Boot';
    if (isDevelopmentName(profile)) return undefined;
    return activeSpringProfiles(facts, dirname(path)).has(profile) ? 'Spring Boot' : undefined;
  }
  const dotnet = DOTNET_SETTINGS.exec(name);
  if (dotnet) return dotnet.groups!.environment && isDevelopmentName(dotnet.groups!.environment) ? undefined : '.NET';
  return undefined;
}

/**
 * Whether a file is configuration the application reads, parsed by key (`valuesOf(facts).configFile`):
 * not code, CI, compose or Kubernetes files, nor a stack file in compose format (`docker-stack.yml`),
 * which sets the environment of containers as compose files do.
 */
export function isAppConfigFile(facts: Facts, file: SourceFile): boolean {
  if (languageOf(file.path) || valuesOf(facts).configFile(file.path).length === 0) return false;
  return !(/^services\s*:/m.test(file.text) && /^\s+image\s*:/m.test(file.text));
}

/** Whether a file is configuration or a settings module: by extension, or by its folder or name (`config/`, `settings/`, `config_dev.go`). */
function isSettingsFile(path: string): boolean {
  if (CONFIG_EXTENSIONS.has(extname(path))) return true;
  if (!languageOf(path)) return false;
  const folder = basename(dirname(path));
  const stem = basename(path).replace(/\.[^.]*$/, '');
  return SETTINGS_WORD.test(folder) || nameWords(stem).some(w => SETTINGS_WORD.test(w));
}

/** The development or test profile a YAML document of a Spring configuration is limited to (`on-profile: dev`, `spring.profiles: test`). */
function yamlDocumentProfile(text: string, line: number): string | undefined {
  const lines = text.split('\n');
  let start = 0;
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    if (/^---\s*$/.test(lines[i])) {
      start = i + 1;
      break;
    }
  }
  for (let i = start; i < lines.length && !/^---\s*$/.test(lines[i]); i++) {
    const m = /^\s*(?:on-profile|profiles)\s*:\s*['"]?([\w,!& -]+?)['"]?\s*$/.exec(lines[i]);
    if (m) return m[1];
  }
  return undefined;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether code loads a configuration file or settings module by default: it names the file by its path
 * (`flag.String("config", "./config/local.yml", …)`), a production entry names the Python module
 * (`DJANGO_SETTINGS_MODULE` set to `shop.settings.dev` in `wsgi.py`), or the package's `__init__.py`
 * imports everything from it. `manage.py` and files that are themselves for development do not count.
 */
function loadedByCode(facts: Facts, path: string): boolean {
  const named = new RegExp(`['"\`/]${escape(dirname(path) ? path : basename(path))}['"\`]`);
  const module = languageOf(path) === 'python' ? path.replace(/\.py$/, '').split('/') : undefined;
  // The dotted module, from its last two segments on: `settings.dev`, `shop.settings.dev`.
  const dotted = module && module.length >= 2 ? new RegExp(`['"](?:[\\w.]+\\.)?${escape(module.slice(-2).join('.'))}['"]`) : undefined;
  const loaders = facts.files.filter(f => {
    if (!languageOf(f.path) || isTestFile(f.path) || f.path === path || basename(f.path) === 'manage.py') return false;
    return !nameWords(basename(f.path).replace(/\.[^.]*$/, '')).some(w => isDevelopmentName(w));
  });
  if (loaders.some(f => named.test(f.text) || (dotted !== undefined && dotted.test(f.text)))) return true;
  const init = dirname(path) ? `${dirname(path)}/__init__.py` : '__init__.py';
  return module !== undefined && facts.file(init) !== undefined && valuesOf(facts).starImports(init).includes(path);
}

/**
 * Why configuration at a path (and line) is meant for development or tests
 * only, if it is: a Spring profile, .NET environment or settings file named for
 * development or tests (`application-dev.yml`, `appsettings.Development.json`,
 * `config/local.yml`, `settings/dev.py`, `config_dev.go`), or a YAML document of a
 * Spring configuration limited to such a profile. A file that the code loads by
 * default (it names its path) or a Spring profile activated by default is not.
 */
export function developmentConfigReason(facts: Facts, path: string, line?: number): string | undefined {
  const name = basename(path);
  const spring = SPRING_CONFIG.exec(name);
  if (spring) {
    const profile = spring.groups!.profile;
    if (profile && isDevelopmentName(profile) && !activeSpringProfiles(facts, dirname(path)).has(profile)) {
      return `in the Spring profile ${profile}, for development or tests`;
    }
    const file = facts.file(path);
    if (line !== undefined && file && /^---\s*$/m.test(file.text) && extname(path) !== '.properties') {
      const documentProfile = yamlDocumentProfile(file.text, line);
      if (documentProfile && isDevelopmentName(documentProfile)) return `in the Spring profile ${documentProfile}, for development or tests`;
    }
    return undefined;
  }
  const dotnet = DOTNET_SETTINGS.exec(name);
  if (dotnet) {
    const environment = dotnet.groups!.environment;
    return environment && isDevelopmentName(environment) ? `in the settings of the ${environment} environment` : undefined;
  }
  if (!isSettingsFile(path)) return undefined;
  const stem = name.replace(/^\./, '').replace(/\.[^.]*$/, '');
  const word = nameWords(stem).find(w => isDevelopmentName(w));
  if (!word) return undefined;
  return memo(facts, `config-profiles:loaded:${path}`, () => loadedByCode(facts, path))
    ? undefined
    : `in ${name}, configuration for development or tests`;
}
