import { Finding, Scorecard } from '@readiness/backstage-plugin-readiness-common';
import { auditSnapshot } from '../engine/audit';
import { snapshotFromFiles } from '../snapshot';
import { lineOf, matchAll } from '../facts';
import { defineRule, outcome, ReadinessRule } from '../rules/types';

/**
 * Rules and a fixture repository that give the report tests a scorecard with
 * every shape a report must render: blockers of both blocking severities, a
 * graded rule, a waived rule, a repository-wide failure without a location,
 * not-applicable rules and categories, passing rules and parse errors.
 * Shared by the report tests only.
 */
export const reportRules: ReadinessRule[] = [
  defineRule({
    id: 'security/fixture-leaked-token',
    category: 'security',
    severity: 'critical',
    title: 'No leaked token',
    description: 'Fails on every line holding `TOKEN=`.',
    rationale: 'Tokens in code leak.',
    remediation: 'Move the token to a secret store and rotate it.',
    evaluate(facts) {
      const findings: Finding[] = [];
      for (const file of facts.files) {
        for (const m of matchAll(file, /TOKEN=/g)) {
          findings.push({
            path: file.path,
            line: m.line,
            excerpt: lineOf(file, m.line),
            message: 'A token is written in the code',
            ...(file.path.startsWith('docs/') ? { confidence: 'low' as const } : {}),
          });
        }
      }
      return outcome.fromFindings(findings);
    },
  }),
  defineRule({
    id: 'security/fixture-headers',
    category: 'security',
    severity: 'medium',
    title: 'Security headers are set',
    description: 'Passes when helmet is used.',
    rationale: 'Headers stop common attacks.',
    remediation: 'Use helmet.',
    evaluate(facts) {
      return facts.files.some(f => f.text.includes('helmet'))
        ? outcome.pass()
        : outcome.fail([{ path: 'src/app.js', line: 1, message: 'no helmet' }]);
    },
  }),
  defineRule({
    id: 'infrastructure/fixture-container-user',
    category: 'infrastructure',
    severity: 'high',
    title: 'Containers set a user',
    description: 'Fails when a Dockerfile sets no USER.',
    rationale: 'Root in a container is root on escape.',
    remediation: 'Add `USER app` to the final stage.',
    evaluate(facts) {
      if (facts.dockerfiles.length === 0) return outcome.notApplicable('no Dockerfile');
      return outcome.fromFindings(
        facts.dockerfiles
          .filter(d => d.finalStage && !d.finalStage.instructions.some(i => i.keyword === 'USER'))
          .map(d => ({
            path: d.path,
            line: d.finalStage!.line,
            excerpt: `FROM ${d.finalStage!.image}`,
            message: 'The final stage sets no USER',
          })),
      );
    },
  }),
  defineRule({
    id: 'testing/fixture-test-ratio',
    category: 'testing',
    severity: 'medium',
    title: 'Enough tests',
    description: 'Graded by test files per source file.',
    rationale: 'Untested code breaks.',
    remediation: 'Write tests for the untested modules.',
    evaluate() {
      return {
        status: 'graded',
        score: 0.5,
        findings: [{ path: 'src/app.js', message: 'src/app.js has no test' }],
      };
    },
  }),
  defineRule({
    id: 'testing/fixture-has-tests',
    category: 'testing',
    severity: 'critical',
    title: 'Tests exist',
    description: 'Passes when a test file exists.',
    rationale: 'No tests, no safety net.',
    remediation: 'Add tests.',
    evaluate(facts) {
      return facts.files.some(f => f.path.endsWith('.test.js'))
        ? outcome.pass()
        : outcome.fail([{ path: '.', message: 'no test' }]);
    },
  }),
  defineRule({
    id: 'cicd/fixture-ci',
    category: 'cicd',
    severity: 'high',
    title: 'CI runs',
    description: 'Fails without CI.',
    rationale: 'Without CI, nothing is checked.',
    remediation: 'Add a workflow that runs the tests.',
    evaluate(facts) {
      return facts.ci.systems.length > 0 ? outcome.pass() : outcome.fail([], 'No CI configuration was found');
    },
  }),
  defineRule({
    id: 'code-quality/fixture-lint',
    category: 'code-quality',
    severity: 'medium',
    title: 'A linter is configured',
    description: 'Fails without eslint config.',
    rationale: 'Lint catches bugs.',
    remediation: 'Add an eslint config.',
    evaluate() {
      return outcome.fail([{ path: 'package.json', line: 2, message: 'no linter' }]);
    },
  }),
  defineRule({
    id: 'database/fixture-migrations',
    category: 'database',
    severity: 'high',
    title: 'Migrations exist',
    description: 'Not applicable without a database.',
    rationale: 'Schema changes need migrations.',
    remediation: 'Add migrations.',
    evaluate() {
      return outcome.notApplicable('no database');
    },
  }),
  defineRule({
    id: 'documentation/fixture-license',
    category: 'documentation',
    severity: 'low',
    title: 'A licence is present',
    description: 'Fails without LICENSE.',
    rationale: 'Users need to know the terms.',
    remediation: 'Add a LICENSE file.',
    evaluate(facts) {
      return facts.docs.license ? outcome.pass() : outcome.fail([{ path: 'LICENSE', message: 'no LICENSE file' }]);
    },
  }),
];

/** A small repository with a leaked token (one excerpt holds a pipe), a root container and a broken compose file. */
export const reportFiles: Record<string, string> = {
  'README.md': '# Shop\n\nRun `npm start`.\n',
  'src/app.js': "const express = require('express');\nconst TOKEN='abc' | 'def';\n",
  'src/app.test.js': "test('works', () => {});\n",
  'docs/setup.md': 'Set TOKEN=your-token | then restart\n',
  Dockerfile: 'FROM node:22\nCOPY . .\nCMD ["node", "src/app.js"]\n',
  'docker-compose.yml': 'services:\n  web: [unclosed\n',
  'package.json': '{\n  "name": "shop",\n  "scripts": { "test": "jest" }\n}\n',
};

/** The scorecard of {@link reportFiles} under {@link reportRules}, with one rule waived. */
export function reportScorecard(files: Record<string, string> = reportFiles): Scorecard {
  return auditSnapshot(snapshotFromFiles(files, '/repo'), {
    rules: reportRules,
    now: new Date('2025-01-15T12:00:00Z'),
    config: {
      waivers: [
        {
          ruleId: 'code-quality/fixture-lint',
          reason: 'Linting lands with the | monorepo move',
          expires: '2025-06-30',
          source: 'config',
        },
      ],
    },
  });
}
