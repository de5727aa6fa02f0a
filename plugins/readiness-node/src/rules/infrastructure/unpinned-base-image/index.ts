import { Finding } from '@readiness/backstage-plugin-readiness-common';
import type { DockerStage, ImageReference } from '../../../facts';
import { parseImageReference } from '../../../facts';
import { defineRule, outcome } from '../../types';
import {
  baseImageOf,
  developmentNoteOf,
  dockerfileConfidence,
  dockerfilesOf,
  noDockerfileReason,
  excerptAt,
  withDevelopmentNote,
} from '../containers';

/** Tags that move to a new release by design. */
const FLOATING = new Set([
  'latest',
  'lts',
  'stable',
  'current',
  'edge',
  'rolling',
  'nightly',
  'mainline',
  'slim',
  'alpine',
]);

/** Why a tag does not pin a version, or undefined when it does. */
function floatingReason(tag: string | undefined): string | undefined {
  if (!tag) return 'has no tag, so it means `:latest`';
  const lower = tag.toLowerCase();
  if (lower === 'latest') return 'uses `:latest`';
  const head = lower.split('-')[0];
  // A tag that leads with a version (`2022-latest`, `3-alpine`, `20-lts`) pins that version line.
  if (/\d/.test(head)) return undefined;
  if (lower.endsWith('-latest')) return 'uses `:latest`';
  if (FLOATING.has(lower) || FLOATING.has(head)) {
    return `uses the moving tag \`:${tag}\`, which names no version`;
  }
  return undefined;
}

/** A build-argument default that only tells the builder to supply the value: `PLEASE_PROVIDE_GO_VERSION`, `CHANGE_ME`, `<version>`. */
const PLACEHOLDER_DEFAULT = /(?<![a-z])(?:please|provide|required|change[-_]?me|replace[-_]?me|set[-_]?me|placeholder|undefined)(?![a-z])|<[^>]*>/i;
/** A shell expansion the engine does not evaluate (`${PLATFORM/\//-}`): its value is only known at build time. */
const EXPANSION = /\$\{[^}]*\}|\$\w+/g;

/**
 * The base image of a stage as far as its tag can be judged. A `FROM ${BASE}` resolved through ARG defaults is
 * judged as resolved, unless a default is a placeholder the build must replace or the tag holds an expansion
 * only the build evaluates (`${PLATFORM/\//-}`): either way the tag is chosen at build time.
 */
function judgedImage(stage: DockerStage): ImageReference | undefined {
  const image = baseImageOf(stage);
  if (!image || !stage.variable) return image;
  if (PLACEHOLDER_DEFAULT.test(image.image)) return undefined;
  if (!image.image.includes('$')) return image;
  const flat = parseImageReference(image.image.replace(EXPANSION, '\u0000'));
  if (flat.tag?.includes('\u0000')) return undefined;
  return { ...flat, image: image.image };
}

export default defineRule({
  id: 'infrastructure/unpinned-base-image',
  category: 'infrastructure',
  severity: 'medium',
  title: 'Base images are pinned',
  description:
    'Fails when a `FROM` uses `:latest`, a moving tag such as `:lts` or `:alpine`, or no tag at all. An explicit version tag or a digest passes, and so does a tag that leads with a version (`2022-latest`, `20-alpine`). A `FROM` resolved through ARG defaults is judged as resolved, unless a default is a placeholder the build must replace (`PLEASE_PROVIDE_VERSION`, `CHANGE_ME`) or the tag holds an expansion only the build evaluates. A development Dockerfile (named for development, or beside its production variant such as `Dockerfile.prod`) that no production or main compose file builds is only a low-confidence note; development-workspace images (`.devcontainer/`, `.gitpod.Dockerfile`, `.codesandbox/`) are not judged.',
  rationale:
    'A moving tag means the same commit builds a different image from one day to the next: a new runtime major or OS release arrives unreviewed, builds stop being reproducible, and a rollback may not restore what ran before.',
  remediation:
    'Pin every base image to an explicit version (`python:3.12-slim`, `node:22.11-alpine`), or better to a digest (`python:3.12-slim@sha256:…`), and let Dependabot or Renovate propose upgrades.',
  evaluate(facts) {
    const dockerfiles = dockerfilesOf(facts);
    if (dockerfiles.length === 0) {
      return outcome.notApplicable(noDockerfileReason(facts));
    }
    const findings: Finding[] = [];
    for (const dockerfile of dockerfiles) {
      const development = developmentNoteOf(facts, dockerfile.path);
      for (const stage of dockerfile.stages) {
        // Earlier stages, scratch and build variables without a default are not base images we can judge.
        const image = judgedImage(stage);
        if (!image || image.digest) continue;
        const reason = floatingReason(image.tag);
        if (!reason) continue;
        const via = stage.variable ? ` (through the ARG default \`${image.image}\`)` : '';
        findings.push({
          path: dockerfile.path,
          line: stage.line,
          excerpt: excerptAt(facts, dockerfile.path, stage.line),
          message: withDevelopmentNote(`Base image \`${image.image}\`${via} ${reason}; pin a version or a digest`, development),
          confidence: development ? 'low' : dockerfileConfidence(dockerfile),
        });
      }
    }
    return outcome.fromFindings(findings);
  },
});
