import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  Band,
  CategoryId,
  Severity,
  bandFor,
  Scorecard,
  Verdict,
} from '@readiness/backstage-plugin-readiness-common';
import { Knex } from 'knex';
import {
  AuditRecord,
  AuditState,
  ReleaseOptions,
  UnchangedEntity,
  BlockerAggregate,
  ClaimedEntity,
  EntitySummary,
  HistoryPoint,
  HistoryRetention,
  Lease,
  OwnerAggregate,
  ReadinessStore,
  RefreshState,
  ScorecardQuery,
  ScorecardRow,
  ScoreSummaryRow,
  StoredScorecard,
  Visibility,
} from './ReadinessStore';

const migrationsDir = resolvePackagePath(
  '@readiness/backstage-plugin-readiness-backend',
  'migrations',
);

const SCORECARDS = 'readiness_scorecards';
const HISTORY = 'readiness_history';
const BLOCKERS = 'readiness_blockers';
const QUEUE = 'readiness_refresh_state';

/** Rows are written in chunks small enough for every engine's bind limit. */
const CHUNK = 200;

const SEVERITY_RANK: Record<string, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
};

const ORDER_COLUMNS: Record<NonNullable<ScorecardQuery['orderBy']>, string> = {
  score: 'score',
  name: 'name',
  owner: 'owner',
  auditedAt: 'audited_at',
};

const ROW_COLUMNS = [
  'entity_ref',
  'kind',
  'namespace',
  'name',
  'title',
  'owner',
  'lifecycle',
  'score',
  'verdict',
  'band',
  'blockers',
  'audited_at',
  'checked_at',
  'error',
];

interface ScorecardDbRow {
  entity_ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  owner: string | null;
  lifecycle: string | null;
  score: number | string | null;
  verdict: string | null;
  band: string | null;
  blockers: number | string;
  scorecard?: string | null;
  etag?: string | null;
  inputs_hash?: string | null;
  audited_at: Date | number | string | null;
  checked_at: Date | number | string | null;
  error: string | null;
}

interface QueueDbRow {
  entity_ref: string;
  next_due_at: Date | number | string;
  lease_owner: string | null;
  lease_expires_at: Date | number | string | null;
  lease_token: number | string;
  priority: number | string;
  attempts: number | string;
  last_error: string | null;
}

/** SQLite hands dates back as epoch milliseconds, PostgreSQL as Date. */
function toDate(
  value: Date | number | string | null | undefined,
): Date | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  return /^\d+$/.test(value) ? new Date(Number(value)) : new Date(value);
}

function toNumber(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : Number(value);
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, c => `\\${c}`);
}

function entityColumns(entity: EntitySummary) {
  return {
    entity_ref: entity.entityRef,
    kind: entity.kind,
    namespace: entity.namespace,
    name: entity.name,
    title: entity.title ?? null,
    owner: entity.owner ?? null,
    lifecycle: entity.lifecycle ?? null,
  };
}

function toRow(row: ScorecardDbRow): ScorecardRow {
  const out: ScorecardRow = {
    entityRef: row.entity_ref,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    score: toNumber(row.score),
    verdict: (row.verdict as Verdict | null) ?? null,
    band: (row.band as Band | null) ?? null,
    blockers: toNumber(row.blockers) ?? 0,
  };
  if (row.title) out.title = row.title;
  if (row.owner) out.owner = row.owner;
  if (row.lifecycle) out.lifecycle = row.lifecycle;
  const auditedAt = toDate(row.audited_at);
  if (auditedAt) out.auditedAt = auditedAt;
  const checkedAt = toDate(row.checked_at);
  if (checkedAt) out.checkedAt = checkedAt;
  if (row.error) out.error = row.error;
  return out;
}

/**
 * The knex-backed {@link ReadinessStore}; runs on SQLite and PostgreSQL.
 * @public
 */
