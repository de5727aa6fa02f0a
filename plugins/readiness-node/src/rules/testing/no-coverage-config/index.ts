import { Finding } from '@readiness/backstage-plugin-readiness-common';
import type { PackageJsonFact } from '../../../facts';
import { basename, Facts, joinPath } from '../../../facts';
import { Ecosystem, manifestEcosystem } from '../../../facts/projects';
import { defineRule, outcome } from '../../types';
import { codeInventory, GROUP_LABELS, LanguageGroup, languageGroupOf } from '../inventory';
import { fixCoverageConfig } from './fix';

/** Files whose mere presence configures coverage. */
const COVERAGE_FILES =
  /^(\.coveragerc|\.nycrc(\.(json|ya?ml))?|nyc\.config\.[cm]?js|\.c8rc(\.json)?|codecov\.ya?ml|\.codecov\.ya?ml|\.coveralls\.ya?ml|\.simplecov|tarpaulin\.toml|\.tarpaulin\.toml|\.testcoverage\.ya?ml|coverlet\.runsettings)$/i;

/** A coverage flag or tool in a command line or build script. */
const COVERAGE_COMMAND =
  /(--coverage\b|--code-?coverage\b|--codeCoverage\b|--cov\b|--cov=|--cov-report|--collect[:=]?\s*"?XPlat Code Coverage|\bcoverage\s+(run|report|xml|html|lcov|json|erase|combine)\b|-(?:test\.)?coverprofile\b|-(?:test\.)?covermode\b|(^|\s)-(?:test\.)?cover(\s|$)|(^|[\s;&|(])(npx\s+)?(nyc|c8)(\s|$)|tarpaulin|llvm-cov|CollectCoverage|jacoco|koverXmlReport|koverHtmlReport|codecov|coveralls)/i;

/** Test runner configuration with coverage settings. */
const RUNNER_CONFIG = /^(jest|vitest|vite|karma|vitest\.workspace)\.conf(ig)?\.[cm]?[jt]s$|^karma\.conf\.[cm]?[jt]s$/;
const RUNNER_COVERAGE = /\bcoverage\s*:|collectCoverage|coverageThreshold|coverageReporters|coverageDirectory|coverageProvider|coverageReporter/;

/** How a build file writes comments: `#` lines (shell, make, YAML, TOML), `#` or `;` lines (INI), XML comments, `//` and block comments. */
type CommentStyle = 'hash' | 'ini' | 'xml' | 'slash';

/** A build file's text with its comments removed, so a commented-out step (`# go test -cover ./...`) configures nothing. */
function withoutComments(text: string, style: CommentStyle): string {
  switch (style) {
    case 'hash':
      return text.replace(/^[ \t]*#.*$/gm, '');
    case 'ini':
      return text.replace(/^[ \t]*[#;].*$/gm, '');
    case 'xml':
      return text.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
    case 'slash':
      return text.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '').replace(/^[ \t]*\/\/.*$/gm, '');
    default:
      return text;
  }
}

/**
 * A JavaScript config's text without the comments that start a line (`// collectCoverage: true,`, a `/* … *\/`
 * block opening a line). Globs in strings (`'src/**\/*.ts'`) stay: they are not comments.
 */
function withoutLineComments(text: string): string {
  return text.replace(/^[ \t]*\/\*[\s\S]*?\*\//gm, '').replace(/^[ \t]*\/\/.*$/gm, '');
}

/** Build files searched as text (comments removed), with what counts as coverage in each. */
const TEXT_SIGNALS: Array<{ file: RegExp; pattern: RegExp; comments?: CommentStyle }> = [
  // A key naming coverage (`"test:coverage": "…"`), not a dependency on a coverage package (`"karma-coverage": "~2.2.0"`).
  {
    file: /^package\.json$/,
    pattern: /--coverage\b|"(nyc|c8)"\s*:|collectCoverage|coverageThreshold|"[\w:-]*coverage[\w:-]*"\s*:(?!\s*"(?:[~^<>=v]*\d|\*|latest|workspace:|npm:|file:|link:))|(["\s])(nyc|c8)\s/,
  },
  { file: /^pyproject\.toml$/, pattern: /\[tool\.coverage|--cov\b|pytest-cov|"coverage[<>=~\s\[]|"coverage"/, comments: 'hash' },
  { file: /^(setup\.cfg|tox\.ini|pytest\.ini)$/, pattern: /\[coverage:|--cov\b|\bcoverage\s+(run|report)|pytest-cov/, comments: 'ini' },
  { file: /^noxfile\.py$/, pattern: /--cov\b|["']coverage["']|coverage\s+(run|report)/, comments: 'hash' },
  { file: /^angular\.json$/, pattern: /"codeCoverage"\s*:\s*true/ },
  { file: /^pom\.xml$/, pattern: /jacoco|cobertura|clover|scoverage|kover/i, comments: 'xml' },
  { file: /^build\.gradle(\.kts)?$/, pattern: /jacoco|kover|scoverage|cobertura/i, comments: 'slash' },
  // The xUnit template's coverlet.collector only collects when asked (`--collect`); coverlet.msbuild is added on purpose.
  { file: /\.(cs|fs|vb)proj$|^Directory\.(Build|Packages)\.props$/, pattern: /coverlet\.msbuild|<CollectCoverage>\s*true|Code Coverage/i, comments: 'xml' },
  { file: /\.runsettings$/, pattern: /coverlet|CollectCoverage|Code Coverage/i, comments: 'xml' },
  { file: /^(Gemfile|spec_helper\.rb|test_helper\.rb|rails_helper\.rb)$/, pattern: /simplecov/i, comments: 'hash' },
  { file: /^sonar-project\.properties$/, pattern: /lcov|coverage/i, comments: 'hash' },
  { file: /^(Makefile|GNUmakefile|justfile|Justfile|Taskfile\.ya?ml|Dockerfile[\w.-]*)$|\.(mk|sh|bash|ps1)$/, pattern: COVERAGE_COMMAND, comments: 'hash' },
  // nps task files (package-scripts.js), which package.json scripts hand over to (`"test": "nps test"`).
  { file: /^package-scripts\.(?:[cm]?js|ya?ml|json)$/, pattern: COVERAGE_COMMAND },
  { file: /^\.gitlab-ci\.ya?ml$/, pattern: /^\s*coverage\s*:|coverage_report/m, comments: 'hash' },
];

const COVERAGE_DEPENDENCIES = [
  'pytest-cov',
  'coverage',
  'nyc',
  'c8',
  '@vitest/coverage-v8',
  '@vitest/coverage-istanbul',
  'istanbul',
  'babel-plugin-istanbul',
  'karma-coverage',
  'karma-coverage-istanbul-reporter',
  'coverlet.msbuild',
  'jacoco-maven-plugin',
  'simplecov',
];

const ECOSYSTEM_OF_GROUP: Partial<Record<LanguageGroup, Ecosystem>> = {
  python: 'python',
  javascript: 'node',
  jvm: 'jvm',
  go: 'go',
  dotnet: 'dotnet',
  ruby: 'ruby',
  php: 'php',
  rust: 'rust',
};

const HOW_TO: Record<LanguageGroup, string> = {
  python: 'run pytest with pytest-cov (`pytest --cov`) and configure it in [tool.coverage] or .coveragerc',
  javascript: 'enable coverage in the Jest or Vitest config, or run the tests with `--coverage`',
  jvm: 'add the JaCoCo (or Kover) plugin to the build',
  go: 'run `go test -coverprofile=coverage.out ./...` in CI',
  dotnet: 'add coverlet.collector and run `dotnet test --collect:"XPlat Code Coverage"`',
  ruby: 'add SimpleCov to the test helper',
  php: 'run PHPUnit with `--coverage-clover`',
  rust: 'run cargo-llvm-cov or tarpaulin in CI',
  swift: 'enable code coverage in the test scheme',
  elixir: 'run `mix test --cover`',
  c: 'build the tests with gcov/llvm-cov instrumentation',
};

/** Where coverage is configured (a path, or the dependency that brings it), if anywhere. */
/** Examples, docs and fixtures configure their own sample projects, not this one. */
const ELSEWHERE = /(^|\/)(examples?|samples?|demos?|docs?|documentation|fixtures?|__fixtures__|testdata|test-data)\//i;

/**
 * Karma's coverage reporters. The Angular CLI template declares karma-coverage, and its built-in Karma configuration
 * reports coverage only when asked (`ng test --code-coverage`, `"codeCoverage": true` in angular.json): in an Angular CLI
 * project the dependency alone measures nothing.
 */
const KARMA_COVERAGE = new Set(['karma-coverage', 'karma-coverage-istanbul-reporter']);

function isAngularCliPackage(facts: Facts, pkg: PackageJsonFact): boolean {
  return '@angular-devkit/build-angular' in pkg.devDependencies || '@angular-devkit/build-angular' in pkg.dependencies || !!facts.file(joinPath(pkg.dir, 'angular.json'));
}

function findCoverage(facts: Facts): string | undefined {
  for (const file of facts.files) {
    if (ELSEWHERE.test(file.path)) continue;
    const name = basename(file.path);
    if (COVERAGE_FILES.test(name)) return file.path;
    // Coverage options left commented out in the runner config (`// collectCoverage: true`) configure nothing.
    if (RUNNER_CONFIG.test(name) && RUNNER_COVERAGE.test(withoutLineComments(file.text))) return file.path;
    for (const signal of TEXT_SIGNALS) {
      if (!signal.file.test(name)) continue;
      const text = signal.comments ? withoutComments(file.text, signal.comments) : file.text;
      if (signal.pattern.test(text)) return file.path;
    }
  }
  for (const command of facts.ci.commands) {
    if (COVERAGE_COMMAND.test(withoutComments(command.command, 'hash'))) return command.path;
  }
  for (const workflow of facts.ci.workflows) {
    for (const job of workflow.jobs) {
      for (const step of job.steps) {
        if (step.uses && /codecov|coveralls|coverage/i.test(step.uses)) return workflow.path;
      }
    }
  }
  for (const pkg of facts.manifests.packageJsons) {
    if (ELSEWHERE.test(pkg.path)) continue;
    if (Object.values(pkg.scripts).some(s => COVERAGE_COMMAND.test(s))) return pkg.path;
    const dependency = COVERAGE_DEPENDENCIES.find(
      d => (d in pkg.dependencies || d in pkg.devDependencies) && !(KARMA_COVERAGE.has(d) && isAngularCliPackage(facts, pkg)),
    );
    if (dependency) return `${dependency} in ${pkg.path}`;
  }
  for (const req of facts.manifests.requirements) {
    const entry = !ELSEWHERE.test(req.path) && req.entries.find(e => COVERAGE_DEPENDENCIES.includes(e.name));
    if (entry) return `${entry.name} in ${req.path}`;
  }
  for (const py of facts.manifests.pyprojects) {
    const dependency = !ELSEWHERE.test(py.path) && py.dependencies.find(d => COVERAGE_DEPENDENCIES.includes(d));
    if (dependency) return `${dependency} in ${py.path}`;
  }
  for (const csproj of facts.manifests.csprojs) {
    const dependency = !ELSEWHERE.test(csproj.path) && csproj.packages.find(p => COVERAGE_DEPENDENCIES.includes(p.toLowerCase()));
    if (dependency) return `${dependency} in ${csproj.path}`;
  }
  return undefined;
}

export default defineRule({
  id: 'testing/no-coverage-config',
  category: 'testing',
  severity: 'low',
  title: 'Test coverage is measured',
  description:
    'Fails when nothing in the repository measures test coverage: no coverage settings in Jest/Vitest/Karma, nyc or c8, no `--coverage`/`--cov`/`-coverprofile` in scripts or CI, no .coveragerc, [tool.coverage] or pytest-cov, no JaCoCo or Kover, no coverlet.msbuild or coverlet collection (`--collect`, `CollectCoverage`, a runsettings; the xUnit template\'s coverlet.collector alone collects nothing), no karma-coverage outside an Angular CLI project (there it needs `--code-coverage` or `"codeCoverage": true`), no Codecov or Coveralls configuration. Commented-out lines of build files and CI scripts do not count.',
  rationale:
    'Without coverage numbers nobody can see which code the tests never touch, and coverage can fall silently with every change.',
  remediation:
    'Turn coverage on in the test runner of each language and publish the report from CI (as an artifact, a pull-request comment, or Codecov/Coveralls). A minimum threshold keeps it from sliding.',
  evaluate(facts) {
    const { sources, projects } = codeInventory(facts);
    if (sources.length === 0) {
      return outcome.notApplicable('no source code');
    }
    const where = findCoverage(facts);
    if (where) {
      return outcome.pass(`coverage configured (${where})`);
    }
    const groups = new Map<LanguageGroup, number>();
    for (const file of sources) {
      const g = languageGroupOf(file.path)!;
      groups.set(g, (groups.get(g) ?? 0) + 1);
    }
    const findings: Finding[] = [...groups.entries()].map(([group, count]) => {
      const ecosystem = ECOSYSTEM_OF_GROUP[group];
      const manifest = ecosystem
        ? [...projects]
            .reverse()
            .find(p => p.ecosystems.includes(ecosystem))
            ?.manifests.find(m => manifestEcosystem(m) === ecosystem)
        : undefined;
      return {
        path: manifest ?? '.',
        message: `No test coverage is measured for the ${count} ${GROUP_LABELS[group]} source file(s): ${HOW_TO[group]}`,
      };
    });
    return outcome.fail(findings);
  },
  fix: fixCoverageConfig,
});
