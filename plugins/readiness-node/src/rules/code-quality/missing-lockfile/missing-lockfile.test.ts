import { buildFacts } from '../../../facts';
import { snapshotFromFiles } from '../../../snapshot';
import { DEFAULT_RULE_SETTINGS } from '../../types';
import { describeRule } from '../../../testing';
import rule from '.';

const app = (deps: Record<string, string> = { express: '^4.19.2' }, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ name: 'app', dependencies: deps, ...extra });

const poetry = '[tool.poetry]\nname = "reports"\n\n[tool.poetry.dependencies]\npython = "^3.12"\ndjango = "^5.1"\n';

describeRule(rule, {
  fails: [
    { name: 'an app without any lockfile', files: { 'package.json': app() }, findings: ['package.json'] },
    {
      name: 'one service of a polyglot repo without a lockfile',
      files: {
        'gateway/package.json': app(),
        'catalog/go.mod': 'module x\n',
        'catalog/go.sum': '',
        'web/package.json': app({ react: '^18.3.1' }),
        'web/package-lock.json': '{}',
      },
      findings: ['gateway/package.json'],
    },
    {
      name: 'a workspace root without a lockfile',
      files: {
        'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
        'packages/a/package.json': app(),
        'packages/b/package.json': app({ zod: '^3.23.0' }),
      },
      findings: ['package.json'],
    },
    {
      name: 'a pnpm workspace without pnpm-lock.yaml',
      files: {
        'package.json': JSON.stringify({ name: 'mono', private: true }),
        'pnpm-workspace.yaml': 'packages:\n  - "apps/*"\n',
        'apps/web/package.json': app({ vite: '^5.0.0' }),
      },
      findings: ['package.json'],
    },
    {
      name: 'a nested app outside any workspace, even with a root lockfile',
      files: {
        'package.json': app({ firebase: '^10.0.0' }),
        'package-lock.json': '{}',
        'functions/package.json': app({ 'firebase-functions': '^5.0.0' }),
      },
      findings: ['functions/package.json'],
    },
    { name: 'a Poetry project without poetry.lock', files: { 'pyproject.toml': poetry }, findings: ['pyproject.toml'] },
    { name: 'a Pipfile without Pipfile.lock', files: { 'api/Pipfile': '[packages]\nflask = "*"\n' }, findings: ['api/Pipfile'] },
  ],
  passes: [
    { name: 'package-lock.json beside package.json', files: { 'package.json': app(), 'package-lock.json': '{}' } },
    {
      name: 'workspace members use the root yarn.lock',
      files: {
        'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: { packages: ['packages/**'] } }),
        'yarn.lock': '',
        'packages/a/package.json': app(),
        'packages/group/b/package.json': app({ zod: '^3.23.0' }),
      },
    },
    {
      name: 'a dependency-free package needs no lock',
      files: {
        'package.json': app(),
        'bun.lock': '{}',
        'tools/marker/package.json': JSON.stringify({ type: 'module' }),
        'lib/package.json': JSON.stringify({ name: 'tiny-lib', main: 'index.js' }),
      },
    },
    { name: 'poetry.lock beside pyproject.toml', files: { 'pyproject.toml': poetry, 'poetry.lock': '' } },
    {
      name: 'a uv workspace member shares the root uv.lock',
      files: {
        'pyproject.toml': '[project]\nname = "root"\ndependencies = []\n\n[tool.uv.workspace]\nmembers = ["packages/*"]\n',
        'uv.lock': '',
        'packages/core/pyproject.toml': '[project]\nname = "core"\ndependencies = ["httpx>=0.27"]\n\n[tool.uv]\ndev-dependencies = []\n',
      },
    },
    {
      name: 'a fixture package without a lockfile is only a note',
      files: { 'package.json': app(), 'yarn.lock': '', 'test/fixtures/app/package.json': app() },
    },
  ],
  notApplicable: [
    { name: 'requirements.txt only', files: { 'requirements.txt': 'flask==3.0.3\n' } },
    { name: 'a package.json without dependencies', files: { 'package.json': JSON.stringify({ name: 'x', scripts: { build: 'tsc' } }) } },
  ],
});

describe('code-quality/missing-lockfile and files the walk did not read', () => {
  it('counts a lockfile skipped for its size as present', () => {
    const snapshot = snapshotFromFiles({ 'package.json': app() });
    snapshot.skipped.push({ path: 'package-lock.json', reason: 'too-large', size: 3_000_000 });
    expect(rule.evaluate(buildFacts(snapshot), DEFAULT_RULE_SETTINGS).status).toBe('pass');
  });

  it('counts a binary bun.lockb as present', () => {
    const snapshot = snapshotFromFiles({ 'web/package.json': app() });
    snapshot.skipped.push({ path: 'web/bun.lockb', reason: 'binary', size: 2000 });
    expect(rule.evaluate(buildFacts(snapshot), DEFAULT_RULE_SETTINGS).status).toBe('pass');
  });
});
