import { Finding } from '@readiness/backstage-plugin-readiness-common';
import type { Facts, WorkflowFact, WorkflowJob } from '../../../facts';
import { defineRule, outcome } from '../../types';
import {
  actionRunsTests,
  commandRunsTests,
  DeployJob,
  deployJobs,
  excerptAt,
  jobRunsTests,
  upstreamJobs,
} from '../../../facts/workflows';
import { cloudBuildDeploys } from './cloudBuild';

/** Upstream job names that, by convention, hold the test suite. */
const TEST_JOB_NAME =
  /(?:^|[-_\s])(?:tests?|unit|integration|e2e|ci|checks?|verify|qa|spec)(?:[-_\s]|$)/i;

/** Conditions that only let the job run after a successful CI run. */
const CI_SUCCESS_CONDITION = /workflow_run\.conclusion\s*==\s*['"]success['"]/;

/**
 * Events that ship what was pushed or released without anyone choosing to run the deploy. A `workflow_run`
 * trigger fires when the CI run completes whatever its outcome, so it ships failed builds too unless the
 * job checks the run's conclusion.
 */
const AUTOMATIC_TRIGGERS = ['push', 'release', 'workflow_run'];

function runsTestsBeforeDeploying(facts: Facts, deploy: DeployJob): boolean {
  // A call to a reusable workflow of the repository that runs tests as well.
  if (deploy.job.uses?.startsWith('./') && jobRunsTests(facts, deploy.workflow, deploy.job)) return true;
  const steps =
    deploy.stepIndex === undefined
      ? deploy.job.steps
      : deploy.job.steps.slice(0, deploy.stepIndex + 1);
  const ctx = { facts };
  return steps.some(
    s => (s.run && commandRunsTests(s.run, ctx)) || actionRunsTests(s),
  );
}

function gatedUpstream(
  facts: Facts,
  workflow: WorkflowFact,
  job: WorkflowJob,
): boolean {
  return upstreamJobs(workflow, job).some(
    up =>
      TEST_JOB_NAME.test(up.id) ||
      TEST_JOB_NAME.test(up.name ?? '') ||
      jobRunsTests(facts, workflow, up),
  );
}

/**
 * A job that only builds and publishes an image that a later job tests (the test job `needs` it, directly or
 * through others) is the build stage of the pipeline: what ships is decided by the deploy jobs after the tests.
 */
function isTestedBuildStage(facts: Facts, deploy: DeployJob): boolean {
  if (!deploy.imagePublish) return false;
  const { workflow, job } = deploy;
  return workflow.jobs.some(
    other =>
      other !== job &&
      upstreamJobs(workflow, other).includes(job) &&
      (TEST_JOB_NAME.test(other.id) || TEST_JOB_NAME.test(other.name ?? '') || jobRunsTests(facts, workflow, other)),
  );
}

/** Whether the job, or a job it needs (a skipped job skips the jobs that need it), runs only after a successful CI run. */
function waitsForCiSuccess(deploy: DeployJob): boolean {
  const { workflow, job } = deploy;
  return [job, ...upstreamJobs(workflow, job)].some(j => CI_SUCCESS_CONDITION.test(j.if ?? ''));
}

function isGated(facts: Facts, deploy: DeployJob): boolean {
  return (
    waitsForCiSuccess(deploy) ||
    runsTestsBeforeDeploying(facts, deploy) ||
    gatedUpstream(facts, deploy.workflow, deploy.job)
  );
}

export default defineRule({
  id: 'cicd/deploy-not-gated',
  category: 'cicd',
  severity: 'high',
  title: 'Deploys wait for the tests',
  description:
    'Fails when a GitHub Actions job that deploys, releases or publishes to production (by its name or environment, by running `kubectl apply`, `helm upgrade`, `terraform apply`, `aws ecs update-service`, `flyctl deploy`, `gcloud run deploy`…, by publishing a package: `npm publish`, `twine upload`, `dotnet nuget push`, Maven\'s `deploy` goal through `mvn` or `./mvnw`, a Gradle `publish…` task but not `publishToMavenLocal`; or by publishing a container image: `docker push`, docker/build-push-action with `push`, a reusable image workflow given registry credentials) runs on push or on release without depending, through `needs:`, on a job that runs tests and without running the tests itself first; or runs on the completion of another workflow (`workflow_run`, which fires after failed runs too) without checking `github.event.workflow_run.conclusion == \'success\'` in its own `if:` or in that of a job it needs. GitHub Pages documentation deploys (Pages actions, `mkdocs gh-deploy` and the like) are not production deploys. A job that only publishes an image that a later test job `needs` is a build stage, and passes when every deploy job of its workflow waits for the tests. In a Google Cloud Build pipeline (`cloudbuild.yaml`) that runs tests, a deploy step (`gcloud run deploy`, `firebase deploy`, `kubectl apply`…, or a step or script named for deploying) fails when none of the steps it waits for (its `waitFor`, or every earlier step when it names none; `waitFor: [\'-\']` starts it with the build), directly or through theirs, runs tests; a Cloud Build configuration with no test step is not judged.',
  rationale:
    'A deploy that does not wait for the tests ships whatever was pushed, including the commit that broke the build. Failures then surface in production rather than in CI.',
  remediation:
    "Make the deploy job depend on the test job (`needs: [test]`), run the tests earlier in the same job, or move the deploy to a workflow triggered by `workflow_run` on the CI workflow with `if: github.event.workflow_run.conclusion == 'success'`.",
  evaluate(facts) {
    const deploys = deployJobs(facts);
    const cloudBuild = cloudBuildDeploys(facts);
    if (deploys.length === 0 && cloudBuild.deploys === 0)
      return outcome.notApplicable(
        'no deploy or release job in GitHub Actions workflows, and no deploy step in a Cloud Build pipeline that runs tests',
      );
    const findings: Finding[] = [];
    // Cloud Build pipelines run from build triggers on pushes.
    let automatic = cloudBuild.deploys;
    for (const step of cloudBuild.ungated) {
      findings.push({
        path: step.path,
        ...(step.line !== undefined ? { line: step.line, excerpt: excerptAt(facts, step.path, step.line) } : {}),
        message: `Cloud Build step '${step.label}' runs \`${step.command}\` without waiting (waitFor, or the order of the steps) for a step that runs tests`,
      });
    }
    for (const deploy of deploys) {
      const { workflow, job } = deploy;
      if (!AUTOMATIC_TRIGGERS.some(t => workflow.triggers.includes(t))) continue;
      automatic += 1;
      if (isGated(facts, deploy)) continue;
      // A build stage whose image the tests then check passes when every job of its workflow that deploys waits for them.
      if (
        isTestedBuildStage(facts, deploy) &&
        deploys.every(d => d.workflow !== workflow || isGated(facts, d) || isTestedBuildStage(facts, d))
      ) {
        continue;
      }
      let message = `whenever a run of ${
        workflow.workflowRunSources?.length ? workflow.workflowRunSources.map(w => `'${w}'`).join(', ') : 'the triggering workflow'
      } completes, failed runs included: it never checks \`github.event.workflow_run.conclusion == 'success'\``;
      if (workflow.triggers.includes('push')) {
        message = `on every push${workflow.pushBranches.length ? ` to ${workflow.pushBranches.join(', ')}` : ''} without waiting for a job that runs tests`;
      } else if (workflow.triggers.includes('release')) {
        message = 'on every release without waiting for a job that runs tests';
      }
      findings.push({
        path: workflow.path,
        line: deploy.line,
        excerpt: excerptAt(facts, workflow.path, deploy.line),
        message: `Job '${job.name ?? job.id}' ${deploy.reason} ${message}`,
      });
    }
    if (automatic === 0)
      return outcome.pass(
        'deploy jobs run only on manual or scheduled triggers',
      );
    return outcome.fromFindings(findings);
  },
});
