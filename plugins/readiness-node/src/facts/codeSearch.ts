/**
 * Where rules look for code and evidence: which files are hand-written code
 * worth searching, whether a match sits in live code rather than a string or
 * a comment, and which server units show a capability (a dependency, code or
 * a file) and which lack it.
 */
import type { SourceFile } from '../snapshot';
import type { Facts } from './index';
import { LOCKFILE_NAMES } from './manifests';
import { memo } from './memo';
import { basename, isTestFile, languageOf, outsideJvmPackages } from './paths';
import { isUnder, serverUnits, unitLabel } from './services';
import type { ServiceUnit } from './services';
import { unionOf } from './text';
import { isTestName } from './values';

/** Lock files of other ecosystems that hold integrity hashes, not secrets. */
const EXTRA_LOCK_NAMES = new Set(['Podfile.lock', 'mix.lock', 'flake.lock', 'Package.resolved', 'pubspec.lock']);

const generatedText = new WeakMap<SourceFile, boolean>();

/** Whether a file holds only generated or packed text: lock files, minified bundles, source maps. */
export function isGeneratedText(file: SourceFile): boolean {
  let generated = generatedText.get(file);
  if (generated === undefined) {
    generated = classifyGenerated(file);
    generatedText.set(file, generated);
  }
  return generated;
}

function classifyGenerated(file: SourceFile): boolean {
  const name = basename(file.path);
  if (LOCKFILE_NAMES.has(name) || EXTRA_LOCK_NAMES.has(name) || /\.lock$/i.test(name)) return true;
  if (/[.-]min\.(js|mjs|cjs|css)$|\.(js|css)\.map$|\.map$|\.bundle\.js$|\.chunk\.js$/i.test(name)) return true;
  // A minified file without the telltale name: very long lines and few of them.
  if (file.text.length > 5000) {
    const lines = file.text.split('\n', 50);
    const longest = lines.reduce((n, l) => Math.max(n, l.length), 0);
    if (longest > 3000 && lines.length < 20) return true;
  }
  return false;
}

/** Prose documents: Markdown, reStructuredText, AsciiDoc, plain text. */
export function isProse(path: string): boolean {
  return /\.(md|mdx|markdown|rst|adoc|txt)$/i.test(path);
}

/** A Java resource bundle named for a language, and maybe a country: `messages_fr.properties`, `payment_pt_BR.properties`. */
const LOCALE_BUNDLE =
  /(^|\/)[^/]+_(?:ar|bg|ca|cs|da|de|el|en|es|et|eu|fa|fi|fr|gl|he|hi|hr|hu|id|it|ja|ko|lt|lv|ms|nb|nl|no|pl|pt|ro|ru|sk|sl|sr|sv|th|tr|uk|vi|zh)(?:_[A-Z]{2})?\.properties$/;

/**
 * Translation catalogues: `locales/ja_JP/translation.json`, `i18n/zh_CN.json`, `intl/messages/es-ES.json`, `lang/fr.yml`, `langs/es.json`,
 * `bundles/payment_fr.properties`. Their keys are
 * phrases to translate ("OAuth client secret") and their values prose, never settings.
 */
export function isTranslationPath(path: string): boolean {
  return (
    /(^|\/)(locales?|i18n|intl|l10n|translations?|langs?|languages)\//i.test(path) ||
    LOCALE_BUNDLE.test(path) ||
    /(^|\/)messages\/[^/]+\.(json|ya?ml|po|properties)$/i.test(path) ||
    /(^|\/)[^/]*translations?\.(json|ya?ml)$/i.test(path)
  );
}

/** Files a browser runs or a bundler builds into a page. */
export function isUiComponentPath(path: string): boolean {
  return /\.(jsx|tsx|vue|svelte)$/i.test(path);
}

/** Code files of the repository other than tests. */
export function productionCode(facts: Facts): SourceFile[] {
  return memo(facts, 'security.productionCode', () =>
    facts.files.filter(f => languageOf(f.path) && !isTestFile(f.path) && !isGeneratedText(f)),
  ).slice();
}

