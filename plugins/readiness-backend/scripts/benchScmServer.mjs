#!/usr/bin/env node
/*
 * The local SCM server of the pipeline benchmark, in a process of its own so
 * that its memory is not counted in the backend's and its work shows as a
 * separate process, as a real SCM's would (it still shares the machine's
 * cores). Started by bench-backend-e2e.mjs --scm through `fork`:
 *
 *   argv: <reposRoot> <repositories> <latencyMs> <owner>
 *
 * Commits each directory of <reposRoot> to a fixture git repository and
 * serves <repositories> GitHub repositories `<owner>/<component name>`, … over them
 * round-robin (distinct repositories to the reader, so nothing is shared
 * between entities), every answer delayed by <latencyMs>. Sends
 * `{ type: 'ready', githubApiBaseUrl, repos }` once listening; answers
 * `{ type: 'stats' }` with the requests, archive downloads and CPU seconds
 * (its own and its git processes') since the last time.
 */
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentName } from './syntheticCatalog.mjs';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(packageDir, 'package.json'));
require('@backstage/cli/config/nodeTransform.cjs');

const { startScmServer } = require('./src/testing/scmServer.ts');
const { FixtureGitRepo } = require('./src/testing/fixtureGit.ts');
const { readDirectoryFiles } = require('./src/testing/scmDemo.ts');

/**
 * CPU seconds of this process and of its finished child processes (the git
 * commands that answer requests), from /proc; this process's alone elsewhere.
 */
function cpuSeconds() {
  try {
    // Fields after the command name: utime, stime, cutime, cstime are 12-15.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0);
    return ticks / 100;
  } catch {
    const cpu = process.cpuUsage();
    return (cpu.user + cpu.system) / 1e6;
  }
}

async function main() {
  const [reposRoot, count, latency, owner] = process.argv.slice(2);
  const names = readdirSync(reposRoot)
    .filter(name => statSync(join(reposRoot, name)).isDirectory())
    .sort();
  const fixtures = [];
  for (const name of names) {
    fixtures.push(
      await FixtureGitRepo.create(
        await readDirectoryFiles(join(reposRoot, name)),
      ),
    );
  }
  const scm = await startScmServer();
  for (let i = 0; i < Number(count); i++) {
    scm.addGithubRepo(
      `${owner}/${componentName(i)}`,
      fixtures[i % fixtures.length],
    );
  }
  scm.setLatency(Number(latency));
  const stop = async () => {
    await scm.stop();
    for (const fixture of fixtures) await fixture.remove();
    process.exit(0);
  };
  let lastCpu = cpuSeconds();
  process.on('message', message => {
    if (message?.type === 'stats') {
      const cpu = cpuSeconds();
      process.send({
        cpuSeconds: cpu - lastCpu,
        type: 'stats',
        requests: scm.requests.length,
        archives: scm.archiveDownloads(),
        notModified: scm.requests.filter(r => r.status === 304).length,
      });
      scm.resetRequests();
      lastCpu = cpu;
    } else if (message?.type === 'stop') {
      stop();
    }
  });
  process.on('disconnect', stop);
  process.send({
    type: 'ready',
    githubApiBaseUrl: scm.githubApiBaseUrl,
    repos: names,
  });
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
