import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { failingPaths } from '../../../fixes/edits';
import { defineRule, outcome } from '../../types';
import { fixComposeHealthcheck } from './fix';
import {
  composeFilesOf,
  composeHealthcheckOf,
  composeServicesOf,
  confidenceOf,
  developmentNoteOf,
  dockerfilesOf,
  dockerHealthcheckOf,
  excerptAt,
  isHealthcheckNone,
  isOneOffService,
  withDevelopmentNote,
} from '../containers';

export default defineRule({
  id: 'infrastructure/compose-no-healthcheck',
  category: 'infrastructure',
  severity: 'medium',
  title: 'Compose services built from source have a healthcheck',
  description:
    'Fails when a compose service built from source (`build:`) has no `healthcheck`, neither in the compose files nor as a `HEALTHCHECK` in the Dockerfile it builds, or has its healthcheck disabled. A development compose file (named for development, or beside a standalone production variant such as `docker-compose.prod.yml`) is only a low-confidence note.',
  rationale:
    'Compose only knows a container is running, not that it is ready. Without a healthcheck, `depends_on: condition: service_healthy` cannot work, dependants start against a service that is still booting, and a wedged service is never reported unhealthy.',
  remediation:
    'Add a `healthcheck` to the service (for example `test: ["CMD", "curl", "-fsS", "http://localhost:8080/health"]` with an interval, timeout, retries and start_period), or a `HEALTHCHECK` in its Dockerfile.',
  evaluate(facts) {
    if (composeFilesOf(facts).length === 0) {
      return outcome.notApplicable('no compose file');
    }
    const built = composeServicesOf(facts).filter(ref => ref.service.buildContext !== undefined);
    if (built.length === 0) {
      return outcome.notApplicable('no compose service is built from source');
    }
    const services = built.filter(ref => !isOneOffService(ref.service));
    if (services.length === 0) {
      return outcome.notApplicable('the compose services built from source are one-off jobs');
    }
    const dockerfiles = new Map(dockerfilesOf(facts).map(d => [d.path, d]));
    const findings: Finding[] = [];
    for (const ref of services) {
      const { file, service } = ref;
      const compose = composeHealthcheckOf(facts, ref);
      if (compose === 'defined') continue;
      const dockerfile = service.dockerfile ? dockerfiles.get(service.dockerfile) : undefined;
      const imageCheck = dockerfile ? dockerHealthcheckOf(dockerfile) : undefined;
      const imageHasCheck = imageCheck !== undefined && !isHealthcheckNone(imageCheck);
      if (compose === 'none' && imageHasCheck) continue;
      const line =
        compose === 'disabled' && service.healthcheck?.line !== undefined
          ? service.healthcheck.line
          : service.line;
      const development = developmentNoteOf(facts, file.path);
      findings.push({
        path: file.path,
        ...(line !== undefined ? { line } : {}),
        excerpt: excerptAt(facts, file.path, line),
        message: withDevelopmentNote(
          compose === 'disabled'
            ? `Service \`${service.name}\` is built from source and its healthcheck is disabled`
            : `Service \`${service.name}\` is built from source but has no healthcheck, in compose or in ${
                service.dockerfile ?? 'its Dockerfile'
              }`,
          development,
        ),
        confidence: development ? 'low' : confidenceOf(file.path),
      });
    }
    return outcome.fromFindings(findings);
  },
  fix(facts, settings) {
    return fixComposeHealthcheck(facts, failingPaths(this.evaluate(facts, settings)));
  },
});
