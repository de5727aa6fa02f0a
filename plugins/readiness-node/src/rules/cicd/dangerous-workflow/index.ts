import { Finding } from '@readiness/backstage-plugin-readiness-common';
import type { WorkflowFact, WorkflowJob } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { excerptAt, locateLine, parsedWorkflows } from '../../../facts/workflows';

/**
 * Expression contexts an outside contributor controls: titles, bodies,
 * branch names, commit messages and author names.
 */
const UNTRUSTED_CONTEXT = new RegExp(
  [
    String.raw`github\.head_ref`,
    String.raw`github\.event\.(?:issue|pull_request|discussion)\.(?:title|body)`,
    String.raw`github\.event\.(?:comment|review|review_comment|discussion_comment)\.body`,
    String.raw`github\.event\.pull_request\.head\.(?:ref|label|repo\.default_branch)`,
    String.raw`github\.event\.pages(?:\.\*|\[\d+\]|\.\d+)?\.page_name`,
    String.raw`github\.event\.(?:commits(?:\.\*|\[\d+\]|\.\d+)?|head_commit|workflow_run\.head_commit|merge_group\.head_commit)\.(?:message|author\.(?:email|name))`,
    String.raw`github\.event\.workflow_run\.(?:head_branch|display_title)`,
    String.raw`github\.event\.workflow_run\.pull_requests(?:\.\*|\[\d+\]|\.\d+)?\.head\.ref`,
    String.raw`toJSON\(\s*github\.event(?:\.(?:issue|pull_request|comment|review|review_comment|discussion|head_commit|commits|pages))?\s*\)`,
  ].join('|'),
  'i',
);

/** An expression `${{ … }}` holding an untrusted context. */
const UNTRUSTED_EXPRESSION = new RegExp(
  String.raw`\$\{\{[^}]*?(?:${UNTRUSTED_CONTEXT.source})[^}]*\}\}`,
  'gi',
);

/** References to the pull request's own code rather than the base branch. */
const PR_HEAD_REF =
  /github\.event\.pull_request\.head\.(?:sha|ref|repo\.full_name)|github\.head_ref|refs\/pull\/|github\.event\.pull_request\.merge_commit_sha|github\.event\.workflow_run\.head_(?:sha|branch|repository\.full_name)/;

const RUN_CHECKS_OUT_PR =
  /\bgh\s+pr\s+checkout\b|\bgit\s+(?:fetch|pull)\b[^\n]*\bpull\/[^\s]+\/(?:head|merge)\b/;

