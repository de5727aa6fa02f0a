import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  builtinRules,
  RuleRegistry,
} from '@readiness/backstage-plugin-readiness-node';
import { promises as fs } from 'node:fs';

/**
 * Reads a built-in rule's README from the engine package, where the package
 * ships its sources; other rules, or a build without sources, have none.
 * Results are cached for the life of the process.
 * @public
 */
export function createRuleDocsReader(
  registry: RuleRegistry,
): (ruleId: string) => Promise<string | undefined> {
  const builtin = new Set(builtinRules);
  const cache = new Map<string, Promise<string | undefined>>();
  let root: string | undefined;
  try {
    root = resolvePackagePath(
      '@readiness/backstage-plugin-readiness-node',
      'src/rules',
    );
  } catch {
    root = undefined;
  }
  return ruleId => {
    const rule = registry.get(ruleId);
    if (!rule || !builtin.has(rule) || !root) return Promise.resolve(undefined);
    let docs = cache.get(ruleId);
    if (!docs) {
      const [category, name] = ruleId.split('/');
      docs = fs
        .readFile(`${root}/${category}/${name}/README.md`, 'utf8')
        .catch(() => undefined);
      cache.set(ruleId, docs);
    }
    return docs;
  };
}
