import { basename } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { fixDependencyUpdates } from './fix';

const UPDATE_CONFIG =
  /^(?:\.github\/dependabot\.ya?ml|\.dependabot\/config\.ya?ml|(?:\.github\/|\.gitlab\/)?renovate\.json5?|\.renovaterc(?:\.json5?)?|\.pyup\.ya?ml|\.depfu\.ya?ml)$/;

const OTHER_MANIFESTS = new Set([
  'Gemfile',
  'Cargo.toml',
  'composer.json',
  'mix.exs',
  'pubspec.yaml',
  'Package.swift',
  'deps.edn',
  'project.clj',
]);

export default defineRule({
  id: 'cicd/no-dependency-updates',
  category: 'cicd',
  severity: 'low',
  title: 'Dependency updates are automated',
  description:
    'Fails when the repository declares dependencies but has no Dependabot (`.github/dependabot.yml`) or Renovate (`renovate.json`, `.renovaterc`, a `renovate` key in package.json) configuration.',
  rationale:
    'Without automated update pull requests, dependencies drift until upgrading is a project of its own, and security fixes wait for someone to notice them.',
  remediation:
    'Add `.github/dependabot.yml` with an entry per ecosystem (npm, pip, maven, gomod, nuget, docker, github-actions) or a `renovate.json`, and merge the update pull requests the CI approves.',
  evaluate(facts) {
    const config = facts.files.find(f => UPDATE_CONFIG.test(f.path));
    if (config)
      return outcome.pass(`dependency updates configured in ${config.path}`);
    const rootPackage = facts.file('package.json');
    if (rootPackage && /"renovate"\s*:\s*\{/.test(rootPackage.text)) {
      return outcome.pass('Renovate configured in package.json');
    }
    if (
      facts.ci.workflows.some(w =>
        w.jobs.some(j =>
          j.steps.some(s => /^renovatebot\/github-action@/i.test(s.uses ?? '')),
        ),
      )
    ) {
      return outcome.pass('Renovate runs from a workflow');
    }
    const m = facts.manifests;
    const manifests = [
      ...m.packageJsons.map(p => p.path),
      ...m.requirements.map(r => r.path),
      ...m.pyprojects.map(p => p.path),
      ...m.pipfiles,
      ...m.poms.map(p => p.path),
      ...m.gradle.map(g => g.path),
      ...m.goMods.map(g => g.path),
      ...m.csprojs.map(c => c.path),
      ...facts.files
        .filter(f => OTHER_MANIFESTS.has(basename(f.path)))
        .map(f => f.path),
      ...facts.dockerfiles.map(d => d.path),
    ];
    const usesActions = facts.ci.workflows.some(w =>
      w.jobs.some(j => j.steps.some(s => s.uses && !s.uses.startsWith('./'))),
    );
    if (manifests.length === 0 && !usesActions) {
      return outcome.notApplicable(
        'no dependency manifests, Dockerfiles or workflow actions to keep up to date',
      );
    }
    const sample = manifests.slice(0, 3).join(', ');
    return outcome.fail([
      {
        path: '.',
        message: `No Dependabot or Renovate configuration; dependencies declared in ${
          sample || 'GitHub workflow actions'
        }${
          manifests.length > 3 ? ` and ${manifests.length - 3} more` : ''
        } are only updated by hand`,
      },
    ]);
  },
  fix: fixDependencyUpdates,
});