/** Job conditions that keep forks (untrusted authors) out. */
function restrictedToTrusted(job: WorkflowJob): boolean {
  const cond = job.if ?? '';
  return (
    /head\.repo\.full_name\s*==\s*github\.repository|github\.repository\s*==\s*github\.event\.pull_request\.head\.repo\.full_name/.test(
      cond,
    ) ||
    /head_repository\.full_name\s*==\s*github\.repository/.test(cond) ||
    /head\.repo\.fork\s*==\s*false|!\s*github\.event\.pull_request\.head\.repo\.fork/.test(
      cond,
    ) ||
    /github\.event_name\s*==\s*['"]pull_request['"]/.test(cond)
  );
}

/** Events through which code from a fork's pull request starts a workflow. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/**
 * Whether a workflow_run workflow can be started by a run that carries a pull request's code: one of the
 * workflows it follows runs on pull requests, directly or through its own workflow_run sources. A source
 * named by no workflow in the repository is assumed to. Workflows that only follow runs started by pushes,
 * schedules or manual dispatch in the repository itself never see a fork's code.
 */
function reachableFromPullRequests(workflows: WorkflowFact[]): (workflow: WorkflowFact) => boolean {
  const byName = new Map<string, WorkflowFact[]>();
  for (const w of workflows) {
    // GitHub names a workflow without `name:` after its file path.
    const name = w.name ?? w.path;
    byName.set(name, [...(byName.get(name) ?? []), w]);
  }
  const memo = new Map<WorkflowFact, boolean>();
  const visit = (workflow: WorkflowFact): boolean => {
    const known = memo.get(workflow);
    if (known !== undefined) return known;
    memo.set(workflow, false); // a cycle of workflow_run workflows starts nothing by itself
    let result = workflow.triggers.some(t => PULL_REQUEST_EVENTS.has(t));
    if (!result && workflow.triggers.includes('workflow_run')) {
      const sources = workflow.workflowRunSources ?? [];
      result =
        sources.length === 0 ||
        sources.some(name => {
          const matches = byName.get(name);
          return !matches || matches.some(visit);
        });
    }
    memo.set(workflow, result);
    return result;
  };
  return visit;
}

export default defineRule({
  id: 'cicd/dangerous-workflow',
  category: 'cicd',
  severity: 'critical',
  title: 'Workflows do not run untrusted code or text',
  description:
    "Fails when a `pull_request_target` or `workflow_run` workflow checks out the pull request's code (`github.event.pull_request.head.sha`, `github.head_ref`, `refs/pull/…`), or when user-controlled text (`${{ github.event.issue.title }}`, PR body, comment body, branch name, commit message…) is interpolated into a `run:` script. A `workflow_run` workflow counts only when a workflow it follows runs on pull requests (directly or through its own `workflow_run` sources); one that only follows runs started by pushes, schedules or manual dispatch never sees a fork's code.",
  rationale:
    'Both patterns let anyone who opens a pull request or an issue run commands in your pipeline with its secrets and a write token: the first by running their code in a privileged context, the second by shell injection through a crafted title or branch name.',
  remediation:
    'Use `pull_request` (not `pull_request_target`) to build and test contributor code, or keep the privileged workflow on the base branch and pass results through artifacts. Never interpolate `${{ github.event.* }}` text into scripts: map it to an environment variable (`env: TITLE: ${{ github.event.issue.title }}`) and use `"$TITLE"`.',
  evaluate(facts) {
    const workflows = parsedWorkflows(facts);
    if (workflows.length === 0)
      return outcome.notApplicable('no GitHub Actions workflow');
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const add = (finding: Finding) => {
      const key = `${finding.path}:${finding.line}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push(finding);
    };

    const reachable = reachableFromPullRequests(workflows);
    for (const workflow of workflows) {
      const privileged = workflow.triggers.filter(
        t =>
          t === 'pull_request_target' ||
          (t === 'workflow_run' && reachable(workflow)),
      );
      for (const job of workflow.jobs) {
        if (privileged.length > 0 && !restrictedToTrusted(job)) {
          for (const step of job.steps) {
            const ref = [step.with?.ref, step.with?.repository].find(
              v => v && PR_HEAD_REF.test(v),
            );
            const checkout =
              /^actions\/checkout@/i.test(step.uses ?? '') && ref;
            const runCheckout =
              step.run &&
              (RUN_CHECKS_OUT_PR.test(step.run) ||
                (/\bgit\s+(?:checkout|fetch|switch)\b/.test(step.run) &&
                  PR_HEAD_REF.test(step.run)));
            if (!checkout && !runCheckout) continue;
            const needle = checkout ? ref! : step.run!;
            const line = locateLine(facts, workflow.path, step.line, l =>
              checkout
                ? l.includes(needle.trim().split('\n')[0])
                : PR_HEAD_REF.test(l) || RUN_CHECKS_OUT_PR.test(l),
            );
            add({
              path: workflow.path,
              line,
              excerpt: excerptAt(facts, workflow.path, line),
              message: `Job '${job.id}' runs on ${privileged.join(
                '/',
              )} with secrets and a write token, and checks out the pull request's own code`,
            });
          }
        }
        for (const step of job.steps) {
          const scripts = [
            step.run,
            /^actions\/github-script@/i.test(step.uses ?? '')
              ? step.with?.script
              : undefined,
          ];
          for (const script of scripts) {
            if (!script) continue;
            for (const m of script.matchAll(UNTRUSTED_EXPRESSION)) {
              const expression = m[0];
              const line = locateLine(facts, workflow.path, step.line, l =>
                l.includes(expression),
              );
              add({
                path: workflow.path,
                line,
                excerpt: excerptAt(facts, workflow.path, line),
                message: `Job '${job.id}' interpolates user-controlled ${expression} into a script, which allows command injection`,
              });
            }
          }
        }
      }
    }
    return outcome.fromFindings(findings);
  },
});
