import { Finding } from '@readiness/backstage-plugin-readiness-common';
import type { ComposeService, ComposeVolume, DockerfileFact, Facts } from '../../../facts';
import { isCodePath, isTestFile, languageOf, parseImageReference } from '../../../facts';
import { isGeneratedOrMinified } from '../../../facts/generated';
import type { SourceFile } from '../../../snapshot';
import { defineRule, outcome } from '../../types';
import {
  baseImageOf,
  composeDir,
  composeFilesOf,
  confidenceOf,
  developmentNoteOf,
  excerptAt,
  firstPartyBuildOf,
  isVendored,
  parentStageOf,
  startCommandOf,
  withDevelopmentNote,
} from '../containers';
import { bindSourceInRepo, familyOfLanguage, imageFamily, within } from '../runtimes';

/** Runtimes whose images run a binary built from the source, not the source itself. */
const COMPILED = new Set(['go', 'rust', 'jvm', 'dotnet', 'c', 'cpp', 'swift']);

/** Commands that run a compiled language from its source (or rebuild it on change) instead of a built binary. */
const RUNS_FROM_SOURCE =
  /(?:^|[\s/"'])(?:go\s+run|air|reflex|CompileDaemon|gow|dotnet\s+(?:run|watch)|mvnw?|gradlew?|cargo\s+(?:run|watch)|sbt|bootRun|spring-boot:run|quarkus:dev)(?=[\s"',\]]|$)/;

/** What a service's container runs: the runtime (`python`, `node`, `go`, `jvm`…) and whether it is a built binary. */
interface Runtime {
  family: string;
  builtBinary: boolean;
}

/** The runtime of the image a Dockerfile builds, by the base image of its final stage (or the stage it builds on). */
function dockerfileFamily(dockerfile: DockerfileFact): string | undefined {
  let stage = dockerfile.finalStage;
  while (stage) {
    const base = baseImageOf(stage);
    if (base) return imageFamily(base.imageName);
    stage = parentStageOf(dockerfile, stage);
  }
  return undefined;
}

/** The runtime most of a build context's own source is written for (tests, generated and vendored files left out). */
function contextFamily(facts: Facts, context: string): string | undefined {
  const counts = new Map<string, number>();
  for (const file of facts.files) {
    const language = languageOf(file.path);
    if (!language || !within(file.path, context) || isVendored(file.path) || isTestFile(file.path)) continue;
    if (isGeneratedOrMinified(file)) continue;
    const family = familyOfLanguage(language);
    counts.set(family, (counts.get(family) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * What a compose service runs: for an image this repository builds (`build:`, or a `docker build -t` of that
 * image), the runtime of its Dockerfile's final stage or else of most of its build context, and whether the
 * container starts a built binary (a compiled language with no `go run`, `dotnet watch`, `mvn`… as its command);
 * for another image, the runtime its name says. Undefined when unknown.
 */
function runtimeOf(facts: Facts, service: ComposeService): Runtime | undefined {
  const build = firstPartyBuildOf(facts, service);
  if (!build) {
    const family = service.image && !service.image.includes('$') ? imageFamily(parseImageReference(service.image).imageName) : undefined;
    return family ? { family, builtBinary: false } : undefined;
  }
  const dockerfile = facts.dockerfiles.find(d => d.path === build.dockerfile && d.finalStage);
  const family = (dockerfile && dockerfileFamily(dockerfile)) ?? contextFamily(facts, build.context);
  if (!family) return undefined;
  const start = service.command ?? (dockerfile ? startCommandOf(dockerfile) : '');
  return { family, builtBinary: COMPILED.has(family) && dockerfile !== undefined && !RUNS_FROM_SOURCE.test(start) };
}

/**
 * Why a bind mount's source is part of the source tree, or undefined when it
 * is not (a data directory, a config file, the Docker socket…).
 */
function sourceTreeReason(
  facts: Facts,
  volume: ComposeVolume,
  composeDirectory: string,
  buildContext: string | undefined,
  runtime: Runtime | undefined,
): string | undefined {
  // A host path, or a path that leaves the repository, says nothing about this tree.
  const path = bindSourceInRepo(volume.source, composeDirectory);
  if (path === undefined) return undefined;
  if (path === composeDirectory || within(composeDirectory, path)) {
    return 'the whole project directory';
  }
  if (buildContext !== undefined && within(buildContext, path)) {
    return 'the build context of the service';
  }
  // A container that runs a built binary reads no source: a folder mounted beside it holds config, assets or data.
  if (runtime?.builtBinary) return undefined;
  // Source is what the container runs: code of its runtime's languages, written by hand (not bundles or minified assets).
  const isSource = (f: SourceFile) =>
    isCodePath(f.path) &&
    !isVendored(f.path) &&
    !isGeneratedOrMinified(f) &&
    (!runtime || familyOfLanguage(languageOf(f.path)!) === runtime.family);
  const file = facts.file(path);
  if (file) return isSource(file) ? 'a source file' : undefined;
  const code = facts.files.find(f => within(f.path, path) && isSource(f));
  return code ? 'a directory of source code' : undefined;
}

export default defineRule({
  id: 'infrastructure/compose-source-bind-mount',
  category: 'infrastructure',
  severity: 'low',
  title: 'Compose services run the image, not a mounted source tree',
  description:
    'Fails when a compose service bind-mounts the source tree (`.:/app`, `./src:/app/src`, `${PWD}:/app`) into its container: the project, its build context, or a folder of hand-written code in the language its image runs. For an image that runs a built binary of a compiled language (Go, Rust, JVM, .NET), only the project or build context counts; config, static-asset and data folders never do. Development compose files (`docker-compose.override.yml`, `compose.dev.yaml`, a `docker-compose.yml` beside a standalone production variant such as `docker-compose.prod.yml`) are judged as usual, with a note saying what they are; compose files named for tests or CI (`docker-compose.test.yml`, `compose.ci.yaml`) and those in tests, docs and examples are only low-confidence notes.',
  rationale:
    'A bind-mounted source tree replaces what the image contains with whatever is on the host. The container no longer runs the code that was built, tested and scanned, and the same compose file behaves differently on every machine.',
  remediation:
    'Copy the code into the image in the Dockerfile and drop the bind mount. For live reload while developing, use Compose Watch (`develop: watch:` with `action: sync` or `rebuild`), which only syncs files when started with `docker compose watch`, so `docker compose up` runs the image as built; use named volumes for data.',
  evaluate(facts) {
    const files = composeFilesOf(facts);
    if (files.length === 0) {
      return outcome.notApplicable('no compose file');
    }
    const findings: Finding[] = [];
    for (const file of files) {
      const dir = composeDir(file);
      // A development compose file (named for it, an override, or beside a production variant) is judged as usual: it is the
      // file developers run, and the spec sets apart only test-only configuration. The note says what kind of file it is.
      // Compose files named for tests or CI, and those in tests, fixtures, docs and examples, are notes (confidenceOf).
      const development = developmentNoteOf(facts, file.path);
      for (const service of file.services) {
        const binds = service.volumes.filter(volume => volume.type === 'bind');
        if (binds.length === 0) continue;
        const runtime = runtimeOf(facts, service);
        const buildContext = firstPartyBuildOf(facts, service)?.context;
        for (const volume of binds) {
          const reason = sourceTreeReason(facts, volume, dir, buildContext, runtime);
          if (!reason) continue;
          findings.push({
            path: file.path,
            ...(volume.line !== undefined ? { line: volume.line } : {}),
            excerpt: excerptAt(facts, file.path, volume.line) ?? volume.spec,
            message: withDevelopmentNote(
              `Service \`${service.name}\` bind-mounts ${reason} (\`${volume.source}\`)${
                volume.target ? ` over \`${volume.target}\`` : ''
              }, so it runs the host's files instead of the image's`,
              development,
            ),
            confidence: confidenceOf(file.path),
          });
        }
      }
    }
    return outcome.fromFindings(findings);
  },
});
