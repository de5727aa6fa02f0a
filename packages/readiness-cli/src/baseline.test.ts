import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFixtureRepo } from '@readiness/backstage-plugin-readiness-node';
import { main } from './index';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'readiness', ...args], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
    cwd,
  });
  return { code, stdout, stderr };
}

/** The default branch: a committed .env and a container that runs as root; tests exist. */
const BASE = {
  '.env': 'DATABASE_URL=postgres://app:hunter2hunter2@db/app\n',
  Dockerfile: 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]\n',
  'index.js': "const http = require('http');\nhttp.createServer(() => {}).listen(3000);\n",
  'index.test.js': "test('starts', () => {});\n",
  'README.md': '# Service\n',
};

describe('readiness audit --baseline', () => {
  let work: string;
  const repos: Record<string, string> = {};

  beforeAll(async () => {
    work = await fs.mkdtemp(join(tmpdir(), 'readiness-baseline-'));
    repos.base = await writeFixtureRepo(BASE);
    // Lines inserted above the existing findings and an unrelated edit: nothing new.
    repos.shifted = await writeFixtureRepo({
      ...BASE,
      '.env': '# local settings\n\nDATABASE_URL=postgres://app:hunter2hunter2@db/app\n',
      Dockerfile: '# syntax=docker/dockerfile:1\nFROM node:22\nWORKDIR /srv/app\nCOPY . .\nCMD ["node", "index.js"]\n',
    });
    // A new blocker: a second container that runs as root.
    repos.blocker = await writeFixtureRepo({ ...BASE, 'worker/Dockerfile': 'FROM node:22\nCMD ["node", "worker.js"]\n' });
    // The blocker of the base fixed, and only a low-severity finding added.
    repos.fixed = await writeFixtureRepo({
      ...BASE,
      Dockerfile: 'FROM node:22\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "index.js"]\n',
      'index.js': "const http = require('http');\n// TODO: graceful shutdown\nhttp.createServer(() => {}).listen(3000);\n",
    });
    const first = await run(['audit', repos.base, '-f', 'json', '-o', 'base.json', '--sarif', 'base.sarif'], work);
    if (first.code !== 0) throw new Error(`the baseline audit failed: ${first.stderr}`);
  });

  afterAll(async () => {
    await Promise.all([work, ...Object.values(repos)].map(d => fs.rm(d, { recursive: true, force: true })));
  });

  it.each(['base.json', 'base.sarif'])('finds nothing new after lines shift and an unrelated edit (%s)', async baseline => {
    const { code, stdout, stderr } = await run(['audit', repos.shifted, '-f', 'json', '--baseline', baseline, '--fail-on', 'new'], work);
    expect(stderr).toMatch(/against base\.\w+: 0 new \(0 blocking\), \d+ unchanged, 0 gone/);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    const root = json.results.find((r: { ruleId: string }) => r.ruleId === 'infrastructure/dockerfile-runs-as-root');
    expect(root.findings).toEqual([expect.objectContaining({ path: 'Dockerfile', baselineState: 'unchanged' })]);
    expect(json.baseline).toEqual(expect.objectContaining({ new: 0, absent: [] }));
  });

  it.each(['base.json', 'base.sarif'])('exits 1 with --fail-on new when a new blocker appears (%s)', async baseline => {
    const { code, stderr } = await run(
      ['audit', repos.blocker, '-f', 'sarif', '-o', 'pr.sarif', '--baseline', baseline, '--fail-on', 'new'],
      work,
    );
    expect(code).toBe(1);
    expect(stderr).toContain('readiness: new blocker: high infrastructure/dockerfile-runs-as-root worker/Dockerfile:1');
    expect(stderr).not.toMatch(/new blocker: .* Dockerfile:1\n.*new blocker: .* Dockerfile:1/);
    const results = JSON.parse(await fs.readFile(join(work, 'pr.sarif'), 'utf8')).runs[0].results;
    const states = results
      .filter((r: { ruleId: string }) => r.ruleId === 'infrastructure/dockerfile-runs-as-root')
      .map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>; baselineState: string }) => [
        r.locations[0].physicalLocation.artifactLocation.uri,
        r.baselineState,
      ]);
    expect(states).toEqual([
      ['Dockerfile', 'unchanged'],
      ['worker/Dockerfile', 'new'],
    ]);
  });

  it('exits 0 without --fail-on, whatever is new', async () => {
    const { code, stderr } = await run(['audit', repos.blocker, '-f', 'json', '-o', 'pr.json', '--baseline', 'base.json'], work);
    expect(code).toBe(0);
    expect(stderr).toMatch(/: \d+ new \(1 blocking\)/);
  });

  it('exits 0 when only non-blockers are new, and lists the fixed blocker as absent', async () => {
    const { code, stdout, stderr } = await run(['audit', repos.fixed, '-f', 'json', '--baseline', 'base.json', '--fail-on', 'new'], work);
    expect(code).toBe(0);
    expect(stderr).toMatch(/: [1-9]\d* new \(0 blocking\), \d+ unchanged, 1 gone/);
    const json = JSON.parse(stdout);
    expect(json.baseline.absent).toEqual([
      expect.objectContaining({ ruleId: 'infrastructure/dockerfile-runs-as-root', severity: 'high', path: 'Dockerfile' }),
    ]);
    const todo = json.results.find((r: { ruleId: string }) => r.ruleId === 'code-quality/todo-debt');
    expect(todo.findings[0]).toEqual(expect.objectContaining({ path: 'index.js', baselineState: 'new' }));
  });

  it('exits 2 for --fail-on without --baseline, and for a baseline it cannot read', async () => {
    const without = await run(['audit', repos.base, '--fail-on', 'new'], work);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('--fail-on new needs --baseline');
    const missing = await run(['audit', repos.base, '--baseline', 'nope.json'], work);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read nope.json: no such file');
    await fs.writeFile(join(work, 'broken.json'), '{"schemaVersion": 1, "results": [');
    const broken = await run(['audit', repos.base, '--baseline', 'broken.json'], work);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.json is not valid JSON');
    const other = await run(['audit', repos.base, '--fail-on', 'everything', '--baseline', 'base.json'], work);
    expect(other.code).toBe(2);
  });
});

