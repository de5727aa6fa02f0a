import { describeRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'nothing',
      files: { 'README.md': '# x\n\n## Usage\n' },
      findings: ['.'],
    },
    {
      name: 'a contributing file in an unrelated folder',
      files: { 'vendor/lib/CONTRIBUTING.md': 'x' },
      findings: ['.'],
    },
    {
      name: 'the word contributing only in prose',
      files: { 'README.md': '# x\n\nContributing is welcome.\n' },
      findings: ['.'],
    },
  ],
  passes: [
    {
      name: 'CONTRIBUTING.md at the root',
      files: { 'CONTRIBUTING.md': '# Contributing\n' },
    },
    {
      name: '.github/CONTRIBUTING.md',
      files: { '.github/CONTRIBUTING.md': 'x' },
    },
    { name: 'docs/CONTRIBUTING.rst', files: { 'docs/CONTRIBUTING.rst': 'x' } },
    {
      name: 'a docs/contributing folder',
      files: { 'docs/contributing/index.md': 'x' },
    },
    {
      name: 'a README section',
      files: { 'README.md': '# x\n\n## Contributing\n\nOpen a PR.\n' },
    },
  ],
});
