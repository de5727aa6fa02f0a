import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { basename, dirname, Facts, isTestFile, languageOf } from '../../../facts';
import { asRecord, parseYamlFile } from '../../../facts/yamlDoc';
import {
  Ecosystem,
  isUnder,
  manifestEcosystem,
  manifestProjectDir,
  projectOf,
  projectsOf,
} from '../../../facts/projects';
import { defineRule, outcome } from '../../types';
import { inLowConfidenceFolder } from '../shared';

type Family = 'javascript' | 'python' | 'go' | 'jvm' | 'dotnet' | 'ruby' | 'php';

const FAMILY_OF_LANGUAGE: Record<string, Family> = {
  javascript: 'javascript',
  typescript: 'javascript',
  python: 'python',
  go: 'go',
  java: 'jvm',
  kotlin: 'jvm',
  scala: 'jvm',
  csharp: 'dotnet',
  fsharp: 'dotnet',
  ruby: 'ruby',
  php: 'php',
};

const ECOSYSTEM: Record<Family, Ecosystem> = {
  javascript: 'node',
  python: 'python',
  go: 'go',
  jvm: 'jvm',
  dotnet: 'dotnet',
  ruby: 'ruby',
  php: 'php',
};

const LABEL: Record<Family, string> = {
  javascript: 'JavaScript/TypeScript',
  python: 'Python',
  go: 'Go',
  jvm: 'Java/Kotlin',
  dotnet: '.NET',
  ruby: 'Ruby',
  php: 'PHP',
};

const TOOLS: Record<Family, string> = {
  javascript: 'ESLint, Biome, Oxlint, Prettier, Oxfmt or dprint',
  python: 'Ruff, Flake8, Pylint, Black or mypy',
  go: 'golangci-lint',
  jvm: 'Checkstyle, Spotless, PMD, SpotBugs, Error Prone, ktlint or detekt',
  dotnet: '.NET analyzers in .editorconfig or Directory.Build.props',
  ruby: 'RuboCop or Standard',
  php: 'PHP_CodeSniffer, PHP-CS-Fixer, PHPStan or Psalm',
};

/** Configuration files that configure a linter or formatter, by name. */
const CONFIG_FILES: Array<[Family, RegExp]> = [
  [
    'javascript',
    /^(\.eslintrc(\.(js|cjs|mjs|json|ya?ml))?|eslint\.config\.[cm]?[jt]s|biome\.jsonc?|rome\.json|\.prettierrc(\.(js|cjs|mjs|json|json5|ya?ml|toml))?|prettier\.config\.[cm]?[jt]s|\.oxlintrc\.jsonc?|oxlint\.json|oxlint\.config\.[cm]?[jt]s|\.oxfmtrc\.jsonc?|oxfmt\.config\.[cm]?[jt]s|\.?dprint\.jsonc?|tslint\.json|\.jshintrc|\.xo-config(\.\w+)?|xo\.config\.[cm]?[jt]s|deno\.jsonc?)$/,
  ],
  ['python', /^(\.?ruff\.toml|\.flake8|\.?pylintrc|\.?mypy\.ini|pyrightconfig\.json|\.pycodestyle|\.isort\.cfg)$/],
  ['go', /^\.golangci\.(ya?ml|toml|json)$/],
  ['jvm', /^(checkstyle[\w-]*\.xml|detekt[\w-]*\.ya?ml|pmd[\w-]*\.xml|spotbugs[\w-]*\.xml|\.scalafmt\.conf|scalastyle[\w-]*\.xml)$/],
  ['dotnet', /^(\.globalconfig|stylecop\.json|[\w.-]+\.ruleset)$/],
  ['ruby', /^(\.rubocop\.ya?ml|\.standard\.ya?ml)$/],
  ['php', /^(phpcs\.xml(\.dist)?|\.phpcs\.xml(\.dist)?|\.php-cs-fixer(\.dist)?\.php|\.php_cs(\.dist)?|phpstan\.neon(\.dist)?|psalm\.xml(\.dist)?|ecs\.php|pint\.json)$/],
];