export class DatabaseReadinessStore implements ReadinessStore {
  readonly #db: Knex;
  readonly #isPostgres: boolean;

  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseReadinessStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseReadinessStore(client);
  }

  private constructor(db: Knex) {
    this.#db = db;
    this.#isPostgres =
      (db.client as { dialect?: string }).dialect === 'postgresql' ||
      ['pg', 'postgres', 'postgresql'].includes(
        String(db.client.config.client),
      );
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
    return this.#release(this.#db, options);
  }

  /**
   * Whether the lease is current, checked with a write to the queue row, so
   * that the check holds until the transaction ends: on PostgreSQL the row
   * stays locked (a concurrent claim waits, or skips it), on SQLite the
   * transaction holds the database's write lock.
   */
  async #holdsLease(
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

  async #release(db: Knex, options: ReleaseOptions): Promise<boolean> {
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

  async saveAudit(
    record: AuditRecord,
    retention?: HistoryRetention,
  ): Promise<boolean> {
    const { entity, scorecard } = record;
    const ref = entity.entityRef;
    const blockerRows = new Map(
      scorecard.blockers.map(b => [
        b.ruleId,
        {
          entity_ref: ref,
          rule_id: b.ruleId,
          title: b.title,
          severity: b.severity,
          category: b.category,
        },
      ]),
    );
    return this.#db.transaction(async tx => {
      if (record.lease && !(await this.#holdsLease(tx, ref, record.lease))) {
        return false;
      }
      await tx(SCORECARDS)
        .insert({
          ...entityColumns(entity),
          score: scorecard.score,
          verdict: scorecard.verdict,
          band: bandFor(scorecard.score),
          blockers: scorecard.blockers.length,
          scorecard: JSON.stringify(scorecard),
          etag: record.etag ?? null,
          inputs_hash: record.inputsHash ?? null,
          audited_at: record.auditedAt,
          checked_at: record.auditedAt,
          error: record.warning ?? null,
        })
        .onConflict('entity_ref')
        .merge();
      await tx(BLOCKERS).where('entity_ref', ref).delete();
      for (const chunk of chunks([...blockerRows.values()])) {
        await tx(BLOCKERS).insert(chunk);
      }
      await tx(HISTORY).insert({
        entity_ref: ref,
        audited_at: record.auditedAt,
        score: scorecard.score,
        verdict: scorecard.verdict,
        categories: JSON.stringify(
          Object.fromEntries(scorecard.categories.map(c => [c.id, c.score])),
        ),
        blockers: scorecard.blockers.length,
      });
      if (retention?.runs !== undefined) {
        const stale: Array<number | string> = await tx(HISTORY)
          .where('entity_ref', ref)
          .orderBy([
            { column: 'audited_at', order: 'desc' },
            { column: 'id', order: 'desc' },
          ])
          .offset(retention.runs)
          .limit(1_000_000)
          .pluck('id');
        for (const chunk of chunks(stale)) {
          await tx(HISTORY).whereIn('id', chunk).delete();
        }
      }
      return true;
    });
  }

  async saveError(options: {
    entity: EntitySummary;
    error: string;
    checkedAt: Date;
    lease?: Lease;
  }): Promise<boolean> {
    const { lease } = options;
    if (!lease) {
      await this.#saveError(this.#db, options);
      return true;
    }
    return this.#db.transaction(async tx => {
      if (!(await this.#holdsLease(tx, options.entity.entityRef, lease))) {
        return false;
      }
      await this.#saveError(tx, options);
      return true;
    });
  }

  async #saveError(
    db: Knex,
    options: { entity: EntitySummary; error: string; checkedAt: Date },
  ): Promise<void> {
    await db(SCORECARDS)
      .insert({
        ...entityColumns(options.entity),
        score: null,
        verdict: null,
        band: null,
        blockers: 0,
        scorecard: null,
        etag: null,
        inputs_hash: null,
        audited_at: null,
        checked_at: options.checkedAt,
        error: options.error,
      })
      .onConflict('entity_ref')
      .merge([
        'kind',
        'namespace',
        'name',
        'title',
        'owner',
        'lifecycle',
        'etag',
        'inputs_hash',
        'checked_at',
        'error',
      ]);
  }

  async markUnchanged(options: {
    entity: EntitySummary;
    checkedAt: Date;
    lease?: Lease;
  }): Promise<boolean> {
    const { lease } = options;
    if (!lease) {
      await this.#markUnchanged(this.#db, options);
      return true;
    }
    return this.#db.transaction(async tx => {
      if (!(await this.#holdsLease(tx, options.entity.entityRef, lease))) {
        return false;
      }
      await this.#markUnchanged(tx, options);
      return true;
    });
  }

  async completeUnchanged(entities: UnchangedEntity[]): Promise<number> {
    if (entities.length === 0) return 0;
    // One transaction, so a batch of unchanged entities costs one commit.
    return this.#db.transaction(async trx => {
      let released = 0;
      for (const item of entities) {
        // A lease taken over meanwhile leaves the entity to its new holder.
        if (!(await this.#holdsLease(trx, item.entity.entityRef, item.release)))
          continue;
        await this.#markUnchanged(trx, item);
        if (await this.#release(trx, item.release)) released += 1;
      }
      return released;
    });
  }

  async #markUnchanged(
    db: Knex,
    options: { entity: EntitySummary; checkedAt: Date },
  ): Promise<void> {
    const { entity_ref, ...columns } = entityColumns(options.entity);
    await db(SCORECARDS)
      .where('entity_ref', entity_ref)
      .update({ ...columns, checked_at: options.checkedAt });
  }

  async getScorecard(entityRef: string): Promise<StoredScorecard | undefined> {
    const row: ScorecardDbRow | undefined = await this.#db(SCORECARDS)
      .where('entity_ref', entityRef)
      .first();
    if (!row) return undefined;
    const out: StoredScorecard = {
      ...toRow(row),
      scorecard: row.scorecard
        ? (JSON.parse(row.scorecard) as Scorecard)
        : null,
    };
    if (row.etag) out.etag = row.etag;
    if (row.inputs_hash) out.inputsHash = row.inputs_hash;
    return out;
  }

  async getAuditState(entityRef: string): Promise<AuditState | undefined> {
    const row:
      | {
          etag: string | null;
          inputs_hash: string | null;
          score: number | null;
        }
      | undefined = await this.#db(SCORECARDS)
      .where('entity_ref', entityRef)
      .first('etag', 'inputs_hash', 'score');
    if (!row) return undefined;
    return {
      ...(row.etag ? { etag: row.etag } : {}),
      ...(row.inputs_hash ? { inputsHash: row.inputs_hash } : {}),
      score: row.score === null ? null : Number(row.score),
    };
  }

  async getBlockerRuleIds(entityRef: string): Promise<string[]> {
    return this.#db(BLOCKERS)
      .where('entity_ref', entityRef)
      .orderBy('rule_id')
      .pluck('rule_id');
  }

  async getHistory(entityRef: string, limit = 90): Promise<HistoryPoint[]> {
    const rows: Array<{
      audited_at: Date | number | string;
      score: number | string;
      verdict: string;
      categories: string;
      blockers: number | string;
    }> = await this.#db(HISTORY)
      .select('audited_at', 'score', 'verdict', 'categories', 'blockers')
      .where('entity_ref', entityRef)
      .orderBy([
        { column: 'audited_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(r => ({
      auditedAt: toDate(r.audited_at)!,
      score: toNumber(r.score) ?? 0,
      verdict: r.verdict as Verdict,
      categories: JSON.parse(r.categories) as Record<string, number | null>,
      blockers: toNumber(r.blockers) ?? 0,
    }));
  }

  async listScorecards(
    query: ScorecardQuery,
    visibility: Visibility,
  ): Promise<{ items: ScorecardRow[]; total: number }> {
    const base = this.#db(SCORECARDS);
    if (!query.includeUnscored) base.whereNotNull('score');
    if (query.owner)
      base.where('owner', query.owner.toLocaleLowerCase('en-US'));
    if (query.kind) {
      base.whereRaw('lower(kind) = ?', [query.kind.toLocaleLowerCase('en-US')]);
    }
    if (query.lifecycle) base.where('lifecycle', query.lifecycle);
    if (query.band) base.where('band', query.band);
    if (query.minScore !== undefined) base.where('score', '>=', query.minScore);
    if (query.maxScore !== undefined) base.where('score', '<=', query.maxScore);
    if (query.q) {
      const like = `%${escapeLike(query.q.toLocaleLowerCase('en-US'))}%`;
      base.where(b =>
        b
          .whereRaw("lower(name) LIKE ? ESCAPE '\\'", [like])
          .orWhereRaw("lower(title) LIKE ? ESCAPE '\\'", [like])
          .orWhereRaw("entity_ref LIKE ? ESCAPE '\\'", [like]),
      );
    }

    const column = ORDER_COLUMNS[query.orderBy ?? 'score'];
    const direction =
      query.order ??
      (query.orderBy === 'name' || query.orderBy === 'owner' ? 'asc' : 'desc');
    const ordered = (q: Knex.QueryBuilder) => {
      // Entities without a value sort last either way. Only owner, and the
      // score and audit time of never-scored rows, can be missing.
      if (column === 'owner' || (query.includeUnscored && column !== 'name')) {
        q.orderByRaw(`CASE WHEN ?? IS NULL THEN 1 ELSE 0 END`, [column]);
      }
      return q.orderBy(column, direction).orderBy('entity_ref', 'asc');
    };
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;

    if (visibility === undefined) {
      const countRow = await base.clone().count({ count: '*' }).first();
      const page: ScorecardDbRow[] = await ordered(
        base.clone().select(ROW_COLUMNS),
      )
        .limit(limit)
        .offset(offset);
      return {
        items: page.map(toRow),
        total: toNumber(countRow?.count as number | string | undefined) ?? 0,
      };
    }

    // With a visibility set, the ordered refs are read narrowly (from the
    // indexes where possible), filtered here, and only the page is loaded.
    const refs: string[] = (
      await ordered(base.clone().select('entity_ref'))
    ).map((r: { entity_ref: string }) => r.entity_ref);
    const visibleRefs = refs.filter(ref => visibility.has(ref));
    const pageRefs = visibleRefs.slice(offset, offset + limit);
    const byRef = new Map<string, ScorecardDbRow>();
    for (const chunk of chunks(pageRefs, 500)) {
      const rows: ScorecardDbRow[] = await this.#db(SCORECARDS)
        .select(ROW_COLUMNS)
        .whereIn('entity_ref', chunk);
      for (const row of rows) byRef.set(row.entity_ref, row);
    }
    return {
      items: pageRefs.flatMap(ref => {
        const row = byRef.get(ref);
        return row ? [toRow(row)] : [];
      }),
      total: visibleRefs.length,
    };
  }

  async listBlockers(visibility: Visibility): Promise<BlockerAggregate[]> {
    // Narrow rows, read from the (rule_id, entity_ref) index.
    const members: Array<{ rule_id: string; entity_ref: string }> =
      await this.#db(BLOCKERS)
        .select('rule_id', 'entity_ref')
        .orderBy([
          { column: 'rule_id', order: 'asc' },
          { column: 'entity_ref', order: 'asc' },
        ]);
    const entities = new Map<string, string[]>();
    for (const row of members) {
      if (visibility && !visibility.has(row.entity_ref)) continue;
      let list = entities.get(row.rule_id);
      if (!list) {
        list = [];
        entities.set(row.rule_id, list);
      }
      list.push(row.entity_ref);
    }
    if (entities.size === 0) return [];
    // Only the engine writes these columns, with its own severity and category ids.
    const rules: Array<{
      rule_id: string;
      title: string;
      severity: Severity;
      category: CategoryId;
    }> = await this.#db(BLOCKERS)
      .select(
        'rule_id',
        this.#db.raw('MAX(title) AS title'),
        this.#db.raw('MAX(severity) AS severity'),
        this.#db.raw('MAX(category) AS category'),
      )
      .groupBy('rule_id');
    return rules
      .filter(rule => entities.has(rule.rule_id))
      .map(rule => {
        const list = entities.get(rule.rule_id)!;
        return {
          ruleId: rule.rule_id,
          title: rule.title,
          severity: rule.severity,
          category: rule.category,
          count: list.length,
          entities: list,
        };
      })
      .sort(
        (a, b) =>
          b.count - a.count ||
          (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9) ||
          a.ruleId.localeCompare(b.ruleId),
      );
  }

  async listOwners(visibility: Visibility): Promise<OwnerAggregate[]> {
    const rows: Array<{
      entity_ref: string;
      owner: string;
      score: number | string;
      blockers: number | string;
      verdict: string;
    }> = await this.#db(SCORECARDS)
      .whereNotNull('score')
      .whereNotNull('owner')
      .select('entity_ref', 'owner', 'score', 'blockers', 'verdict');
    const byOwner = new Map<
      string,
      { entities: number; total: number; blockers: number; notReady: number }
    >();
    for (const row of rows) {
      if (visibility && !visibility.has(row.entity_ref)) continue;
      let entry = byOwner.get(row.owner);
      if (!entry) {
        entry = { entities: 0, total: 0, blockers: 0, notReady: 0 };
        byOwner.set(row.owner, entry);
      }
      entry.entities += 1;
      entry.total += toNumber(row.score) ?? 0;
      entry.blockers += toNumber(row.blockers) ?? 0;
      if (row.verdict === 'not-ready') entry.notReady += 1;
    }
    return [...byOwner.entries()]
      .sort(([a], [b]) => (a < b ? -1 : Number(a > b)))
      .map(([owner, entry]) => {
        const averageScore = Math.round(entry.total / entry.entities);
        return {
          owner,
          entities: entry.entities,
          averageScore,
          band: bandFor(averageScore),
          blockers: entry.blockers,
          notReady: entry.notReady,
        };
      });
  }

  async listSummaries(visibility: Visibility): Promise<ScoreSummaryRow[]> {
    const rows: Array<{
      entity_ref: string;
      score: number | string;
      band: string;
      verdict: string;
      blockers: number | string;
    }> = await this.#db(SCORECARDS)
      .whereNotNull('score')
      .select('entity_ref', 'score', 'band', 'verdict', 'blockers')
      .orderBy('entity_ref');
    return rows
      .filter(r => !visibility || visibility.has(r.entity_ref))
      .map(r => ({
        entityRef: r.entity_ref,
        score: toNumber(r.score) ?? 0,
        band: r.band as Band,
        verdict: r.verdict as Verdict,
        blockers: toNumber(r.blockers) ?? 0,
      }));
  }

  async pruneHistory(retention: HistoryRetention, now: Date): Promise<number> {
    let removed = 0;
    if (retention.days !== undefined) {
      const cutoff = new Date(now.getTime() - retention.days * 86_400_000);
      removed += await this.#db(HISTORY)
        .where('audited_at', '<', cutoff)
        .delete();
    }
    if (retention.runs !== undefined) {
      removed += await this.#db(HISTORY)
        .whereIn(
          'id',
          this.#db
            .select('id')
            .from(
              this.#db(HISTORY)
                .select(
                  'id',
                  this.#db.raw(
                    'ROW_NUMBER() OVER (PARTITION BY entity_ref ORDER BY audited_at DESC, id DESC) AS rn',
                  ),
                )
                .as('ranked'),
            )
            .where('rn', '>', retention.runs),
        )
        .delete();
    }
    return removed;
  }
}
