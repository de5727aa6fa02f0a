#!/usr/bin/env node
// Packs this package into a temporary directory (nothing is published) and
// checks the tarball: package.json lists registry dependencies only, exactly
// the packages the bundle requires, and the bundle requires no workspace package.
//
//   node scripts/check-pack.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(join(tmpdir(), 'readiness-pack-'));
try {
  const [{ filename, files }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: pkgDir, encoding: 'utf8' }),
  );
  execFileSync('tar', ['-xzf', join(out, filename), '-C', out]);
  const manifest = JSON.parse(readFileSync(join(out, 'package/package.json'), 'utf8'));
  const bundle = readFileSync(join(out, 'package', manifest.main), 'utf8');
  const required = new Set(
    [...bundle.matchAll(/\brequire\("([^"]+)"\)/g)]
      .map(m => m[1])
      .filter(name => !name.startsWith('node:'))
      .map(name => name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/')),
  );
  const dependencies = manifest.dependencies ?? {};
  const problems = [];
  for (const [name, range] of Object.entries(dependencies)) {
    if (/^(workspace|file|link|portal):/.test(range)) problems.push(`${name}: ${range} is not a registry range`);
    if (name.startsWith('@readiness/')) problems.push(`${name} should be bundled, not a dependency`);
    if (!required.has(name)) problems.push(`${name} is listed but the bundle does not require it`);
  }
  for (const name of required) {
    if (!dependencies[name]) problems.push(`the bundle requires ${name}, which package.json does not list`);
  }
  for (const key of ['devDependencies', 'peerDependencies', 'bundleDependencies']) {
    if (manifest[key]) problems.push(`package.json has ${key}`);
  }
  console.log(`${filename}: ${files.length} files; dependencies: ${Object.keys(dependencies).join(', ')}`);
  if (problems.length) {
    console.error(problems.map(p => `  ${p}`).join('\n'));
    process.exitCode = 1;
  } else {
    console.log('ok: registry dependencies only, workspace packages bundled');
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
