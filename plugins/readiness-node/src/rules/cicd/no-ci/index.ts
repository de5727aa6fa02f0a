import { defineRule, outcome } from '../../types';

/** CI systems the shared CI facts do not parse but whose presence still counts. */
const OTHER_CI_FILES =
  /^(?:\.?appveyor\.ya?ml|\.woodpecker\.ya?ml|\.woodpecker\/[^/]+\.ya?ml|cloudbuild\.ya?ml|\.gitea\/workflows\/[^/]+\.ya?ml|\.forgejo\/workflows\/[^/]+\.ya?ml|\.semaphore\/semaphore\.ya?ml|codemagic\.ya?ml|bitrise\.ya?ml|\.cirrus\.ya?ml|wercker\.ya?ml|buildspec\.ya?ml|\.tekton\/[^/]+\.ya?ml|\.teamcity\/.+\.kts|\.gitlab-ci\/.+\.ya?ml)$/i;

export default defineRule({
  id: 'cicd/no-ci',
  category: 'cicd',
  severity: 'high',
  title: 'Continuous integration is configured',
  description:
    'Fails when the repository has no CI configuration: no GitHub Actions workflow, `.gitlab-ci.yml`, `Jenkinsfile`, CircleCI (`.circleci/config.yml`, or the 1.0 `circle.yml` at the root), Azure Pipelines, Bitbucket Pipelines, Buildkite, Travis or similar.',
  rationale:
    'Without CI nothing checks a change before it merges or ships: broken builds, failing tests and vulnerable dependencies reach production unnoticed, and every release depends on one laptop.',
  remediation:
    'Add a pipeline that installs dependencies, builds, lints and runs the tests on every pull request and on the main branch, for example `.github/workflows/ci.yml`.',
  evaluate(facts) {
    const hasCode =
      Object.keys(facts.stack.languages).length > 0 ||
      facts.manifests.allDependencies.size > 0 ||
      facts.dockerfiles.length > 0;
    if (facts.ci.systems.length > 0) {
      const names = [...new Set(facts.ci.systems.map(s => s.system))].join(
        ', ',
      );
      return outcome.pass(`CI configured: ${names}`);
    }
    const other = facts.files.find(f => OTHER_CI_FILES.test(f.path));
    if (other) return outcome.pass(`CI configured in ${other.path}`);
    if (!hasCode)
      return outcome.notApplicable(
        'the repository has no source code to build or test',
      );
    return outcome.fail([
      {
        path: '.',
        message:
          'No CI configuration found (.github/workflows, .gitlab-ci.yml, Jenkinsfile, .circleci, azure-pipelines.yml, bitbucket-pipelines.yml, .buildkite)',
      },
    ]);
  },
});
