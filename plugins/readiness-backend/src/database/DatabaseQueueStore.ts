import { Knex } from 'knex';
import {
  ClaimedEntity,
  Lease,
  ReadinessQueueStore,
  RefreshState,
  ReleaseOptions,
} from './ReadinessStore';
import {
  BLOCKERS,
  chunks,
  HISTORY,
  isPostgres,
  QUEUE,
  QueueDbRow,
  SCORECARDS,
  toDate,
  toNumber,
} from './tables';

/**
 * Whether the lease is current, checked with a write to the queue row, so
 * that the check holds until the transaction ends: on PostgreSQL the row
 * stays locked (a concurrent claim waits, or skips it), on SQLite the
 * transaction holds the database's write lock.
 */
export async function holdsLease(
  tx: Knex.Transaction,
  entityRef: string,
  lease: Lease,
): Promise<boolean> {
  const updated = await tx(QUEUE)
    .where({
      entity_ref: entityRef,
      lease_owner: lease.owner,
      lease_token: lease.token,
    })
    .update({ lease_token: lease.token });
  return updated > 0;
}

/**
 * Gives a lease back if `owner` still holds it with `token` (see
 * {@link ReadinessQueueStore.releaseClaim}); also used inside the
 * transaction of a batch of unchanged entities.
 */
export async function releaseLease(
  db: Knex,
  options: ReleaseOptions,
): Promise<boolean> {
  const claimed = options.claimedPriority ?? 0;
  // A refresh requested while the audit ran raised the priority above the
  // claimed one: keep it due instead of pushing it to the next interval.
  const updated = await db(QUEUE)
    .where({
      entity_ref: options.entityRef,
      lease_owner: options.owner,
      lease_token: options.token,
    })
    .update({
      lease_owner: null,
      lease_expires_at: null,
      next_due_at: db.raw(
        'CASE WHEN priority > ? THEN next_due_at ELSE ? END',
        [claimed, options.nextDueAt],
      ),
      priority: db.raw('CASE WHEN priority > ? THEN 1 ELSE 0 END', [claimed]),
      attempts: options.error ? db.raw('attempts + 1') : 0,
      last_error: options.error ?? null,
    });
  return updated > 0;
}

/**
 * The knex-backed {@link ReadinessQueueStore}: claims under fenced leases;
 * runs on SQLite and PostgreSQL. Built by `DatabaseReadinessStore.create`,
 * which runs the migrations.
 * @public
 */
export class DatabaseQueueStore implements ReadinessQueueStore {
  readonly #db: Knex;
  readonly #isPostgres: boolean;

  constructor(options: { knex: Knex }) {
    this.#db = options.knex;
    this.#isPostgres = isPostgres(options.knex);
  }

