import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { defineRule, outcome } from '../../types';
import {
  commandSegments,
  excerptAt,
  locateLine,
  parsedWorkflows,
} from '../../../facts/workflows';

/** Whether a `git push` command overwrites remote history. `--force-with-lease` is the safe form. */
export function isForcePush(segment: string): boolean {
  const m = /\bgit\s+(?:-C\s+\S+\s+|-c\s+\S+\s+)*push\b(.*)$/.exec(segment);
  if (!m) return false;
  const args = m[1].split(/\s+/).filter(Boolean);
  return args.some(
    arg =>
      arg === '--force' ||
      /^-[a-zA-Z]*f[a-zA-Z]*$/.test(arg) ||
      /^['"]?\+[\w/.:${}-]+/.test(arg),
  );
}

export default defineRule({
  id: 'cicd/force-push',
  category: 'cicd',
  severity: 'high',
  title: 'Pipelines do not force-push',
  description:
    'Fails when a CI pipeline runs `git push --force`, `git push -f` or pushes a `+` refspec. `--force-with-lease` passes: it refuses to overwrite commits it has not seen.',
  rationale:
    'A force-push from CI rewrites the remote branch with whatever the runner has, silently discarding commits pushed in the meantime, and a compromised or misconfigured job can erase history.',
  remediation:
    'Push normally and let the push fail on divergence, or use `git push --force-with-lease` where rewriting is truly intended (for example a generated branch), and protect release branches against force-pushes.',
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
        }: \`${segment}\` overwrites the remote branch`,
      });
    }
    for (const workflow of parsedWorkflows(facts)) {
      for (const job of workflow.jobs) {
        for (const step of job.steps) {
          if (
            /push/i.test(step.uses ?? '') &&
            /^true$/i.test(step.with?.force ?? '')
          ) {
            const line = locateLine(facts, workflow.path, step.line, l =>
              /force\s*:\s*true/.test(l),
            );
            findings.push({
              path: workflow.path,
              line,
              excerpt: excerptAt(facts, workflow.path, line),
              message: `Job '${job.id}' force-pushes with ${
                step.uses!.split('@')[0]
              } (force: true)`,
            });
          }
        }
      }
    }
    return outcome.fromFindings(findings);
  },
});
