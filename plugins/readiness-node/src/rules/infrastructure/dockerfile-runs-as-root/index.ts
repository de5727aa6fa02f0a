import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { defineRule, outcome } from '../../types';
import { dockerfileConfidence } from '../containers';

const ROOT_USERS = new Set(['root', '0', '0:0', 'root:root']);

export default defineRule({
  id: 'infrastructure/dockerfile-runs-as-root',
  category: 'infrastructure',
  severity: 'high',
  title: 'Containers do not run as root',
  description:
    "Fails when a Dockerfile's final stage sets no `USER`, or its last `USER` is root.",
  rationale:
    'A process running as root inside a container turns any code-execution bug into root on the container and widens the blast radius of a container escape.',
  remediation:
    'Create an unprivileged user in the final stage and switch to it with `USER` (for example `USER 10001` or `USER app`) after the steps that need root.',
  evaluate(facts) {
    const dockerfiles = facts.dockerfiles.filter(d => d.finalStage);
    if (dockerfiles.length === 0) {
      return outcome.notApplicable('no Dockerfile');
    }
    const findings: Finding[] = [];
    for (const dockerfile of dockerfiles) {
      const stage = dockerfile.finalStage!;
      const users = stage.instructions.filter(i => i.keyword === 'USER');
      const last = users[users.length - 1];
      // Distroless `:nonroot` images run as an unprivileged user by default.
      const nonRootBase = /nonroot/.test(stage.tag ?? '');
      if (!last) {
        if (nonRootBase) continue;
        findings.push({
          path: dockerfile.path,
          line: stage.line,
          excerpt: `FROM ${stage.image}`,
          message: 'The final stage sets no USER, so the container runs as root',
          confidence: dockerfileConfidence(dockerfile),
        });
      } else if (ROOT_USERS.has(last.args.trim().toLowerCase())) {
        findings.push({
          path: dockerfile.path,
          line: last.line,
          excerpt: `USER ${last.args}`,
          message: 'The final stage switches to root',
          confidence: dockerfileConfidence(dockerfile),
        });
      }
    }
    return outcome.fromFindings(findings);
  },
});
