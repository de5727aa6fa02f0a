import { Document } from 'yaml';
import type { Facts } from '../../../facts';
import { basename, dirname } from '../../../facts';
import { createFile, fixOf, RuleFix } from '../../../fixes/edits';

/** Dependabot's ecosystem for a manifest file name. */
const ECOSYSTEM_OF_FILE: Record<string, string> = {
  'package.json': 'npm',
  'requirements.txt': 'pip',
  'pyproject.toml': 'pip',
  Pipfile: 'pip',
  'pom.xml': 'maven',
  'build.gradle': 'gradle',
  'build.gradle.kts': 'gradle',
  'go.mod': 'gomod',
  Gemfile: 'bundler',
  'Cargo.toml': 'cargo',
  'composer.json': 'composer',
  'mix.exs': 'mix',
  'pubspec.yaml': 'pub',
  'Package.swift': 'swift',
};

const isVendoredPath = (path: string) => /(^|\/)(node_modules|vendor|third_party)\//.test(path);

/** The (ecosystem, directory) pairs the repository's manifests, Dockerfiles and workflows call for. */
export function updateTargetsOf(facts: Facts): Array<{ ecosystem: string; directory: string }> {
  const targets = new Map<string, { ecosystem: string; directory: string }>();
  const add = (ecosystem: string, dir: string) => {
    const directory = `/${dir}`;
    targets.set(`${ecosystem} ${directory}`, { ecosystem, directory });
  };
  for (const file of facts.files) {
    if (isVendoredPath(file.path)) continue;
    const ecosystem = ECOSYSTEM_OF_FILE[basename(file.path)];
    if (ecosystem) add(ecosystem, dirname(file.path));
    else if (file.path.endsWith('.csproj')) add('nuget', dirname(file.path));
  }
  for (const dockerfile of facts.dockerfiles) {
    if (!isVendoredPath(dockerfile.path) && !dockerfile.error && dockerfile.stages.some(s => !s.fromStage)) add('docker', dockerfile.dir);
  }
  if (facts.ci.workflows.some(w => w.jobs.some(j => j.steps.some(s => s.uses && !s.uses.startsWith('./'))))) {
    add('github-actions', '');
  }
  return [...targets.values()].sort((a, b) => a.ecosystem.localeCompare(b.ecosystem) || a.directory.localeCompare(b.directory));
}

/** A `.github/dependabot.yml` with a weekly entry per ecosystem and directory present. */
export function fixDependencyUpdates(facts: Facts): RuleFix | undefined {
  const targets = updateTargetsOf(facts);
  if (targets.length === 0) return undefined;
  const doc = new Document({
    version: 2,
    updates: targets.map(t => ({
      'package-ecosystem': t.ecosystem,
      directory: t.directory,
      schedule: { interval: 'weekly' },
      'open-pull-requests-limit': 5,
    })),
  });
  doc.commentBefore = ' Weekly update pull requests for every ecosystem this repository declares.';
  const ecosystems = [...new Set(targets.map(t => t.ecosystem))];
  return fixOf(`Add Dependabot for ${ecosystems.join(', ')}`, [
    createFile(facts, '.github/dependabot.yml', doc.toString({ lineWidth: 0 })),
  ]);
}
