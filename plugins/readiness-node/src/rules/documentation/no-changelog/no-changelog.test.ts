import { describeRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'a README News section with announcements but no versions',
      files: { 'README.md': '# svc\n\n## News\n\nWe moved to a new home. Follow us for updates.\n' },
      findings: ['.'],
    },
    { name: 'nothing', files: { 'README.md': '# x' }, findings: ['.'] },
    {
      name: 'GoReleaser, whose changelog section only publishes release notes on the hosting platform',
      files: {
        '.goreleaser.yaml': 'version: 2\nbuilds:\n  - binary: svc\nchangelog:\n  sort: asc\n  groups:\n    - title: Features\n      regexp: "^feat"\n',
      },
      findings: ['.'],
    },
    {
      name: "GitHub's generated release notes configuration",
      files: { '.github/release.yml': 'changelog:\n  categories:\n    - title: Features\n      labels: [feature]\n' },
      findings: ['.'],
    },
    {
      name: 'semantic-release publishing notes to GitHub releases only, run by a workflow',
      files: {
        'package.json': JSON.stringify({
          devDependencies: { 'semantic-release': '^24.0.0' },
          release: { branches: ['main'], plugins: ['@semantic-release/commit-analyzer', '@semantic-release/release-notes-generator', '@semantic-release/github'] },
        }),
        '.github/workflows/release.yml': 'on: push\njobs:\n  r:\n    runs-on: x\n    steps:\n      - run: npx semantic-release\n',
      },
      findings: ['.'],
    },
    {
      name: 'a changelog of a vendored library only',
      files: {
        'node_modules/x/CHANGELOG.md': 'x',
        'tests/fixtures/CHANGELOG.md': 'x',
      },
      findings: ['.'],
    },
    {
      name: 'a README Changelog heading with no version under it, and versions only in another section',
      files: { 'README.md': '# svc\n\n## Changelog\n\nSee the commits.\n\n## Install\n\npip install svc==1.2.0\n' },
      findings: ['.'],
    },
    {
      name: 'a README Changelog section naming a single major version',
      files: { 'README.md': '# svc\n\n## Changelog\n\nEverything since v1 is on the releases page.\n' },
      findings: ['.'],
    },
    {
      name: 'a file that only looks similar',
      files: { 'src/changelog.ts': 'export {}', 'docs/changes-to-api.md': 'x' },
      findings: ['.'],
    },
  ],
  passes: [
    {
      name: 'a README News section of dated, versioned release notes',
      files: { 'README.md': '# svc\n\n## News\n\n**v1.10 - 04/08/2025**\n- Migrated to .NET 9.0\n\n**v1.9 - 06/30/2024**\n- Migrated to .NET 8.0\n\n## Disclaimer\n' },
    },
    { name: 'CHANGELOG.md', files: { 'CHANGELOG.md': '# Changelog\n' } },
    {
      name: 'a README Changelog section that lists versions',
      files: { 'README.md': '# svc\n\n## 📝 Changelog\n\n- **v2** (2020-03-01): clean architecture layers\n- **v1**: first release\n\n## License\nMIT\n' },
    },
    {
      name: 'a README Changelog section listing major versions with the years they were proposed',
      files: {
        'README.md':
          '# svc\n\n## Changelog\n\n- **v1**: see the [v1 branch](https://git.example/svc/tree/v1) <br>\n  Proposed in 2017.\n\n- **v2**: main branch <br>\n  Proposed in 2019.\n  - Introduce the `internal` package\n\n> ### Author\'s note\n',
      },
    },
    { name: 'HISTORY.rst', files: { 'HISTORY.rst': 'x' } },
    { name: 'RELEASES.md', files: { 'RELEASES.md': 'x' } },
    { name: 'docs/changelog.md', files: { 'docs/changelog.md': 'x' } },
    {
      name: 'a package changelog in a monorepo',
      files: { 'packages/api/CHANGELOG.md': 'x' },
    },
    { name: 'Changesets', files: { '.changeset/config.json': '{}' } },
    { name: 'release-please', files: { 'release-please-config.json': '{}' } },
    {
      name: 'semantic-release with its changelog plugin',
      files: { '.releaserc.json': JSON.stringify({ plugins: ['@semantic-release/commit-analyzer', '@semantic-release/release-notes-generator', '@semantic-release/changelog', '@semantic-release/git'] }) },
    },
    {
      name: 'semantic-release configured in package.json with the changelog plugin',
      files: {
        'package.json': JSON.stringify({
          devDependencies: { 'semantic-release': '^24.0.0', '@semantic-release/changelog': '^6.0.0' },
          release: { plugins: ['@semantic-release/release-notes-generator', ['@semantic-release/changelog', { changelogFile: 'CHANGELOG.md' }]] },
        }),
      },
    },
    { name: 'GoReleaser next to a CHANGELOG file', files: { '.goreleaser.yaml': 'version: 2\n', 'CHANGELOG.md': '# Changelog\n\n## 1.0.0\n' } },
    { name: 'git-cliff', files: { 'cliff.toml': '[changelog]\nheader = "# Changelog"\n' } },
    {
      name: 'towncrier fragments',
      files: { 'changelog.d/123.feature.md': 'x' },
    },
    {
      name: 'release-please in a workflow',
      files: {
        '.github/workflows/release.yml':
          'on: push\njobs:\n  r:\n    runs-on: x\n    steps:\n      - uses: googleapis/release-please-action@v4\n',
      },
    },
  ],
});
