#!/usr/bin/env node
// Builds dist/index.cjs.js: the CLI and the Readiness workspace packages it uses
// (@readiness/*) in one CommonJS file. Registry dependencies, and with them the
// native @ast-grep modules, stay external and are installed with the package.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The registry dependencies of the CLI and of the workspace packages bundled into it. */
export function externalDependencies() {
  const seen = new Set();
  const external = new Set();
  const visit = manifestPath => {
    if (seen.has(manifestPath)) return;
    seen.add(manifestPath);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const local = createRequire(manifestPath);
    for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
      if (String(range).startsWith('workspace:')) {
        visit(local.resolve(`${name}/package.json`));
      } else {
        external.add(name);
      }
    }
  };
  visit(resolve(pkgDir, 'package.json'));
  return [...external].sort();
}

/**
 * Registry packages the engine needs only to plug into a Backstage backend, and
 * the factories it calls from them at module level. The CLI registers no
 * permission and no extension point, so the bundle drops those definitions and
 * never loads the packages.
 */
const BACKEND_ONLY = {
  '@backstage/backend-plugin-api': ['createExtensionPoint'],
  '@backstage/plugin-permission-common': ['createPermission'],
};

function dropBackendOnly() {
  const names = Object.keys(BACKEND_ONLY);
  const factories = Object.values(BACKEND_ONLY).flat();
  const escape = text => text.replace(/[/.]/g, '\\$&');
  const packageFilter = new RegExp(`^(${names.map(escape).join('|')})$`);
  const call = new RegExp(`(=\\s*)(${factories.join('|')})(\\s*[<(])`, 'g');
  return {
    name: 'drop-backend-only',
    setup(b) {
      b.onResolve({ filter: packageFilter }, args => ({
        path: args.path,
        external: true,
        sideEffects: false,
      }));
      b.onLoad({ filter: /[\\/]plugins[\\/][^\\/]+[\\/]src[\\/].*\.ts$/ }, args => {
        const source = readFileSync(args.path, 'utf8');
        if (!names.some(name => source.includes(`'${name}'`))) return undefined;
        return { contents: source.replace(call, '$1/* @__PURE__ */ $2$3'), loader: 'ts' };
      });
    },
  };
}

/**
 * A registry package the bundle requires at module level is loaded on first use
 * instead: most rules (and their parsers: YAML, TOML, XML, Dockerfile, .env)
 * have nothing to read in a small repository, and loading every parser costs
 * more than auditing it.
 */
const LAZY_REQUIRE =
  'function __lazyRequire(load) { let mod; const get = () => (mod ??= load()); ' +
  'return new Proxy({}, { get: (_, key) => get()[key], has: (_, key) => key in get() }); }';

function requireLazily(code) {
  // esbuild reads every import of an external package as a property of its
  // `import_*` namespace (`import_yaml.parse`), which the proxy resolves.
  // The helper goes on the line of the "use strict" directive: no line moves.
  if (!code.startsWith('"use strict";\n')) throw new Error('expected a strict-mode bundle');
  return code
    .replace(/^"use strict";/, `"use strict"; ${LAZY_REQUIRE}`)
    .replace(/^var (import_\w+) = require\(("[^"]+")\);$/gm, (line, binding, name) =>
      name.startsWith('"node:') ? line : `var ${binding} = __lazyRequire(() => require(${name}));`,
    );
}

/** Builds the bundle into dist/, which it empties first, or into `outfile`. */
export async function buildBundle(options = {}) {
  if (!options.outfile) {
    rmSync(resolve(pkgDir, 'dist'), { recursive: true, force: true });
  }
  const outfile = resolve(options.outfile ?? resolve(pkgDir, 'dist/index.cjs.js'));
  const external = externalDependencies();
  const result = await build({
    absWorkingDir: pkgDir,
    entryPoints: [resolve(pkgDir, 'src/index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Every registry package (and its subpaths) is loaded from node_modules at run time.
    external: external.flatMap(name => [name, `${name}/*`]),
    plugins: [dropBackendOnly()],
    sourcemap: true,
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  // Same lines as esbuild wrote, so the source map stays valid.
  writeFileSync(outfile, requireLazily(readFileSync(outfile, 'utf8')));
  // The registry packages the bundle requires, by package name.
  const required = new Set();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const { path, external: isExternal } of output.imports) {
      if (!isExternal || path.startsWith('node:')) continue;
      const parts = path.split('/');
      required.add(path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return { outfile, external: [...required].sort() };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `node scripts/build.mjs [--outfile <file>]`
  const at = process.argv.indexOf('--outfile');
  const { outfile, external } = await buildBundle({ outfile: at > 0 ? process.argv[at + 1] : undefined });
  console.log(`${outfile}: bundled; loads ${external.join(', ')} from node_modules`);
}
