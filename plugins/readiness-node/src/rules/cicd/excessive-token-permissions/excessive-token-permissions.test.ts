import { describeRule } from '../../../testing';
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
