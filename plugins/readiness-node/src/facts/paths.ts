/** Path helpers shared by the fact builders. */

/**
 * Caches a pure classification of a path. Rules ask the same questions of
 * the same paths many times per audit; the cache is bounded.
 */
function memoPath<T>(fn: (path: string) => T): (path: string) => T {
  const cache = new Map<string, T>();
  return path => {
    const hit = cache.get(path);
    if (hit !== undefined || cache.has(path)) return hit as T;
    if (cache.size >= 200_000) cache.clear();
    const value = fn(path);
    cache.set(path, value);
    return value;
  };
}

export function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? path : path.slice(i + 1);
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

export function extname(path: string): string {
  const name = basename(path);
  const i = name.lastIndexOf('.');
  return i <= 0 ? '' : name.slice(i).toLowerCase();
}

/** Joins a directory and a relative path, normalising `.` and `..`. */
export function joinPath(dir: string, rel: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const part of rel.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

const TEST_DIR =
  /(^|\/)(tests?|__tests__|spec|specs|src\/(test|androidTest|integrationTest|intTest|functionalTest|testFixtures)|testdata|e2e|cypress|integration-tests|[^/]+\.(unit|integration|functional|acceptance|e2e)?tests?)\//i;
const TEST_FILE =
  /(^|\/)(test_[^/]+\.py|tests?\.py|[^/]+_test\.(py|go|rb|exs?)|[^/]+\.(test|spec|cy|e2e-spec)\.[cm]?[jt]sx?|[^/]+(Test|Tests|IT|Spec)\.(java|kt|scala|groovy|cs|fs)|[^/]+Tests?\.(php|swift)|conftest\.py|[^/]+_spec\.rb)$/;

/** Whether a path is a test file by the conventions of its language. */
export const isTestFile: (path: string) => boolean = memoPath(path => {
  return TEST_FILE.test(path) || (TEST_DIR.test(path) && isCodePath(path));
});

/**
 * Folder names of documentation (`docs/`, `doc/`, `documentation/`, and the sources docs are built from:
 * `docs_src/`, `docs-src/`, `docs_source/`) and of examples (`examples/`, `samples/`, `demos/`): the one
 * list facts and rules use.
 */
export const DOCS_SEGMENT = String.raw`docs?|docs?[_-]src|docs?[_-]source|documentation`;
export const EXAMPLES_SEGMENT = String.raw`examples?|samples?|demos?`;
/** A path inside a documentation folder. */
export const DOCS_DIR = new RegExp(String.raw`(^|/)(?:${DOCS_SEGMENT})/`, 'i');
/** A path inside an examples, samples or demos folder. */
export const EXAMPLES_DIR = new RegExp(String.raw`(^|/)(?:${EXAMPLES_SEGMENT})/`, 'i');

const FIXTURE_DIR = new RegExp(String.raw`(^|/)(fixtures?|__fixtures__|__mocks__|mocks?|testdata|test-data|${EXAMPLES_SEGMENT}|${DOCS_SEGMENT})/`, 'i');

/** Sources under a JVM source root (`src/main/java/`…) live in package folders: `org/acme/samples/` names a package, not a folder of samples. */
const JVM_SOURCE_ROOT = /(^|\/)src\/(?:main|test|testFixtures|integrationTest)\/(?:java|kotlin|scala|groovy)\//;

/** The part of a path before any JVM source root, where folder names still say what a tree is for. */
export function outsideJvmPackages(path: string): string {
  const m = JVM_SOURCE_ROOT.exec(path);
  return m ? path.slice(0, m.index + m[0].length) : path;
}

/**
 * Dockerfile and compose file names that say the file only serves tests or CI: `Dockerfile.test`, `ci.Dockerfile`,
 * `docker-compose.e2e.yml`, and those named for a browser test runner (`Dockerfile.cypress`, `compose.playwright.yaml`).
 */
const TEST_ONLY_CONTAINER_FILE =
  /^(?:(?:[\w-]+[.-])?(?:test|tests|testing|ci|e2e|integration|it|cypress|playwright|selenium)[.-](?:[\w.-]+[.-])?)?(?:dockerfile|(?:docker-)?compose)(?:[.-](?:[\w-]+[.-])?(?:test|tests|testing|ci|e2e|integration|it|cypress|playwright|selenium)(?:[.-][\w.-]+)?)?(?:\.ya?ml)?$/i;
/** A folder of CI configuration (`.ci/`): the compose files and images there set up CI runs. */
const CI_CONFIG_DIR = /(^|\/)\.ci\//;
/** A Dockerfile or compose file name, whatever the variant. */
const CONTAINER_FILE = /(?:dockerfile|containerfile)|^(?:docker-)?compose\b.*\.ya?ml$/i;

/** Whether a Dockerfile or compose file is named for tests or CI only, or sits in a folder of CI configuration. */
export function isTestOnlyContainerPath(path: string): boolean {
  const name = basename(path);
  if (CI_CONFIG_DIR.test(path) && CONTAINER_FILE.test(name)) return true;
  return name !== 'Dockerfile' && !/^(?:docker-)?compose\.ya?ml$/i.test(name) && TEST_ONLY_CONTAINER_FILE.test(name);
}

/**
 * Dotenv templates, whatever joins the suffix: `.env.dev-sample`, `.env.prod_template`, `env-example-postgres`, `sample.env`,
 * and a named env file's template (`gotify-server.env.example` for `gotify-server.env`).
 */
const ENV_TEMPLATE =
  /(^|\/)(?:(?:[^/]*[._-])?\.?env[._-](?:[^/]*[._-])?(?:example|sample|template|dist|defaults|tmpl|tpl)(?:[._-][^/]*)?|(?:[^/]*[._-])?(?:example|sample|template|dist|defaults|tmpl|tpl)[._-]env)$/i;

/** Whether a path names a dotenv template: the one definition every fact and rule uses. */
export function isEnvTemplatePath(path: string): boolean {
  return ENV_TEMPLATE.test(path);
}

/**
 * Paths where a secret-looking or insecure value is less likely to be a real
 * production problem: tests, fixtures, docs and examples.
 */
export const isLowConfidencePath: (path: string) => boolean = memoPath(path => {
  return (
    isTestFile(path) ||
    FIXTURE_DIR.test(outsideJvmPackages(path)) ||
    TEST_DIR.test(path) ||
    /\.(md|mdx|rst|adoc)$/i.test(path) ||
    (/\.txt$/i.test(path) && !/(^|\/)(requirements|constraints)[^/]*\.txt$|CMakeLists\.txt$/i.test(path)) ||
    /(^|\/)[^/]*\.(example|sample|template|dist)(\.[^/]*)?$/i.test(path) ||
    (isEnvTemplatePath(path) && !isCodePath(path))
  );
});

const TOOLING_DIR = /(^|\/)(scripts?|bin|tools|hack|bench|benchmarks?|perf|testing|test-?utils?)\//i;
const TOOLING_FILE = /(^|[._-])(bench(mark)?s?|fixtures?|mocks?|testutils?|test-?helpers?|stubs?)([._-]|$)|[a-z](Fixture|Mock|Stub|Bench)s?\.[cm]?[jt]sx?$/;

/**
 * Code that runs beside a project rather than as part of it: scripts, command-line
 * tools, benchmarks and test support (fixtures, mocks, test utilities), wherever
 * they sit. A server started there is not a deployable unit.
 */
export const isToolingPath: (path: string) => boolean = memoPath(path => {
  return TOOLING_DIR.test(outsideJvmPackages(path)) || TOOLING_FILE.test(basename(path));
});

/**
 * Development-workspace definitions: dev containers (`.devcontainer/`), Gitpod
 * (`.gitpod.Dockerfile`, `.gitpod/`) and CodeSandbox (`.codesandbox/`) images
 * and settings. They set up an editor's environment; nothing built from them ships.
 */
export const isDevWorkspacePath: (path: string) => boolean = memoPath(path =>
  /(^|\/)\.(?:devcontainer|gitpod|codesandbox)(?:\/|\.[^/]*$)/i.test(path),
);

const ASIDE_DIR = new RegExp(
  String.raw`(^|/)(?:tests?|__tests__|spec|fixtures?|__fixtures__|testdata|test-data|${EXAMPLES_SEGMENT}|${DOCS_SEGMENT}|e2e|cypress)/`,
  'i',
);

/**
 * Paths in test, fixture, example and documentation folders, and development
 * workspaces: they describe no deployable service or app of this repository.
 */
export const isAsidePath: (path: string) => boolean = memoPath(
  path =>
    ASIDE_DIR.test(outsideJvmPackages(path)) || isDevWorkspacePath(path),
);

/** Source-code extensions and the language each belongs to. */
export const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  '.py': 'python',
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.java': 'java',
  '.kt': 'kotlin',
  '.kts': 'kotlin',
  '.scala': 'scala',
  '.go': 'go',
  '.rb': 'ruby',
  '.php': 'php',
  '.cs': 'csharp',
  '.fs': 'fsharp',
  '.rs': 'rust',
  '.swift': 'swift',
  '.ex': 'elixir',
  '.exs': 'elixir',
  '.c': 'c',
  '.h': 'c',
  '.cpp': 'cpp',
  '.cc': 'cpp',
  '.hpp': 'cpp',
  '.vue': 'javascript',
  '.svelte': 'javascript',
};

export const languageOf: (path: string) => string | undefined = memoPath(path => {
  if (/\.d\.ts$/.test(path)) return undefined;
  return LANGUAGE_BY_EXTENSION[extname(path)];
});

export function isCodePath(path: string): boolean {
  return languageOf(path) !== undefined;
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) line += 1;
  }
  return line;
}

/** The trimmed text of a 1-based line, cut to a readable length. */
export function lineText(text: string, line: number, max = 160): string {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', start);
    if (next === -1) return '';
    start = next + 1;
  }
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  const raw = text.slice(start, end).trim();
  return raw.length > max ? `${raw.slice(0, max)}…` : raw;
}
