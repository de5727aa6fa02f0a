import { describeRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'no README at all',
      files: { 'main.go': 'package main' },
      findings: ['.'],
    },
    {
      name: 'a README only in a subfolder',
      files: { 'docs/README.md': '# Docs\n', 'app.py': '' },
      findings: ['.'],
    },
    {
      name: 'README-like names that are not a README',
      files: { 'READ_ME_FIRST.txt': 'x', 'readme-old.md': 'x' },
      findings: ['.'],
    },
    {
      name: 'an empty README',
      files: { 'README.md': '\n  \n' },
      findings: ['README.md'],
    },
  ],
  passes: [
    { name: 'README.md', files: { 'README.md': '# Service\n' } },
    { name: 'README.rst', files: { 'README.rst': 'Service\n=======\n' } },
    { name: 'lower-case readme without extension', files: { readme: 'text' } },
    { name: 'README.adoc', files: { 'README.adoc': '= Service\n' } },
  ],
});