/** Files whose content may configure a linter, and what to look for. */
const CONFIG_CONTENT: Array<[Family, RegExp, RegExp]> = [
  ['python', /^pyproject\.toml$/, /^\s*\[tool\.(ruff|black|pylint|flake8|mypy|isort|pyright|autopep8|yapf|pycodestyle)\b/m],
  ['python', /^(setup\.cfg|tox\.ini)$/, /^\s*\[(flake8|pycodestyle|pylint[^\]]*|mypy[^\]]*|isort|tool:isort)\]/m],
  ['jvm', /^(pom\.xml|build\.gradle(\.kts)?|settings\.gradle(\.kts)?)$/, /checkstyle|spotless|maven-pmd|\bpmd\b|spotbugs|errorprone|error_prone|ktlint|detekt|diktat|scalafmt|scalastyle/i],
  ['jvm', /^\.editorconfig$/, /^\s*ktlint_/m],
  ['dotnet', /^\.editorconfig$/, /^\s*(dotnet_|csharp_|visual_basic_)/m],
  ['dotnet', /^(Directory\.Build\.props|Directory\.Packages\.props)$|\.(cs|fs|vb)proj$/, /AnalysisLevel|AnalysisMode|EnforceCodeStyleInBuild|EnableNETAnalyzers|CodeAnalysisRuleSet|StyleCop\.Analyzers|Roslynator|SonarAnalyzer|Meziantou\.Analyzer/],
  ['ruby', /^Gemfile$/, /['"](rubocop|standard)['"]/],
  ['php', /^composer\.json$/, /php_codesniffer|php-cs-fixer|phpstan\/phpstan|vimeo\/psalm|laravel\/pint|symplify\/easy-coding-standard/],
];

/** Linters named in a package.json script. */
const JS_LINT_COMMAND =
  /\b(eslint|biome|rome (check|format|ci)|prettier|xo|standard|ts-standard|oxlint|oxfmt|ultracite (check|lint|fix|format)|dprint (check|fmt)|deno (lint|fmt)|tslint|next lint|ng lint|nuxt lint|vue-cli-service lint|(backstage-cli|backstage) (package|repo) lint)\b/;
/** Linters run by CI, pre-commit, a Makefile or a script, per family. */
const COMMANDS: Array<[Family, RegExp]> = [
  ['javascript', /\b(eslint|biome (check|lint|ci)|prettier --check|oxlint|oxfmt|ultracite (check|lint|fix|format)|dprint check|deno lint)\b/],
  ['python', /\b(ruff|flake8|pylint|black|mypy|pyright|pycodestyle|autopep8|yapf)\b/],
  ['go', /\b(golangci-lint|staticcheck|go vet|revive|golint|gofmt\s+-[ldsw]|goimports\s+-[lwd]|gofumpt|govendor fmt|go fmt)\b/],
  ['jvm', /\b(checkstyle|spotless\w*|pmd|spotbugs\w*|ktlint|detekt)\b/i],
  ['dotnet', /\bdotnet format\b/],
  ['ruby', /\b(rubocop|standardrb)\b/],
  ['php', /\b(phpcs|php-cs-fixer|phpstan|psalm|pint)\b/],
];
/** Linters by the names hosted review services use for them (Stickler CI, Code Climate, Hound). */
const HOSTED_LINTERS: Array<[Family, RegExp]> = [
  ['javascript', /^(eslint|jshint|standard|prettier|tslint|xo)$/],
  ['python', /^(flake8|pylint|pycodestyle|pep8|pyflakes|black|ruff|mypy)$/],
  ['go', /^(golint|gofmt|govet|goimports|golangci-lint|golangci|staticcheck|revive)$/],
  ['jvm', /^(checkstyle|pmd|ktlint|detekt|spotbugs)$/],
  ['ruby', /^(rubocop|standardrb|reek)$/],
  ['php', /^(phpcs|phpmd|php-cs-fixer|phpstan|psalm)$/],
];
/** Configuration files of hosted review services, and where each lists the linters it runs. */
const HOSTED_CONFIGS: Array<[RegExp, (doc: Record<string, unknown>) => string[]]> = [
  // Stickler CI: `linters: { golint: {…}, flake8: {…} }`.
  [/^\.stickler\.ya?ml$/, doc => Object.keys(asRecord(doc.linters) ?? {})],
  // Code Climate: `plugins:` (or the older `engines:`) with `enabled: true`.
  [
    /^\.codeclimate\.ya?ml$/,
    doc =>
      Object.entries({ ...asRecord(doc.engines), ...asRecord(doc.plugins) })
        .filter(([, v]) => asRecord(v)?.enabled === true)
        .map(([k]) => k),
  ],
  // Hound: a top-level key per linter, on unless `enabled: false`.
  [/^\.hound\.ya?ml$/, doc => Object.entries(doc).filter(([, v]) => asRecord(v)?.enabled !== false).map(([k]) => k)],
];

/** The linters a hosted review service's configuration runs, by family. */
function hostedLinters(list: (doc: Record<string, unknown>) => string[], text: string): Family[] {
  const families: Family[] = [];
  for (const doc of parseYamlFile(text).docs) {
    if (doc.errors.length > 0) continue;
    let value: Record<string, unknown> | undefined;
    try {
      value = asRecord(doc.toJS({ maxAliasCount: 100 }));
    } catch {
      // An unreadable document names no linter.
    }
    if (!value) continue;
    for (const name of list(value)) {
      const family = HOSTED_LINTERS.find(([, names]) => names.test(name.toLowerCase()))?.[0];
      if (family) families.push(family);
    }
  }
  return families;
}

/** What may stand before a linter's command word: `python -m flake8`, `poetry run ruff`, `npx eslint`. */
const RUNNER_PREFIX = /^\s*(?:(?:python3?|py)\s+-m\s+|(?:poetry|pipenv|uv|pdm|hatch)\s+run\s+|npx\s+|yarn\s+|pnpm\s+(?:exec\s+)?)?/;

/** Families whose linter a Dockerfile `RUN` runs (not installs): `RUN flake8 --ignore=E501 .`, `RUN npm ci && npx eslint src`. */
function dockerLintFamilies(args: string): Family[] {
  const families: Family[] = [];
  for (const segment of args.split(/&&|\|\||;/)) {
    const command = segment.replace(RUNNER_PREFIX, '');
    for (const [family, pattern] of COMMANDS) {
      const m = pattern.exec(command);
      if (m && m.index === 0) families.push(family);
    }
  }
  return families;
}

const PYTHON_LINT_DEPENDENCIES = ['ruff', 'black', 'flake8', 'pylint', 'mypy', 'pyright', 'autopep8', 'yapf', 'pycodestyle', 'blue'];
const JS_LINT_PACKAGE_KEYS = ['eslintConfig', 'prettier', 'xo', 'standard'];
/** Toolchains that lint with a built-in ESLint configuration on every start and build: Create React App (`react-app`). */
const JS_BUILTIN_LINT_DEPENDENCIES = ['react-scripts'];

/**
 * Configuration and set-up files of test runners (`playwright.config.ts`, `jest.config.js`, `vitest.setup.ts`,
 * `karma.conf.js`): part of the test suite, not source code to lint.
 */
const TEST_RUNNER_FILE =
  /^(?:playwright|jest|vitest|cypress|karma|wdio|protractor|nightwatch|ava|testcafe)(?:[.-][\w-]+)*\.(?:config|conf|setup|teardown)\.[cm]?[jt]s$|^\.mocharc\.[cm]?js$/;

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}

