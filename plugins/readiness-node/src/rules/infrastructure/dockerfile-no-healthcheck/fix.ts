import type { Facts } from '../../../facts';
import { lineAfterSetup } from '../../../fixes/dockerfile';
import { fixOf, insertLinesBefore, modifyFile, RuleFix } from '../../../fixes/edits';
import { healthcheckInstruction, healthUrlOf, probeToolOf } from '../../../fixes/healthcheck';
import { dockerHealthcheckOf } from '../containers';

/**
 * Adds a HEALTHCHECK to the final stage of every Dockerfile the rule fails whose server's health route and
 * port are known and whose image has something to call it with. A `HEALTHCHECK NONE` someone wrote is left
 * alone, and so are distroless and scratch images, which have no shell or HTTP client to run.
 */
export function fixNoHealthcheck(facts: Facts, paths: Set<string>): RuleFix | undefined {
  const edits = facts.dockerfiles
    .filter(d => paths.has(d.path) && d.finalStage && !d.error && !dockerHealthcheckOf(d))
    .map(dockerfile => {
      const tool = probeToolOf(dockerfile);
      const url = tool && healthUrlOf(facts, dockerfile);
      const file = facts.file(dockerfile.path);
      if (!tool || !url || !file) return undefined;
      // Before the start command when it follows the set-up steps, at the end of the image without one.
      const stage = dockerfile.finalStage!;
      const start = stage.instructions.find(i => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
      const afterSetup = lineAfterSetup(dockerfile, stage);
      const at = !start ? Number.MAX_SAFE_INTEGER : Math.max(start.line, afterSetup);
      return modifyFile(facts, dockerfile.path, insertLinesBefore(file.text, at, [healthcheckInstruction(tool, url)]));
    });
  return fixOf('Add a HEALTHCHECK that calls the service\'s health route', edits);
}
