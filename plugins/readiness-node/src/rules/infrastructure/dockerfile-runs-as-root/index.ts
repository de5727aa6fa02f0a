import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { imageUserOf, isRootUser } from '../../../facts/imageUsers';
import { externalBaseOf, stageChain } from '../../../fixes/dockerfile';
import { failingPaths } from '../../../fixes/edits';
import { defineRule, outcome } from '../../types';
import { fixRunsAsRoot } from './fix';
import type { KubeContainer } from '../../../facts/kubernetes';
import {
  developmentNoteOf,
  dockerfileConfidence,
  dockerfilesOf,
  kubernetesContainersRunning,
  noDockerfileReason,
  servicesBuilding,
  withDevelopmentNote,
} from '../containers';

/** What the Kubernetes workloads running the image set: they run it unprivileged there, while the image itself defaults to root. */
function kubernetesNote(container: KubeContainer): string {
  return ` unless its runtime sets a user; the Kubernetes manifest ${container.path} (${container.workload}) runs it with ${container.user!.setting}, which covers that deployment only`;
}

export default defineRule({
  id: 'infrastructure/dockerfile-runs-as-root',
  category: 'infrastructure',
  severity: 'high',
  title: 'Containers do not run as root',
  description:
    "Fails when a Dockerfile's final stage (with the stages it builds on) sets no `USER`, or its last `USER` is root." +
    ' A base image known to run unprivileged by default (Grafana, Prometheus and its Alertmanager and node exporter, `nginxinc/nginx-unprivileged`, distroless `:nonroot`, Chainguard `static`) needs no `USER` of its own.' +
    ' When every Kubernetes workload manifest that runs the image (matched by the image name its skaffold artifact or `docker build -t` gives it, or by its folder) sets `runAsNonRoot: true` or a non-zero `runAsUser`, the finding still stands (the image defaults to root wherever else it runs) and names the manifest.' +
    ' A development Dockerfile (named for development, or beside its production variant such as `Dockerfile.prod`) is only a low-confidence note, unless a production compose file or the main compose file (neither a development nor a test one) builds it; development-workspace images (`.devcontainer/`, `.gitpod.Dockerfile`, `.codesandbox/`) are not judged.',
  rationale:
    'A process running as root inside a container turns any code-execution bug into root on the container and widens the blast radius of a container escape.',
  remediation:
    'Create an unprivileged user in the final stage and switch to it with `USER` (for example `USER 10001` or `USER app`) after the steps that need root.',
  evaluate(facts) {
    const dockerfiles = dockerfilesOf(facts);
    if (dockerfiles.length === 0) {
      return outcome.notApplicable(noDockerfileReason(facts));
    }
    const findings: Finding[] = [];
    for (const dockerfile of dockerfiles) {
      const stage = dockerfile.finalStage!;
      const development = developmentNoteOf(facts, dockerfile.path);
      const deployed = kubernetesContainersRunning(facts, dockerfile);
      // Every Kubernetes workload that runs the image sets a non-root user in its security context, and no compose
      // service runs it as it is: the finding says so, and stands, since the image itself still defaults to root.
      const nonRoot =
        deployed.length > 0 && deployed.every(c => c.user?.nonRoot) && servicesBuilding(facts, dockerfile).length === 0 ? deployed[0] : undefined;
      const confidence = development ? 'low' : dockerfileConfidence(dockerfile);
      const note = (message: string) => withDevelopmentNote(nonRoot ? `${message}${kubernetesNote(nonRoot)}` : message, development);
      // A stage built on an earlier one inherits its USER.
      const users = stageChain(dockerfile, stage)
        .flatMap(s => s.instructions)
        .filter(i => i.keyword === 'USER');
      const last = users[users.length - 1];
      if (!last) {
        // Some published images already run as an unprivileged user of their own.
        if (imageUserOf(externalBaseOf(dockerfile, stage).image)?.byDefault) continue;
        findings.push({
          path: dockerfile.path,
          line: stage.line,
          excerpt: `FROM ${stage.image}`,
          message: note('The final stage sets no USER, so the container runs as root'),
          confidence,
        });
      } else if (isRootUser(last.args)) {
        findings.push({
          path: dockerfile.path,
          line: last.line,
          excerpt: `USER ${last.args}`,
          message: note('The final stage switches to root'),
          confidence,
        });
      }
    }
    return outcome.fromFindings(findings);
  },
  fix(facts, settings) {
    return fixRunsAsRoot(facts, failingPaths(this.evaluate(facts, settings)));
  },
});
