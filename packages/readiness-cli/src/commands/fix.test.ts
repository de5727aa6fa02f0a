import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFixtureRepo } from '@readiness/backstage-plugin-readiness-node';
import { main } from '../index';

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'readiness', ...args], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

async function score(dir: string): Promise<{ score: number; status: Map<string, string> }> {
  const { stdout } = await run(['audit', dir, '--format', 'json']);
  const card = JSON.parse(stdout);
  return { score: card.score, status: new Map(card.results.map((r: { ruleId: string; status: string }) => [r.ruleId, r.status])) };
}

const SAMPLES = resolve(__dirname, '../../../../examples/repos');
const roots: string[] = [];

async function copyOf(name: string): Promise<string> {
  const root = await fs.mkdtemp(join(tmpdir(), 'readiness-fix-'));
  roots.push(root);
  await fs.cp(join(SAMPLES, name), root, { recursive: true });
  return root;
}

afterAll(async () => {
  await Promise.all(roots.map(root => fs.rm(root, { recursive: true, force: true })));
});

const RISKY = {
  '.env': 'DATABASE_URL=postgres://app:hunter2hunter2@db/app\nAPI_KEY=live_abcdef\n',
  Dockerfile: 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]\n',
  'docker-compose.yml': 'services:\n  api:\n    build: .\n    environment:\n      DB_PASSWORD: hunter2hunter2\n',
  'index.js': "require('http').createServer(() => {}).listen(process.env.APP_PORT);\n",
  'README.md': '# Risky service\n',
};

describe('readiness fix', () => {
  it('prints a redacted unified diff with --dry-run and writes nothing', async () => {
    const root = await writeFixtureRepo(RISKY);
    roots.push(root);
    const { code, stdout } = await run(['fix', root, '--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toContain('--- a/Dockerfile\n+++ b/Dockerfile\n');
    expect(stdout).toContain('+USER node');
    expect(stdout).toContain('--- /dev/null\n+++ b/.dockerignore\n');
    expect(stdout).toMatch(/dry run: nothing written/);
    expect(stdout).not.toContain('hunter2hunter2');
    await expect(fs.stat(join(root, '.dockerignore'))).rejects.toThrow();
    expect(await fs.readFile(join(root, 'Dockerfile'), 'utf8')).toBe(RISKY.Dockerfile);
  });

  it('--only limits the fixes to a rule or a category', async () => {
    const root = await writeFixtureRepo(RISKY);
    roots.push(root);
    const { code, stdout } = await run(['fix', root, '--only', 'documentation']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/documentation\/no-changelog .*passes now/);
    expect(stdout).not.toContain('infrastructure/');
    expect(await fs.readFile(join(root, 'CHANGELOG.md'), 'utf8')).toContain('Risky service');
    expect(await fs.readFile(join(root, 'Dockerfile'), 'utf8')).toBe(RISKY.Dockerfile);
    expect((await run(['fix', root, '--only', 'no-such/rule'])).code).toBe(2);
  });

  it('refuses to write through a symbolic link out of the directory, and writes nothing', async () => {
    const outside = await fs.mkdtemp(join(tmpdir(), 'readiness-outside-'));
    roots.push(outside);
    const root = await writeFixtureRepo({ 'package.json': '{"name":"x","dependencies":{"express":"4.0.0"}}', 'index.js': 'x\n' });
    roots.push(root);
    await fs.symlink(outside, join(root, '.github'));
    const { code, stderr } = await run(['fix', root]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/symbolic link; nothing was written/);
    expect(await fs.readdir(outside)).toEqual([]);
    await expect(fs.stat(join(root, 'CHANGELOG.md'))).rejects.toThrow();
  });

  // Acceptance: on every sample repository, fixing then auditing raises the
  // score by the expected gains of the rules that now pass, within a point each.
  it.each(['django-reports', 'flask-orders-api', 'go-notifier', 'polyglot-inventory', 'react-storefront', 'spring-ledger', 'ts-payments-service'])(
    'raises the score of %s by the expected gains',
    async name => {
      const root = await copyOf(name);
      const before = await score(root);
      const { code, stdout } = await run(['fix', root]);
      expect(code).toBe(0);
      const after = await score(root);
      const fixed = [...stdout.matchAll(/^ {2}(\S+) +expected +([+-][\d.]+) +passes now/gm)].map(m => ({ rule: m[1], gain: Number(m[2]) }));
      for (const { rule } of fixed) {
        expect(before.status.get(rule)).toBe('fail');
        expect(after.status.get(rule)).toBe('pass');
      }
      const expected = fixed.reduce((sum, f) => sum + f.gain, 0);
      expect(Math.abs(after.score - before.score - expected)).toBeLessThanOrEqual(Math.max(1, fixed.length));
      // No rule is worse off.
      const good = new Set(['pass', 'not-applicable']);
      expect([...before.status].filter(([rule, status]) => good.has(status) && !good.has(after.status.get(rule)!))).toEqual([]);
      // A second run has nothing left to do.
      expect((await run(['fix', root])).stdout).toMatch(/^No fix to offer/);
    },
    60_000,
  );
});
