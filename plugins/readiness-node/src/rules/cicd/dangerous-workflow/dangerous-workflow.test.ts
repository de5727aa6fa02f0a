import { describeRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'pull_request_target checking out the PR head',
      files: {
        '.github/workflows/preview.yml': [
          'on:',
          '  pull_request_target:',
          '    types: [opened, synchronize]',
          'permissions:',
          '  contents: read',
          'jobs:',
          '  preview:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - uses: actions/checkout@v4',
          '        with:',
          '          ref: ${{ github.event.pull_request.head.sha }}',
          '      - run: docker compose build',
          '',
        ].join('\n'),
      },
      findings: ['.github/workflows/preview.yml:12'],
    },
    {
      name: 'workflow_run checking out the triggering head sha',
      files: {
        '.github/workflows/report.yml':
          'on:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\njobs:\n  report:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.workflow_run.head_sha }}\n      - run: npm ci && npm run report\n',
      },
      findings: ['.github/workflows/report.yml:11'],
    },
    {
      name: 'workflow_run following a chain of workflows that ends in one run on pull requests',
      files: {
        '.github/workflows/ci.yml': 'name: CI\non: [push, pull_request]\njobs:\n  test:\n    runs-on: x\n    steps:\n      - run: make test\n',
        '.github/workflows/images.yml': 'name: Images\non:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\njobs:\n  build:\n    runs-on: x\n    steps:\n      - run: make images\n',
        '.github/workflows/release.yml': 'on:\n  workflow_run:\n    workflows: [Images]\n    types: [completed]\njobs:\n  report:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.workflow_run.head_branch }}\n      - run: make release\n',
      },
      findings: ['.github/workflows/release.yml:11'],
    },
    {
      name: 'gh pr checkout in a pull_request_target job',
      files: {
        '.github/workflows/t.yml':
          'on: pull_request_target\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          gh pr checkout ${{ github.event.pull_request.number }}\n          make test\n',
      },
      findings: ['.github/workflows/t.yml:8'],
    },
    {
      name: 'issue title and PR body interpolated into run',
      files: {
        '.github/workflows/triage.yml': [
          'on:',
          '  issues:',
          '    types: [opened]',
          '  pull_request:',
          'jobs:',
          '  triage:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - run: |',
          '          echo "New issue"',
          '          echo "${{ github.event.issue.title }}" | ./label.sh',
          '      - name: body',
          '        run: echo "${{ github.event.pull_request.body }}"',
          '',
        ].join('\n'),
      },
      findings: [
        '.github/workflows/triage.yml:11',
        '.github/workflows/triage.yml:13',
      ],
    },
    {
      name: 'branch name and commit message in run',
      files: {
        '.github/workflows/ci.yml':
          'on: [push, pull_request]\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: git checkout ${{ github.head_ref }}\n      - run: echo ${{ github.event.head_commit.message }}\n',
      },
      findings: ['.github/workflows/ci.yml:6', '.github/workflows/ci.yml:7'],
    },
    {
      name: 'comment body in github-script',
      files: {
        '.github/workflows/bot.yml':
          'on: issue_comment\njobs:\n  bot:\n    runs-on: x\n    steps:\n      - uses: actions/github-script@v7\n        with:\n          script: |\n            const body = `${{ github.event.comment.body }}`;\n',
      },
      findings: ['.github/workflows/bot.yml:9'],
    },
  ],
  passes: [
    {
      name: 'workflow_run following only workflows started by pushes, directly or through a chain',
      files: {
        '.github/workflows/ci.yml': 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: x\n    steps:\n      - run: make test\n',
        '.github/workflows/images.yml': 'name: Images\non:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\njobs:\n  build:\n    runs-on: x\n    steps:\n      - run: make images\n',
        '.github/workflows/release.yml': 'on:\n  workflow_run:\n    workflows: [Images]\n    types: [completed]\njobs:\n  report:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.workflow_run.head_branch }}\n      - run: make release\n',
      },
    },
    {
      name: 'pull_request_target that checks out the base only',
      files: {
        '.github/workflows/label.yml':
          'on: pull_request_target\npermissions:\n  pull-requests: write\njobs:\n  label:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/labeler@v5\n',
      },
    },
    {
      name: 'PR number is not user text',
      files: {
        '.github/workflows/c.yml':
          'on: pull_request_target\njobs:\n  c:\n    runs-on: x\n    steps:\n      - run: gh pr comment ${{ github.event.pull_request.number }} --body ok\n      - run: echo ${{ github.event.pull_request.head.sha }}\n',
      },
    },
    {
      name: 'user text passed through env',
      files: {
        '.github/workflows/t.yml':
          'on: issues\njobs:\n  t:\n    runs-on: x\n    steps:\n      - env:\n          TITLE: ${{ github.event.issue.title }}\n        run: echo "$TITLE"\n',
      },
    },
    {
      name: 'pull_request (not _target) checking out the head',
      files: {
        '.github/workflows/ci.yml':
          'on: pull_request\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: npm test\n',
      },
    },
    {
      name: 'pull_request_target restricted to same-repository branches',
      files: {
        '.github/workflows/p.yml':
          'on: pull_request_target\njobs:\n  p:\n    if: github.event.pull_request.head.repo.full_name == github.repository\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n',
      },
    },
    {
      name: 'a step name mentioning the title is not a script',
      files: {
        '.github/workflows/n.yml':
          'on: issues\njobs:\n  n:\n    runs-on: x\n    steps:\n      - name: Handle ${{ github.event.issue.title }}\n        run: echo handled\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'no workflows',
      files: { '.gitlab-ci.yml': 'test:\n  script: echo\n' },
    },
    {
      name: 'a workflow with a YAML error is skipped',
      files: { '.github/workflows/x.yml': 'on: [push\n' },
    },
  ],
});
