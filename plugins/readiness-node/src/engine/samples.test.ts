import { resolve } from 'node:path';
import { builtinRules } from '../rules';
import { auditDirectory } from './audit';

/**
 * The sample repositories in examples/repos are written to fail a known set
 * of rules (examples/README.md). Each must fail exactly those of the
 * registered rules: a missing failure is a false negative, an extra one a
 * false positive.
 */
const SAMPLES: Record<string, { verdict: string; fails: string[]; either?: string[] }> = {
  'flask-orders-api': {
    verdict: 'not-ready',
    fails: [
      'security/committed-env-file',
      'security/hardcoded-secret',
      'security/placeholder-secret-default',
      'security/auth-todo',
      'security/cors-wildcard',
      'security/debug-enabled',
      'security/no-rate-limiting',
      'security/no-security-headers',
      'testing/no-tests',
      'testing/low-test-ratio',
      'testing/no-coverage-config',
      'infrastructure/dockerfile-runs-as-root',
      'infrastructure/dockerfile-no-healthcheck',
      'infrastructure/missing-dockerignore',
      'infrastructure/unpinned-base-image',
      'infrastructure/missing-env-example',
      'infrastructure/no-backup-strategy',
      'code-quality/unpinned-dependencies',
      'code-quality/print-logging',
      'code-quality/hardcoded-sys-path',
      'code-quality/unused-heavy-dependency',
      'code-quality/swallowed-errors',
      'code-quality/todo-debt',
      'code-quality/no-linter-config',
      'database/destructive-schema-script',
      'database/no-migrations',
      'database/no-indexes',
      'observability/no-structured-logging',
      'observability/no-error-tracking',
      'observability/no-metrics',
      'observability/no-tracing',
      'observability/no-health-endpoint',
      'cicd/no-ci',
      'cicd/no-dependency-updates',
      'documentation/thin-readme',
      'documentation/no-api-docs',
      'documentation/no-license',
      'documentation/no-contributing',
      'documentation/no-changelog',
      'documentation/no-security-policy',
      'documentation/no-runbook',
    ],
  },
  'ts-payments-service': { verdict: 'production-ready', fails: [] },
  'polyglot-inventory': {
    verdict: 'not-ready',
    fails: [
      'security/no-rate-limiting',
      'security/no-security-headers',
      'testing/low-test-ratio',
      'testing/no-coverage-config',
      'infrastructure/compose-plaintext-secrets',
      'infrastructure/compose-no-healthcheck',
      'infrastructure/compose-source-bind-mount',
      'infrastructure/dockerfile-no-healthcheck',
      'infrastructure/dockerfile-runs-as-root',
      'infrastructure/missing-dockerignore',
      'infrastructure/unpinned-base-image',
      'infrastructure/runtime-version-mismatch',
      'infrastructure/missing-env-example',
      'infrastructure/no-backup-strategy',
      'code-quality/missing-lockfile',
      'code-quality/no-linter-config',
      'observability/no-error-tracking',
      'observability/no-metrics',
      'observability/no-tracing',
      'cicd/dangerous-workflow',
      'cicd/excessive-token-permissions',
      'cicd/unpinned-actions',
      'cicd/no-dependency-updates',
      'documentation/no-api-docs',
      'documentation/no-license',
      'documentation/no-contributing',
      'documentation/no-changelog',
      'documentation/no-security-policy',
      'documentation/no-runbook',
    ],
    either: ['testing/placeholder-test-script'],
  },
  'spring-ledger': {
    verdict: 'not-ready',
    fails: [
      'security/default-admin-password',
      'security/no-rate-limiting',
      'infrastructure/dockerfile-no-healthcheck',
      'infrastructure/no-backup-strategy',
      'observability/no-error-tracking',
      'observability/no-tracing',
      'cicd/no-dependency-updates',
      'documentation/no-license',
      'documentation/no-security-policy',
      'documentation/no-runbook',
      'documentation/no-contributing',
      'documentation/no-changelog',
    ],
  },
  'react-storefront': {
    verdict: 'not-ready',
    fails: [
      'security/token-in-localstorage',
      'testing/no-tests',
      'testing/no-frontend-tests',
      'testing/low-test-ratio',
      'testing/placeholder-test-script',
      'testing/no-coverage-config',
      'code-quality/unpinned-dependencies',
      'code-quality/missing-lockfile',
      'frontend/missing-quality-scripts',
      'frontend/no-error-boundary',
      'frontend/render-blocking-fonts',
      'observability/no-error-tracking',
      'cicd/no-ci',
      'cicd/no-dependency-updates',
      'documentation/no-license',
      'documentation/no-contributing',
      'documentation/no-changelog',
      'documentation/no-security-policy',
    ],
    either: ['observability/no-metrics', 'observability/no-tracing'],
  },
  'go-notifier': {
    verdict: 'production-ready',
    fails: ['security/no-rate-limiting'],
  },
  'django-reports': {
    verdict: 'not-ready',
    fails: [
      'security/placeholder-secret-default',
      'security/debug-enabled',
      'security/no-rate-limiting',
      'testing/no-coverage-config',
      'infrastructure/no-backup-strategy',
      'observability/error-tracking-not-initialized',
      'observability/no-error-tracking',
      'observability/no-metrics',
      'observability/no-tracing',
      'cicd/no-dependency-updates',
      'documentation/env-vars-undocumented',
      'documentation/no-contributing',
      'documentation/no-changelog',
      'documentation/no-security-policy',
    ],
  },
};

const registered = new Set(builtinRules.map(r => r.id));
const examples = resolve(__dirname, '../../../../examples/repos');

describe.each(Object.entries(SAMPLES))('sample %s', (name, expected) => {
  it('fails exactly the rules it was written to fail', async () => {
    const scorecard = await auditDirectory(resolve(examples, name));
    const failing = scorecard.results
      .filter(r => r.status === 'fail')
      .map(r => r.ruleId)
      .filter(id => !expected.either?.includes(id))
      .sort();
    const wanted = expected.fails.filter(id => registered.has(id)).sort();
    expect(failing).toEqual(wanted);
    expect(scorecard.results.filter(r => r.status === 'error')).toEqual([]);
  });

  it(`is ${expected.verdict} once every rule is registered`, async () => {
    const missing = [...expected.fails].filter(id => !registered.has(id));
    if (missing.length > 0) return;
    const scorecard = await auditDirectory(resolve(examples, name));
    expect(scorecard.verdict).toBe(expected.verdict);
  });
});