/** Whether a line, trimmed, is a comment in most languages and config formats. */
export function isCommentLine(text: string): boolean {
  const t = text.trim();
  return /^(\/\/|#|\/\*|\*|<!--|--|;)/.test(t) && !/^#!?\[/.test(t) && !/^#(include|define|if|region)/.test(t);
}

/** Dependency names that declare a server, by the server name the stack reports. */
const SERVER_DEPENDENCY_NAMES: Record<string, string> = {
  flask: 'flask',
  django: 'django',
  fastapi: 'fastapi',
  starlette: 'starlette',
  aiohttp: 'aiohttp',
  tornado: 'tornado',
  sanic: 'sanic',
  '"express"': 'express',
  '"koa"': 'koa',
  '"fastify"': 'fastify',
  '@nestjs/core': 'nestjs',
  '@hapi/hapi': 'hapi',
  '"hono"': 'hono',
  '"next"': 'next',
  'spring-boot-starter-web': 'spring-boot',
  'quarkus-rest': 'quarkus',
  'micronaut-http-server-netty': 'micronaut',
  'ktor-server-core': 'ktor',
  'github.com/gin-gonic/gin': 'gin',
  'github.com/labstack/echo': 'echo',
  'github.com/gofiber/fiber': 'fiber',
  'github.com/go-chi/chi': 'chi',
  'github.com/gorilla/mux': 'gorilla',
  rails: 'rails',
  sinatra: 'sinatra',
};

/** Where a finding about the server as a whole should point, with a line when one is known. */
export function serverLocations(facts: Facts): Array<{ path: string; line?: number }> {
  const stack = facts.stack;
  if (stack.servers.length === 0) return [];
  if (stack.serverFiles.length > 0) {
    return stack.serverFiles.slice(0, 5).map(path => ({ path }));
  }
  const names = new Set(stack.servers);
  const locations: Array<{ path: string; line?: number }> = [];
  const deps = Object.entries(SERVER_DEPENDENCY_NAMES).filter(([, server]) => names.has(server)).map(([dep]) => dep);
  for (const file of facts.files) {
    const name = basename(file.path);
    if (!/^(package\.json|requirements[\w.-]*\.txt|pyproject\.toml|Pipfile|pom\.xml|build\.gradle(\.kts)?|go\.mod|Gemfile|[\w.-]+\.csproj)$/.test(name)) continue;
    const lower = file.text.toLowerCase();
    const dep = deps.find(d => lower.includes(d));
    if (!dep) continue;
    const index = lower.indexOf(dep);
    const line = file.text.slice(0, index).split('\n').length;
    locations.push({ path: file.path, line });
    if (locations.length >= 5) break;
  }
  return locations.length ? locations : [{ path: facts.files[0]?.path ?? '.' }];
}

/** One way a repository can show that it has a capability: a dependency, code or a file. */
export interface EvidenceSignal {
  /** What the evidence is, for the pass message: `express-rate-limit`, `nginx limit_req`. */
  label: string;
  /** Dependency names, lower-case, exactly as manifests declare them. */
  deps?: string[];
  /** Dependency name prefixes, for Go module paths with major versions. */
  depPrefixes?: string[];
  /** Text in a non-test code or configuration file. */
  code?: RegExp;
  /** A non-test file path. */
  path?: RegExp;
  /** Files where this signal's code or path does not count (a hand-written limiter in a command-line script). */
  skip?: (file: SourceFile) => boolean;
}

/** Non-test, non-prose, hand-written files outside examples and docs, once per audit. */
function evidenceFiles(facts: Facts): SourceFile[] {
  return memo(facts, 'security.evidenceFiles', () =>
    facts.files.filter(
      f => !isTestFile(f.path) && !isProse(f.path) && !isGeneratedText(f) && !/(^|\/)(examples?|docs?|samples?)\//i.test(outsideJvmPackages(f.path)),
    ),
  );
}

const anyCodeCache = new WeakMap<EvidenceSignal[], RegExp[]>();

/** A file that matches none of these cannot match any signal's code pattern. */
function anyCodeSignal(signals: EvidenceSignal[]): RegExp[] {
  let patterns = anyCodeCache.get(signals);
  if (!patterns) {
    patterns = unionOf(signals.flatMap(s => (s.code ? [s.code] : [])));
    anyCodeCache.set(signals, patterns);
  }
  return patterns;
}

/** The label of the first signal the repository shows, if any. */
export function findEvidence(facts: Facts, signals: EvidenceSignal[]): string | undefined {
  const deps = facts.manifests.allDependencies;
  for (const signal of signals) {
    if (signal.deps?.some(d => deps.has(d))) return signal.label;
    if (signal.depPrefixes?.some(p => [...deps].some(d => d.startsWith(p)))) return signal.label;
  }
  const files = evidenceFiles(facts);
  const anyCode = anyCodeSignal(signals);
  const codeFiles = files.filter(f => anyCode.some(re => re.test(f.text)));
  for (const signal of signals) {
    const counts = (f: SourceFile): boolean => !signal.skip?.(f);
    if (signal.path && files.some(f => signal.path!.test(f.path) && counts(f))) return signal.label;
    if (signal.code && codeFiles.some(f => signal.code!.test(f.text) && counts(f))) return signal.label;
  }
  return undefined;
}

function signalInDeps(signal: EvidenceSignal, deps: Iterable<string>): boolean {
  for (const d of deps) {
    if (signal.deps?.includes(d) || signal.depPrefixes?.some(p => d.startsWith(p))) return true;
  }
  return false;
}

/** A server unit that shows none of a rule's signals, with where to point the finding and its name. */
export interface UnitLacking {
  path: string;
  line?: number;
  /** `the aspnet service in src/Web/`. */
  label: string;
  /** The unit's folder; undefined when the repository is judged as a whole. */
  dir?: string;
}

/**
 * Judges each server unit on the signals: a unit has the capability when its dependencies (its manifests,
 * their ancestors' and those of the projects it runs) declare one, or a file it owns, a project it runs, or a
 * file outside every server unit (a proxy, gateway or deploy configuration in front of all of them) shows one.
 * Answers the first evidence found and the units without any; without service units, the repository as a
 * whole is judged and its server locations are the ones lacking.
 */
export function serverUnitsLacking(facts: Facts, signals: EvidenceSignal[]): { evidence?: string; lacking: UnitLacking[] } {
  const units = serverUnits(facts);
  if (units.length === 0) {
    const evidence = findEvidence(facts, signals);
    if (evidence) return { evidence, lacking: [] };
    const servers = facts.stack.servers.join(', ');
    return { lacking: serverLocations(facts).map(l => ({ ...l, label: `this server (${servers})` })) };
  }
  const files = evidenceFiles(facts);
  const anyCode = anyCodeSignal(signals);
  const codeFiles = files.filter(f => anyCode.some(re => re.test(f.text)));
  const pathFiles = signals.some(sig => sig.path) ? files : [];
  const ownerOf = (path: string): ServiceUnit | undefined =>
    units.filter(u => isUnder(path, u.dir)).sort((a, b) => b.dir.length - a.dir.length)[0];
  const reaches = (unit: ServiceUnit, path: string): boolean => {
    const owner = ownerOf(path);
    return !owner || owner === unit || (unit.linked?.dirs.some(dir => isUnder(path, dir)) ?? false);
  };
  // Each signal's files are found once; units then only ask which of them they reach.
  const hits = new Map<EvidenceSignal, SourceFile[]>(
    signals.map(sig => [
      sig,
      [
        ...(sig.path ? pathFiles.filter(f => sig.path!.test(f.path)) : []),
        ...(sig.code ? codeFiles.filter(f => sig.code!.test(f.text)) : []),
      ].filter(f => !sig.skip?.(f)),
    ]),
  );
  let evidence: string | undefined;
  const lacking: UnitLacking[] = [];
  for (const unit of units) {
    const deps = unit.linked ? [...unit.deps, ...unit.linked.deps] : [...unit.deps];
    const found =
      signals.find(sig => signalInDeps(sig, deps)) ??
      signals.find(sig => hits.get(sig)!.some(f => reaches(unit, f.path)));
    if (found) {
      evidence ??= found.label;
      continue;
    }
    lacking.push({ path: unit.path, ...(unit.line !== undefined ? { line: unit.line } : {}), label: unitLabel(unit), dir: unit.dir });
  }
  return { ...(evidence ? { evidence } : {}), lacking };
}

/**
 * Whether a position of a line is live code: not inside a string literal
 * and not after a line comment. A small per-line lexer, good enough to tell
 * `x = os.getenv("A", "b")` from the same text quoted in a message or a doc
 * comment. Block comments are recognised by their leading `*` or `/*`.
 */
export function isCodeAt(line: string, index: number, hashComments = true): boolean {
  const trimmed = line.trimStart();
  if (/^(\/\/|\/\*|\*)/.test(trimmed) || (hashComments && trimmed.startsWith('#'))) return false;
  let quote = '';
  for (let i = 0; i < index && i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '/' && line[i + 1] === '/' && line[i - 1] !== ':') return false;
    else if (hashComments && ch === '#') return false;
  }
  return quote === '';
}

