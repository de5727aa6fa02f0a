import {
  PermissionCondition,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import { z } from 'zod';

/**
 * A filter over the visibility index, in the catalog's own terms: a leaf
 * matches an entity with a row of that key (and, given `values`, one of
 * those values); keys and values are lower case, as the catalog's search
 * table holds them.
 */
export type IndexFilter =
  | { allOf: IndexFilter[] }
  | { anyOf: IndexFilter[] }
  | { not: IndexFilter }
  | { key: string; values?: string[] };

/** The filter, or why the criteria cannot be evaluated in the index. */
export type Translation = { filter: IndexFilter } | { unknown: string };

/** The resource type of the catalog's entity permission rules. */
export const CATALOG_ENTITY_RESOURCE_TYPE = 'catalog-entity';

const keyAndValue = (name: string) =>
  z.object({ [name]: z.string(), value: z.string().optional() });

/**
 * The rules of the catalog backend the index knows, by name: each one's
 * parameters as the catalog validates them, and the search key and values
 * it asks the catalog's search table for (the rule's `toQuery`).
 */
const RULES: Record<
  string,
  {
    params: z.ZodTypeAny;
    toLeaf(params: any): { key: string; values?: string[] };
  }
> = {
  IS_ENTITY_KIND: {
    params: z.object({ kinds: z.array(z.string()) }),
    toLeaf: ({ kinds }: { kinds: string[] }) => ({
      key: 'kind',
      values: kinds,
    }),
  },
  IS_ENTITY_OWNER: {
    params: z.object({ claims: z.array(z.string()) }),
    toLeaf: ({ claims }: { claims: string[] }) => ({
      key: 'relations.ownedBy',
      values: claims,
    }),
  },
  HAS_LABEL: {
    params: keyAndValue('label'),
    toLeaf: ({ label, value }: { label: string; value?: string }) =>
      leaf(`metadata.labels.${label}`, value),
  },
  HAS_ANNOTATION: {
    params: keyAndValue('annotation'),
    toLeaf: ({ annotation, value }: { annotation: string; value?: string }) =>
      leaf(`metadata.annotations.${annotation}`, value),
  },
  HAS_METADATA: {
    params: keyAndValue('key'),
    toLeaf: ({ key, value }: { key: string; value?: string }) =>
      leaf(`metadata.${key}`, value),
  },
  HAS_SPEC: {
    params: keyAndValue('key'),
    toLeaf: ({ key, value }: { key: string; value?: string }) =>
      leaf(`spec.${key}`, value),
  },
};

function leaf(key: string, value: string | undefined) {
  return value === undefined ? { key } : { key, values: [value] };
}

/** Criteria the index cannot evaluate. */
class UntranslatableError extends Error {}

/** The names of the rules the index can evaluate. */
export const KNOWN_RULES: readonly string[] = Object.keys(RULES);

/**
 * Translates the criteria of a conditional decision on a catalog entity
 * permission into a filter over the visibility index, with the semantics
 * the catalog gives them when it filters a list in SQL: allOf, anyOf and
 * not as written, each rule as its search key and values, compared in
 * lower case. A rule the index does not know, parameters the rule would
 * refuse, or a condition on another resource type answer `unknown`, so the
 * caller asks the catalog instead.
 */
export function translateConditions(
  criteria: PermissionCriteria<PermissionCondition>,
): Translation {
  try {
    return { filter: translate(criteria) };
  } catch (e) {
    if (e instanceof UntranslatableError) return { unknown: e.message };
    throw e;
  }
}

function translate(
  criteria: PermissionCriteria<PermissionCondition>,
): IndexFilter {
  if (isAndCriteria(criteria)) return { allOf: criteria.allOf.map(translate) };
  if (isOrCriteria(criteria)) return { anyOf: criteria.anyOf.map(translate) };
  if (isNotCriteria(criteria)) return { not: translate(criteria.not) };
  return translateCondition(criteria);
}

function translateCondition(condition: PermissionCondition): IndexFilter {
  if (condition.resourceType !== CATALOG_ENTITY_RESOURCE_TYPE) {
    throw new UntranslatableError(
      `a condition on resource type ${condition.resourceType}`,
    );
  }
  const rule = Object.prototype.hasOwnProperty.call(RULES, condition.rule)
    ? RULES[condition.rule]
    : undefined;
  if (!rule) {
    throw new UntranslatableError(`the rule ${condition.rule}`);
  }
  const params = rule.params.safeParse(condition.params ?? {});
  if (!params.success) {
    throw new UntranslatableError(
      `the rule ${condition.rule} with parameters ${JSON.stringify(
        condition.params,
      )}`,
    );
  }
  const { key, values } = rule.toLeaf(params.data);
  // Plain lower case, as the catalog folds its search keys and values.
  const lower = (s: string) => s.toLowerCase();
  return values === undefined
    ? { key: lower(key) }
    : { key: lower(key), values: values.map(lower) };
}
