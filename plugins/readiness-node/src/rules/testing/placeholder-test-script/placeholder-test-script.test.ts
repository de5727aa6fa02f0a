import { describeRule, findingsOf, runRule } from '../../../testing';
import rule from '.';

const pkg = (scripts: Record<string, string>, extra = '') =>
  `{\n  "name": "svc",${extra}\n  "scripts": ${JSON.stringify(scripts, null, 2).replace(/\n/g, '\n  ')}\n}\n`;

describeRule(rule, {
  fails: [
    {
      name: 'the npm init placeholder',
      files: { 'package.json': pkg({ start: 'node index.js', test: 'echo "Error: no test specified" && exit 1' }) },
      findings: ['package.json:5'],
    },
    {
      name: 'exit 0',
      files: { 'package.json': pkg({ test: 'exit 0' }) },
      findings: ['package.json:4'],
    },
    {
      name: 'a message and success',
      files: { 'api/package.json': pkg({ build: 'tsc', test: "echo 'tests run in CI' && exit 0" }) },
      findings: ['api/package.json:5'],
    },
    {
      name: 'the line is the script, not an earlier "test" key',
      files: { 'package.json': pkg({ test: 'exit 0' }, '\n  "jest": { "test": 1 },') },
      findings: ['package.json:5'],
    },
    { name: 'true', files: { 'package.json': pkg({ test: 'true' }) }, findings: ['package.json:4'] },
    { name: 'an empty command', files: { 'package.json': pkg({ test: '' }) }, findings: ['package.json:4'] },
    {
      name: 'delegation to a script that runs nothing',
      files: { 'package.json': pkg({ test: 'npm run test:unit', 'test:unit': 'echo "no unit tests yet"' }) },
      findings: ['package.json:4'],
    },
    {
      name: 'one placeholder among the packages of a monorepo',
      files: {
        'package.json': pkg({ test: 'yarn workspaces foreach run test' }, '\n  "private": true,\n  "workspaces": ["packages/*"],'),
        'packages/a/package.json': pkg({ test: 'echo "Error: no test specified" && exit 1' }),
        'packages/b/package.json': pkg({ test: 'vitest run' }),
      },
      findings: ['packages/a/package.json:4'],
    },
  ],
  passes: [
    { name: 'jest', files: { 'package.json': pkg({ test: 'jest --ci' }) } },
    { name: 'a message before the real runner', files: { 'package.json': pkg({ test: 'echo "running tests" && vitest run' }) } },
    {
      name: 'separators inside a quoted message',
      files: { 'package.json': pkg({ test: 'echo "skip && exit 1; nothing" && mocha' }) },
    },
    { name: 'delegation to a real runner', files: { 'package.json': pkg({ test: 'npm run test:unit', 'test:unit': 'vitest run' }) } },
    { name: 'Backstage CLI', files: { 'package.json': pkg({ test: 'backstage-cli package test' }) } },
    { name: 'node --test', files: { 'package.json': pkg({ test: 'node --test' }) } },
    { name: 'no test script at all', files: { 'package.json': pkg({ build: 'tsc', lint: 'eslint .' }) } },
    {
      name: 'a "test" key elsewhere in the file does not confuse the line',
      files: { 'package.json': pkg({ test: 'jest' }, '\n  "jest": { "test": 1 },') },
    },
  ],
  notApplicable: [
    { name: 'no package.json', files: { 'main.go': 'package main' } },
    { name: 'a package.json without scripts', files: { 'package.json': '{"name":"lib","dependencies":{}}' } },
  ],
});

describe('testing/placeholder-test-script messages', () => {
  it('explains the placeholder and quotes the line', () => {
    const result = runRule(rule, {
      'package.json': pkg({ test: 'echo "Error: no test specified" && exit 1' }),
    });
    expect(findingsOf(result)[0]).toEqual({
      path: 'package.json',
      line: 4,
      excerpt: '"test": "echo \\"Error: no test specified\\" && exit 1"',
      message: 'The `test` script is the npm placeholder: `npm test` fails without running anything',
    });
  });

  it('names the delegation chain', () => {
    const result = runRule(rule, {
      'package.json': pkg({ test: 'npm run test:unit', 'test:unit': 'exit 0' }),
    });
    expect(result.findings[0].message).toBe(
      'The `test` script (through `test` → `test:unit`) runs no test (`exit 0`): `npm test` reports success without running anything',
    );
  });
});