  async syncEntities(
    entityRefs: string[],
    now: Date,
  ): Promise<{ added: number; removed: number }> {
    const wanted = new Set(entityRefs);
    const queued = new Set<string>(await this.#db(QUEUE).pluck('entity_ref'));
    const stored = new Set<string>(
      await this.#db(SCORECARDS).pluck('entity_ref'),
    );
    const toAdd = [...wanted].filter(ref => !queued.has(ref));
    const toRemove = [...new Set([...queued, ...stored])].filter(
      ref => !wanted.has(ref),
    );
    for (const chunk of chunks(toAdd)) {
      await this.#db(QUEUE)
        .insert(
          chunk.map(ref => ({
            entity_ref: ref,
            next_due_at: now,
            priority: 0,
            attempts: 0,
          })),
        )
        .onConflict('entity_ref')
        .ignore();
    }
    for (const chunk of chunks(toRemove)) {
      await this.#db.transaction(async tx => {
        for (const table of [QUEUE, SCORECARDS, BLOCKERS, HISTORY]) {
          await tx(table).whereIn('entity_ref', chunk).delete();
        }
      });
    }
    return { added: toAdd.length, removed: toRemove.length };
  }

  async claimDue(options: {
    owner: string;
    limit: number;
    leaseSeconds: number;
    now: Date;
  }): Promise<ClaimedEntity[]> {
    const { owner, limit, now } = options;
    const expires = new Date(now.getTime() + options.leaseSeconds * 1000);
    const claimable = (q: Knex.QueryBuilder) =>
      q
        .where('next_due_at', '<=', now)
        .andWhere(b =>
          b.whereNull('lease_expires_at').orWhere('lease_expires_at', '<', now),
        );
    return this.#db.transaction(async tx => {
      let select = claimable(tx(QUEUE).select('entity_ref'))
        .orderBy([
          { column: 'priority', order: 'desc' },
          { column: 'next_due_at', order: 'asc' },
          { column: 'entity_ref', order: 'asc' },
        ])
        .limit(limit);
      if (this.#isPostgres) {
        // Concurrent replicas each get their own rows instead of waiting.
        select = select.forUpdate().skipLocked();
      }
      const refs: string[] = (await select).map(
        (r: { entity_ref: string }) => r.entity_ref,
      );
      if (refs.length === 0) return [];
      // Every claim takes the next token, which fences off the writes of
      // whoever held the entity before.
      await claimable(tx(QUEUE).whereIn('entity_ref', refs)).update({
        lease_owner: owner,
        lease_expires_at: expires,
        lease_token: tx.raw('lease_token + 1'),
      });
      const rows: QueueDbRow[] = await tx(QUEUE)
        .select('entity_ref', 'priority', 'attempts', 'lease_token')
        .whereIn('entity_ref', refs)
        .andWhere('lease_owner', owner)
        .andWhere('lease_expires_at', expires);
      const byRef = new Map(rows.map(r => [r.entity_ref, r]));
      return refs.flatMap(ref => {
        const r = byRef.get(ref);
        return r
          ? [
              {
                entityRef: r.entity_ref,
                priority: toNumber(r.priority) ?? 0,
                attempts: toNumber(r.attempts) ?? 0,
                token: toNumber(r.lease_token) ?? 0,
              },
            ]
          : [];
      });
    });
  }

  async extendLeases(options: {
    owner: string;
    leases: Array<{ entityRef: string; token: number }>;
    leaseSeconds: number;
    now: Date;
  }): Promise<string[]> {
    if (options.leases.length === 0) return [];
    const expires = new Date(
      options.now.getTime() + options.leaseSeconds * 1000,
    );
    // The token decides, not the clock: a lease that expired but was not
    // claimed since is still this claim's and may be extended.
    return this.#db.transaction(async tx => {
      const kept: string[] = [];
      for (const lease of options.leases) {
        const updated = await tx(QUEUE)
          .where({
            entity_ref: lease.entityRef,
            lease_owner: options.owner,
            lease_token: lease.token,
          })
          .update({ lease_expires_at: expires });
        if (updated > 0) kept.push(lease.entityRef);
      }
      return kept;
    });
  }

  async releaseClaim(options: ReleaseOptions): Promise<boolean> {
    return releaseLease(this.#db, options);
  }

  async removeEntity(entityRef: string): Promise<void> {
    await this.#db.transaction(async tx => {
      for (const table of [QUEUE, SCORECARDS, BLOCKERS, HISTORY]) {
        await tx(table).where('entity_ref', entityRef).delete();
      }
    });
  }

  async requestRefresh(entityRef: string, now: Date): Promise<void> {
    await this.#db(QUEUE)
      .insert({
        entity_ref: entityRef,
        next_due_at: now,
        priority: 1,
        attempts: 0,
      })
      .onConflict('entity_ref')
      .merge({
        next_due_at: now,
        priority: this.#db.raw('?? + 1', [`${QUEUE}.priority`]),
      });
  }

  async getRefreshState(entityRef: string): Promise<RefreshState | undefined> {
    const row: QueueDbRow | undefined = await this.#db(QUEUE)
      .where('entity_ref', entityRef)
      .first();
    if (!row) return undefined;
    const state: RefreshState = {
      entityRef: row.entity_ref,
      nextDueAt: toDate(row.next_due_at)!,
      leaseToken: toNumber(row.lease_token) ?? 0,
      priority: toNumber(row.priority) ?? 0,
      attempts: toNumber(row.attempts) ?? 0,
    };
    if (row.lease_owner) state.leaseOwner = row.lease_owner;
    const expires = toDate(row.lease_expires_at);
    if (expires) state.leaseExpiresAt = expires;
    if (row.last_error) state.lastError = row.last_error;
    return state;
  }
}
