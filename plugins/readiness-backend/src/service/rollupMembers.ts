import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  RELATION_CHILD_OF,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RollupKind } from '@readiness/backstage-plugin-readiness-common';
import { AUDITED_KINDS } from '../scheduler/ReadinessRefresher';
import { visibleEntity } from './entityAccess';

/** Refs per catalog filter, so that no request grows without bound. */
const REFS_PER_FILTER = 100;

const CACHE_MS = 10_000;
const CACHE_MAX = 200;

/** Kinds that hold other entities through `partOf`, and are walked into. */
const CONTAINER_KINDS = new Set(['domain', 'system', 'component']);

const REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

function chunked<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/**
 * The refs of the entities related to any of `targets` by `relation`, as
 * the caller may see them.
 */
async function related(
  catalog: CatalogService,
  relation: string,
  targets: string[],
  credentials: BackstageCredentials,
  kind?: string[],
): Promise<string[]> {
  const out: string[] = [];
  for (const chunk of chunked(targets, REFS_PER_FILTER)) {
    const { items } = await catalog.getEntities(
      {
        filter: { [`relations.${relation}`]: chunk, ...(kind ? { kind } : {}) },
        fields: REF_FIELDS,
      },
      { credentials },
    );
    out.push(...items.map(e => stringifyEntityRef(e)));
  }
  return out;
}

/**
 * Walks `relation` backwards from `root` breadth first, one catalog query
 * per level; an entity met twice (a cycle, or two paths to it) is walked
 * once. Returns every entity met, the root included.
 */
async function walk(
  root: string,
  next: (frontier: string[]) => Promise<string[]>,
): Promise<Set<string>> {
  const seen = new Set([root]);
  let frontier = [root];
  while (frontier.length > 0) {
    const found = await next(frontier);
    frontier = [];
    for (const ref of found) {
      if (seen.has(ref)) continue;
      seen.add(ref);
      frontier.push(ref);
    }
  }
  return seen;
}

const kindOf = (ref: string) => ref.slice(0, ref.indexOf(':'));

/**
 * The audited entities a roll-up covers, as the caller sees the catalog
 * (every query runs with the caller's credentials, so an entity hidden from
 * them is never counted):
 * - a Group: the entities owned by it or by its child groups, recursively;
 * - a System: its parts (components, and their subcomponents);
 * - a Domain: the parts of its systems and of its subdomains.
 */
export async function rollupMembers(
  catalog: CatalogService,
  rootRef: string,
  kind: RollupKind,
  credentials: BackstageCredentials,
): Promise<string[]> {
  const audited = new Set(AUDITED_KINDS.map(k => k.toLocaleLowerCase('en-US')));
  if (kind === 'group') {
    const groups = await walk(rootRef, frontier =>
      related(catalog, RELATION_CHILD_OF, frontier, credentials, ['Group']),
    );
    const owned = await related(
      catalog,
      RELATION_OWNED_BY,
      [...groups],
      credentials,
      AUDITED_KINDS,
    );
    return [...new Set(owned)].sort();
  }
  const parts = await walk(rootRef, async frontier =>
    (
      await related(catalog, RELATION_PART_OF, frontier, credentials)
    ).filter(ref => CONTAINER_KINDS.has(kindOf(ref))),
  );
  parts.delete(rootRef);
  return [...parts].filter(ref => audited.has(kindOf(ref))).sort();
}

/**
 * The members of roll-ups, kept for a few seconds per user and roll-up, as
 * the visibility look-up is: a user who opens a team's page and then its
 * tab, or reloads it, walks the catalog once. Service callers are not kept.
 */
export class RollupMemberCache {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #cache = new Map<string, { at: number; refs: Promise<string[]> }>();

  constructor(options: { catalog: CatalogService; auth: AuthService }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
  }

  /**
   * {@link rollupMembers} of a root the caller can see (a NotFoundError
   * otherwise), from the cache when the same user asked lately.
   */
  members(
    rootRef: string,
    kind: RollupKind,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const key = this.#auth.isPrincipal(credentials, 'user')
      ? `${credentials.principal.userEntityRef}\n${rootRef}`
      : undefined;
    const now = Date.now();
    if (key) {
      const hit = this.#cache.get(key);
      if (hit && now - hit.at < CACHE_MS) return hit.refs;
    }
    // The root is looked up first: hidden or missing, it is a 404 (not kept).
    const refs = visibleEntity(this.#catalog, rootRef, credentials).then(() =>
      rollupMembers(this.#catalog, rootRef, kind, credentials),
    );
    if (key) {
      if (this.#cache.size >= CACHE_MAX) this.#cache.clear();
      this.#cache.set(key, { at: now, refs });
      refs.catch(() => this.#cache.delete(key));
    }
    return refs;
  }
}
