import {
  Band,
  BlockerSummary,
  EntityReadinessSummary,
  LeaderboardQuery,
  OwnerSummary,
  Scorecard,
  Verdict,
} from '@readiness/backstage-plugin-readiness-common';

/** What the store keeps about the entity an audit was about. @public */
export interface EntitySummary {
  /** Lower-case entity ref, e.g. `component:default/payments`. */
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  /** Owner entity ref, e.g. `group:default/team-a`. */
  owner?: string;
  lifecycle?: string;
}

/** An entity's current standing, without the scorecard itself. @public */
export interface ScorecardRow extends EntitySummary {
  /** Null until a first successful audit. */
  score: number | null;
  verdict: Verdict | null;
  band: Band | null;
  blockers: number;
  auditedAt?: Date;
  checkedAt?: Date;
  /** Why the latest audit failed, or what was ignored while it ran. */
  error?: string;
}

/** The current state of an entity's scorecard. @public */
export interface StoredScorecard extends ScorecardRow {
  scorecard: Scorecard | null;
  etag?: string;
  inputsHash?: string;
}

/** One history point. @public */
export interface HistoryPoint {
  auditedAt: Date;
  score: number;
  verdict: Verdict;
  categories: Record<string, number | null>;
  blockers: number;
}

/** An entity taken off the queue for auditing. @public */
export interface ClaimedEntity {
  entityRef: string;
  priority: number;
  attempts: number;
}

/** @public */
export interface RefreshState {
  entityRef: string;
  nextDueAt: Date;
  leaseOwner?: string;
  leaseExpiresAt?: Date;
  priority: number;
  attempts: number;
  lastError?: string;
}

/** Filters and order of the leaderboard: the API's query, plus never-audited entities on request. @public */
export interface ScorecardQuery extends LeaderboardQuery {
  /** Include entities never audited successfully (score null). */
  includeUnscored?: boolean;
}

/**
 * The entity refs a caller may see; `undefined` means every entity (service
 * callers). Every listing takes it so that nothing invisible is counted.
 * @public
 */
export type Visibility = ReadonlySet<string> | undefined;

/** The store's aggregates are the API's shapes. @public */
export type BlockerAggregate = BlockerSummary;
/** @public */
export type OwnerAggregate = OwnerSummary;
/** @public */
export type ScoreSummaryRow = EntityReadinessSummary;

/** How a lease is given back. @public */
export interface ReleaseOptions {
  entityRef: string;
  owner: string;
  nextDueAt: Date;
  error?: string;
  /** The priority the row had when claimed; a higher one now means a refresh was requested meanwhile. */
  claimedPriority?: number;
}

/** An entity whose source did not change, with the lease to give back. @public */
export interface UnchangedEntity {
  entity: EntitySummary;
  checkedAt: Date;
  release: ReleaseOptions;
}

/** The last audit's fingerprints and score. @public */
export interface AuditState {
  etag?: string;
  inputsHash?: string;
  /** Null when the last audit failed before scoring. */
  score: number | null;
}

/** How much history to keep. @public */
export interface HistoryRetention {
  /** Points older than this many days are pruned. */
  days?: number;
  /** At most this many points per entity are kept. */
  runs?: number;
}

/** The outcome of a successful audit, to store. @public */
export interface AuditRecord {
  entity: EntitySummary;
  scorecard: Scorecard;
  etag?: string;
  inputsHash?: string;
  auditedAt: Date;
  /** Something ignored during the audit, e.g. a malformed waiver annotation. */
  warning?: string;
}

/**
 * Persistence of scorecards, their history and the refresh queue.
 * @public
 */
export interface ReadinessStore {
  /**
   * Makes the queue match the catalog: adds new entities (due now) and
   * removes entities, scorecards and history of those no longer there.
   */
  syncEntities(
    entityRefs: string[],
    now: Date,
  ): Promise<{ added: number; removed: number }>;
  /**
   * Leases up to `limit` due entities to `owner` until `now + leaseSeconds`.
   * Rows leased by someone else are skipped unless their lease expired.
   */
  claimDue(options: {
    owner: string;
    limit: number;
    leaseSeconds: number;
    now: Date;
  }): Promise<ClaimedEntity[]>;
  /**
   * Releases a lease held by `owner`, scheduling the next audit. Returns
   * false when the lease was lost (expired and taken by someone else).
   */
  releaseClaim(options: ReleaseOptions): Promise<boolean>;
  /** Forgets an entity entirely (gone from the catalog). */
  removeEntity(entityRef: string): Promise<void>;
  /** Makes an entity due now with high priority. */
  requestRefresh(entityRef: string, now: Date): Promise<void>;
  getRefreshState(entityRef: string): Promise<RefreshState | undefined>;

  saveAudit(record: AuditRecord, retention?: HistoryRetention): Promise<void>;
  /** Records a failed audit; the last good scorecard, if any, is kept. */
  saveError(options: {
    entity: EntitySummary;
    error: string;
    checkedAt: Date;
  }): Promise<void>;
  /** Records that the source had not changed since the last audit. */
  markUnchanged(options: {
    entity: EntitySummary;
    checkedAt: Date;
  }): Promise<void>;
  /**
   * markUnchanged and releaseClaim for several entities in one transaction;
   * returns how many leases were still held and released.
   */
  completeUnchanged(entities: UnchangedEntity[]): Promise<number>;

  getScorecard(entityRef: string): Promise<StoredScorecard | undefined>;
  /**
   * What the refresher needs to decide whether to audit again: the last
   * etag, inputs hash and score, without reading the scorecard document.
   */
  getAuditState(entityRef: string): Promise<AuditState | undefined>;
  /** Blocker rule ids of the current scorecard. */
  getBlockerRuleIds(entityRef: string): Promise<string[]>;
  /** Newest first. */
  getHistory(entityRef: string, limit?: number): Promise<HistoryPoint[]>;

  listScorecards(
    query: ScorecardQuery,
    visibility: Visibility,
  ): Promise<{ items: ScorecardRow[]; total: number }>;
  listBlockers(visibility: Visibility): Promise<BlockerAggregate[]>;
  listOwners(visibility: Visibility): Promise<OwnerAggregate[]>;
  listSummaries(visibility: Visibility): Promise<ScoreSummaryRow[]>;

  /** Deletes history beyond the retention; returns the number of rows removed. */
  pruneHistory(retention: HistoryRetention, now: Date): Promise<number>;
}
