import { SourceFile } from '../snapshot';
import type { Facts } from './index';
import { isRequirementsPath } from './manifests';
import { memo } from './memo';
import { basename, dirname } from './paths';

/** The ecosystems a project manifest belongs to. @public */
export type Ecosystem = 'node' | 'python' | 'jvm' | 'go' | 'dotnet' | 'ruby' | 'php' | 'rust';

/**
 * A project inside the repository: a directory holding one or more manifests
 * (package.json, requirements file, pyproject.toml, pom.xml, go.mod, …). In a
 * monorepo each service or package is its own project. @public
 */
export interface ProjectFact {
  /** Repository-relative directory; `''` for the root. */
  dir: string;
  /** Paths of the manifests that define it. */
  manifests: string[];
  ecosystems: Ecosystem[];
}

/** Folders that only hold requirement files for the project above them. */
const REQUIREMENTS_DIR = /^(requirements|reqs|requirements\.d|deps)$/i;

/** The ecosystem a manifest file name belongs to, if it is one. */
export function manifestEcosystem(path: string): Ecosystem | undefined {
  const name = basename(path);
  if (name === 'package.json') return 'node';
  if (isRequirementsPath(path) || name === 'pyproject.toml' || name === 'Pipfile' || name === 'setup.py') {
    return 'python';
  }
  if (name === 'pom.xml' || /^build\.gradle(\.kts)?$/.test(name)) return 'jvm';
  if (name === 'go.mod') return 'go';
  if (/\.(cs|fs|vb)proj$/.test(name)) return 'dotnet';
  if (name === 'Gemfile') return 'ruby';
  if (name === 'composer.json') return 'php';
  if (name === 'Cargo.toml') return 'rust';
  return undefined;
}

/** The project directory a manifest defines. */
export function manifestProjectDir(path: string): string {
  const dir = dirname(path);
  if (isRequirementsPath(path) && REQUIREMENTS_DIR.test(basename(dir))) {
    return dirname(dir);
  }
  return dir;
}

/** Whether `path` is `dir` itself or lies below it (`''` is the root, above everything). */
export function isUnder(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

/** The projects of the audited repository (see {@link collectProjects}), built once per audit. */
export function projectsOf(facts: Facts): ProjectFact[] {
  return memo(facts, 'projects', () => collectProjects(facts.files));
}

/**
 * The projects of a repository, deepest directories first, so that the first
 * project a path is under is its nearest one. Never throws.
 */
export function collectProjects(files: SourceFile[]): ProjectFact[] {
  const byDir = new Map<string, ProjectFact>();
  for (const file of files) {
    const ecosystem = manifestEcosystem(file.path);
    if (!ecosystem) continue;
    const dir = manifestProjectDir(file.path);
    let project = byDir.get(dir);
    if (!project) {
      project = { dir, manifests: [], ecosystems: [] };
      byDir.set(dir, project);
    }
    project.manifests.push(file.path);
    if (!project.ecosystems.includes(ecosystem)) project.ecosystems.push(ecosystem);
  }
  const depth = (dir: string) => (dir === '' ? 0 : dir.split('/').length);
  const projects = [...byDir.values()].sort(
    (a, b) => depth(b.dir) - depth(a.dir) || a.dir.localeCompare(b.dir),
  );
  for (const p of projects) p.ecosystems.sort();
  return projects;
}

const lookups = new WeakMap<ProjectFact[], Map<string, ProjectFact | undefined>>();

/**
 * The nearest project holding a file, optionally only among projects of one
 * ecosystem. Undefined when no manifest lies above the file.
 */
export function projectOf(
  projects: ProjectFact[],
  path: string,
  ecosystem?: Ecosystem,
): ProjectFact | undefined {
  // Files of one folder share their project: answer once per folder.
  let answers = lookups.get(projects);
  if (!answers) {
    answers = new Map();
    lookups.set(projects, answers);
  }
  const dir = dirname(path);
  const key = `${ecosystem ?? ''}\u0000${dir}`;
  if (answers.has(key)) return answers.get(key);
  const found = projects.find(
    p => isUnder(dir, p.dir) && (!ecosystem || p.ecosystems.includes(ecosystem)),
  );
  answers.set(key, found);
  return found;
}
