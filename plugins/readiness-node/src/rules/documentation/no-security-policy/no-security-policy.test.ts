import { describeRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    { name: 'nothing', files: { 'README.md': '# x' }, findings: ['.'] },
    {
      name: 'security code is not a policy',
      files: {
        'src/security.ts': 'export {}',
        'docs/security-headers.md': 'x',
      },
      findings: ['.'],
    },
    {
      name: 'a SECURITY.md deep in a package',
      files: { 'packages/a/lib/SECURITY.md': 'x' },
      findings: ['.'],
    },
  ],
  passes: [
    {
      name: 'SECURITY.md at the root',
      files: { 'SECURITY.md': '# Security\n' },
    },
    { name: '.github/SECURITY.md', files: { '.github/SECURITY.md': 'x' } },
    { name: 'docs/SECURITY.md', files: { 'docs/SECURITY.md': 'x' } },
    {
      name: 'security.txt',
      files: {
        'public/.well-known/security.txt':
          'Contact: mailto:security@example.com',
      },
    },
  ],
});
