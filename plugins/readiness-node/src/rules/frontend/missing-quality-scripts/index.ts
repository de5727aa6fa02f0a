import { Finding } from '@readiness/backstage-plugin-readiness-common';
import type { Facts, FrontendApp } from '../../../facts';
import { joinPath, lineOf } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { appLabel, frontendApps, keyLine } from '../apps';

/** npm's placeholder and other test scripts that run nothing. */
export function isPlaceholderTestScript(script: string): boolean {
  const s = script.trim();
  return (
    /no test specified/i.test(s) ||
    /^(?:echo\b[^&|;]*|exit\s+0|true|:)(?:\s*&&\s*exit\s+[01])?$/.test(s) ||
    s === ''
  );
}

const LINT_TOOL =
  /\b(?:eslint|biome\s+(?:lint|check|ci)|oxlint|next\s+lint|ng\s+lint|stylelint|xo|standard|tslint|vue-cli-service\s+lint|svelte-check|astro\s+check)\b/;
const TYPECHECK_OR_BUILD_TOOL =
  /\b(?:tsc|vue-tsc|svelte-check|astro\s+(?:check|build)|next\s+build|vite\s+build|ng\s+build|react-scripts\s+build|craco\s+build|webpack|rollup|parcel\s+build|nuxt\s+(?:build|generate)|remix\s+(?:vite:)?build|gatsby\s+build|vue-cli-service\s+build|rsbuild\s+build|esbuild|tsup)\b/;
const TEST_TOOL =
  /\b(?:vitest|jest|playwright\s+test|cypress\s+run|karma|ng\s+test|react-scripts\s+test|craco\s+test|mocha|web-test-runner|wtr|uvu|ava|bun\s+test|vue-cli-service\s+test:unit|testing-library)\b/;

interface Check {
  label: string;
  key: RegExp;
  tool: RegExp;
  /** Nx / Angular target names that provide it. */
  targets: string[];
}

const CHECKS: Check[] = [
  { label: 'lint', key: /^lint(?::|$)/, tool: LINT_TOOL, targets: ['lint'] },
  {
    label: 'typecheck or build',
    key: /^(?:typecheck|type-check|types|check-types|check:types|tsc|build)(?::|$)/,
    tool: TYPECHECK_OR_BUILD_TOOL,
    targets: ['build', 'typecheck', 'type-check'],
  },
  {
    label: 'test',
    key: /^test(?::|$)/,
    tool: TEST_TOOL,
    targets: ['test', 'e2e'],
  },
];

/** Targets defined for the app in Nx `project.json` or Angular `angular.json`. */
function workspaceTargets(facts: Facts, app: FrontendApp): Set<string> {
  const targets = new Set<string>();
  for (const name of ['project.json', 'angular.json', 'workspace.json']) {
    const file = facts.file(joinPath(app.dir, name));
    if (!file) continue;
    for (const m of file.text.matchAll(
      /"(\w[\w-]*)"\s*:\s*\{\s*"(?:executor|builder|command)"/g,
    ))
      targets.add(m[1]);
  }
  return targets;
}

function provides(
  check: Check,
  scripts: Record<string, string>,
  targets: Set<string>,
): boolean {
  if (check.targets.some(t => targets.has(t))) return true;
  return Object.entries(scripts).some(([key, value]) => {
    if (check.label === 'test' && isPlaceholderTestScript(value)) return false;
    return check.key.test(key) || check.tool.test(value);
  });
}

export default defineRule({
  id: 'frontend/missing-quality-scripts',
  category: 'frontend',
  severity: 'medium',
  title: 'Frontend apps have lint, typecheck/build and test scripts',
  description:
    'Fails for each frontend app whose package.json lacks a lint script, a typecheck or build script, or a test script (npm\'s placeholder `echo "Error: no test specified" && exit 1` is not a test script). Scripts are recognised by name (`lint`, `typecheck`, `build`, `test`, `test:unit`…) or by the tool they run; Nx and Angular workspace targets count. A package that publishes a component library (a `main`/`exports` entry, the UI framework as a peer dependency or a library build, and no app entry) is not an app.',
  rationale:
    'CI and teammates run the checks a package declares. Without a lint, typecheck or test script, those checks are skipped in CI, or everyone runs a different command locally.',
  remediation:
    'Add `"lint": "eslint ."`, `"typecheck": "tsc --noEmit"` (or a `build` script) and `"test": "vitest run"` (or jest, playwright…) to the app\'s package.json, and run them in CI.',
  evaluate(facts) {
    const apps = frontendApps(facts);
    if (apps.length === 0) return outcome.notApplicable('no frontend app');
    const findings: Finding[] = [];
    for (const app of apps) {
      const scripts = app.packageJson.scripts;
      const targets = workspaceTargets(facts, app);
      const missing = CHECKS.filter(c => !provides(c, scripts, targets)).map(
        c => c.label,
      );
      if (missing.length === 0) continue;
      const path = app.packageJson.path;
      const line = keyLine(facts, path, 'scripts');
      const file = facts.file(path);
      const placeholder =
        scripts.test !== undefined && isPlaceholderTestScript(scripts.test);
      findings.push({
        path,
        ...(line ? { line } : {}),
        ...(line && file ? { excerpt: lineOf(file, line) } : {}),
        message: `${appLabel(app).replace(/^the/, 'The')} has no ${missing.join(
          ', no ',
        )} script${
          placeholder ? ' (its test script is the npm placeholder)' : ''
        }`,
      });
    }
    return outcome.fromFindings(findings);
  },
});
