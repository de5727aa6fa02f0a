import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { main } from './index';

const CI_DIR = join(__dirname, '..', '..', '..', 'docs', 'ci');

async function load(name: string): Promise<any> {
  const doc = parseDocument(await fs.readFile(join(CI_DIR, name), 'utf8'));
  expect(doc.errors.map(e => e.message)).toEqual([]);
  return doc.toJS();
}

async function help(command: string): Promise<string> {
  let stdout = '';
  await main(['node', 'readiness', command, '--help'], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: () => true },
    env: {},
    cwd: process.cwd(),
  });
  return stdout;
}

/** The shell lines of a script, with backslash continuations joined. */
function shellLines(script: string): string[] {
  return script
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean);
}

/** Every `readiness …` command of the scripts, and the option lists kept in `args="…"`. */
function invocations(scripts: string[]): { commands: string[][]; argLists: string[][] } {
  const lines = scripts.flatMap(shellLines);
  const commands = lines
    .map(l => l.replace(/^(?:then|do|&&)\s+/, ''))
    .filter(l => /^readiness\s/.test(l))
    .map(l => l.split('|')[0].trim().split(/\s+/));
  const argLists = lines
    .map(l => /^args="([^"]+)"$/.exec(l)?.[1])
    .filter((v): v is string => !!v)
    .map(v => v.split(/\s+/));
  return { commands, argLists };
}

/** Checks each option and sub-command against the CLI's own help. */
async function expectKnown(commands: string[][], argLists: string[][]): Promise<void> {
  const subcommands = new Set(commands.map(c => c[1]));
  expect([...subcommands].sort()).toEqual(['audit', 'diff']);
  for (const [, sub, ...rest] of [...commands, ...argLists.map(a => ['readiness', 'audit', ...a])]) {
    const text = await help(sub);
    for (const flag of rest.filter(t => t.startsWith('-'))) {
      expect({ sub, flag, known: new RegExp(`(^|[\\s,])${flag}\\b`).test(text) }).toEqual({ sub, flag, known: true });
    }
  }
  const audit = commands.find(c => c[1] === 'audit')!;
  expect(audit).toEqual(expect.arrayContaining(['--format', 'json', '--output', 'readiness.json', '--sarif', 'readiness.sarif']));
  expect(argLists.flat()).toEqual(expect.arrayContaining(['--baseline', '--fail-on', 'new']));
  for (const diff of commands.filter(c => c[1] === 'diff')) expect(diff.slice(2)).toHaveLength(2);
}

describe('CI templates', () => {
  it('GitHub Actions: installs the packaged CLI, gates against the cached baseline, uploads SARIF, prints the diff', async () => {
    const workflow = await load('github-actions.yml');
    const steps: Array<{ uses?: string; run?: string; with?: Record<string, string>; if?: string; id?: string }> =
      workflow.jobs.readiness.steps;
    expect(workflow.permissions['security-events']).toBe('write');
    const runs = steps.filter(s => s.run).map(s => s.run!);
    expect(runs.some(r => /npm install -g "\$READINESS_CLI"/.test(r))).toBe(true);
    expect(workflow.env.READINESS_CLI).toBe('@readiness/cli');

    const upload = steps.find(s => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with!.sarif_file).toBe('readiness.sarif');
    const restore = steps.find(s => s.uses?.startsWith('actions/cache/restore@'))!;
    const save = steps.find(s => s.uses?.startsWith('actions/cache/save@'))!;
    expect(restore.with!.path).toBe(save.with!.path);
    expect(save.if).toContain('github.event.repository.default_branch');
    const gate = steps.find(s => s.if?.includes('steps.audit.outputs.status'))!;
    expect(steps.find(s => s.id === 'audit')).toBeDefined();
    expect(steps.indexOf(gate)).toBe(steps.length - 1);

    const { commands, argLists } = invocations(runs);
    await expectKnown(commands, argLists);
    expect(argLists.flat()).toContain(`${restore.with!.path}/readiness.json`);
  });

  it('GitLab CI: installs the packaged CLI, gates against the default branch artifact, keeps SARIF, prints the diff', async () => {
    const config = await load('gitlab-ci.yml');
    const job = config.readiness;
    expect(job.image).toMatch(/^node:(20|22)/);
    expect(job.script[0]).toBe('npm install -g "$READINESS_CLI"');
    expect(job.variables.READINESS_CLI).toBe('@readiness/cli');
    expect(job.artifacts.when).toBe('always');
    expect(job.artifacts.paths).toEqual(expect.arrayContaining(['readiness.sarif', 'readiness.json']));
    const script: string = job.script.join('\n');
    expect(script).toContain('/jobs/artifacts/$CI_DEFAULT_BRANCH/raw/readiness.json?job=$CI_JOB_NAME');
    expect(script).toMatch(/exit \$status\s*$/);
    const { commands, argLists } = invocations(job.script);
    await expectKnown(commands, argLists);
  });
});
