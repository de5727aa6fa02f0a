import type { DockerfileFact, Facts } from '../../../facts';
import { imageUserOf, isRootUser } from '../../../facts/imageUsers';
import { externalBaseOf, ImageFamily, imageFamilyOf, lineAfterSetup, stageChain } from '../../../fixes/dockerfile';
import { fixOf, insertLinesBefore, modifyFile, RuleFix } from '../../../fixes/edits';

/** The lines that create an unprivileged user and switch to it, the way the base image's family does it. */
function userLines(dockerfile: DockerfileFact): string[] | undefined {
  const stage = dockerfile.finalStage;
  if (!stage) return undefined;
  const base = externalBaseOf(dockerfile, stage);
  const family: ImageFamily | undefined = imageFamilyOf(base.image);
  // A stage that switched to an unprivileged user before going back to root has that user already.
  const earlier = stageChain(dockerfile, stage)
    .flatMap(s => s.instructions)
    .filter(i => i.keyword === 'USER' && !isRootUser(i.args));
  if (earlier.length) return [`USER ${earlier[earlier.length - 1].args.trim()}`];
  // An image that ships an unprivileged user (Node's `node`), or runs as one until the Dockerfile switched to root.
  const own = imageUserOf(base.image);
  if (own) return [`USER ${own.user}`];
  switch (family) {
    case 'debian':
      return ['RUN groupadd --system app && useradd --system --gid app --no-create-home app', 'USER app'];
    case 'alpine':
      return ['RUN addgroup -S app && adduser -S -G app -H app', 'USER app'];
    case 'distroless':
      // Distroless and Chainguard images carry a `nonroot` user (uid 65532).
      return ['USER 65532:65532'];
    case 'scratch':
      // No user database in scratch: a numeric uid needs none.
      return ['USER 65532:65532'];
    default:
      return undefined;
  }
}

/** Adds a non-root USER to the final stage of every Dockerfile the rule fails, after the steps that need root. */
export function fixRunsAsRoot(facts: Facts, paths: Set<string>): RuleFix | undefined {
  const edits = facts.dockerfiles
    .filter(d => paths.has(d.path) && d.finalStage && !d.error)
    .map(dockerfile => {
      const lines = userLines(dockerfile);
      const file = facts.file(dockerfile.path);
      if (!lines || !file) return undefined;
      const at = lineAfterSetup(dockerfile, dockerfile.finalStage!);
      return modifyFile(facts, dockerfile.path, insertLinesBefore(file.text, at, lines));
    });
  return fixOf(
    'Run the final stage as an unprivileged user created the way its base image does it',
    edits,
    edits.some(e => e)
      ? ['Files the service writes at run time (uploads, caches) must belong to the new user: `COPY --chown=` them or `chown` in a RUN before USER.']
      : undefined,
  );
}
