import type { DockerfileFact, DockerStage, ImageReference } from '../facts';
import { parentStageOf } from '../rules/infrastructure/containers';

/** How an image family creates users and which tools it ships. @public */
export type ImageFamily = 'debian' | 'alpine' | 'distroless' | 'scratch';

/** Official images built on Debian or Ubuntu unless their tag says otherwise. */
const DEBIAN_IMAGES = new Set([
  'debian', 'ubuntu', 'python', 'node', 'golang', 'ruby', 'php', 'openjdk', 'eclipse-temurin', 'amazoncorretto-debian',
  'maven', 'gradle', 'rust', 'perl', 'elixir', 'erlang', 'buildpack-deps', 'sapmachine', 'ibm-semeru-runtimes', 'nginx', 'httpd',
]);

/** The external image a stage ends up built on, following `FROM <earlier stage>`. */
export function externalBaseOf(dockerfile: DockerfileFact, stage: DockerStage): { stage: DockerStage; image?: ImageReference } {
  let current: DockerStage | undefined = stage;
  let last = stage;
  while (current) {
    last = current;
    if (!current.fromStage) break;
    current = parentStageOf(dockerfile, current);
  }
  if (last.fromStage && (last.resolved?.image ?? last.image).toLowerCase() === 'scratch') {
    return { stage: last, image: { image: 'scratch', imageName: 'scratch' } };
  }
  if (last.fromStage) return { stage: last };
  const image = last.variable ? last.resolved : { image: last.image, imageName: last.imageName, ...(last.tag ? { tag: last.tag } : {}) };
  return { stage: last, image };
}

/** The family of a base image, by its name and tag; nothing when the name says too little. @public */
export function imageFamilyOf(image: ImageReference | undefined): ImageFamily | undefined {
  if (!image) return undefined;
  const name = image.imageName.toLowerCase();
  const tag = (image.tag ?? '').toLowerCase();
  const short = name.split('/').pop()!;
  if (name === 'scratch') return 'scratch';
  if (name.includes('distroless') || name.startsWith('cgr.dev/') || name.startsWith('chainguard/')) return 'distroless';
  if (short === 'alpine' || tag.includes('alpine')) return 'alpine';
  if (/(^|-)(bookworm|bullseye|buster|trixie|jammy|noble|focal|slim)(-|$)/.test(tag)) return 'debian';
  if (DEBIAN_IMAGES.has(short) && !name.includes('/')) return 'debian';
  if (DEBIAN_IMAGES.has(short) && name.startsWith('library/')) return 'debian';
  return undefined;
}

/** The instructions of a stage and of the stages it builds on, earliest first. */
export function stageChain(dockerfile: DockerfileFact, stage: DockerStage): DockerStage[] {
  const chain: DockerStage[] = [];
  let current: DockerStage | undefined = stage;
  while (current) {
    chain.unshift(current);
    current = parentStageOf(dockerfile, current);
  }
  return chain;
}

const SETUP = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR', 'USER']);

/**
 * The 1-based line before which to put instructions that must follow the
 * stage's set-up steps (RUN, COPY, ADD, WORKDIR, USER): the first instruction after
 * the last of them, or past the end of the file when the stage ends with one.
 */
export function lineAfterSetup(dockerfile: DockerfileFact, stage: DockerStage): number {
  const instructions = stage.instructions;
  let lastSetup = -1;
  instructions.forEach((instruction, i) => {
    if (SETUP.has(instruction.keyword)) lastSetup = i;
  });
  const next = instructions[lastSetup + 1];
  if (next) return next.line;
  const lastStage = dockerfile.stages[dockerfile.stages.length - 1];
  return lastStage === stage ? Number.MAX_SAFE_INTEGER : (dockerfile.stages[stage.index + 1]?.line ?? Number.MAX_SAFE_INTEGER);
}
