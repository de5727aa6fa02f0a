import { CATEGORY_IDS, SEVERITIES } from '@readiness/backstage-plugin-readiness-common';
import { ReadinessRule } from './types';

const RULE_ID = /^[a-z0-9-]+\/[a-z0-9-]+$/;

/** The set of rules an engine runs. Rejects duplicate or malformed ids. @public */
export class RuleRegistry {
  readonly #rules = new Map<string, ReadinessRule>();

  constructor(rules: Iterable<ReadinessRule> = []) {
    for (const rule of rules) this.add(rule);
  }

  add(rule: ReadinessRule): this {
    if (!RULE_ID.test(rule.id)) {
      throw new Error(`Rule id '${rule.id}' must look like '<category>/<name>' in lower-case kebab-case`);
    }
    if (this.#rules.has(rule.id)) {
      throw new Error(`Duplicate readiness rule id '${rule.id}'`);
    }
    if (!(CATEGORY_IDS as readonly string[]).includes(rule.category)) {
      throw new Error(`Rule '${rule.id}' has unknown category '${rule.category}'`);
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
        CATEGORY_IDS.indexOf(a.category) - CATEGORY_IDS.indexOf(b.category) ||
        a.id.localeCompare(b.id),
    );
  }

  get size(): number {
    return this.#rules.size;
  }
}