describe('readiness diff', () => {
  let work: string;
  const repos: string[] = [];

  beforeAll(async () => {
    work = await fs.mkdtemp(join(tmpdir(), 'readiness-diff-'));
    repos.push(await writeFixtureRepo(BASE));
    const { '.env': _committed, ...withoutEnv } = BASE;
    repos.push(await writeFixtureRepo({ ...withoutEnv, 'worker/Dockerfile': 'FROM node:22\n' }));
  });

  afterAll(async () => {
    await Promise.all([work, ...repos].map(d => fs.rm(d, { recursive: true, force: true })));
  });

  it('prints the score, verdict and category change and the new and fixed findings', async () => {
    await run(['audit', repos[0], '-f', 'json', '-o', 'a.json'], work);
    await run(['audit', repos[1], '-f', 'json', '-o', 'b.json'], work);
    const a = JSON.parse(await fs.readFile(join(work, 'a.json'), 'utf8'));
    const b = JSON.parse(await fs.readFile(join(work, 'b.json'), 'utf8'));
    const { code, stdout } = await run(['diff', 'a.json', 'b.json'], work);
    expect(code).toBe(0);
    expect(stdout).toContain(`Score ${a.score} → ${b.score}`);
    expect(stdout).toMatch(/New findings\n(?: {2}.*\n)*? {2}HIGH +infrastructure\/dockerfile-runs-as-root {2}worker\/Dockerfile:1 /);
    expect(stdout).toMatch(/Fixed findings\n(?: {2}.*\n)*? {2}CRITICAL +security\/committed-env-file {2}\.env/);
    const security = (r: { categories: Array<{ id: string; score: number }> }) => r.categories.find(c => c.id === 'security')!.score;
    expect(stdout).toMatch(new RegExp(`\\nsecurity +${security(a)} +${security(b)} `));

    const json = await run(['diff', 'a.json', 'b.json', '--format', 'json'], work);
    expect(JSON.parse(json.stdout).fixed.map((f: { ruleId: string }) => f.ruleId)).toContain('security/committed-env-file');
  });

  it('exits 2 when a report is missing or is not a report', async () => {
    expect((await run(['diff', 'a.json', 'missing.json'], work)).code).toBe(2);
    await fs.writeFile(join(work, 'notes.json'), '[1, 2]');
    const bad = await run(['diff', 'notes.json', 'a.json'], work);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('notes.json is not a readiness JSON report or SARIF log');
  });
});
