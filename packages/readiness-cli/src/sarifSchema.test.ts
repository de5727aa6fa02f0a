import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { writeFixtureRepo } from '@readiness/backstage-plugin-readiness-node';
import { main } from './index';

/**
 * The SARIF 2.1.0 JSON schema (draft-04) as @microsoft/jest-sarif ships it,
 * `sarif-2.1.0-rtm.5.json`: the schema of the release candidate published as
 * 2.1.0. It differs from the final OASIS schema only in GUID formats, three
 * artifact roles and the language pattern, none of which readiness writes.
 */
const SCHEMA_PATH = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

async function sarifOf(args: string[], cwd: string): Promise<unknown> {
  let stdout = '';
  const code = await main(['node', 'readiness', 'audit', ...args, '--format', 'sarif'], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: () => true },
    env: {},
    cwd,
  });
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

describe('the SARIF output', () => {
  let validate: ReturnType<Ajv['compile']>;
  const dirs: string[] = [];

  beforeAll(async () => {
    const schema = JSON.parse(await fs.readFile(SCHEMA_PATH, 'utf8'));
    // Without the u flag: the rtm.5 language pattern has a stray `]` that only unicode mode rejects
    // (the final schema corrects it; readiness writes no language).
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validate = ajv.compile(schema);
  });

  afterAll(async () => {
    await Promise.all(dirs.map(d => fs.rm(d, { recursive: true, force: true })));
  });

  it('is valid SARIF 2.1.0, with fingerprints, rules and locations', async () => {
    const repo = await writeFixtureRepo({
      '.env': 'DATABASE_URL=postgres://app:hunter2hunter2@db/app\n',
      Dockerfile: 'FROM node:22\nCOPY . .\nCMD ["node", "index.js"]\n',
      'src/my app/index.js': "require('http').createServer(() => {}).listen(3000);\n",
    });
    dirs.push(repo);
    const log = (await sarifOf([repo], repo)) as { runs: Array<{ results: unknown[] }> };
    expect(log.runs[0].results.length).toBeGreaterThan(3);
    expect(validate(log)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('is valid with baseline states, absent results included', async () => {
    const before = await writeFixtureRepo({
      '.env': 'DATABASE_URL=postgres://app:hunter2hunter2@db/app\n',
      Dockerfile: 'FROM node:22\nCMD ["node", "index.js"]\n',
    });
    const after = await writeFixtureRepo({ Dockerfile: 'FROM node:22\nCMD ["node", "index.js"]\n', 'worker/Dockerfile': 'FROM node:22\n' });
    const work = await fs.mkdtemp(join(tmpdir(), 'readiness-sarif-'));
    dirs.push(before, after, work);
    await sarifOf([before, '--sarif', 'base.sarif'], work);
    const log = (await sarifOf([after, '--baseline', 'base.sarif'], work)) as {
      runs: Array<{ results: Array<{ baselineState?: string }> }>;
    };
    const states = new Set(log.runs[0].results.map(r => r.baselineState));
    expect(states).toEqual(new Set(['new', 'unchanged', 'absent']));
    expect(validate(log)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('would be caught by the schema if it broke the format', async () => {
    const repo = await writeFixtureRepo({ Dockerfile: 'FROM node:22\n' });
    dirs.push(repo);
    const log = (await sarifOf([repo], repo)) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    log.runs[0].results[0].baselineState = 'gone';
    expect(validate(log)).toBe(false);
    const unversioned = { ...(log as object), version: '2.0.0' };
    expect(validate(unversioned)).toBe(false);
  });
});
