import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../../snapshot';
import { basename, dirname, Facts } from '../../../facts';
import { defineRule, outcome, RuleOutcome } from '../../types';
import { codeInventory, scopeOf } from '../inventory';
import { declarationsOnly, launcherOnly, testReach, wiringOnly } from './reach';
import { cliWiringOnly, codeLines, containerModulesOnly, stubsOnly, thinEntryPoint, TINY_FOLDER_LINES } from './shapes';

/** Folder names that only say where code or tests live, not what they are about. */
const NEUTRAL_SEGMENTS = new Set([
  'src',
  'main',
  'test',
  'tests',
  '__tests__',
  'spec',
  'specs',
  'java',
  'kotlin',
  'scala',
  'lib',
  'app',
  'unit',
  'integration',
  'e2e',
  'it',
]);

const MAX_FOLDERS = 5;
/** How many of the largest untested-looking folders are checked against what tests reach. */
const MAX_FOLDERS_CHECKED = 40;

function relative(dir: string, scope: string): string {
  if (scope === '') return dir;
  return dir === scope ? '' : dir.slice(scope.length + 1);
}

/** A folder reduced to the segments that name a subject (`src/main/java/com/x/orders` → `com/x/orders`). */
function subjectKey(dir: string): string[] {
  return dir
    .split('/')
    .filter(Boolean)
    .map(s => s.replace(/\.(unit|integration|functional)?tests?$/i, ''))
    .filter(s => !NEUTRAL_SEGMENTS.has(s.toLowerCase()));
}

function containsRun(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0) return haystack.length === 0;
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((s, k) => haystack[i + k] === s)) return true;
  }
  return false;
}

