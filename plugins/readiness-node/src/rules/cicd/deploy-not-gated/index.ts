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

/** Upstream job names that, by convention, hold the test suite. */
const TEST_JOB_NAME =
  /(?:^|[-_\s])(?:tests?|unit|integration|e2e|ci|checks?|verify|qa|spec)(?:[-_\s]|$)/i;

/** Conditions that only let the job run after a successful CI run. */
const CI_SUCCESS_CONDITION = /workflow_run\.conclusion\s*==\s*['"]success['"]/;

/** Events that ship what was pushed or released without anyone choosing to run the deploy. */
const AUTOMATIC_TRIGGERS = ['push', 'release'];

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

function isGated(facts: Facts, deploy: DeployJob): boolean {
  return (
    CI_SUCCESS_CONDITION.test(deploy.job.if ?? '') ||
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
    'Fails when a GitHub Actions job that deploys, releases or publishes to production (by its name or environment, by running `kubectl apply`, `helm upgrade`, `terraform apply`, `aws ecs update-service`, `flyctl deploy`, `gcloud run deploy`, `npm publish`…, or by publishing a container image: `docker push`, docker/build-push-action with `push`, a reusable image workflow given registry credentials) runs on push or on release without depending, through `needs:`, on a job that runs tests, without running the tests itself first, and is not triggered by a successful CI run (`workflow_run`). A job that only publishes an image that a later test job `needs` is a build stage, and passes when every deploy job of its workflow waits for the tests.',
  rationale:
    'A deploy that does not wait for the tests ships whatever was pushed, including the commit that broke the build. Failures then surface in production rather than in CI.',
  remediation:
    "Make the deploy job depend on the test job (`needs: [test]`), run the tests earlier in the same job, or move the deploy to a workflow triggered by `workflow_run` on the CI workflow with `if: github.event.workflow_run.conclusion == 'success'`.",
  evaluate(facts) {
    const deploys = deployJobs(facts);
    if (deploys.length === 0)
      return outcome.notApplicable(
        'no deploy or release job in GitHub Actions workflows',
      );
    const findings: Finding[] = [];
    let automatic = 0;
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
      const when = workflow.triggers.includes('push')
        ? `on every push${workflow.pushBranches.length ? ` to ${workflow.pushBranches.join(', ')}` : ''}`
        : 'on every release';
      findings.push({
        path: workflow.path,
        line: deploy.line,
        excerpt: excerptAt(facts, workflow.path, deploy.line),
        message: `Job '${job.name ?? job.id}' ${deploy.reason} ${when} without waiting for a job that runs tests`,
      });
    }
    if (automatic === 0)
      return outcome.pass(
        'deploy jobs run only on manual, scheduled or CI-completion triggers',
      );
    return outcome.fromFindings(findings);
  },
});
