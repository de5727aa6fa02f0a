import { ForwardedError } from '@backstage/errors';
import { CategoryDefinition } from '@readiness/backstage-plugin-readiness-common';
import {
  builtinRules,
  ReadinessRule,
  RuleRegistry,
} from '@readiness/backstage-plugin-readiness-node';

/**
 * The rules the plugin runs: the built-in catalog, then rules added by
 * backend modules through the extension point, then rules from config.
 * Duplicate or malformed ids, and categories that are neither built in nor
 * among the custom `categories` (`readiness.categories`), stop start-up with
 * an error naming the source.
 * @public
 */
export function createRuleRegistry(options: {
  moduleRules?: ReadinessRule[];
  configRules?: ReadinessRule[];
  builtin?: ReadinessRule[];
  categories?: CategoryDefinition[];
}): RuleRegistry {
  const registry = new RuleRegistry([], { categories: options.categories });
  const sources: Array<[string, ReadinessRule[]]> = [
    ['built-in rules', options.builtin ?? builtinRules],
    ['rules added by backend modules', options.moduleRules ?? []],
    ['readiness.customRules', options.configRules ?? []],
  ];
  for (const [source, rules] of sources) {
    for (const rule of rules) {
      try {
        registry.add(rule);
      } catch (e) {
        throw new ForwardedError(`Invalid rule in ${source}`, e);
      }
    }
  }
  return registry;
}
