import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { defineRule, outcome } from '../../types';
import {
  commandSegments,
  excerptAt,
  locateLine,
  parsedWorkflows,
} from '../../../facts/workflows';

/** The arguments of a `git push` command, or undefined when the segment runs no push. */
function pushArgs(segment: string): string[] | undefined {
  const m = /\bgit\s+(?:-C\s+\S+\s+|-c\s+\S+\s+)*push\b(.*)$/.exec(segment);
  return m ? m[1].split(/\s+/).filter(Boolean) : undefined;
}

/** `--force-with-lease`, with or without the expected value of the ref. */
const LEASE = /^--force-with-lease(?:=\S*)?$/;

/**
 * Whether a `git push` command overwrites remote history: `--force`, `-f`, a `+` refspec, or `--force-with-lease`.
 * The lease form still replaces the branch with the runner's commit: in a pipeline the expected value is what the
 * job itself fetched moments before (or nothing), so it only stops the push when someone pushed while the job ran.
 */
export function isForcePush(segment: string): boolean {
  const args = pushArgs(segment);
  return (
    !!args &&
    args.some(arg => arg === '--force' || LEASE.test(arg) || /^-[a-zA-Z]*f[a-zA-Z]*$/.test(arg) || /^['"]?\+[\w/.:${}-]+/.test(arg))
  );
}

/** Whether the only force in a push is its lease. */
function leaseOnly(segment: string): boolean {
  const args = pushArgs(segment) ?? [];
  return args.some(arg => LEASE.test(arg)) && !args.some(arg => arg === '--force' || /^-[a-zA-Z]*f[a-zA-Z]*$/.test(arg) || /^['"]?\+/.test(arg));
}

const LEASE_NOTE = ' (the lease only stops it when someone pushed to that branch while the job ran)';

export default defineRule({
  id: 'cicd/force-push',
  category: 'cicd',
  severity: 'high',
  title: 'Pipelines do not force-push',
  description:
    'Fails when a CI pipeline runs `git push --force`, `git push -f`, `git push --force-with-lease` or pushes a `+` refspec, or a push action runs with `force` or `force_with_lease` set. The lease form fails too: in a pipeline the lease is what the job itself just fetched, so the push still replaces the remote branch with the runner\'s commit and only stops when someone pushed while the job ran.',
  rationale:
    'A force-push from CI rewrites the remote branch with whatever the runner has, silently discarding commits pushed in the meantime, and a compromised or misconfigured job can erase history.',
  remediation:
    'Push normally and let the push fail on divergence (merge or fast-forward the target branch instead of overwriting it), publish generated content through a deploy action or an artifact rather than a rewritten branch, and protect release branches against force-pushes.',
  evaluate(facts) {
    if (facts.ci.systems.length === 0)
      return outcome.notApplicable('no CI configuration');
    const findings: Finding[] = [];
    for (const command of facts.ci.commands) {
      const segment = commandSegments(command.command).find(isForcePush);
      if (!segment) continue;
      const line = locateLine(facts, command.path, command.line, l =>
        isForcePush(l.trim()),
      );
      findings.push({
        path: command.path,
        line,
        excerpt: excerptAt(facts, command.path, line) ?? segment,
        message: `${
          command.job
            ? `Job '${command.job}' force-pushes`
            : 'The pipeline force-pushes'
        }: \`${segment}\` overwrites the remote branch${leaseOnly(segment) ? LEASE_NOTE : ''}`,
      });
    }
    for (const workflow of parsedWorkflows(facts)) {
      for (const job of workflow.jobs) {
        for (const step of job.steps) {
          const input = ['force', 'force_with_lease'].find(name => /^true$/i.test(step.with?.[name] ?? ''));
          if (/push/i.test(step.uses ?? '') && input) {
            const line = locateLine(facts, workflow.path, step.line, l =>
              new RegExp(`\\b${input}\\s*:\\s*true`).test(l),
            );
            findings.push({
              path: workflow.path,
              line,
              excerpt: excerptAt(facts, workflow.path, line),
              message: `Job '${job.id}' force-pushes with ${
                step.uses!.split('@')[0]
              } (${input}: true)${input === 'force_with_lease' ? LEASE_NOTE : ''}`,
            });
          }
        }
      }
    }
    return outcome.fromFindings(findings);
  },
});
