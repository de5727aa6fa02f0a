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
    {
      name: 'a docs page of security guidance for the app, not a reporting policy',
      files: {
        'docs/security.md':
          '# Security\n\n## Auth\n\nStoring tokens in localStorage can pose a risk with XSS vulnerabilities, leading to token theft.\n\n## Authorization\n\nCheck roles before rendering admin pages.\n',
      },
      findings: ['.'],
    },
    {
      name: 'a SECURITY.md titled as a policy that describes the app\'s protections and names no channel for reports',
      files: { 'SECURITY.md': '# Security Policy\n\nPasswords are hashed with bcrypt and sessions expire after an hour.\n' },
      findings: ['.'],
    },
    {
      name: 'a SECURITY.md of guidance that says to open an issue, without calling itself a policy',
      files: { 'SECURITY.md': '# Security\n\nEnable HTTPS in front of the app. Open an issue if the docs are unclear.\n' },
      findings: ['.'],
    },
    {
      name: 'a placeholder SECURITY.md',
      files: { 'SECURITY.md': '# Security\n\nTODO\n' },
      findings: ['.'],
    },
  ],
  passes: [
    {
      name: 'SECURITY.md at the root',
      files: { 'SECURITY.md': '# Security\n\n## Reporting a vulnerability\n\nPlease report it privately through GitHub.\n' },
    },
    { name: '.github/SECURITY.md with an address', files: { '.github/SECURITY.md': 'Write to security@example.com.\n' } },
    { name: 'docs/SECURITY.md with supported versions', files: { 'docs/SECURITY.md': '# Policy\n\n## Supported Versions\n\n| 2.x | yes |\n' } },
    {
      name: 'a vulnerability disclosure in prose',
      files: { 'SECURITY.rst': 'If you find a vulnerability, disclose it to the maintainers before any public issue.\n' },
    },
    {
      name: 'a SECURITY.md titled as a policy that asks for reports through an issue or a direct contact',
      files: {
        'SECURITY.md':
          '# Security Policy\n\nDependencies are bumped from time to time. For a serious problem in the code itself, open an issue or contact me and I will look at it.\n',
      },
    },
    {
      name: 'a setext-titled security policy that asks to report problems',
      files: { '.github/SECURITY.md': 'Security policy\n===============\n\nPlease report problems to the maintainers through the tracker.\n' },
    },
    {
      name: 'security.txt',
      files: {
        'public/.well-known/security.txt':
          'Contact: mailto:security@example.com',
      },
    },
  ],
});
