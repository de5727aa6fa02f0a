import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Visibility } from '../database/ReadinessStore';
import { AUDITED_KINDS } from '../scheduler/ReadinessRefresher';
import {
  CATALOG_ENTITY_RESOURCE_TYPE,
  translateConditions,
} from '../visibility/conditions';
import { VisibilityIndex } from '../visibility/VisibilityIndex';

const CACHE_MS = 10_000;
const CACHE_MAX = 200;

/** Entity counts per kind and namespace, keyed `kind:namespace`. */
type Counts = Map<string, number>;

/** The catalog is asked instead. */
const ASK_CATALOG = Symbol('ask the catalog');

/**
 * The refs a caller may see, as the catalog counted and named them: every
 * entity of a kind and namespace in which the catalog hides none from the
 * caller, and the named entities of the others.
 */
export class VisibleRefs {
  readonly #whole: ReadonlySet<string>;
  readonly #named: ReadonlySet<string>;

  constructor(whole: ReadonlySet<string>, named: ReadonlySet<string>) {
    this.#whole = whole;
    this.#named = named;
  }

  has(entityRef: string): boolean {
    if (this.#named.has(entityRef)) return true;
    const slash = entityRef.indexOf('/');
    return slash > 0 && this.#whole.has(entityRef.slice(0, slash));
  }
}

/**
 * What a caller may see follows the catalog. Service callers see
 * everything. Given the permissions service and the visibility index, the
 * permission framework is asked first for the caller's decision on
 * `catalog.entity.read` (the decision the catalog itself applies to a list):
 * allowed, nothing is hidden; denied, nothing is visible; conditional, the
 * conditions are evaluated in SQL over the index (see
 * {@link translateConditions}). Conditions the index cannot evaluate (a
 * rule it does not know), or an index too old to trust, fall back to asking
 * the catalog, with the caller's own credentials. The catalog is asked for
 * counts, not entities: how many audited entities of each kind and
 * namespace the caller sees, against how many there are (two facet
 * queries, which the catalog answers in SQL with the permission policy's
 * conditions applied). Where the counts agree, nothing is hidden there;
 * only for a kind and namespace where they differ does the catalog name
 * the entities the caller sees (a facet of their names, no entity
 * documents). A caller from whom nothing is hidden gets `undefined`, so the
 * store filters nothing. Results are kept for a few seconds per user so a
 * page that makes several calls asks the catalog once.
 */
export class EntityVisibility {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #cache = new Map<
    string,
    { at: number; refs: Promise<Visibility> }
  >();

  readonly #permissions?: PermissionsService;
  readonly #index?: VisibilityIndex;
  readonly #logger?: LoggerService;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    /** With `index`: decide from the permission framework's decision. */
    permissions?: PermissionsService;
    index?: VisibilityIndex;
    logger?: LoggerService;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#permissions = options.permissions;
    this.#index = options.index;
    this.#logger = options.logger;
  }

  /** What the caller can see; undefined for "all". */
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
    const refs = this.#lookUp(credentials);
    if (key) {
      if (this.#cache.size >= CACHE_MAX) this.#cache.clear();
      this.#cache.set(key, { at: now, refs });
      refs.catch(() => this.#cache.delete(key));
    }
    return refs;
  }

  async #lookUp(credentials: BackstageCredentials): Promise<Visibility> {
    const decided = await this.#decide(credentials);
    return decided === ASK_CATALOG ? this.#askCatalog(credentials) : decided;
  }

  /** Visibility from the caller's decision and the index, if they settle it. */
  async #decide(
    credentials: BackstageCredentials,
  ): Promise<Visibility | typeof ASK_CATALOG> {
    if (!this.#permissions || !this.#index) return ASK_CATALOG;
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision.result === AuthorizeResult.ALLOW
        ? undefined
        : new Set<string>();
    }
    if (
      decision.pluginId !== 'catalog' ||
      decision.resourceType !== CATALOG_ENTITY_RESOURCE_TYPE
    ) {
      this.#logger?.debug(
        `Readiness visibility: a conditional decision of ${decision.pluginId} on ${decision.resourceType} is asked of the catalog`,
      );
      return ASK_CATALOG;
    }
    const translation = translateConditions(decision.conditions);
    if ('unknown' in translation) {
      this.#logger?.debug(
        `Readiness visibility: the index cannot evaluate ${translation.unknown}; the catalog is asked instead`,
      );
      return ASK_CATALOG;
    }
    const refs = await this.#index.matching(translation.filter);
    if (!refs) {
      this.#logger?.debug(
        'Readiness visibility: the index has not been refreshed lately; the catalog is asked instead',
      );
      return ASK_CATALOG;
    }
    return refs;
  }

  /** Visibility from the catalog's counts and, where they differ, names. */
  async #askCatalog(credentials: BackstageCredentials): Promise<Visibility> {
    const [seen, all] = await Promise.all([
      this.#counts(credentials),
      this.#auth.getOwnServiceCredentials().then(own => this.#counts(own)),
    ]);
    const whole = new Set<string>();
    const partial: Array<{ kind: string; namespace: string }> = [];
    for (const [group, count] of seen) {
      if (count === all.get(group)) {
        whole.add(group);
      } else {
        const colon = group.indexOf(':');
        partial.push({
          kind: group.slice(0, colon),
          namespace: group.slice(colon + 1),
        });
      }
    }
    if (partial.length === 0 && whole.size === all.size) return undefined;
    const named = new Set<string>();
    for (const { kind, namespace } of partial) {
      const { facets } = await this.#catalog.getEntityFacets(
        {
          filter: { kind, 'metadata.namespace': namespace },
          facets: ['metadata.name'],
        },
        { credentials },
      );
      for (const { value } of facets['metadata.name'] ?? []) {
        named.add(`${kind}:${namespace}/${value}`);
      }
    }
    return new VisibleRefs(whole, named);
  }

  /** Audited entities per `kind:namespace` (kind lower-case), as the credentials see them. */
  async #counts(credentials: BackstageCredentials): Promise<Counts> {
    const counts: Counts = new Map();
    for (const kind of AUDITED_KINDS) {
      const { facets } = await this.#catalog.getEntityFacets(
        { filter: { kind }, facets: ['metadata.namespace'] },
        { credentials },
      );
      for (const { value, count } of facets['metadata.namespace'] ?? []) {
        counts.set(`${kind.toLocaleLowerCase('en-US')}:${value}`, count);
      }
    }
    return counts;
  }
}
