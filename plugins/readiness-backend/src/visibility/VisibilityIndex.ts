import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DatabaseVisibilityIndex,
  IndexedEntity,
} from '../database/DatabaseVisibilityIndex';
import { AUDITED_KINDS } from '../scheduler/ReadinessRefresher';
import { IndexFilter } from './conditions';
import { searchRows } from './searchRows';

/** The id of the scheduled task that keeps the index up to date. */
export const VISIBILITY_INDEX_TASK_ID = 'readiness-visibility-index';

/** How often the index is compared with the catalog. */
export const VISIBILITY_INDEX_FREQUENCY_SECONDS = 30;

/**
 * How long after its last refresh the index is trusted; older (the refresh
 * failing, say), visibility is asked of the catalog again.
 */
export const VISIBILITY_INDEX_TRUSTED_MS = 5 * 60_000;

/** How long a filter's matching refs are kept, for every caller. */
const MATCH_CACHE_MS = 10_000;
const MATCH_CACHE_MAX = 50;

/** Entities fetched whole from the catalog per request. */
const FETCH_CHUNK = 200;

/** The entity fields the rules of the index match on. */
const INDEXED_FIELDS = ['kind', 'metadata', 'spec', 'relations'];

/**
 * The visibility index: the audited entities' fields the catalog's
 * permission rules match on, kept in this plugin's database so that a
 * conditional decision on `catalog.entity.read` is evaluated here, in SQL,
 * rather than by asking the catalog to name every entity a user may see.
 * A scheduled task (one replica at a time) compares the catalog's etags
 * with the index's every 30 seconds and fetches only the entities that
 * changed.
 * @public
 */
export class VisibilityIndex {
  readonly #store: DatabaseVisibilityIndex;
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  readonly #clock: () => Date;
  readonly #matches = new Map<
    string,
    { at: number; refs: Promise<ReadonlySet<string>> }
  >();

  constructor(options: {
    store: DatabaseVisibilityIndex;
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    clock?: () => Date;
  }) {
    this.#store = options.store;
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#logger = options.logger;
    this.#clock = options.clock ?? (() => new Date());
  }

  /** Schedules the refresh: at start-up, then every 30 seconds. */
  async start(scheduler: SchedulerService): Promise<void> {
    await scheduler.scheduleTask({
      id: VISIBILITY_INDEX_TASK_ID,
      frequency: { seconds: VISIBILITY_INDEX_FREQUENCY_SECONDS },
      timeout: { minutes: 10 },
      scope: 'global',
      fn: async () => {
        await this.refresh();
      },
    });
  }

  /**
   * Makes the index match the catalog's audited entities: those whose etag
   * changed or that are new are fetched and written, those gone are
   * removed. A catalog that answers with no entity (one still starting, say)
   * leaves the index as it is, and unrefreshed.
   */
  async refresh(): Promise<{ written: number; removed: number }> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const inCatalog = new Map<string, string | undefined>();
    for await (const page of this.#catalog.streamEntities(
      {
        filter: { kind: AUDITED_KINDS },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.etag',
        ],
      },
      { credentials },
    )) {
      for (const entity of page) {
        inCatalog.set(stringifyEntityRef(entity), entity.metadata.etag);
      }
    }
    if (inCatalog.size === 0) {
      this.#logger.debug(
        'Readiness visibility index: the catalog answered with no entity; the index is left as it is',
      );
      return { written: 0, removed: 0 };
    }
    const indexed = await this.#store.etags();
    const changed = [...inCatalog]
      .filter(
        ([ref, etag]) =>
          !indexed.has(ref) || etag === undefined || indexed.get(ref) !== etag,
      )
      .map(([ref]) => ref);
    const gone = [...indexed.keys()].filter(ref => !inCatalog.has(ref));

    let written = 0;
    for (let i = 0; i < changed.length; i += FETCH_CHUNK) {
      const refs = changed.slice(i, i + FETCH_CHUNK);
      const { items } = await this.#catalog.getEntitiesByRefs(
        { entityRefs: refs, fields: INDEXED_FIELDS },
        { credentials },
      );
      const entities: IndexedEntity[] = [];
      items.forEach((entity, j) => {
        if (entity) {
          entities.push({
            entityRef: refs[j],
            etag: entity.metadata.etag,
            rows: searchRows(entity),
          });
        } else {
          gone.push(refs[j]); // removed since it was listed
        }
      });
      await this.#store.put(entities);
      written += entities.length;
    }
    await this.#store.remove(gone);
    await this.#store.markRefreshed(this.#clock());
    if (written > 0 || gone.length > 0) {
      this.#logger.debug(
        `Readiness visibility index: ${written} entities written, ${gone.length} removed`,
      );
    }
    return { written, removed: gone.length };
  }

  /**
   * The refs of the indexed entities the filter matches, kept 10 seconds
   * per filter (callers with the same conditions share them); undefined
   * when the index is too old to be trusted or was never refreshed.
   */
  async matching(
    filter: IndexFilter,
  ): Promise<ReadonlySet<string> | undefined> {
    const refreshedAt = await this.#store.refreshedAt();
    const now = this.#clock().getTime();
    if (
      !refreshedAt ||
      now - refreshedAt.getTime() > VISIBILITY_INDEX_TRUSTED_MS
    ) {
      return undefined;
    }
    const key = `${refreshedAt.getTime()} ${JSON.stringify(filter)}`;
    const hit = this.#matches.get(key);
    if (hit && now - hit.at < MATCH_CACHE_MS) return hit.refs;
    const refs = this.#store
      .matching(filter)
      .then(matched => new Set(matched) as ReadonlySet<string>);
    if (this.#matches.size >= MATCH_CACHE_MAX) this.#matches.clear();
    this.#matches.set(key, { at: now, refs });
    refs.catch(() => this.#matches.delete(key));
    return refs;
  }
}
