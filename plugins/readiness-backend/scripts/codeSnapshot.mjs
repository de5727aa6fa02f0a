import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The Readiness packages a backend loads, by package name, with their folders in the repository. */
const PACKAGES = {
  'backstage-plugin-readiness-backend': 'plugins/readiness-backend',
  'backstage-plugin-readiness-node': 'plugins/readiness-node',
  'backstage-plugin-readiness-common': 'plugins/readiness-common',
};

/**
 * A copy of the Readiness packages at a commit, whose node_modules links
 * every installed package except the Readiness ones, which point into the
 * copy: processes loading it run that code whatever happens to the working
 * tree meanwhile. Returns the folder of the backend plugin in the copy.
 */
export function snapshotCode(rev, dir) {
  mkdirSync(dir);
  execFileSync(
    'bash',
    [
      '-c',
      'git archive --format=tar "$0" -- "$@" | tar -x -C "$DEST"',
      rev,
      ...Object.values(PACKAGES),
    ],
    { cwd: repoRoot, env: { ...process.env, DEST: dir }, stdio: 'inherit' },
  );
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '@readiness'), { recursive: true });
  for (const name of readdirSync(join(repoRoot, 'node_modules'))) {
    if (name === '@readiness' || name === '.cache') continue;
    symlinkSync(join(repoRoot, 'node_modules', name), join(modules, name));
  }
  for (const [name, path] of Object.entries(PACKAGES)) {
    symlinkSync(join(dir, path), join(modules, '@readiness', name));
  }
  return join(dir, PACKAGES['backstage-plugin-readiness-backend']);
}