function sourceStem(path: string): string {
  return basename(path).replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

function testStem(path: string): string {
  return basename(path)
    .replace(/\.[^.]+$/, '')
    .replace(/\.(test|spec|cy|e2e-spec)$/i, '')
    .replace(/^tests?_/i, '')
    .replace(/_(test|tests|spec)$/i, '')
    .replace(/(Tests?|IT|Spec)$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Framework wiring with no behaviour of its own to unit-test: Next.js layouts, templates and loading, error and
 * not-found boundaries (rendered by every page test), and the bootstrap and module files of NestJS and Angular.
 */
const WIRING_FILE = /(?:^|\/)(?:(?:layout|template|loading|error|global-error|not-found|default)\.[jt]sx?|main\.ts|[\w.-]+\.module\.ts)$/;

function isWiringFile(path: string): boolean {
  return WIRING_FILE.test(path);
}

/**
 * Files with nothing of their own to test: declarations, framework, command-line and container wiring, entry points
 * that only call into the code, server launchers, and functions that only log, wait or hand back a value.
 */
function nothingToTest(facts: Facts, file: SourceFile): boolean {
  return (
    declarationsOnly(facts, file) ||
    isWiringFile(file.path) ||
    wiringOnly(facts, file) ||
    launcherOnly(facts, file) ||
    thinEntryPoint(facts, file) ||
    cliWiringOnly(facts, file) ||
    containerModulesOnly(facts, file) ||
    stubsOnly(facts, file)
  );
}

/** The deepest folder every path sits in ('' when they share none). */
function commonDir(paths: string[]): string {
  if (paths.length === 0) return '';
  let parts = dirname(paths[0]).split('/').filter(Boolean);
  for (const path of paths.slice(1)) {
    const other = dirname(path).split('/');
    let i = 0;
    while (i < parts.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join('/');
}

const fmt = (n: number) => n.toFixed(2);

export default defineRule({
  id: 'testing/low-test-ratio',
  category: 'testing',
  severity: 'high',
  title: 'Enough of the code is tested',
  description:
    'Graded: the number of test files per production source file, against the configured target (`testRatioTarget`, 0.3 by default). The score is the ratio divided by the target, capped at 1. Findings name the projects below the target and, in those projects, the largest folders no test reaches: none is named after them or sits in a mirroring folder, imports them (or, in C#, names their types) directly or through the code it imports, calls their routes or looks up the models they register. Copied code with another holder\'s copyright notice, components a registry CLI copies in, database shell scripts and load-test scripts are not counted; folders of at most 12 lines of code, and folders of declarations, do-nothing handlers, stubs that only log or wait, or wiring (framework, command-line, dependency injection, thin entry points) are not named.',
  rationale:
    'A handful of tests for a large codebase leaves most behaviour unverified: the untested parts are where regressions slip through and where changes are feared.',
  remediation:
    'Add tests where the findings point first: the largest untested folders, starting with request handlers and business logic. Keep test files next to or mirroring the code they test so gaps stay visible.',
  evaluate(facts, settings): RuleOutcome {
    const { sources, tests, projects } = codeInventory(facts);
    if (sources.length === 0) {
      return outcome.notApplicable('no source code');
    }
    const target = settings.testRatioTarget > 0 ? settings.testRatioTarget : 0.3;
    const ratio = tests.length / sources.length;

    // In a monorepo each service or package is measured on its own, and the
    // score weighs each by its size, so one well-tested package cannot hide
    // an untested one.
    const byScope = new Map<string, { sources: number; tests: number }>();
    for (const f of sources) {
      const s = scopeOf(projects, f.path);
      const e = byScope.get(s) ?? { sources: 0, tests: 0 };
      e.sources += 1;
      byScope.set(s, e);
    }
    for (const f of tests) {
      const e = byScope.get(scopeOf(projects, f.path));
      if (e) e.tests += 1;
    }
    let weighted = 0;
    for (const counts of byScope.values()) {
      weighted += counts.sources * Math.min(1, counts.tests / counts.sources / target);
    }
    const score = weighted / sources.length;
    const summary = `${tests.length} test file(s) for ${sources.length} source file(s): ${fmt(ratio)} per source file, target ${fmt(target)}`;
    if (score >= 1) {
      return { status: 'graded', score: 1, findings: [], message: summary };
    }

    const findings: Finding[] = [];
    // Per-project findings only say something new when there is more than one project.
    for (const [scope, counts] of byScope.size > 1 ? byScope : []) {
      const r = counts.tests / counts.sources;
      if (r >= target) continue;
      // The root scope holds what no other project claims (.NET projects among them): name the folder those files
      // share, not the whole repository.
      const where = scope || commonDir([...sources, ...tests].filter(f => scopeOf(projects, f.path) === '').map(f => f.path));
      findings.push({
        path: where || '.',
        message: `${where ? `${where}/` : 'The root project'} has ${counts.tests} test file(s) for ${counts.sources} source file(s): ${fmt(r)} per source file, below the target of ${fmt(target)}`,
      });
    }

    // Largest folders whose code has no test at all, by name or by folder.
    const testedStems = new Set<string>();
    const testKeys = new Map<string, string[][]>();
    for (const t of tests) {
      const scope = scopeOf(projects, t.path);
      testedStems.add(`${scope}\u0000${testStem(t.path)}`);
      const keys = testKeys.get(scope) ?? [];
      keys.push(subjectKey(relative(dirname(t.path), scope)));
      testKeys.set(scope, keys);
    }
    const ratioOf = (scope: string) => {
      const counts = byScope.get(scope);
      return counts ? counts.tests / counts.sources : ratio;
    };
    /** The ratio a folder's finding quotes: its project's when the repository has several, else the repository's. */
    const quoted = (scope: string) => (byScope.size > 1 ? `${scope ? `project ${scope}/` : 'root project'}: ${fmt(ratioOf(scope))}` : `repository: ${fmt(ratio)}`);
    const folders = new Map<string, { scope: string; files: SourceFile[] }>();
    for (const f of sources) {
      const dir = dirname(f.path);
      const entry = folders.get(dir) ?? { scope: scopeOf(projects, f.path), files: [] };
      entry.files.push(f);
      folders.set(dir, entry);
    }
    const reach = testReach(facts, tests);
    const untested = [...folders.entries()]
      .filter(([dir, { scope, files }]) => {
        if (files.some(f => testedStems.has(`${scope}\u0000${sourceStem(f.path)}`))) return false;
        // `tests/test_api.py` tests the `api/` package.
        if (dir && testedStems.has(`${scope}\u0000${sourceStem(dir)}`)) return false;
        const key = subjectKey(relative(dir, scope));
        return !(testKeys.get(scope) ?? []).some(k => containsRun(key, k));
      })
      // A project that meets the target loses no points: its untested folders are no finding of this rule.
      .filter(([, { scope }]) => ratioOf(scope) < target)
      .sort(([a, x], [b, y]) => y.files.length - x.files.length || a.localeCompare(b))
      .filter(([dir]) => !findings.some(f => f.path === (dir || '.')));
    // The largest first, until enough are found: tests that import a folder's modules (directly or through
    // the code they import), name its C# types or its models, or drive its routes (`/auth/…` for `app/auth/`) do
    // test it; a few lines, and folders of declarations, stubs or wiring only, hold nothing a test could check.
    const shown: typeof untested = [];
    for (const entry of untested.slice(0, MAX_FOLDERS_CHECKED)) {
      if (shown.length === MAX_FOLDERS) break;
      const [dir, { files }] = entry;
      // A few lines (a shim, an init script, a three-line `main`) are no test gap worth naming.
      if (files.reduce((n, f) => n + codeLines(f.text), 0) <= TINY_FOLDER_LINES) continue;
      if (dir && reach.reaches(dir, files)) continue;
      if (files.every(f => nothingToTest(facts, f))) continue;
      shown.push(entry);
    }
    for (const [dir, { scope, files }] of shown) {
      findings.push({
        path: dir || '.',
        message: `${dir ? `${dir}/` : 'The root folder'} has ${files.length} source file(s) and no test for any of them (${quoted(scope)} test files per source file, target ${fmt(target)})`,
      });
    }
    if (findings.length === 0) {
      findings.push({ path: '.', message: `${summary}` });
    }
    return { status: 'graded', score, findings, message: summary };
  },
});
