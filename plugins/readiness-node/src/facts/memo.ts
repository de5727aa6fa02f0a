import type { Facts } from './index';

const derived = new WeakMap<Facts, Map<string, unknown>>();

/**
 * A fact derived from the shared facts, built on first use and kept for the
 * rest of the audit: every rule that asks for `key` gets the same value. The
 * values go when the audit's facts go; nothing is kept across audits.
 */
export function memo<T>(facts: Facts, key: string, build: () => T): T {
  let values = derived.get(facts);
  if (!values) {
    values = new Map();
    derived.set(facts, values);
  }
  if (values.has(key)) return values.get(key) as T;
  const value = build();
  values.set(key, value);
  return value;
}
