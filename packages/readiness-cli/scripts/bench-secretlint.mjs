#!/usr/bin/env node
// Times the whole CLI process, `readiness audit <dir> --format json` running every rule, beside
// secretlint with its recommended preset (`secretlint "**/*"`), on the same trees, in one run.
//
//   node scripts/bench-secretlint.mjs [--runs n] [dir…]
//
// Without directories it measures the sample repositories under examples/repos/. Each tree is
// measured with the two tools alternating (one warm-up each first); the script prints the
// medians and the ratio secretlint / readiness per tree. secretlint is installed from the npm
// registry into ~/.cache/readiness/bench/ on first use (it is not a dependency of the CLI).
// Readiness runs as users install it: the bundle, built fresh into node_modules/.cache/ (so the
// checkout's bin/readiness keeps running the sources).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SECRETLINT_VERSION = '13.0.6';
const PRESET_VERSION = '13.1.0';

const here = path.dirname(fileURLToPath(import.meta.url));
const cliRoot = path.resolve(here, '..');
const repoRoot = path.resolve(cliRoot, '../..');
import { buildBundle } from './build.mjs';

function parseArgs(argv) {
  const opts = { runs: 7, dirs: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') opts.runs = Number(argv[++i]);
    else if (argv[i].startsWith('--')) throw new Error(`unknown option ${argv[i]}`);
    else opts.dirs.push(path.resolve(argv[i]));
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new Error('--runs takes a positive integer');
  if (opts.dirs.length === 0) {
    const samples = path.join(repoRoot, 'examples/repos');
    opts.dirs = fs
      .readdirSync(samples)
      .map(name => path.join(samples, name))
      .filter(p => fs.statSync(p).isDirectory());
  }
  for (const dir of opts.dirs) if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`not a directory: ${dir}`);
  return opts;
}

/** secretlint and its preset, installed once into a cache folder of their own. */
function secretlintBin() {
  const prefix = path.join(os.homedir(), '.cache/readiness/bench', `secretlint-${SECRETLINT_VERSION}`);
  const binPath = path.join(prefix, 'node_modules/.bin/secretlint');
  if (!fs.existsSync(binPath)) {
    fs.mkdirSync(prefix, { recursive: true });
    fs.writeFileSync(path.join(prefix, 'package.json'), '{"private":true}\n');
    console.error(`installing secretlint ${SECRETLINT_VERSION} into ${prefix}`);
    execFileSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefix', prefix, `secretlint@${SECRETLINT_VERSION}`, `@secretlint/secretlint-rule-preset-recommend@${PRESET_VERSION}`],
      { stdio: 'inherit' },
    );
  }
  const rc = path.join(prefix, 'secretlintrc.json');
  fs.writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  return { binPath, rc, prefix };
}

function fileCount(dir) {
  let n = 0;
  const walk = d => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name !== '.git' && e.name !== 'node_modules') walk(path.join(d, e.name));
      } else if (e.isFile()) n += 1;
    }
  };
  walk(dir);
  return n;
}

function timeProcess(command, args, options) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { ...options, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  return { ms, status: result.status, stderr: result.stderr };
}

const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const secretlint = secretlintBin();
  const { outfile } = await buildBundle({ outfile: path.join(cliRoot, 'node_modules/.cache/readiness-bench/index.cjs.js') });
  const start =
    "const m = require('node:module'); if (m.enableCompileCache) m.enableCompileCache(); " +
    `require(${JSON.stringify(outfile)}).main(process.argv)`;
  const readiness = dir => timeProcess(process.execPath, ['-e', start, 'readiness', 'audit', dir, '--format', 'json'], { cwd: os.tmpdir() });
  const lint = dir =>
    timeProcess(secretlint.binPath, ['**/*', '--secretlintrc', secretlint.rc, '--format', 'json', '--no-color'], {
      cwd: dir,
      env: { ...process.env, NODE_PATH: path.join(secretlint.prefix, 'node_modules') },
    });
  console.log(`readiness: the bundle, Node ${process.version}`);
  console.log(`secretlint ${SECRETLINT_VERSION} with @secretlint/secretlint-rule-preset-recommend ${PRESET_VERSION}`);
  console.log(`${opts.runs} runs each, alternating, after one warm-up; ${os.cpus().length} CPUs, load ${os.loadavg().map(l => l.toFixed(1)).join(' ')}\n`);
  console.log('| tree | files | readiness median (min) | secretlint median (min) | secretlint / readiness |');
  console.log('|---|---|---|---|---|');
  const ratios = [];
  for (const dir of opts.dirs) {
    const warmA = readiness(dir);
    // readiness exits 0, or 1 when a blocker fails the gate; anything else is a crash.
    if (warmA.status !== 0 && warmA.status !== 1) throw new Error(`readiness failed on ${dir}: ${warmA.stderr.slice(0, 500)}`);
    const warmB = lint(dir);
    if (warmB.status !== 0 && warmB.status !== 1) throw new Error(`secretlint failed on ${dir}: ${warmB.stderr.slice(0, 500)}`);
    const a = [];
    const b = [];
    for (let i = 0; i < opts.runs; i++) {
      a.push(readiness(dir).ms);
      b.push(lint(dir).ms);
    }
    const ratio = median(b) / median(a);
    ratios.push(ratio);
    const name = path.relative(process.cwd(), dir) || dir;
    console.log(
      `| ${name} | ${fileCount(dir)} | ${median(a).toFixed(0)} ms (${Math.min(...a).toFixed(0)}) | ${median(b).toFixed(0)} ms (${Math.min(
        ...b,
      ).toFixed(0)}) | ${ratio.toFixed(1)}× |`,
    );
  }
  console.log(`\nlowest ratio: ${Math.min(...ratios).toFixed(1)}× (target: at least 5×)`);
}

main().catch(e => {
  console.error(`bench-secretlint: ${e.message}`);
  process.exit(2);
});
