import { CATEGORY_IDS, CategoryDefinition, SEVERITIES } from '@readiness/backstage-plugin-readiness-common';
import { ReadinessRule } from './types';

const RULE_ID = /^[a-z0-9-]+\/[a-z0-9-]+$/;

/**
 * The set of rules an engine runs. Rejects duplicate or malformed ids, and categories that are
 * neither built in nor among the custom `categories` it is given.
 * @public
 */
export class RuleRegistry {
  readonly #rules = new Map<string, ReadinessRule>();
  /** Built-in categories, then the custom ones, in the order rules are listed. */
  readonly #categories: string[];

  constructor(rules: Iterable<ReadinessRule> = [], options: { categories?: ReadonlyArray<Pick<CategoryDefinition, 'id'>> } = {}) {
    this.#categories = [...CATEGORY_IDS, ...(options.categories ?? []).map(c => c.id)];
    for (const rule of rules) this.add(rule);
  }

  /** The category ids rules may name: the built-in ones, then the custom ones given. */
  categoryIds(): string[] {
    return [...this.#categories];
  }

  add(rule: ReadinessRule): this {
    if (!RULE_ID.test(rule.id)) {
      throw new Error(`Rule id '${rule.id}' must look like '<category>/<name>' in lower-case kebab-case`);
    }
    if (this.#rules.has(rule.id)) {
      throw new Error(`Duplicate readiness rule id '${rule.id}'`);
    }
    if (!this.#categories.includes(rule.category)) {
      throw new Error(
        `Rule '${rule.id}' has unknown category '${rule.category}' (known: ${this.#categories.join(', ')}); declare a custom category under categories`,
      );
    }
    if (!(SEVERITIES as readonly string[]).includes(rule.severity)) {
      throw new Error(`Rule '${rule.id}' has unknown severity '${rule.severity}'`);
    }
    if (typeof rule.evaluate !== 'function') {
      throw new Error(`Rule '${rule.id}' has no evaluate function`);
    }
    this.#rules.set(rule.id, rule);
    return this;
  }

  get(id: string): ReadinessRule | undefined {
    return this.#rules.get(id);
  }

  has(id: string): boolean {
    return this.#rules.has(id);
  }

  /** Rules ordered by category (catalog order), then id. */
  list(): ReadinessRule[] {
    return [...this.#rules.values()].sort(
      (a, b) =>
        this.#categories.indexOf(a.category) - this.#categories.indexOf(b.category) ||
        a.id.localeCompare(b.id),
    );
  }

  get size(): number {
    return this.#rules.size;
  }
}
