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
  isBuildOverlay,
  isHealthcheckNone,
  siblingBuildOf,
  isOneOffService,
  withDevelopmentNote,
} from '../containers';

export default defineRule({
  id: 'infrastructure/compose-no-healthcheck',
  category: 'infrastructure',
  severity: 'medium',
  title: 'Compose services built from source have a healthcheck',
  description:
    'Fails when a compose service built from source (`build:`, or an `image:` that a `docker build -t` of the repository\'s Makefile, scripts or CI makes, or that another compose file of its folder builds for the same service, as a `docker-compose.dev.yml` used with it does) has no `healthcheck`, neither in the compose files nor as a `HEALTHCHECK` in the Dockerfile it builds, or has its healthcheck disabled. An override entry whose `build:` names no context (only build args or a target) is judged with the service it adjusts, where that service is defined. A development compose file (named for development, or beside a standalone production variant such as `docker-compose.prod.yml`) is only a low-confidence note.',
  rationale:
    'Compose only knows a container is running, not that it is ready. Without a healthcheck, `depends_on: condition: service_healthy` cannot work, dependants start against a service that is still booting, and a wedged service is never reported unhealthy.',
  remediation:
    'Add a `healthcheck` to the service (for example `test: ["CMD", "curl", "-fsS", "http://localhost:8080/health"]` with an interval, timeout, retries and start_period), or a `HEALTHCHECK` in its Dockerfile.',
  evaluate(facts) {
    if (composeFilesOf(facts).length === 0) {
      return outcome.notApplicable('no compose file');
    }
    const refs = composeServicesOf(facts);
    // A service that runs an image another compose file of its directory builds is judged where it runs that image.
    const imageRuns = refs.flatMap(ref => {
      const build = firstPartyBuildOf(facts, ref.service) ? undefined : siblingBuildOf(facts, ref);
      return build ? [{ ...ref, build }] : [];
    });
    const judgedElsewhere = new Set(imageRuns.map(ref => `${ref.build.declaredIn}\u0000${ref.service.name}`));
    const built = [
      ...refs.flatMap(ref => {
        // An override entry that only sets build args is judged with the service it adjusts.
        if (isBuildOverlay(facts, ref) || judgedElsewhere.has(`${ref.file.path}\u0000${ref.service.name}`)) return [];
        const build = firstPartyBuildOf(facts, ref.service);
        return build ? [{ ...ref, build }] : [];
      }),
      ...imageRuns,
    ];
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
