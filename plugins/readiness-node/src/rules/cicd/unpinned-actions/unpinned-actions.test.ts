import { describeRule } from '../../../testing';
import rule from '.';

const wf = (...uses: string[]) =>
  `on: push\npermissions: {}\njobs:\n  b:\n    runs-on: x\n    steps:\n${uses
    .map(u => `      - uses: ${u}\n`)
    .join('')}`;

describeRule(rule, {
  fails: [
    {
      name: 'third-party actions by branch',
      files: {
        '.github/workflows/ci.yml': wf(
          'actions/checkout@v4',
          'golangci/golangci-lint-action@master',
          'some/action@main',
        ),
      },
      findings: ['.github/workflows/ci.yml:8', '.github/workflows/ci.yml:9'],
    },
    {
      name: 'an official action by branch',
      files: { '.github/workflows/ci.yml': wf('actions/checkout@main') },
      findings: ['.github/workflows/ci.yml:7'],
    },
    {
      name: 'no ref at all',
      files: { '.github/workflows/ci.yml': wf('someone/tool') },
    },
    {
      name: '@latest and @dev',
      files: { '.github/workflows/ci.yml': wf('x/y@latest', 'x/z@dev') },
    },
    {
      name: 'docker image without a tag',
      files: { '.github/workflows/ci.yml': wf('docker://alpine') },
    },
    {
      name: 'refs in a branch namespace: a releases/ branch, a release/ branch, refs/heads/',
      files: {
        '.github/workflows/ci.yml': wf(
          'actions/checkout@v4',
          'some/deployment-action@releases/v1',
          'some/status@release/2.x',
          'other/tool@refs/heads/stable',
        ),
      },
      findings: ['.github/workflows/ci.yml:8', '.github/workflows/ci.yml:9', '.github/workflows/ci.yml:10'],
    },
    {
      name: 'a reusable workflow by branch',
      files: {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  call:\n    uses: org/shared/.github/workflows/build.yml@main\n',
      },
      findings: ['.github/workflows/ci.yml:4'],
    },
  ],
  passes: [
    {
      name: 'official actions by tag',
      files: {
        '.github/workflows/ci.yml': wf(
          'actions/checkout@v4',
          'github/codeql-action/init@v3',
        ),
      },
    },
    {
      name: 'version-like tags, also with a slash-free prefix or suffix',
      files: {
        '.github/workflows/ci.yml': wf('some/action@v1', 'some/other@v1.2.3', 'third/tool@2.0.0', 'fourth/tool@v2-beta'),
      },
    },
    {
      name: 'third-party by tag',
      files: {
        '.github/workflows/ci.yml': wf('docker/build-push-action@v6.9.0'),
      },
    },
    {
      name: 'SHA-pinned third-party action',
      files: {
        '.github/workflows/ci.yml': wf(
          'golangci/golangci-lint-action@971e284b6050e8a5849b72094c50ab08da042db8 # v6',
        ),
      },
    },
    {
      name: 'local action',
      files: { '.github/workflows/ci.yml': wf('./.github/actions/setup') },
    },
    {
      name: 'docker image with a tag or digest',
      files: {
        '.github/workflows/ci.yml': wf(
          'docker://alpine:3.20',
          'docker://ghcr.io/org/tool@sha256:abc',
        ),
      },
    },
    {
      name: 'a workflow with only run steps',
      files: {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  b:\n    runs-on: x\n    steps: [{run: make}]\n',
      },
    },
  ],
  notApplicable: [
    { name: 'no workflows', files: { Jenkinsfile: "sh 'make'" } },
  ],
});
