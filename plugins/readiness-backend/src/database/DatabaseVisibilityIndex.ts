import { Knex } from 'knex';
import { IndexFilter } from '../visibility/conditions';
import { SearchRow } from '../visibility/searchRows';
import { CHUNK, toDate } from './tables';

export const VISIBILITY_ENTITIES = 'readiness_visibility_entities';
export const VISIBILITY_SEARCH = 'readiness_visibility_search';
export const VISIBILITY_STATE = 'readiness_visibility_state';

/** An entity as the visibility index holds it. */
export interface IndexedEntity {
  entityRef: string;
  /** The catalog etag the rows were built from. */
  etag?: string;
  rows: SearchRow[];
}

/**
 * The visibility index on knex (SQLite and PostgreSQL): per audited entity
 * the key/value rows the catalog's permission rules match on, and when the
 * index last matched the catalog. A filter translated from a conditional
 * decision is evaluated here as `IN` sub-queries, one per rule, under
 * the decision's AND, OR and NOT. Its tables are created by the plugin's
 * migrations, which `DatabaseReadinessStore.create` runs.
 * @public
 */
export class DatabaseVisibilityIndex {
  readonly #db: Knex;

  constructor(options: { knex: Knex }) {
    this.#db = options.knex;
  }

  /** The etag of every indexed entity, by ref. */
  async etags(): Promise<Map<string, string | undefined>> {
    const rows: Array<{ entity_ref: string; etag: string | null }> =
      await this.#db(VISIBILITY_ENTITIES).select('entity_ref', 'etag');
    return new Map(rows.map(r => [r.entity_ref, r.etag ?? undefined]));
  }

  /** Writes the entities' rows, replacing what was held for them. */
  async put(entities: IndexedEntity[]): Promise<void> {
    for (let i = 0; i < entities.length; i += CHUNK) {
      const chunk = entities.slice(i, i + CHUNK);
      await this.#db.transaction(async tx => {
        await this.#delete(
          tx,
          chunk.map(e => e.entityRef),
        );
        const ids: Array<{ id: number; entity_ref: string }> = await tx(
          VISIBILITY_ENTITIES,
        )
          .insert(
            chunk.map(e => ({ entity_ref: e.entityRef, etag: e.etag ?? null })),
          )
          .returning(['id', 'entity_ref']);
        const idOf = new Map(ids.map(r => [r.entity_ref, r.id]));
        const rows = chunk.flatMap(e =>
          e.rows.map(r => ({
            entity_id: idOf.get(e.entityRef),
            key: r.key,
            value: r.value,
          })),
        );
        for (let j = 0; j < rows.length; j += CHUNK) {
          await tx(VISIBILITY_SEARCH).insert(rows.slice(j, j + CHUNK));
        }
      });
    }
  }

  /** Forgets the entities. */
  async remove(entityRefs: string[]): Promise<void> {
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      const chunk = entityRefs.slice(i, i + CHUNK);
      await this.#db.transaction(tx => this.#delete(tx, chunk));
    }
  }

  async #delete(tx: Knex.Transaction, entityRefs: string[]): Promise<void> {
    // Explicitly, as SQLite may run without foreign keys enforced.
    await tx(VISIBILITY_SEARCH)
      .whereIn(
        'entity_id',
        tx(VISIBILITY_ENTITIES).select('id').whereIn('entity_ref', entityRefs),
      )
      .delete();
    await tx(VISIBILITY_ENTITIES).whereIn('entity_ref', entityRefs).delete();
  }

  /** Records that the index matched the catalog at `at`. */
  async markRefreshed(at: Date): Promise<void> {
    await this.#db(VISIBILITY_STATE)
      .insert({ id: 1, refreshed_at: at })
      .onConflict('id')
      .merge({ refreshed_at: at });
  }

  /** When the index last matched the catalog; undefined before its first refresh. */
  async refreshedAt(): Promise<Date | undefined> {
    const row: { refreshed_at: Date | number | string } | undefined =
      await this.#db(VISIBILITY_STATE)
        .select('refreshed_at')
        .where('id', 1)
        .first();
    return row ? toDate(row.refreshed_at) : undefined;
  }

  /** The refs of the indexed entities the filter matches. */
  async matching(filter: IndexFilter): Promise<string[]> {
    const query = this.#db(`${VISIBILITY_ENTITIES} as e`).select(
      'e.entity_ref',
    );
    applyFilter(this.#db, query, filter);
    const rows: Array<{ entity_ref: string }> = await query;
    return rows.map(r => r.entity_ref);
  }
}

/** Adds the filter to a query over the entities aliased `e`. */
function applyFilter(
  db: Knex,
  query: Knex.QueryBuilder,
  filter: IndexFilter,
): void {
  if ('allOf' in filter) {
    if (filter.allOf.length === 0) {
      query.whereRaw('1 = 1');
      return;
    }
    query.where(group => {
      for (const inner of filter.allOf) {
        group.andWhere(q => applyFilter(db, q, inner));
      }
    });
  } else if ('anyOf' in filter) {
    if (filter.anyOf.length === 0) {
      query.whereRaw('1 = 0');
      return;
    }
    query.where(group => {
      for (const inner of filter.anyOf) {
        group.orWhere(q => applyFilter(db, q, inner));
      }
    });
  } else if ('not' in filter) {
    query.whereNot(q => applyFilter(db, q, filter.not));
  } else {
    const { key, values } = filter;
    if (values !== undefined && values.length === 0) {
      // Like the catalog's empty IN list: no entity matches.
      query.whereRaw('1 = 0');
      return;
    }
    // The entities with a matching row, read once from the (key, value)
    // index, rather than a probe per entity.
    query.whereIn(
      'e.id',
      db(VISIBILITY_SEARCH)
        .select('entity_id')
        .where('key', key)
        .modify(q => {
          if (values !== undefined) q.whereIn('value', values);
        }),
    );
  }
}
