import { describeRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'an npm project without update config',
      files: { 'package.json': '{"dependencies":{"express":"^4"}}' },
      findings: ['.'],
    },
    {
      name: 'a Go module',
      files: { 'go.mod': 'module x\n', 'main.go': 'package main' },
    },
    {
      name: 'a dependabot file in the wrong place',
      files: {
        'requirements.txt': 'flask==3.0.0\n',
        'docs/dependabot.yml': 'version: 2\n',
      },
    },
    {
      name: 'workflow actions only',
      files: {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{uses: actions/checkout@v4}]\n',
      },
    },
  ],
  passes: [
    {
      name: 'dependabot.yml',
      files: { 'package.json': '{}', '.github/dependabot.yml': 'version: 2\n' },
    },
    {
      name: 'dependabot.yaml',
      files: {
        'pom.xml': '<project/>',
        '.github/dependabot.yaml': 'version: 2\n',
      },
    },
    {
      name: 'renovate.json',
      files: { 'go.mod': 'module x', 'renovate.json': '{}' },
    },
    {
      name: 'renovate.json5 under .github',
      files: { 'go.mod': 'module x', '.github/renovate.json5': '{}' },
    },
    {
      name: '.renovaterc',
      files: { 'Cargo.toml': '[package]', '.renovaterc': '{}' },
    },
    {
      name: '.renovaterc.json',
      files: { 'Cargo.toml': '[package]', '.renovaterc.json': '{}' },
    },
    {
      name: 'renovate key in package.json',
      files: {
        'package.json':
          '{"name":"x","renovate":{"extends":["config:recommended"]}}',
      },
    },
  ],
  notApplicable: [
    {
      name: 'nothing to update',
      files: { 'README.md': '# x', 'notes.txt': '' },
    },
  ],
});
