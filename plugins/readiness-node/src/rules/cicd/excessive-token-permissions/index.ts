import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { defineRule, outcome } from '../../types';
import { excerptAt, parsedWorkflows } from '../../../facts/workflows';
import { boundedByCallers, isWriteAll } from './callers';
import { fixTokenPermissions } from './fix';

export default defineRule({
  id: 'cicd/excessive-token-permissions',
  category: 'cicd',
  severity: 'medium',
  title: 'Workflows limit their token permissions',
  description:
    'Fails when a GitHub Actions workflow has no top-level `permissions:` block (even when every job sets its own), or grants `write-all` at the top or in a job. A reusable workflow that runs only through `on: workflow_call` gets at most its caller\'s token, so it is judged through its callers in the repository: it needs no block of its own when every calling job restricts the token (in the job or at its workflow\'s top level).',
  rationale:
    'Without a `permissions:` block the GITHUB_TOKEN gets the repository default, which in many organisations is read-write on contents, packages and more. Any compromised step or dependency can then push code, create releases or tamper with issues.',
  remediation:
    'Add `permissions: contents: read` at the top of every workflow and grant write scopes only to the jobs that need them (for example `packages: write` on the publish job). Never use `write-all`.',
  evaluate(facts) {
    const workflows = parsedWorkflows(facts);
    if (workflows.length === 0)
      return outcome.notApplicable('no GitHub Actions workflow');
    const findings: Finding[] = [];
    for (const workflow of workflows) {
      if (isWriteAll(workflow.permissions)) {
        findings.push({
          path: workflow.path,
          line: workflow.permissionsLine,
          excerpt: excerptAt(facts, workflow.path, workflow.permissionsLine),
          message: 'The workflow grants every job a write-all token',
        });
      } else if (workflow.permissions === undefined && !boundedByCallers(facts, workflow)) {
        // The top-level block is the workflow's default: without it, job-level
        // blocks only scope the jobs that exist today (as OpenSSF Scorecard's Token-Permissions check reads it).
        const unscoped = workflow.jobs.filter(
          job => job.permissions === undefined,
        );
        findings.push({
          path: workflow.path,
          message:
            unscoped.length === 0 && workflow.jobs.length > 0
              ? "No top-level permissions block: every job sets its own today, but any job added later gets the repository's default token permissions"
              : `No top-level permissions block: ${
                  unscoped.length === workflow.jobs.length
                    ? 'every job gets'
                    : `${unscoped.length === 1 ? 'job' : 'jobs'} ${unscoped
                        .map(j => `'${j.id}'`)
                        .join(', ')} ${unscoped.length === 1 ? 'gets' : 'get'}`
                } the repository's default token permissions`,
        });
      }
      for (const job of workflow.jobs) {
        if (isWriteAll(job.permissions)) {
          const file = facts.file(workflow.path);
          const lines = file?.text.split('\n') ?? [];
          const start = (job.line ?? 1) - 1;
          const offset = lines
            .slice(start)
            .findIndex(l => /^\s*permissions\s*:\s*write-all/.test(l));
          const line = offset === -1 ? job.line : start + offset + 1;
          findings.push({
            path: workflow.path,
            line,
            excerpt: excerptAt(facts, workflow.path, line),
            message: `Job '${job.id}' grants itself a write-all token`,
          });
        }
      }
    }
    return outcome.fromFindings(findings);
  },
  fix: fixTokenPermissions,
});