interface Coverage {
  /** Directories holding a configuration, per family; a configuration covers its directory and below. */
  dirs: Map<Family, Set<string>>;
  /** Families linted repository-wide (CI, pre-commit, Makefile). */
  everywhere: Set<Family>;
}

function collectCoverage(facts: Facts): Coverage {
  const dirs = new Map<Family, Set<string>>();
  const everywhere = new Set<Family>();
  const add = (family: Family, dir: string) => {
    const set = dirs.get(family) ?? new Set<string>();
    set.add(dir);
    dirs.set(family, set);
  };
  for (const file of facts.files) {
    const name = basename(file.path);
    const dir = dirname(file.path);
    for (const [family, pattern] of CONFIG_FILES) if (pattern.test(name)) add(family, dir);
    for (const [family, names, content] of CONFIG_CONTENT) {
      if (names.test(name) && content.test(file.text)) add(family, dir);
    }
    for (const [pattern, list] of HOSTED_CONFIGS) {
      if (pattern.test(name)) for (const family of hostedLinters(list, file.text)) add(family, dir);
    }
    if (/^\.pre-commit-config\.ya?ml$/.test(name) || /^(Makefile|GNUmakefile|justfile|Taskfile\.ya?ml|lefthook\.ya?ml)$|\.(mk|sh)$/.test(name)) {
      // A script in a scripts/ (bin/, tools/, hack/) folder checks the project that folder belongs to.
      const owner = /(^|\/)(scripts?|bin|tools|hack)$/.test(dir) ? dirname(dir) : dir;
      for (const [family, command] of COMMANDS) if (command.test(file.text)) add(family, owner);
    }
  }
  // A linter run while building an image fails the build on lint errors: it checks the Dockerfile's folder.
  for (const dockerfile of facts.dockerfiles) {
    for (const instruction of dockerfile.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      for (const family of dockerLintFamilies(instruction.args)) add(family, dirname(dockerfile.path));
    }
  }
  for (const command of facts.ci.commands) {
    for (const [family, pattern] of COMMANDS) if (pattern.test(command.command)) everywhere.add(family);
  }
  for (const workflow of facts.ci.workflows) {
    for (const job of workflow.jobs) {
      for (const step of job.steps) {
        const uses = step.uses ?? '';
        if (/golangci-lint-action/.test(uses)) everywhere.add('go');
        if (/ruff|pylint|flake8|psf\/black/.test(uses)) everywhere.add('python');
        if (/eslint|biome|prettier|oxlint|dprint/.test(uses)) everywhere.add('javascript');
      }
    }
  }
  for (const pkg of facts.manifests.packageJsons) {
    const scripted = Object.values(pkg.scripts).some(s => JS_LINT_COMMAND.test(s));
    const file = facts.file(pkg.path);
    const json = file && !pkg.error ? parseJsonObject(file.text) : undefined;
    const keyed = !!json && JS_LINT_PACKAGE_KEYS.some(k => k in json);
    const builtIn = JS_BUILTIN_LINT_DEPENDENCIES.some(d => d in pkg.dependencies || d in pkg.devDependencies);
    if (scripted || keyed || builtIn) add('javascript', pkg.dir);
  }
  for (const req of facts.manifests.requirements) {
    if (req.entries.some(e => PYTHON_LINT_DEPENDENCIES.includes(e.name))) add('python', manifestProjectDir(req.path));
  }
  for (const py of facts.manifests.pyprojects) {
    if (py.dependencies.some(d => PYTHON_LINT_DEPENDENCIES.includes(d))) add('python', py.dir);
  }
  return { dirs, everywhere };
}

