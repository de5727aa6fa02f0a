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
  firstPartyBuildOf,
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
    'Fails when a compose service built from source (`build:`, or an `image:` that a `docker build -t` of the repository\'s Makefile, scripts or CI makes) has no `healthcheck`, neither in the compose files nor as a `HEALTHCHECK` in the Dockerfile it builds, or has its healthcheck disabled. A development compose file (named for development, or beside a standalone production variant such as `docker-compose.prod.yml`) is only a low-confidence note.',
  rationale:
    'Compose only knows a container is running, not that it is ready. Without a healthcheck, `depends_on: condition: service_healthy` cannot work, dependants start against a service that is still booting, and a wedged service is never reported unhealthy.',
  remediation:
    'Add a `healthcheck` to the service (for example `test: ["CMD", "curl", "-fsS", "http://localhost:8080/health"]` with an interval, timeout, retries and start_period), or a `HEALTHCHECK` in its Dockerfile.',
  evaluate(facts) {
    if (composeFilesOf(facts).length === 0) {
      return outcome.notApplicable('no compose file');
    }
    const built = composeServicesOf(facts).flatMap(ref => {
      const build = firstPartyBuildOf(facts, ref.service);
      return build ? [{ ...ref, build }] : [];
    });
    if (built.length === 0) {
      return outcome.notApplicable('no compose service is built from source or runs an image this repository builds');
    }
    const services = built.filter(ref => !isOneOffService(ref.service));
    if (services.length === 0) {
      return outcome.notApplicable('the compose services built from source are one-off jobs');
    }
    const dockerfiles = new Map(dockerfilesOf(facts).map(d => [d.path, d]));
    const findings: Finding[] = [];
    for (const ref of services) {
      const { file, service, build } = ref;
      const compose = composeHealthcheckOf(facts, ref);
      if (compose === 'defined') continue;
      const dockerfile = dockerfiles.get(build.dockerfile);
      const origin = build.declaredIn
        ? `runs the image \`${service.image}\` that this repository builds (${build.declaredIn})`
        : 'is built from source';
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
            ? `Service \`${service.name}\` ${origin} and its healthcheck is disabled`
            : `Service \`${service.name}\` ${origin} but has no healthcheck, in compose or in ${build.dockerfile}`,
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
