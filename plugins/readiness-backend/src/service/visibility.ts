import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Visibility } from '../database/ReadinessStore';
import { AUDITED_KINDS } from '../scheduler/ReadinessRefresher';

const CACHE_MS = 10_000;
const CACHE_MAX = 200;

/**
 * What a caller may see follows the catalog: the refs of the audited
 * entities the catalog returns with the caller's own credentials. Service
 * callers see everything. Results are kept for a few seconds per user so a
 * page that makes several calls asks the catalog once.
 */
export class EntityVisibility {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #cache = new Map<
    string,
    { at: number; refs: Promise<Set<string>> }
  >();

  constructor(options: { catalog: CatalogService; auth: AuthService }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
  }

  /** The set of entity refs the caller can see; undefined for "all". */
  async visibleRefs(credentials: BackstageCredentials): Promise<Visibility> {
    if (this.#auth.isPrincipal(credentials, 'service')) return undefined;
    const key = this.#auth.isPrincipal(credentials, 'user')
      ? credentials.principal.userEntityRef
      : undefined;
    const now = Date.now();
    if (key) {
      const hit = this.#cache.get(key);
      if (hit && now - hit.at < CACHE_MS) return hit.refs;
    }
    const refs = this.#catalog
      .getEntities(
        {
          filter: { kind: AUDITED_KINDS },
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      )
      .then(({ items }) => new Set(items.map(e => stringifyEntityRef(e))));
    if (key) {
      if (this.#cache.size >= CACHE_MAX) this.#cache.clear();
      this.#cache.set(key, { at: now, refs });
      refs.catch(() => this.#cache.delete(key));
    }
    return refs;
  }
}
