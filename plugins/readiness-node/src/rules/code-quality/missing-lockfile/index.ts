import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { basename, dirname, Facts, joinPath } from '../../../facts';
import { PackageJsonFact } from '../../../facts/manifests';
import { isUnder } from '../../../facts/projects';
import { asArray, asRecord, parseYamlFile } from '../../../facts/yamlDoc';
import { defineRule, outcome } from '../../types';
import { inLowConfidenceFolder } from '../shared';

const NODE_LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];

const PYTHON_LOCKFILES: Record<string, string> = {
  poetry: 'poetry.lock',
  uv: 'uv.lock',
  pdm: 'pdm.lock',
};

function globToRegExp(glob: string): RegExp {
  const clean = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  let source = '';
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i];
    if (c === '*' && clean[i + 1] === '*') {
      source += '.*';
      i += 1;
      if (clean[i + 1] === '/') i += 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface WorkspaceRoot {
  dir: string;
  /** The file that declares the workspace. */
  declaredIn: string;
  globs: string[];
}

/** Workspace roots: package.json `workspaces`, pnpm-workspace.yaml, lerna.json `packages`. */
function workspaceRoots(facts: Facts): WorkspaceRoot[] {
  const roots: WorkspaceRoot[] = [];
  for (const pkg of facts.manifests.packageJsons) {
    if (pkg.workspaces.length > 0) {
      roots.push({ dir: pkg.dir, declaredIn: pkg.path, globs: pkg.workspaces });
    }
  }
  for (const file of facts.files) {
    const name = basename(file.path);
    if (name === 'pnpm-workspace.yaml' || name === 'pnpm-workspace.yml') {
      const packages = asArray(asRecord(parseYamlFile(file.text).value)?.packages).map(String);
      roots.push({ dir: dirname(file.path), declaredIn: file.path, globs: packages });
    } else if (name === 'lerna.json') {
      const json = parseJson(file.text);
      if (json === undefined) continue; // an unreadable lerna.json declares nothing
      const packages = asArray(asRecord(json)?.packages).map(String);
      roots.push({ dir: dirname(file.path), declaredIn: file.path, globs: packages.length ? packages : ['packages/*'] });
    }
  }
  return roots;
}

/** Whether a workspace root's globs take in a package directory. */
function covers(root: WorkspaceRoot, dir: string): boolean {
  if (dir === root.dir || !isUnder(dir, root.dir)) return false;
  const rel = root.dir === '' ? dir : dir.slice(root.dir.length + 1);
  let included = false;
  for (const glob of root.globs) {
    if (glob.startsWith('!')) {
      if (globToRegExp(glob.slice(1)).test(rel)) included = false;
    } else if (globToRegExp(glob).test(rel)) {
      included = true;
    }
  }
  return included;
}

const dependencyCount = (pkg: PackageJsonFact) =>
  Object.keys(pkg.dependencies).length + Object.keys(pkg.devDependencies).length;

export default defineRule({
  id: 'code-quality/missing-lockfile',
  category: 'code-quality',
  severity: 'medium',
  title: 'Dependencies are locked',
  description:
    'Fails for a package.json with dependencies and no lockfile (package-lock.json, yarn.lock, pnpm-lock.yaml, bun.lock) at its workspace root, and for Poetry, uv, PDM or Pipenv projects without their lock file. Workspace members use the lockfile of the workspace root that lists them.',
  rationale:
    'Without a lockfile every install resolves version ranges again: builds are not reproducible, a bad release of any transitive dependency reaches production unannounced, and what was tested is not what ships.',
  remediation:
    'Run the package manager once (`npm install`, `yarn`, `pnpm install`, `poetry lock`, `uv lock`, `pdm lock`, `pipenv lock`), commit the lock file it writes, and install from it in CI and Docker builds (`npm ci`, `yarn install --immutable`, `poetry install --sync`, `uv sync --locked`).',
  evaluate(facts) {
    const present = new Set([
      ...facts.manifests.lockfiles,
      // Large lock files (over the read limit) and binary ones (bun.lockb) are skipped, yet present.
      ...facts.snapshot.skipped.map(s => s.path),
    ]);
    const hasLock = (dir: string, names: string[]) => names.some(n => present.has(joinPath(dir, n)));
    const findings: Finding[] = [];
    let subjects = 0;

    const packages = facts.manifests.packageJsons.filter(p => !p.error);
    const roots = workspaceRoots(facts);
    for (const pkg of packages) {
      const root = roots
        .filter(r => covers(r, pkg.dir))
        .sort((a, b) => b.dir.length - a.dir.length)[0];
      if (root) {
        // A member: its root needs the lock; report the root when the root has no package.json of its own.
        if (dependencyCount(pkg) > 0) subjects += 1;
        if (
          dependencyCount(pkg) > 0 &&
          !packages.some(p => p.dir === root.dir) &&
          !hasLock(root.dir, NODE_LOCKFILES) &&
          !findings.some(f => f.path === root.declaredIn)
        ) {
          findings.push({
            path: root.declaredIn,
            message: `The workspace declared in ${root.declaredIn} has no lockfile (${NODE_LOCKFILES.slice(0, 3).join(', ')}…) for its packages' dependencies`,
          });
        }
        continue;
      }
      const members = packages.filter(p => roots.some(r => r.dir === pkg.dir && covers(r, p.dir)));
      const count = dependencyCount(pkg) + members.reduce((n, m) => n + dependencyCount(m), 0);
      if (count === 0) continue;
      subjects += 1;
      if (hasLock(pkg.dir, NODE_LOCKFILES)) continue;
      findings.push({
        path: pkg.path,
        message:
          members.length > 0
            ? `The workspace root ${pkg.path} has no lockfile for the ${count} dependencies of its ${members.length + 1} package(s)`
            : `${pkg.path} declares ${count} dependencies and no lockfile (package-lock.json, yarn.lock, pnpm-lock.yaml or bun.lock) is committed beside it`,
        ...(inLowConfidenceFolder(pkg.path) ? { confidence: 'low' as const } : {}),
      });
    }

    for (const py of facts.manifests.pyprojects) {
      const lock = PYTHON_LOCKFILES[py.tool];
      if (!lock || py.dependencies.length === 0) continue;
      subjects += 1;
      // A workspace member shares the lock of a parent directory.
      let dir: string | undefined = py.dir;
      let found = false;
      while (dir !== undefined) {
        if (hasLock(dir, [lock])) {
          found = true;
          break;
        }
        dir = dir === '' ? undefined : dirname(dir);
      }
      if (found) continue;
      findings.push({
        path: py.path,
        message: `${py.path} is a ${py.tool} project with ${py.dependencies.length} dependencies and no ${lock}`,
        ...(inLowConfidenceFolder(py.path) ? { confidence: 'low' as const } : {}),
      });
    }

    for (const pipfile of facts.manifests.pipfiles) {
      subjects += 1;
      if (hasLock(dirname(pipfile), ['Pipfile.lock'])) continue;
      findings.push({
        path: pipfile,
        message: `${pipfile} has no Pipfile.lock beside it`,
        ...(inLowConfidenceFolder(pipfile) ? { confidence: 'low' as const } : {}),
      });
    }

    if (subjects === 0) {
      return outcome.notApplicable('no package.json with dependencies and no Poetry, uv, PDM or Pipenv project');
    }
    return outcome.fromFindings(findings);
  },
});
