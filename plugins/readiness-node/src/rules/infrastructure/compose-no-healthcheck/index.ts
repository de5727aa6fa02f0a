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
import type { ServiceRef } from '../containers';
import { runtimeImageRun, toolImageOf } from './repositoryCode';

/** A compose service that runs this repository's code: how it does (for the message), and the Dockerfile it builds, if any. */
interface RepositoryService extends ServiceRef {
  origin: string;
  dockerfile?: string;
}

export default defineRule({
  id: 'infrastructure/compose-no-healthcheck',
  category: 'infrastructure',
  severity: 'medium',
  title: 'Compose services built from source have a healthcheck',
  description:
    'Fails when a compose service built from source (`build:`, or an `image:` that a `docker build -t` of the repository\'s Makefile (its own variables expanded), scripts or CI makes, or that another compose file of its folder builds for the same service, as a `docker-compose.dev.yml` used with it does) has no `healthcheck`, neither in the compose files nor as a `HEALTHCHECK` in the Dockerfile it builds, or has its healthcheck disabled. A service also runs this repository\'s code when its `image:` is one the Maven or Gradle build makes without a Dockerfile (Jib `to.image`, Spring Boot `bootBuildImage` / build-image name), or when it runs a stock language runtime image (`java:8`, `node:22`, `python:3.12`) with the repository\'s built archive, build output or source bind-mounted and its command (or working directory) naming the mounted path. An override entry whose `build:` names no context (only build args or a target) is judged with the service it adjusts, where that service is defined. Compose files kept under other names (`src/main/docker/app.yml`) count when their content is compose. Development compose files (named for development, or beside a standalone production variant such as `docker-compose.prod.yml`) are judged as usual, with a note saying what they are; compose files named for tests or CI and those in tests, docs and examples are low-confidence notes.',
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
    const built: RepositoryService[] = [];
    for (const ref of refs) {
      // An override entry that only sets build args is judged with the service it adjusts.
      if (isBuildOverlay(facts, ref) || judgedElsewhere.has(`${ref.file.path}\u0000${ref.service.name}`)) continue;
      const build = firstPartyBuildOf(facts, ref.service);
      if (build) {
        const origin = build.declaredIn
          ? `runs the image \`${ref.service.image}\` that this repository builds (${build.declaredIn})`
          : 'is built from source';
        built.push({ ...ref, origin, dockerfile: build.dockerfile });
        continue;
      }
      if (imageRuns.some(run => run.file === ref.file && run.service === ref.service)) continue;
      // An image the Maven or Gradle build makes without a Dockerfile (Jib, Spring Boot's build-image).
      const tool = toolImageOf(facts, ref.service);
      if (tool) {
        built.push({ ...ref, origin: `runs the image \`${ref.service.image}\` that this repository builds with ${tool.tool} (${tool.source})` });
        continue;
      }
      // A stock runtime image running the repository's jar, build output or source, mounted into it.
      const run = runtimeImageRun(facts, ref);
      if (run) built.push({ ...ref, origin: `runs this repository's ${run.what} (\`${run.source}\`) in the stock image \`${ref.service.image}\`` });
    }
    for (const ref of imageRuns) {
      built.push({ ...ref, origin: `runs the image \`${ref.service.image}\` that this repository builds (${ref.build.declaredIn})`, dockerfile: ref.build.dockerfile });
    }
    if (built.length === 0) {
      return outcome.notApplicable('no compose service is built from source, runs an image this repository builds or runs its code');
    }
    const services = built.filter(ref => !isOneOffService(ref.service));
    if (services.length === 0) {
      return outcome.notApplicable('the compose services built from source are one-off jobs');
    }
    const dockerfiles = new Map(dockerfilesOf(facts).map(d => [d.path, d]));
    const findings: Finding[] = [];
    for (const ref of services) {
      const { file, service, origin } = ref;
      const compose = composeHealthcheckOf(facts, ref);
      if (compose === 'defined') continue;
      const dockerfile = ref.dockerfile === undefined ? undefined : dockerfiles.get(ref.dockerfile);
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
            : `Service \`${service.name}\` ${origin} but has no healthcheck${ref.dockerfile ? `, in compose or in ${ref.dockerfile}` : ''}`,
          development,
        ),
        confidence: confidenceOf(file.path),
      });
    }
    return outcome.fromFindings(findings);
  },
  fix(facts, settings) {
    return fixComposeHealthcheck(facts, failingPaths(this.evaluate(facts, settings)));
  },
});
