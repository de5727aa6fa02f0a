import { DEFAULT_NAMESPACE, Entity } from '@backstage/catalog-model';

/** One key/value row of the visibility index; null for an absent or overlong value. */
export interface SearchRow {
  key: string;
  value: string | null;
}

/** The catalog leaves keys and values longer than this out of its search table. */
const MAX_LENGTH = 200;

/** Metadata fields the catalog indexes apart from the walk (or not at all). */
const SET_APART = new Set(['name', 'namespace', 'uid', 'etag']);

/**
 * The rows the catalog's permission rules can match, as the catalog's
 * search table holds them: `kind`, every scalar under `metadata` and `spec`
 * by its dotted path (each item of an array under the array's path, and a
 * string item also as `path.item` = true), the name, namespace and uid, and
 * the owners (`relations.ownedby`). Keys and values are lower case; a key
 * over 200 characters is left out and a value over 200 characters kept as
 * null (the key is still there), exactly as the catalog does, so a rule
 * matches here what it matches there.
 */
export function searchRows(entity: Entity): SearchRow[] {
  const raw: Array<[string, unknown]> = [['kind', entity.kind]];
  const flagged = new Set<string>();
  const walk = (path: string, value: unknown) => {
    if (
      value === undefined ||
      value === null ||
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    ) {
      raw.push([path, value]);
    } else if (Array.isArray(value)) {
      for (const item of value) {
        walk(path, item);
        const flag = `${path}.${item}`;
        if (typeof item === 'string' && !flagged.has(flag.toLowerCase())) {
          flagged.add(flag.toLowerCase());
          raw.push([flag, true]);
        }
      }
    } else if (typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        walk(`${path}.${key}`, inner);
      }
    }
  };
  for (const [key, value] of Object.entries(entity.metadata ?? {})) {
    if (!SET_APART.has(key)) walk(`metadata.${key}`, value);
  }
  if (entity.spec) walk('spec', entity.spec);
  raw.push(['metadata.name', entity.metadata.name]);
  raw.push([
    'metadata.namespace',
    entity.metadata.namespace ?? DEFAULT_NAMESPACE,
  ]);
  raw.push(['metadata.uid', entity.metadata.uid]);
  for (const relation of entity.relations ?? []) {
    if (relation.type === 'ownedBy') {
      raw.push(['relations.ownedBy', relation.targetRef]);
    }
  }

  const rows: SearchRow[] = [];
  const seen = new Set<string>();
  for (const [rawKey, rawValue] of raw) {
    const key = rawKey.toLowerCase();
    if (key.length > MAX_LENGTH) continue;
    let value =
      rawValue === undefined || rawValue === null
        ? null
        : String(rawValue).toLowerCase();
    if (value !== null && value.length > MAX_LENGTH) value = null;
    const id = `${key}\u0000${value ?? '\u0001'}`;
    if (seen.has(id)) continue;
    seen.add(id);
    rows.push({ key, value });
  }
  return rows;
}
