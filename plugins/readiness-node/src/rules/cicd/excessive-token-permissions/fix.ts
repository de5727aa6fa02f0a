import { isMap, isScalar, Pair, Scalar, YAMLMap } from 'yaml';
import type { Facts } from '../../../facts';
import { parsedWorkflows } from '../../../facts/workflows';
import { boundedByCallers } from './callers';
import { editYaml, fixOf, modifyFile, RuleFix } from '../../../fixes/edits';

/**
 * A top-level `permissions: contents: read` in every workflow that has none,
 * inserted after `on:`; jobs that need more keep (or get) their own block.
 * A workflow-wide `write-all` is left to a person: which writes it needs is
 * not in the file.
 */
export function fixTokenPermissions(facts: Facts): RuleFix | undefined {
  const edits = parsedWorkflows(facts)
    .filter(w => w.permissions === undefined && !boundedByCallers(facts, w))
    .map(workflow => {
      const file = facts.file(workflow.path);
      if (!file) return undefined;
      const text = editYaml(file.text, doc => {
        const root = doc.contents as YAMLMap;
        if (root.has('permissions')) return false;
        const block = new YAMLMap();
        block.set('contents', 'read');
        const pair = new Pair(new Scalar('permissions'), block);
        const on = root.items.findIndex(p => isScalar(p.key) && ['on', true].includes(p.key.value as string | boolean));
        root.items.splice(on === -1 ? root.items.length : on + 1, 0, pair);
        return isMap(block);
      });
      return text === undefined ? undefined : modifyFile(facts, workflow.path, text);
    });
  return fixOf('Give the workflows a read-only default token (`permissions: contents: read`)', edits, [
    'A job that pushes, comments or publishes needs its own `permissions:` block naming what it writes.',
  ]);
}
