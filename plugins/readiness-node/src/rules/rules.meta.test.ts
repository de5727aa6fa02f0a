import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORY_IDS, SEVERITIES } from '@readiness/backstage-plugin-readiness-common';
import { builtinRules } from '.';
import { RuleRegistry } from './registry';

/** The public rule ids of catalog v1. Ids are a contract: never rename one. */
const CATALOG_V1 = [
  'cicd/dangerous-workflow',
  'cicd/deploy-not-gated',
  'cicd/excessive-token-permissions',
  'cicd/force-push',
  'cicd/no-ci',
  'cicd/no-dependency-updates',
  'cicd/no-tests-in-ci',
  'cicd/unpinned-actions',
  'code-quality/hardcoded-sys-path',
  'code-quality/missing-lockfile',
  'code-quality/no-linter-config',
  'code-quality/print-logging',
  'code-quality/swallowed-errors',
  'code-quality/todo-debt',
  'code-quality/unpinned-dependencies',
  'code-quality/unused-heavy-dependency',
  'database/destructive-schema-script',
  'database/no-indexes',
  'database/no-migrations',
  'documentation/env-vars-undocumented',
  'documentation/missing-readme',
  'documentation/no-api-docs',
  'documentation/no-changelog',
  'documentation/no-contributing',
  'documentation/no-license',
  'documentation/no-runbook',
  'documentation/no-security-policy',
  'documentation/thin-readme',
  'frontend/missing-quality-scripts',
  'frontend/no-error-boundary',
  'frontend/render-blocking-fonts',
  'infrastructure/compose-no-healthcheck',
  'infrastructure/compose-plaintext-secrets',
  'infrastructure/compose-source-bind-mount',
  'infrastructure/dockerfile-no-healthcheck',
  'infrastructure/dockerfile-runs-as-root',
  'infrastructure/missing-dockerignore',
  'infrastructure/missing-env-example',
  'infrastructure/no-backup-strategy',
  'infrastructure/runtime-version-mismatch',
  'infrastructure/unpinned-base-image',
  'observability/error-tracking-not-initialized',
  'observability/no-error-tracking',
  'observability/no-health-endpoint',
  'observability/no-metrics',
  'observability/no-structured-logging',
  'observability/no-tracing',
  'security/auth-todo',
  'security/committed-env-file',
  'security/cors-wildcard',
  'security/debug-enabled',
  'security/default-admin-password',
  'security/hardcoded-secret',
  'security/no-rate-limiting',
  'security/no-security-headers',
  'security/placeholder-secret-default',
  'security/token-in-localstorage',
  'testing/low-test-ratio',
  'testing/no-coverage-config',
  'testing/no-frontend-tests',
  'testing/no-tests',
  'testing/placeholder-test-script',
];

/**
 * Every built-in rule is a self-describing unit: metadata, a doc and a
 * table-driven test with failing and passing fixtures, in its own folder.
 */
const catalogIds = (() => {
  // The public catalog of rule ids: one line per rule in each category list.
  const ids: string[] = [];
  for (const category of CATEGORY_IDS) {
    const dir = join(__dirname, category);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) ids.push(`${category}/${entry.name}`);
    }
  }
  return ids.sort();
})();

describe('the built-in rule catalog', () => {
  it('registers every rule folder exactly once, and nothing else', () => {
    expect(builtinRules.map(r => r.id).sort()).toEqual(catalogIds);
    expect(() => new RuleRegistry(builtinRules)).not.toThrow();
  });

  it('implements every rule of the v1 catalog under its public id', () => {
    expect(builtinRules.map(r => r.id).sort()).toEqual([...CATALOG_V1].sort());
  });

  it.each(builtinRules.map(r => [r.id, r] as const))('%s is complete', (id, rule) => {
    const [category, name] = id.split('/');
    expect(rule.category).toBe(category);
    expect(SEVERITIES).toContain(rule.severity);
    for (const field of ['title', 'description', 'rationale', 'remediation'] as const) {
      expect(rule[field].trim().length).toBeGreaterThan(10);
    }

    const dir = join(__dirname, category, name);
    const doc = join(dir, 'README.md');
    expect(existsSync(doc)).toBe(true);
    expect(readFileSync(doc, 'utf8')).toContain(id);

    const testFile = join(dir, `${name}.test.ts`);
    expect(existsSync(testFile)).toBe(true);
    const test = readFileSync(testFile, 'utf8');
    expect(test).toMatch(/describeRule\(/);
    expect(test).toMatch(/\bfails:\s*\[\s*\{/);
    expect(test).toMatch(/\bpasses:\s*\[\s*\{/);
  });

  it('refuses duplicate and malformed ids', () => {
    const [first] = builtinRules;
    expect(() => new RuleRegistry([first, first])).toThrow(/Duplicate readiness rule id/);
    expect(() => new RuleRegistry([{ ...first, id: 'Security/Bad Id' }])).toThrow(/must look like/);
  });
});
