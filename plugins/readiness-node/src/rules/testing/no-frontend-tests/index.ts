import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../../snapshot';
import { dirname, Facts, isTestFile, languageOf } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { isTestSupport } from '../inventory';
import { DOCS_SEGMENT, EXAMPLES_SEGMENT } from '../../../facts/paths';
import { maskSource } from '../../../facts/sourceText';
import { syntaxTree } from '../../../facts/syntax';
import { blazorClients, isBlazorClientTested } from './blazor';

const E2E_PATH =
  /(^|\/)(e2e|e2e-tests|tests-e2e|playwright|cypress\/(e2e|integration))\/|\.e2e(-spec)?\.[cm]?[jt]sx?$/i;

/** End-to-end tests drive a browser; they do not test components or units. */
function isEndToEnd(file: SourceFile): boolean {
  if (E2E_PATH.test(file.path)) return true;
  if (/['"]@playwright\/test['"]/.test(file.text)) return true;
  return /\bcy\.visit\(/.test(file.text) && !/\bcy\.mount\(/.test(file.text);
}

/** Files Jest and Vitest pick up by default. */
const RUNNER_TEST_NAME = /\.(?:test|spec|cy)\.[cm]?[jt]sx?$|(^|\/)__tests__\//;

const FRONTEND_LANGUAGES = new Set(['javascript', 'typescript']);

/** The functions Jest, Vitest, Mocha, Jasmine and Cypress declare tests and suites with (`test.each`, `it.only`… included). */
const TEST_CASE_FUNCTIONS = new Set(['describe', 'it', 'test', 'suite', 'context', 'specify', 'fdescribe', 'fit', 'xdescribe', 'xit', 'bench']);
const TEST_CASE_CALL = /(?<![\w$.])(?:describe|it|test|suite|context|specify|fdescribe|fit|xdescribe|xit|bench)(?:\.\w+)*\s*[(`]/;

/**
 * Whether a file named as a test declares a test or a suite. A file named `*.test.ts` that only exports mock
 * objects or helpers for other tests runs nothing. Read from the syntax tree's calls (the callee's first name), or
 * from the code with comments and strings blanked when there is no tree.
 */
function declaresTests(facts: Facts, file: SourceFile): boolean {
  const tree = syntaxTree(facts, file);
  if (!tree) return TEST_CASE_CALL.test(maskSource(file).code);
  return tree.calls().some(call => TEST_CASE_FUNCTIONS.has(call.callee.split(/[.(`[]/)[0]) || (call.receiver === 'Deno' && call.name === 'test'));
}

/** Configuration, stories, fixtures and bundles: not the app's own code. */
function isGenerated(path: string): boolean {
  return /(^|\/)(fixtures?|__fixtures__|__mocks__|mocks?|\.storybook|public|static)\/|\.(config|stories)\.[cm]?[jt]sx?$|\.min\.js$/.test(path);
}

const TEST_TOOLS = ['vitest', 'jest', '@testing-library/react', '@testing-library/vue', '@angular/core/testing', 'karma', '@vue/test-utils', '@testing-library/svelte', 'cypress'];

export default defineRule({
  id: 'testing/no-frontend-tests',
  category: 'testing',
  severity: 'high',
  title: 'Frontend apps have component or unit tests',
  description:
    'Fails for each frontend app (React, Vue, Angular, Svelte…) with no component or unit test inside its package: no `*.test.*`, `*.spec.*`, `__tests__/` or Cypress component test that declares a test (`test`, `it`, `describe`…; a file so named that only exports mocks or helpers does not count). End-to-end tests alone (Playwright, Cypress `e2e/`) do not count. A Blazor WebAssembly app is a frontend app too: it is tested when a test project (bUnit, xUnit, NUnit, MSTest) references it or a component library it references. A package that publishes a component library (a `main`/`exports` entry, the UI framework as a peer dependency or a library build, and no app entry) is not an app.',
  rationale:
    'Frontend code holds real logic (forms, validation, state, permissions). Without component tests, a broken screen is found by users, and end-to-end tests alone are too slow and too coarse to cover it.',
  remediation:
    'Add Vitest or Jest with Testing Library to the app and write tests for the components with logic: forms, state handling, conditional rendering and API error states (for a Blazor WebAssembly app, a bUnit test project that references it). Run them in CI.',
  evaluate(facts) {
    const apps = facts.stack.frontends;
    const blazor = blazorClients(facts);
    if (apps.length === 0 && blazor.length === 0) {
      return outcome.notApplicable('no frontend app');
    }
    const packageDirs = new Set(facts.manifests.packageJsons.map(p => p.dir));
    const byDir = new Map<string, string | undefined>();
    /** The package a file belongs to: the deepest package.json above it. */
    const packageOf = (path: string): string | undefined => {
      const dir = dirname(path);
      if (byDir.has(dir)) return byDir.get(dir);
      let found: string | undefined;
      if (packageDirs.has(dir)) found = dir;
      else if (dir !== '') found = packageOf(dir);
      byDir.set(dir, found);
      return found;
    };
    const counts = new Map<string, { unit: SourceFile[]; e2e: number; sources: number }>();
    for (const app of apps) counts.set(app.dir, { unit: [], e2e: 0, sources: 0 });
    for (const file of facts.files) {
      const language = languageOf(file.path);
      if (!language || !FRONTEND_LANGUAGES.has(language)) continue;
      const entry = counts.get(packageOf(file.path) ?? '');
      if (!entry) continue;
      if (isTestFile(file.path)) {
        if (isTestSupport(file.path)) continue;
        if (isEndToEnd(file)) entry.e2e += 1;
        // Jest and Vitest only run files named as tests; other files in a tests/ folder are helpers (an e2e suite's config, page objects).
        else if (RUNNER_TEST_NAME.test(file.path)) entry.unit.push(file);
      } else if (!isGenerated(file.path)) {
        entry.sources += 1;
      }
    }
    const findings: Finding[] = [];
    for (const app of apps) {
      const c = counts.get(app.dir)!;
      if (c.unit.some(file => declaresTests(facts, file))) continue;
      const deps = { ...app.packageJson.dependencies, ...app.packageJson.devDependencies };
      const tool = TEST_TOOLS.find(t => t in deps);
      const where = app.dir ? ` in ${app.dir}/` : '';
      const notes = [
        c.e2e > 0 ? `only ${c.e2e} end-to-end test(s), which do not exercise components one by one` : '',
        tool ? '' : 'no component test runner (Vitest, Jest, Testing Library) among its dependencies',
      ].filter(Boolean);
      findings.push({
        path: app.packageJson.path,
        message: `The ${app.framework} app${where} has ${c.sources} source file(s) and no component or unit test${notes.length ? `: ${notes.join('; ')}` : ''}`,
        ...(isLowConfidenceApp(app.dir) ? { confidence: 'low' as const } : {}),
      });
    }
    for (const client of blazor) {
      if (isBlazorClientTested(facts, client)) continue;
      const where = client.dir ? ` in ${client.dir}/` : '';
      findings.push({
        path: client.path,
        message: `The Blazor WebAssembly app${where} has ${client.sources} source file(s) and no component or unit test: no test project references it or its component libraries (bUnit, xUnit, NUnit, MSTest)`,
        ...(isLowConfidenceApp(client.dir) ? { confidence: 'low' as const } : {}),
      });
    }
    return outcome.fromFindings(findings, `${apps.length + blazor.length} frontend app(s), each with component or unit tests`);
  },
});

const LOW_CONFIDENCE_APP_DIR = new RegExp(String.raw`(^|/)(${EXAMPLES_SEGMENT}|${DOCS_SEGMENT}|fixtures?|__fixtures__)(/|$)`, 'i');

/** Example and demo apps are reported with low confidence. */
function isLowConfidenceApp(dir: string): boolean {
  return LOW_CONFIDENCE_APP_DIR.test(dir);
}
