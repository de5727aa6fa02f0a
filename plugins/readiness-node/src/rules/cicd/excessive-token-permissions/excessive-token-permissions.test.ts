import { describeRule, runRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'no permissions anywhere',
      files: {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  t:\n    runs-on: x\n    steps: [{run: npm test}]\n',
      },
      findings: ['.github/workflows/ci.yml'],
    },
    {
      name: 'write-all at the top',
      files: {
        '.github/workflows/ci.yml':
          'on: push\npermissions: write-all\njobs:\n  t:\n    runs-on: x\n    steps: [{run: npm test}]\n',
      },
      findings: ['.github/workflows/ci.yml:2'],
      // Which writes the workflow needs is not in the file: left to a person.
      fix: 'none',
    },
    {
      name: 'only some jobs scoped',
      files: {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  t:\n    runs-on: x\n    permissions:\n      contents: read\n    steps: [{run: npm test}]\n  r:\n    runs-on: x\n    steps: [{run: echo}]\n',
      },
      findings: ['.github/workflows/ci.yml'],
    },
    {
      name: 'every job sets its own permissions but the workflow has no default',
      files: {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  a:\n    runs-on: x\n    permissions:\n      contents: read\n    steps: [{run: make}]\n  b:\n    uses: acme/.github/.github/workflows/build.yaml@main\n    permissions:\n      contents: read\n      packages: write\n',
      },
      findings: ['.github/workflows/ci.yml'],
    },
    {
      name: 'a job with write-all under a read-only top level',
      files: {
        '.github/workflows/ci.yml':
          'on: push\npermissions:\n  contents: read\njobs:\n  t:\n    runs-on: x\n    permissions: write-all\n    steps: [{run: npm test}]\n',
      },
      findings: ['.github/workflows/ci.yml:7'],
      fix: 'none',
    },
    {
      name: 'a reusable workflow whose in-repository caller does not restrict the token',
      files: {
        '.github/workflows/main.yml':
          'on: push\njobs:\n  test:\n    uses: ./.github/workflows/test.yml\n',
        '.github/workflows/test.yml':
          'on: [workflow_call]\njobs:\n  t:\n    runs-on: x\n    steps: [{run: make test}]\n',
      },
      findings: ['.github/workflows/main.yml', '.github/workflows/test.yml'],
    },
    {
      name: 'a reusable workflow with one restricted caller and one unrestricted caller',
      files: {
        '.github/workflows/main.yml':
          'on: push\npermissions:\n  contents: read\njobs:\n  test:\n    uses: ./.github/workflows/test.yml\n',
        '.github/workflows/release.yml':
          'on: release\njobs:\n  test:\n    uses: ./.github/workflows/test.yml\n',
        '.github/workflows/test.yml':
          'on: [workflow_call]\njobs:\n  t:\n    runs-on: x\n    steps: [{run: make test}]\n',
      },
      findings: ['.github/workflows/release.yml', '.github/workflows/test.yml'],
    },
    {
      name: 'a reusable workflow that no workflow of the repository calls',
      files: {
        '.github/workflows/test.yml':
          'on: [workflow_call]\njobs:\n  t:\n    runs-on: x\n    steps: [{run: make test}]\n',
      },
      findings: ['.github/workflows/test.yml'],
    },
    {
      name: 'a workflow called by a restricted caller that also runs on its own trigger',
      files: {
        '.github/workflows/main.yml':
          'on: push\npermissions:\n  contents: read\njobs:\n  test:\n    uses: ./.github/workflows/test.yml\n',
        '.github/workflows/test.yml':
          'on: [workflow_call, workflow_dispatch]\njobs:\n  t:\n    runs-on: x\n    steps: [{run: make test}]\n',
      },
      findings: ['.github/workflows/test.yml'],
    },
  ],
  passes: [
    {
      name: 'read-only top level with a job-level write',
      files: {
        '.github/workflows/ci.yml':
          'on: push\npermissions:\n  contents: read\njobs:\n  publish:\n    runs-on: x\n    permissions:\n      packages: write\n    steps: [{run: npm publish}]\n',
      },
    },
    {
      name: 'empty permissions',
      files: {
        '.github/workflows/ci.yml':
          'on: push\npermissions: {}\njobs:\n  t:\n    runs-on: x\n    steps: [{run: make}]\n',
      },
    },
    {
      name: 'read-only top level, narrow job-level grants on every job',
      files: {
        '.github/workflows/ci.yml':
          'on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: x\n    permissions:\n      contents: read\n    steps: [{run: make}]\n  b:\n    runs-on: x\n    permissions:\n      pull-requests: write\n    steps: [{run: make}]\n',
      },
    },
    {
      name: 'read-all',
      files: {
        '.github/workflows/ci.yml':
          'on: push\npermissions: read-all\njobs:\n  t:\n    runs-on: x\n    steps: [{run: make}]\n',
      },
    },
    {
      name: 'reusable workflows called only from workflows that restrict the token (top level, job level, or through a called caller)',
      files: {
        '.github/workflows/main.yml':
          'on: push\npermissions:\n  contents: read\n  packages: read\njobs:\n  pre:\n    uses: ./.github/workflows/pre.yml\n  test:\n    needs: pre\n    uses: ./.github/workflows/test.yml\n',
        '.github/workflows/nightly.yml':
          'on: schedule\npermissions: {}\njobs:\n  test:\n    uses: ./.github/workflows/test.yml\n    permissions:\n      contents: read\n  build:\n    uses: ./.github/workflows/build.yml\n    permissions:\n      contents: read\n',
        '.github/workflows/pre.yml':
          'on: [workflow_call]\njobs:\n  t:\n    runs-on: x\n    steps: [{run: make test}]\n',
        '.github/workflows/test.yml':
          'on: [workflow_call]\njobs:\n  t:\n    runs-on: x\n    steps: [{run: make test}]\n',
        '.github/workflows/build.yml':
          'on: workflow_call\njobs:\n  b:\n    uses: ./.github/workflows/publish.yml\n',
        '.github/workflows/publish.yml':
          'on:\n  workflow_call:\n    inputs:\n      tag: {type: string}\njobs:\n  p:\n    runs-on: x\n    permissions:\n      packages: write\n    steps: [{run: make push}]\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'no GitHub workflows',
      files: { '.gitlab-ci.yml': 'a:\n  script: make\n' },
    },
    {
      name: 'workflow with a YAML error',
      files: { '.github/workflows/ci.yml': 'on: [push\n' },
    },
  ],
});

describe('cicd/excessive-token-permissions through callers', () => {
  it('judges a reusable workflow on its own when one of its callers grants write-all', () => {
    const result = runRule(rule, {
      '.github/workflows/main.yml': 'on: push\npermissions:\n  contents: read\njobs:\n  test:\n    uses: ./.github/workflows/test.yml\n',
      '.github/workflows/release.yml':
        'on: release\npermissions:\n  contents: read\njobs:\n  test:\n    uses: ./.github/workflows/test.yml\n    permissions: write-all\n',
      '.github/workflows/test.yml': 'on: [workflow_call]\njobs:\n  t:\n    runs-on: x\n    steps: [{run: make test}]\n',
    });
    expect(result.findings.map(f => `${f.path}${f.line ? `:${f.line}` : ''}`).sort()).toEqual([
      '.github/workflows/release.yml:7',
      '.github/workflows/test.yml',
    ]);
  });
});
