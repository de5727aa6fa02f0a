import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { DatabaseQueryStore } from './DatabaseQueryStore';
import { DatabaseQueueStore } from './DatabaseQueueStore';
import { DatabaseRollupStore } from './DatabaseRollupStore';
import { DatabaseScmPauseStore } from './DatabaseScmPauseStore';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';
import {
  AuditRecord,
  AuditState,
  BlockerAggregate,
  BlockerPageOptions,
  ClaimedEntity,
  EntitySummary,
  HistoryPoint,
  HistoryRetention,
  Lease,
  OwnerAggregate,
  PageOptions,
  ReadinessStore,
  RefreshState,
  ReleaseOptions,
  RollupAggregate,
  RollupOptions,
  ScorecardQuery,
  ScorecardRow,
  ScoreSummaryRow,
  StoredScorecard,
  UnchangedEntity,
  Visibility,
} from './ReadinessStore';

const migrationsDir = resolvePackagePath(
  '@readiness/backstage-plugin-readiness-backend',
  'migrations',
);

/**
 * The knex-backed {@link ReadinessStore}; runs on SQLite and PostgreSQL.
 * `create()` owns the migrations and builds the stores on one database:
 * `queue` (leases), `scorecards` (the writes of audits), `queries` (the
 * read side), `rollups` (aggregates over a set of entities) and `pauses`
 * (SCM hosts whose rate limit is used up). Each
 * method of the combined store delegates to one of them.
 * @public
 */
export class DatabaseReadinessStore implements ReadinessStore {
  readonly queue: DatabaseQueueStore;
  readonly scorecards: DatabaseScorecardStore;
  readonly queries: DatabaseQueryStore;
  readonly rollups: DatabaseRollupStore;
  readonly pauses: DatabaseScmPauseStore;

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

  private constructor(knex: Knex) {
    this.queue = new DatabaseQueueStore({ knex });
    this.scorecards = new DatabaseScorecardStore({ knex });
    this.queries = new DatabaseQueryStore({ knex });
    this.rollups = new DatabaseRollupStore({ knex });
    this.pauses = new DatabaseScmPauseStore({ knex });
  }

  // The queue.

  syncEntities(
    entityRefs: string[],
    now: Date,
  ): Promise<{ added: number; removed: number }> {
    return this.queue.syncEntities(entityRefs, now);
  }

  claimDue(options: {
    owner: string;
    limit: number;
    leaseSeconds: number;
    now: Date;
  }): Promise<ClaimedEntity[]> {
    return this.queue.claimDue(options);
  }

  extendLeases(options: {
    owner: string;
    leases: Array<{ entityRef: string; token: number }>;
    leaseSeconds: number;
    now: Date;
  }): Promise<string[]> {
    return this.queue.extendLeases(options);
  }

  releaseClaim(options: ReleaseOptions): Promise<boolean> {
    return this.queue.releaseClaim(options);
  }

  removeEntity(entityRef: string): Promise<void> {
    return this.queue.removeEntity(entityRef);
  }

  requestRefresh(entityRef: string, now: Date): Promise<void> {
    return this.queue.requestRefresh(entityRef, now);
  }

  getRefreshState(entityRef: string): Promise<RefreshState | undefined> {
    return this.queue.getRefreshState(entityRef);
  }

  // The writes of audits.

  saveAudit(
    record: AuditRecord,
    retention?: HistoryRetention,
  ): Promise<boolean> {
    return this.scorecards.saveAudit(record, retention);
  }

  saveError(options: {
    entity: EntitySummary;
    error: string;
    checkedAt: Date;
    lease?: Lease;
  }): Promise<boolean> {
    return this.scorecards.saveError(options);
  }

  markUnchanged(options: {
    entity: EntitySummary;
    checkedAt: Date;
    lease?: Lease;
  }): Promise<boolean> {
    return this.scorecards.markUnchanged(options);
  }

  completeUnchanged(entities: UnchangedEntity[]): Promise<number> {
    return this.scorecards.completeUnchanged(entities);
  }

  saveWaiting(options: {
    entity: EntitySummary;
    host: string;
    until: Date;
    lease: Lease;
  }): Promise<boolean> {
    return this.scorecards.saveWaiting(options);
  }

  pruneHistory(retention: HistoryRetention, now: Date): Promise<number> {
    return this.scorecards.pruneHistory(retention, now);
  }

  // SCM rate limits.

  pauseHost(host: string, until: Date, now: Date): Promise<void> {
    return this.pauses.pauseHost(host, until, now);
  }

  pausedUntil(host: string, now: Date): Promise<Date | undefined> {
    return this.pauses.pausedUntil(host, now);
  }

  // The read side.

  getScorecard(entityRef: string): Promise<StoredScorecard | undefined> {
    return this.queries.getScorecard(entityRef);
  }

  getScorecards(entityRefs: string[]): Promise<StoredScorecard[]> {
    return this.queries.getScorecards(entityRefs);
  }

  getAuditState(entityRef: string): Promise<AuditState | undefined> {
    return this.queries.getAuditState(entityRef);
  }

  getAuditStates(entityRefs: string[]): Promise<Map<string, AuditState>> {
    return this.queries.getAuditStates(entityRefs);
  }

  getBlockerRuleIds(entityRef: string): Promise<string[]> {
    return this.queries.getBlockerRuleIds(entityRef);
  }

  getHistory(entityRef: string, limit?: number): Promise<HistoryPoint[]> {
    return this.queries.getHistory(entityRef, limit);
  }

  listScorecards(
    query: ScorecardQuery,
    visibility: Visibility,
  ): Promise<{ items: ScorecardRow[]; total: number }> {
    return this.queries.listScorecards(query, visibility);
  }

  listBlockers(
    visibility: Visibility,
    page?: BlockerPageOptions,
  ): Promise<BlockerAggregate[]> {
    return this.queries.listBlockers(visibility, page);
  }

  listOwners(visibility: Visibility): Promise<OwnerAggregate[]> {
    return this.queries.listOwners(visibility);
  }

  listSummaries(
    visibility: Visibility,
    page?: PageOptions,
  ): Promise<ScoreSummaryRow[]> {
    return this.queries.listSummaries(visibility, page);
  }

  // Roll-ups.

  getRollup(
    entityRefs: string[],
    options: RollupOptions,
  ): Promise<RollupAggregate> {
    return this.rollups.getRollup(entityRefs, options);
  }
}