/** Where an environment read of `name` starts on its line, for {@link isCodeAt}. */
export function envReadColumn(line: string, name: string): number {
  const marker = /process\.env|import\.meta\.env|getenv|Getenv|environ|getEnv|get_env|GetEnv|EnvOr|envOr|env_or|\benv\s*[.(]|\bENV\b|Environment\.|env::|\$\{|\{/g;
  for (let m = marker.exec(line); m !== null; m = marker.exec(line)) {
    const ahead = line.slice(m.index, m.index + m[0].length + 80);
    if (ahead.includes(name)) return m.index;
  }
  const at = line.indexOf(name);
  return at === -1 ? 0 : at;
}

/** Whether `#` starts a comment in a file's language or format. */
export function usesHashComments(path: string): boolean {
  const language = languageOf(path);
  if (language) return ['python', 'ruby', 'elixir'].includes(language);
  return true;
}

/** Whether the match at `index` of a file sits in live code (see {@link isCodeAt}). */
export function isCodeAtOffset(file: SourceFile, index: number): boolean {
  const start = file.text.lastIndexOf('\n', index - 1) + 1;
  let end = file.text.indexOf('\n', index);
  if (end === -1) end = file.text.length;
  return isCodeAt(file.text.slice(start, end), index - start, usesHashComments(file.path));
}

/** Folders that hold test runs and sample requests rather than the application: `tests/`, `e2e/`, `postman/`. */
const TEST_ONLY_DIR = /(^|\/)(tests?|__tests__|spec|specs|e2e|cypress|playwright|testdata|test-data|integration-tests|postman|insomnia)\//i;

/**
 * Files that configure or drive test runs only, whatever their language: test
 * files, anything under a tests or Postman folder, and files named for tests
 * (`docker-compose.test.yml`, `scripts/run-api-tests.sh`, `settings/testing.py`).
 */
export function isTestOnlyPath(path: string): boolean {
  if (isTestFile(path) || TEST_ONLY_DIR.test(outsideJvmPackages(path))) return true;
  return isTestName(basename(path).replace(/\.[^.]*$/, ''));
}
