import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { main } from './index';

const pkgDir = resolve(__dirname, '..');
const sample = resolve(pkgDir, '../../examples/repos/flask-orders-api');

/** The JSON report without the fields that differ from run to run. */
function comparable(json: string) {
  const report = JSON.parse(json);
  delete report.generatedAt;
  delete report.stats.durationMs;
  return report;
}

describe('the built bundle', () => {
  // Inside the package, so the bundle finds its registry dependencies in node_modules.
  const outDir = join(pkgDir, 'node_modules', '.cache', `readiness-cli-bundle-${process.pid}`);
  const bundle = join(outDir, 'index.cjs.js');

  beforeAll(() => {
    execFileSync(process.execPath, [join(pkgDir, 'scripts/build.mjs'), '--outfile', bundle], {
      stdio: 'pipe',
    });
  }, 60_000);

  afterAll(async () => {
    await fs.rm(outDir, { recursive: true, force: true });
  });

  it('contains the workspace packages and requires only registry ones', async () => {
    const code = await fs.readFile(bundle, 'utf8');
    const required = [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map(m => m[1]);
    expect(required.filter(name => name.startsWith('@readiness/'))).toEqual([]);
    expect(required).not.toContain('@backstage/backend-plugin-api');
    expect(required).not.toContain('@backstage/plugin-permission-common');
    expect(required).toContain('@ast-grep/napi');
  });

  it('reports on a sample repository exactly what the sources report', async () => {
    let stdout = '';
    const code = await main(['node', 'readiness', 'audit', sample, '--format', 'json'], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
      env: {},
      cwd: pkgDir,
    });
    expect(code).toBe(0);

    const built = execFileSync(
      process.execPath,
      ['-e', `require(${JSON.stringify(bundle)}).main(process.argv)`, 'readiness', 'audit', sample, '--format', 'json'],
      { cwd: pkgDir, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 },
    ).toString();

    expect(comparable(built).results.length).toBeGreaterThan(0);
    expect(comparable(built)).toEqual(comparable(stdout));
  }, 60_000);
});
