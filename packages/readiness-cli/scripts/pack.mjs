#!/usr/bin/env node
// `prepack`: builds the bundle and rewrites package.json for the tarball, so it
// lists only registry dependencies (those the bundle requires, at the ranges
// this repository declares) and no workspace ones, which are bundled in.
// `postpack`: restores package.json.
//
//   node scripts/pack.mjs prepack|postpack
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundle } from './build.mjs';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = resolve(pkgDir, 'package.json');
const backupPath = resolve(pkgDir, 'package.json-prepack');

/** The range each registry dependency has where the CLI or a workspace package declares it. */
function declaredRanges() {
  const ranges = new Map();
  const seen = new Set();
  const visit = path => {
    if (seen.has(path)) return;
    seen.add(path);
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
      if (String(range).startsWith('workspace:')) {
        visit(createRequire(path).resolve(`${name}/package.json`));
      } else if (!ranges.has(name)) {
        ranges.set(name, range);
      }
    }
  };
  visit(manifestPath);
  return ranges;
}

async function prepack() {
  if (existsSync(backupPath)) {
    throw new Error(`${backupPath} exists: a previous pack did not finish; restore package.json from it first`);
  }
  const { external } = await buildBundle();
  const ranges = declaredRanges();
  const text = readFileSync(manifestPath, 'utf8');
  const manifest = JSON.parse(text);
  const dependencies = {};
  for (const name of external) {
    const range = ranges.get(name);
    if (!range) throw new Error(`the bundle requires ${name}, which no package declares`);
    dependencies[name] = range;
  }
  const packed = {
    ...manifest,
    main: 'dist/index.cjs.js',
    engines: { node: '>=20' },
    dependencies,
  };
  delete packed.devDependencies;
  delete packed.scripts;
  writeFileSync(backupPath, text);
  writeFileSync(manifestPath, `${JSON.stringify(packed, null, 2)}\n`);
}

function postpack() {
  if (existsSync(backupPath)) renameSync(backupPath, manifestPath);
}

const step = process.argv[2];
if (step === 'prepack') await prepack();
else if (step === 'postpack') postpack();
else throw new Error('usage: node scripts/pack.mjs prepack|postpack');
