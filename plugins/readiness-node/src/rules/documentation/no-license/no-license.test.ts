import { describeRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'no license anywhere',
      files: { 'main.go': 'package main' },
      findings: ['.'],
    },
    {
      name: 'a license only in a vendored subfolder',
      files: { 'third_party/lib/LICENSE': 'MIT', 'app.py': '' },
      findings: ['.'],
    },
    {
      name: 'a package.json without a license field',
      files: { 'package.json': '{"name":"x","private":true}' },
      findings: ['.'],
    },
    {
      name: 'a license declared only in manifests',
      files: {
        'package.json': '{"name":"x","license":"MIT"}',
        'pyproject.toml': '[project]\nname = "x"\nlicense = {text = "MIT"}\n',
      },
      findings: ['.'],
    },
    {
      name: 'UNLICENSED declared in package.json',
      files: { 'package.json': '{"name":"x","license":"UNLICENSED"}' },
      findings: ['.'],
    },
    {
      name: 'the license text only in a README section',
      files: { 'README.md': '# x\n\n## License\n\nMIT License\n\nCopyright (c) 2024 Someone\n' },
      findings: ['.'],
    },
    {
      name: 'a file named like a license but not one',
      files: { 'licenses.json': '[]', 'docs/LICENSE-notes.md': 'x' },
      findings: ['.'],
    },
  ],
  passes: [
    { name: 'LICENSE', files: { LICENSE: 'MIT License' } },
    { name: 'LICENSE.md', files: { 'LICENSE.md': 'Apache-2.0' } },
    { name: 'British spelling', files: { LICENCE: 'x' } },
    { name: 'COPYING', files: { COPYING: 'GPL' } },
    {
      name: 'dual LICENSE-MIT',
      files: { 'LICENSE-MIT': 'x', 'LICENSE-APACHE': 'y' },
    },
    {
      name: 'REUSE LICENSES folder',
      files: { 'LICENSES/Apache-2.0.txt': 'x' },
    },
    { name: 'lower-case license.txt', files: { 'license.txt': 'MIT' } },
    { name: 'COPYING.LESSER', files: { 'COPYING.LESSER': 'LGPL', 'package.json': '{"license":"LGPL-3.0"}' } },
  ],
});