export default defineRule({
  id: 'code-quality/no-linter-config',
  category: 'code-quality',
  severity: 'low',
  title: 'Code has a linter or formatter',
  description:
    'Fails for each project whose code has no linter or formatter configuration for its language: ESLint (any config form, including `eslintConfig` in package.json), Biome, Oxlint, XO, Standard, `deno lint`, or the formatters Prettier, Oxfmt and dprint (also run through Ultracite) for JavaScript/TypeScript; Ruff, Flake8, Pylint, Black or mypy for Python; golangci-lint for Go; Checkstyle, Spotless, PMD, SpotBugs, ktlint or detekt for Java/Kotlin; .NET analyzers; RuboCop; PHP_CodeSniffer, PHPStan or Psalm. A configuration in a parent folder, a pre-commit hook, a linter run in CI or while building an image, or a hosted review service configured to lint (Stickler CI, Code Climate, Hound) covers the projects below it; Create React App counts for its own built-in ESLint. Test-runner configuration (`playwright.config.ts`, `jest.config.js`) is test code, and scripts inside a project of another language below the package.json (an ASP.NET `wwwroot/`) are that project\'s assets, not JavaScript to lint.',
  rationale:
    'Without a linter, style arguments take up review time and whole classes of bugs (unused variables, shadowing, unawaited promises, mutable defaults) reach production that a tool would have caught for free.',
  remediation:
    'Add the usual linter for the language with a committed configuration (`eslint.config.js`, `[tool.ruff]` in pyproject.toml, `.golangci.yml`, the Spotless or Checkstyle plugin, `.editorconfig` analyzer rules) and run it in CI so it stays clean.',
  evaluate(facts) {
    const projects = projectsOf(facts);
    /** Units to check: a project (or the root for loose files) and a family, with its file count. */
    const units = new Map<string, { family: Family; dir: string; manifest?: string; files: number }>();
    for (const file of facts.files) {
      const language = languageOf(file.path);
      const family = language ? FAMILY_OF_LANGUAGE[language] : undefined;
      if (!family || isTestFile(file.path) || inLowConfidenceFolder(file.path)) continue;
      if (family === 'javascript' && TEST_RUNNER_FILE.test(basename(file.path))) continue;
      // .NET solutions share one .editorconfig; treat the repository as one unit.
      const project = family === 'dotnet' ? undefined : projectOf(projects, file.path, ECOSYSTEM[family]);
      if (!project && family === 'javascript') continue; // loose scripts without a package.json
      // Scripts inside a project of another language below the package.json (the static files an ASP.NET, Spring or
      // Django project serves) are that project's assets, as loose as scripts without a package.json.
      if (family === 'javascript' && project) {
        const nearest = projectOf(projects, file.path);
        if (nearest && nearest !== project && !nearest.ecosystems.includes('node') && isUnder(nearest.dir, project.dir)) continue;
      }
      const dir = project?.dir ?? '';
      const key = `${family}\u0000${dir}`;
      const unit = units.get(key) ?? {
        family,
        dir,
        manifest: project?.manifests.find(m => manifestEcosystem(m) === ECOSYSTEM[family]),
        files: 0,
      };
      unit.files += 1;
      units.set(key, unit);
    }
    // A handful of loose files of a language without a manifest are not a project of their own.
    for (const [key, unit] of units) {
      if (!unit.manifest && unit.family !== 'dotnet' && unit.files < 3) units.delete(key);
    }
    if (units.size === 0) {
      return outcome.notApplicable('no source code in a language with a known linter');
    }
    const coverage = collectCoverage(facts);
    const findings: Finding[] = [];
    for (const unit of units.values()) {
      if (coverage.everywhere.has(unit.family)) continue;
      const dirs = coverage.dirs.get(unit.family) ?? new Set<string>();
      // .NET analyzers configured anywhere apply to the whole solution.
      const covered = unit.family === 'dotnet' ? dirs.size > 0 : [...dirs].some(d => isUnder(unit.dir, d));
      if (covered) continue;
      const where = unit.dir ? ` in ${unit.dir}/` : '';
      findings.push({
        path: unit.manifest ?? (unit.dir || '.'),
        message: `The ${unit.files} ${LABEL[unit.family]} source file(s)${where} have no linter or formatter configuration (${TOOLS[unit.family]})`,
      });
    }
    return outcome.fromFindings(findings);
  },
});
