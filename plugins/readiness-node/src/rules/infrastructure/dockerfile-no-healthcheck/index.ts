import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { failingPaths } from '../../../fixes/edits';
import { defineRule, outcome } from '../../types';
import { fixNoHealthcheck } from './fix';
import {
  composeHealthcheckOf,
  developmentNoteOf,
  dockerfileConfidence,
  dockerfilesOf,
  noDockerfileReason,
  dockerHealthcheckOf,
  excerptAt,
  isHealthcheckNone,
  isOneOffService,
  kubernetesContainersRunning,
  servicesBuilding,
  withDevelopmentNote,
} from '../containers';

export default defineRule({
  id: 'infrastructure/dockerfile-no-healthcheck',
  category: 'infrastructure',
  severity: 'medium',
  title: 'Container images define a health check',
  description:
    'Fails when the image a Dockerfile produces has no `HEALTHCHECK` (or `HEALTHCHECK NONE`) and no compose service built from that Dockerfile defines a `healthcheck`, and no Kubernetes workload manifest running its image (matched by the image name its skaffold artifact or `docker build -t` gives it, or by its folder) defines a liveness or readiness probe, which Kubernetes uses instead of `HEALTHCHECK`. A development Dockerfile (named for development, or beside its production variant such as `Dockerfile.prod`) that no production or main compose file builds is only a low-confidence note; development-workspace images (`.devcontainer/`, `.gitpod.Dockerfile`, `.codesandbox/`) are not judged.',
  rationale:
    'Without a health check the container runtime only knows whether the process is alive, not whether it serves. A hung or half-started service keeps receiving traffic and is never restarted.',
  remediation:
    'Add a `HEALTHCHECK` to the final stage that calls the service\'s health endpoint (for example `HEALTHCHECK CMD curl -fsS http://localhost:8080/health || exit 1`), or define a `healthcheck` on the compose service that builds the image.',
  evaluate(facts) {
    const dockerfiles = dockerfilesOf(facts);
    if (dockerfiles.length === 0) {
      return outcome.notApplicable(noDockerfileReason(facts));
    }
    const findings: Finding[] = [];
    for (const dockerfile of dockerfiles) {
      const check = dockerHealthcheckOf(dockerfile);
      if (check && !isHealthcheckNone(check)) continue;
      const services = servicesBuilding(facts, dockerfile);
      if (services.some(ref => composeHealthcheckOf(facts, ref) === 'defined')) continue;
      // An image only compose runs as a one-off job (seeding, migrations) is meant to exit.
      if (services.length > 0 && services.every(ref => isOneOffService(ref.service))) continue;
      // Kubernetes ignores HEALTHCHECK: the liveness and readiness probes of the workloads running the image are its health check.
      if (kubernetesContainersRunning(facts, dockerfile).some(c => c.probes.includes('liveness') || c.probes.includes('readiness'))) continue;
      const composeNote = services.length
        ? `, and the compose service${services.length > 1 ? 's' : ''} ${services
            .map(ref => `\`${ref.service.name}\``)
            .join(', ')} building it define${services.length > 1 ? '' : 's'} none`
        : '';
      const line = check ? check.line : dockerfile.finalStage!.line;
      const development = developmentNoteOf(facts, dockerfile.path);
      findings.push({
        path: dockerfile.path,
        line,
        excerpt: excerptAt(facts, dockerfile.path, line),
        message: withDevelopmentNote(
          check
            ? `HEALTHCHECK NONE turns the image's health check off${composeNote}`
            : `The image has no HEALTHCHECK${composeNote}, so the runtime cannot tell a hung container from a healthy one`,
          development,
        ),
        confidence: development ? 'low' : dockerfileConfidence(dockerfile),
      });
    }
    return outcome.fromFindings(findings);
  },
  fix(facts, settings) {
    return fixNoHealthcheck(facts, failingPaths(this.evaluate(facts, settings)));
  },
});
