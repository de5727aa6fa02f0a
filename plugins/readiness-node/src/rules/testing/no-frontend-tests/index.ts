import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../../snapshot';
import { dirname, isTestFile, languageOf } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { isTestSupport } from '../inventory';
import { DOCS_SEGMENT, EXAMPLES_SEGMENT } from '../../../facts/paths';

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
    'Fails for each frontend app (React, Vue, Angular, Svelte…) with no component or unit test inside its package: no `*.test.*`, `*.spec.*`, `__tests__/` or Cypress component test. End-to-end tests alone (Playwright, Cypress `e2e/`) do not count.',
  rationale:
    'Frontend code holds real logic (forms, validation, state, permissions). Without component tests, a broken screen is found by users, and end-to-end tests alone are too slow and too coarse to cover it.',
  remediation:
    'Add Vitest or Jest with Testing Library to the app and write tests for the components with logic: forms, state handling, conditional rendering and API error states. Run them in CI.',
  evaluate(facts) {
    const apps = facts.stack.frontends;
    if (apps.length === 0) {
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
    const counts = new Map<string, { unit: number; e2e: number; sources: number }>();
    for (const app of apps) counts.set(app.dir, { unit: 0, e2e: 0, sources: 0 });
    for (const file of facts.files) {
      const language = languageOf(file.path);
      if (!language || !FRONTEND_LANGUAGES.has(language)) continue;
      const entry = counts.get(packageOf(file.path) ?? '');
      if (!entry) continue;
      if (isTestFile(file.path)) {
        if (isTestSupport(file.path)) continue;
        if (isEndToEnd(file)) entry.e2e += 1;
        // Jest and Vitest only run files named as tests; other files in a tests/ folder are helpers (an e2e suite's config, page objects).
        else if (RUNNER_TEST_NAME.test(file.path)) entry.unit += 1;
      } else if (!isGenerated(file.path)) {
        entry.sources += 1;
      }
    }
    const findings: Finding[] = [];
    for (const app of apps) {
      const c = counts.get(app.dir)!;
      if (c.unit > 0) continue;
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
    return outcome.fromFindings(findings, `${apps.length} frontend app(s), each with component or unit tests`);
  },
});

const LOW_CONFIDENCE_APP_DIR = new RegExp(String.raw`(^|/)(${EXAMPLES_SEGMENT}|${DOCS_SEGMENT}|fixtures?|__fixtures__)(/|$)`, 'i');

/** Example and demo apps are reported with low confidence. */
function isLowConfidenceApp(dir: string): boolean {
  return LOW_CONFIDENCE_APP_DIR.test(dir);
}
