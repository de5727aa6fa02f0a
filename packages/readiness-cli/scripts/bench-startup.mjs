#!/usr/bin/env node
// Start-up time of the whole CLI process on a one-file repository: the built
// bundle (bin/readiness with dist/) against the TypeScript sources (what
// bin/readiness runs without dist/). Runs alternate; prints medians and ratio.
//
//   node scripts/bench-startup.mjs [--runs 15]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const at = process.argv.indexOf('--runs');
const runs = Math.max(10, at > 0 ? Number(process.argv[at + 1]) : 15);

if (!existsSync(join(pkgDir, 'dist/index.cjs.js'))) {
  execFileSync(process.execPath, [join(pkgDir, 'scripts/build.mjs')], { stdio: 'inherit' });
}

const repo = mkdtempSync(join(tmpdir(), 'readiness-bench-'));
writeFileSync(join(repo, 'index.js'), "console.log('hello');\n");
const args = ['audit', repo, '--format', 'json'];

const variants = {
  bundle: [join(pkgDir, 'bin/readiness'), ...args],
  sources: [
    '-e',
    "require('@backstage/cli/config/nodeTransform.cjs'); require('./src/index.ts').main(process.argv)",
    'readiness',
    ...args,
  ],
};

function once(argv) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, argv, { cwd: pkgDir, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) {
    throw new Error(`exit ${run.status}: ${run.stderr}`);
  }
  JSON.parse(run.stdout);
  return ms;
}

const median = values => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

try {
  const times = { bundle: [], sources: [] };
  for (const argv of Object.values(variants)) once(argv); // warm the disk and compile caches
  for (let i = 0; i < runs; i++) {
    for (const [name, argv] of Object.entries(variants)) times[name].push(once(argv));
  }
  const fmt = ms => `${ms.toFixed(0).padStart(6)} ms`;
  console.log(`readiness audit <one-file repository>, Node ${process.version}, ${runs} runs each`);
  console.log(`${'variant'.padEnd(10)}${'median'.padStart(9)}${'min'.padStart(9)}${'max'.padStart(9)}`);
  for (const [name, t] of Object.entries(times)) {
    console.log(`${name.padEnd(10)}${fmt(median(t))}${fmt(Math.min(...t))}${fmt(Math.max(...t))}`);
  }
  const ratio = median(times.sources) / median(times.bundle);
  console.log(`sources / bundle: ${ratio.toFixed(1)}x`);
} finally {
  rmSync(repo, { recursive: true, force: true });
}
