import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { builtinRules, writeFixtureRepo } from '@readiness/backstage-plugin-readiness-node';
import { main } from './index';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const roots: string[] = [];

async function fixture(files: Record<string, string>): Promise<string> {
  const root = await writeFixtureRepo(files);
  roots.push(root);
  return root;
}

async function run(args: string[], options: { stderrTTY?: boolean; cwd?: string } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'readiness', ...args], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.stderrTTY },
    env: {},
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}

/** A small service with a committed .env and a container that runs as root. */
const RISKY = {
  '.env': 'DATABASE_URL=postgres://app:hunter2hunter2@db/app\nAPI_KEY=live_abcdef\n',
  Dockerfile: 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]\n',
  'index.js': "require('http').createServer(() => {}).listen(3000);\n",
  'README.md': '# Service\n',
};

let risky: string;

beforeAll(async () => {
  risky = await fixture(RISKY);
});

afterAll(async () => {
  await Promise.all(roots.map(root => fs.rm(root, { recursive: true, force: true })));
});

describe('readiness audit', () => {
  it('prints a table by default', async () => {
    const { code, stdout, stderr } = await run(['audit', risky]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Overall \d+\/100 — NOT PRODUCTION-READY\n/);
    expect(stdout).toContain('Blockers (');
    expect(stdout).toMatch(/CRITICAL +security\/committed-env-file +\.env/);
    expect(stdout).toMatch(/HIGH +infrastructure\/dockerfile-runs-as-root +Dockerfile:1/);
    expect(stdout).not.toContain('\u001b[');
  });

  it('prints JSON with every registered rule exactly once', async () => {
    const { code, stdout } = await run(['audit', risky, '--format', 'json']);
    expect(code).toBe(0);
    const scorecard = JSON.parse(stdout);
    expect(scorecard.schemaVersion).toBe(1);
    const ids: string[] = scorecard.results.map((r: { ruleId: string }) => r.ruleId);
    expect([...ids].sort()).toEqual(builtinRules.map(r => r.id).sort());
    expect(new Set(ids).size).toBe(ids.length);
    const env = scorecard.results.find((r: { ruleId: string }) => r.ruleId === 'security/committed-env-file');
    expect(env.status).toBe('fail');
    expect(env.findings.map((f: { path: string }) => f.path)).toEqual(['.env']);
    expect(stdout).not.toContain('hunter2hunter2');
  });

  it('prints a Markdown review with links', async () => {
    const { code, stdout } = await run([
      'audit',
      risky,
      '-f',
      'markdown',
      '--title',
      'Service review',
      '--link-base',
      'https://git.example.com/svc/blob/main/',
    ]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('# Service review');
    expect(stdout).toMatch(/\*\*Overall \d+\/100 — NOT PRODUCTION-READY\*\*/);
    expect(stdout).toContain('## Production blockers');
    expect(stdout).toContain('[Dockerfile:1](https://git.example.com/svc/blob/main/Dockerfile#L1)');
  });

  it('folds the suggested changes into the Markdown review, with credentials redacted', async () => {
    // Built at run time, so that no file here holds a credential-shaped literal.
    const secret = ['hT7', 'qLm2', 'Vx9', 'Rk4w', 'Pz8', 'Ns3J', 'c6Yb'].join('');
    const root = await fixture({
      'package.json': JSON.stringify({ name: 'svc', dependencies: { express: '^4.19.0' } }),
      'index.js': "const app = require('express')();\napp.get('/healthz', (req, res) => res.send('ok'));\napp.listen(3000);\n",
      Dockerfile: `FROM node:22\nENV CLIENT_SECRET=${secret}\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nCMD ["node", "index.js"]\n`,
      'README.md': '# Service\n',
    });
    const { code, stdout } = await run(['audit', root, '-f', 'markdown']);
    expect(code).toBe(0);
    const changes = stdout.slice(stdout.indexOf('## Suggested changes'));
    expect(changes).toMatch(/^## Suggested changes\n/);
    // One folded block per rule, the Dockerfile's two fixes composed in order.
    expect(changes).toMatch(/<details>\n<summary>Run the final stage as an unprivileged user[^\n]*<code>infrastructure\/dockerfile-runs-as-root<\/code>/);
    expect(changes).toMatch(/<summary>Add a HEALTHCHECK[^\n]*<code>infrastructure\/dockerfile-no-healthcheck<\/code>/);
    expect(changes).toContain('+USER node\n');
    expect(changes).toContain('+HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD curl -fsS http://localhost:3000/healthz > /dev/null || exit 1\n');
    // The diff quotes the line that holds the credential, never the credential.
    expect(changes).toContain(' ENV CLIENT_SECRET=');
    expect(stdout).not.toContain(secret);
    // Other formats stay as they were: no plan, no diff.
    expect((await run(['audit', root, '-f', 'json'])).stdout).not.toContain('Suggested changes');
    // Nothing is written by an audit.
    expect(await fs.readFile(join(root, 'Dockerfile'), 'utf8')).not.toContain('USER');
  });

  it('prints SARIF', async () => {
    const { code, stdout } = await run(['audit', risky, '--format', 'sarif']);
    expect(code).toBe(0);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.name).toBe('readiness');
    const env = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'security/committed-env-file');
    expect(env.level).toBe('error');
    expect(env.locations[0].physicalLocation.artifactLocation.uri).toBe('.env');
  });

  it('writes the report to --output', async () => {
    const out = join(risky, 'report.sarif');
    const { code, stdout, stderr } = await run(['audit', risky, '-f', 'sarif', '-o', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain(`wrote the sarif report to ${out}`);
    expect(JSON.parse(await fs.readFile(out, 'utf8')).version).toBe('2.1.0');
    await fs.rm(out);
  });

  it('writes --output relative to the working directory', async () => {
    const { code } = await run(['audit', '.', '-f', 'json', '-o', 'out.json'], { cwd: risky });
    expect(code).toBe(0);
    const json = JSON.parse(await fs.readFile(join(risky, 'out.json'), 'utf8'));
    expect(json.stats.files).toBe(Object.keys(RISKY).length);
    await fs.rm(join(risky, 'out.json'));
  });

  describe('--fail-under', () => {
    let score: number;
    beforeAll(async () => {
      score = JSON.parse((await run(['audit', risky, '-f', 'json'])).stdout).score;
    });

    it('has a score below 100 to test with', () => {
      expect(score).toBeLessThan(100);
    });

    it('exits 0 when the score reaches the threshold', async () => {
      expect((await run(['audit', risky, '--fail-under', String(score)])).code).toBe(0);
      expect((await run(['audit', risky, '--fail-under', '0'])).code).toBe(0);
    });

    it('exits 1 when the score is below it, and still prints the report', async () => {
      const { code, stdout, stderr } = await run(['audit', risky, '--fail-under', String(score + 1)]);
      expect(code).toBe(1);
      expect(stdout).toContain('Overall');
      expect(stderr).toContain(`score ${score} is below --fail-under ${score + 1}`);
    });

    it.each([['abc'], ['101'], ['-1'], ['5.5']])('exits 2 on --fail-under %s', async value => {
      const { code, stderr } = await run(['audit', risky, '--fail-under', value]);
      expect(code).toBe(2);
      expect(stderr).toContain('expected a whole number from 0 to 100');
    });
  });

  describe('a directory it cannot audit', () => {
    it('exits 2 for a missing directory', async () => {
      const missing = join(risky, 'no-such-dir');
      const { code, stdout, stderr } = await run(['audit', missing]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(`readiness: cannot audit ${missing}: no such directory\n`);
    });

    it('exits 2 for a file', async () => {
      const { code, stderr } = await run(['audit', join(risky, 'README.md')]);
      expect(code).toBe(2);
      expect(stderr).toContain('it is not a directory');
    });
  });

  describe('--config', () => {
    async function withConfig(name: string, text: string) {
      const path = join(risky, name);
      await fs.writeFile(path, text);
      try {
        return await run(['audit', risky, '-f', 'json', '--config', path]);
      } finally {
        await fs.rm(path);
      }
    }

    it('applies waivers, disabled rules and weights from YAML', async () => {
      const { code, stdout, stderr } = await withConfig(
        'readiness.yaml',
        [
          'severityWeights: { critical: 20 }',
          'categoryWeights: { security: 3 }',
          'waivers:',
          '  - rule: security/committed-env-file',
          '    reason: the file holds local development values only',
          '    expires: 2999-12-31',
          'disabledRules: [infrastructure/dockerfile-runs-as-root]',
          'settings: { testRatioTarget: 0.5 }',
          '',
        ].join('\n'),
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const card = JSON.parse(stdout);
      const env = card.results.find((r: { ruleId: string }) => r.ruleId === 'security/committed-env-file');
      expect(env.waiver).toEqual({
        ruleId: 'security/committed-env-file',
        reason: 'the file holds local development values only',
        expires: '2999-12-31',
        source: 'config',
      });
      const root = card.results.find((r: { ruleId: string }) => r.ruleId === 'infrastructure/dockerfile-runs-as-root');
      expect(root).toEqual(expect.objectContaining({ status: 'not-applicable', message: 'disabled by configuration' }));
      expect(card.blockers.map((b: { ruleId: string }) => b.ruleId)).not.toContain('security/committed-env-file');
      expect(card.categories.find((c: { id: string }) => c.id === 'security').weight).toBe(3);
    });

    it('lists a custom category after the built-in ones, titled and weighted, and selects by it', async () => {
      const path = join(risky, 'categories.yaml');
      await fs.writeFile(
        path,
        'categories:\n  - { id: ml-pipeline, title: ML pipeline, weight: 2 }\ncategoryWeights: { ml-pipeline: 3 }\n',
      );
      try {
        const json = await run(['audit', risky, '-f', 'json', '--config', path]);
        expect(json.code).toBe(0);
        const card = JSON.parse(json.stdout);
        expect(card.categories.map((c: { id: string }) => c.id).slice(-2)).toEqual(['documentation', 'ml-pipeline']);
        expect(card.categories.at(-1)).toMatchObject({ id: 'ml-pipeline', title: 'ML pipeline', weight: 3, score: null });
        const table = await run(['audit', risky, '--config', path, '--no-color']);
        expect(table.stdout).toMatch(/^ML pipeline +— +not applicable/m);
        const markdown = await run(['audit', risky, '-f', 'markdown', '--config', path]);
        expect(markdown.stdout).toMatch(/Not applicable to this repository: .*ML pipeline\./);
        const only = await run(['audit', risky, '-f', 'json', '--config', path, '--only', 'ml-pipeline']);
        expect(only.code).toBe(0);
        const without = await run(['audit', risky, '-f', 'json', '--only', 'ml-pipeline']);
        expect(without.code).toBe(2);
        expect(without.stderr).toContain('unknown rule or category id in --only: ml-pipeline');
      } finally {
        await fs.rm(path);
      }
    });

    it('reads JSON', async () => {
      const { code, stdout } = await withConfig(
        'readiness.json',
        JSON.stringify({ disabledRules: ['security/committed-env-file'] }),
      );
      expect(code).toBe(0);
      const env = JSON.parse(stdout).results.find(
        (r: { ruleId: string }) => r.ruleId === 'security/committed-env-file',
      );
      expect(env.status).toBe('not-applicable');
    });

    it.each([
      ['invalid YAML', 'bad.yaml', 'waivers: [\n', /is not valid YAML/],
      ['invalid JSON', 'bad.json', '{"waivers": ', /is not valid JSON/],
      ['a list at the top', 'list.yaml', '- a\n- b\n', /must hold a mapping, not a list/],
      ['an unknown key', 'typo.yaml', 'waviers: []\n', /waviers is not a configuration key/],
      ['an unknown rule', 'rule.yaml', 'disabledRules: [security/nope]\n', /'security\/nope', which is not a known rule id/],
      [
        'a waiver without reason or a valid expiry',
        'waiver.yaml',
        'waivers:\n  - rule: security/committed-env-file\n    expires: next year\n',
        /waivers\[0\]\.reason must say why[\s\S]*waivers\[0\]\.expires must be a date like 2025-12-31/,
      ],
      ['a negative weight', 'weight.yaml', 'severityWeights: { high: -1 }\n', /severityWeights\.high must be a number of 0 or more/],
      ['an unknown category', 'cat.yaml', 'categoryWeights: { secrity: 2 }\n', /categoryWeights\.secrity is not one of/],
      [
        'a custom category with a built-in id',
        'clash.yaml',
        'categories: [{ id: security, title: Security again }]\n',
        /categories\[0\]\.id 'security' is a built-in category; a custom category needs an id of its own/,
      ],
      ['an unknown setting', 'set.yaml', 'settings: { ratio: 1 }\n', /settings\.ratio is not a setting/],
    ])('exits 2 on %s', async (_name, file, text, message) => {
      const { code, stdout, stderr } = await withConfig(file, text);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^readiness: (config file|cannot read)/);
      expect(stderr).toMatch(message);
    });

    it('exits 2 on a missing config file', async () => {
      const { code, stderr } = await run(['audit', risky, '--config', join(risky, 'none.yaml')]);
      expect(code).toBe(2);
      expect(stderr).toContain('none.yaml: it does not exist');
    });
  });

  describe('--only and --skip', () => {
    const statusOf = (stdout: string) =>
      Object.fromEntries(
        JSON.parse(stdout).results.map((r: { ruleId: string; status: string; message?: string }) => [
          r.ruleId,
          r.message === 'disabled by configuration' ? 'disabled' : r.status,
        ]),
      );

    it('runs only the listed categories and rules', async () => {
      const { code, stdout } = await run(['audit', risky, '-f', 'json', '--only', 'security']);
      expect(code).toBe(0);
      const status = statusOf(stdout);
      const disabled = builtinRules.filter(r => status[r.id] === 'disabled').map(r => r.id);
      expect(disabled.sort()).toEqual(
        builtinRules
          .filter(r => r.category !== 'security')
          .map(r => r.id)
          .sort(),
      );
      expect(status['security/committed-env-file']).toBe('fail');
      const single = statusOf(
        (await run(['audit', risky, '-f', 'json', '--only', 'infrastructure/dockerfile-runs-as-root'])).stdout,
      );
      expect(Object.entries(single).filter(([, s]) => s !== 'disabled')).toEqual([
        ['infrastructure/dockerfile-runs-as-root', 'fail'],
      ]);
    });

    it('skips the listed rules and categories', async () => {
      const { code, stdout } = await run([
        'audit',
        risky,
        '-f',
        'json',
        '--skip',
        'security/committed-env-file, infrastructure',
      ]);
      expect(code).toBe(0);
      const status = statusOf(stdout);
      expect(status['security/committed-env-file']).toBe('disabled');
      for (const rule of builtinRules.filter(r => r.category === 'infrastructure')) {
        expect(status[rule.id]).toBe('disabled');
      }
      expect(JSON.parse(stdout).blockers.map((b: { ruleId: string }) => b.ruleId)).not.toContain(
        'security/committed-env-file',
      );
    });

    it.each([
      [['--only', 'security/no-such-rule'], '--only: security/no-such-rule'],
      [['--skip', 'securty,testing/nope'], '--skip: securty, testing/nope'],
      [['--only', ','], '--only needs at least one'],
    ])('exits 2 on %j', async (args, message) => {
      const { code, stdout, stderr } = await run(['audit', risky, ...args]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(message);
    });
  });

  describe('progress', () => {
    let large: string;
    beforeAll(async () => {
      const files: Record<string, string> = { 'README.md': '# many\n' };
      for (let i = 0; i < 1500; i++) files[`src/m${i}.js`] = `module.exports = ${i};\n`;
      large = await fixture(files);
    });

    it('stays quiet when stderr is not a terminal', async () => {
      const { code, stderr } = await run(['audit', large]);
      expect(code).toBe(0);
      expect(stderr).toBe('');
    });

    it('reports progress lines with --verbose', async () => {
      const { stderr } = await run(['audit', large, '--verbose']);
      expect(stderr).toContain('readiness: read 1000 files\n');
      expect(stderr).toMatch(/readiness: audited 1501 files \(0 skipped, 0 parse errors\) in \d+ ms/);
    });

    it('updates one line on a terminal and clears it', async () => {
      const { stdout, stderr } = await run(['audit', large], { stderrTTY: true });
      expect(stderr).toContain('\r\u001b[Kreadiness: read 1000 files');
      expect(stderr.endsWith('\r\u001b[K')).toBe(true);
      expect(stdout).toContain('1501 files read');
    });

    it('warns when the walk stops at --max-files', async () => {
      const { code, stdout, stderr } = await run(['audit', large, '--max-files', '100', '-f', 'json']);
      expect(code).toBe(0);
      expect(JSON.parse(stdout).stats.truncated).toContain('100');
      expect(stderr).toContain('warning: incomplete audit');
    });
  });

  it('reads files .gitignore lists with --no-gitignore (an extracted archive)', async () => {
    const extracted = await fixture({ ...RISKY, '.gitignore': '.env\n' });
    const envResult = async (args: string[]) =>
      JSON.parse((await run(['audit', extracted, '-f', 'json', ...args])).stdout).results.find(
        (r: { ruleId: string }) => r.ruleId === 'security/committed-env-file',
      ).status;
    expect(await envResult([])).not.toBe('fail');
    expect(await envResult(['--no-gitignore'])).toBe('fail');
  });

  it('colours the table only when asked', async () => {
    expect((await run(['audit', risky, '--color'])).stdout).toContain('\u001b[');
    expect((await run(['audit', risky, '--no-color'])).stdout).not.toContain('\u001b[');
  });

  it('exits 2 on an unknown option or format', async () => {
    const unknown = await run(['audit', risky, '--frmat', 'json']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--frmat'");
    const format = await run(['audit', risky, '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('Allowed choices are table, json, markdown, sarif');
  });
});

describe('readiness rules', () => {
  it('lists the catalog with id, severity and title', async () => {
    const { code, stdout } = await run(['rules']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID +SEVERITY +TITLE$/);
    expect(lines).toHaveLength(builtinRules.length + 1);
    for (const rule of builtinRules) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${rule.id} +${rule.severity} +`)));
      expect(stdout).toContain(rule.title);
    }
  });

  it('lists the catalog as JSON', async () => {
    const { stdout } = await run(['rules', '--format', 'json']);
    const catalog = JSON.parse(stdout);
    expect(catalog.map((r: { id: string }) => r.id).sort()).toEqual(builtinRules.map(r => r.id).sort());
    expect(catalog[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), severity: expect.any(String), remediation: expect.any(String) }),
    );
  });
});

describe('readiness --version', () => {
  it('prints the version', async () => {
    const { code, stdout } = await run(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 without a command', async () => {
    const { code, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: readiness');
  });
});
