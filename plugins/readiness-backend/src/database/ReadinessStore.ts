import {
  AuditTransitions,
  Band,
  BlockerSummary,
  EntityReadinessSummary,
  LeaderboardQuery,
  OwnerSummary,
  RollupResponse,
  Scorecard,
  SourceLinks,
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
  /**
   * The SCM rate limit the entity waits for: its audit was held back and
   * runs once the limit of `host` resets at `until`. Cleared by the next
   * audit, failure or unchanged check.
   */
  waiting?: { host: string; until: Date };
}

/** The current state of an entity's scorecard. @public */
export interface StoredScorecard extends ScorecardRow {
  scorecard: Scorecard | null;
  etag?: string;
  inputsHash?: string;
  /** Where the findings of `scorecard` link to; absent without links. */
  links?: SourceLinks;
}

/** One history point. @public */
export interface HistoryPoint {
  auditedAt: Date;
  score: number;
  verdict: Verdict;
  categories: Record<string, number | null>;
  blockers: number;
  /**
   * Ids of the rules failing without a waiver, sorted; absent for points
   * recorded before failing rules were kept.
   */
  failingRules?: string[];
  /**
   * Fingerprints of the findings of those rules, sorted (a failing rule
   * without findings has one of its own); absent for points recorded before
   * fingerprints were kept or from scorecards without them.
   */
  failingFindings?: string[];
  /**
   * The rule transitions against the audit before it; absent for a first
   * audit and for points recorded before transitions were kept.
   */
  transitions?: AuditTransitions;
  /** The commit or etag of the source the audit read, when it has one. */
  sourceVersion?: string;
}

/** An entity taken off the queue for auditing. @public */
export interface ClaimedEntity {
  entityRef: string;
  priority: number;
  attempts: number;
  /**
   * The fencing token of this claim: incremented by every claim of the
   * entity, so a newer claim makes every older one stale.
   */
  token: number;
}

/**
 * A claim an audit's writes are fenced by: they are applied only while the
 * entity's lease is still held by `owner` with `token`.
 * @public
 */
export interface Lease {
  owner: string;
  token: number;
}

/** @public */
export interface RefreshState {
  entityRef: string;
  nextDueAt: Date;
  leaseOwner?: string;
  leaseExpiresAt?: Date;
  /** The token of the latest claim (0 before the first). */
  leaseToken: number;
  priority: number;
  attempts: number;
  lastError?: string;
}

/** Filters and order of the leaderboard: the API's query. @public */
export type ScorecardQuery = LeaderboardQuery;

/**
 * The entity refs a caller may see; `undefined` means every entity (service
 * callers, and users from whom the catalog hides nothing). Every listing
 * takes it so that nothing invisible is counted. A `Set` of refs will do;
 * anything that answers `has` for a ref does.
 * @public
 */
export type Visibility = Pick<ReadonlySet<string>, 'has'> | undefined;

/** A page of a listing: `limit` items after the first `offset`. @public */
export interface PageOptions {
  limit?: number;
  offset?: number;
}

/** A page of blocker rules, and how many of each rule's entities to list. @public */
export interface BlockerPageOptions extends PageOptions {
  /** Entity refs listed per rule (the first, by ref); `count` counts them all. */
  entities?: number;
}

/** The store's aggregates are the API's shapes. @public */
export type BlockerAggregate = BlockerSummary;
/** @public */
export type OwnerAggregate = OwnerSummary;
/** @public */
export type ScoreSummaryRow = EntityReadinessSummary;

/** How a lease is given back. @public */
export interface ReleaseOptions extends Lease {
  entityRef: string;
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
  /** Where the findings link to: the audited directory at the audited commit. */
  links?: SourceLinks;
  auditedAt: Date;
  /** Something ignored during the audit, e.g. a malformed waiver annotation. */
  warning?: string;
  /**
   * The claim the audit ran under. When given, the record is saved only if
   * the claim is still current; without it (imports, seeding) it is saved
   * unconditionally.
   */
  lease?: Lease;
}

/**
 * The refresh queue: which entities are due, and who holds them under a
 * lease. Every claim carries a fencing token that the writes of an audit
 * ({@link ReadinessScorecardStore}) and the release are checked against.
 * @public
 */
export interface ReadinessQueueStore {
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
   * Extends the leases still held with their tokens to `now + leaseSeconds`
   * (an expired lease nobody claimed since is still held). Returns the refs
   * whose leases were extended; the others were taken over or removed.
   */
  extendLeases(options: {
    owner: string;
    leases: Array<{ entityRef: string; token: number }>;
    leaseSeconds: number;
    now: Date;
  }): Promise<string[]>;
  /**
   * Releases a lease held by `owner` with `token`, scheduling the next
   * audit. Returns false, changing nothing, when the token is no longer
   * current (the lease was taken over) or the entity was removed.
   */
  releaseClaim(options: ReleaseOptions): Promise<boolean>;
  /** Forgets an entity entirely (gone from the catalog). */
  removeEntity(entityRef: string): Promise<void>;
  /** Makes an entity due now with high priority. */
  requestRefresh(entityRef: string, now: Date): Promise<void>;
  getRefreshState(entityRef: string): Promise<RefreshState | undefined>;
}

/**
 * The writes of audits: current scorecards, their blockers and history.
 * @public
 */
export interface ReadinessScorecardStore {
  /**
   * Stores an audit. With `record.lease`, the check of the lease and the
   * writes are one transaction; returns false, writing nothing, when the
   * lease is no longer current.
   */
  saveAudit(
    record: AuditRecord,
    retention?: HistoryRetention,
  ): Promise<boolean>;
  /**
   * Records a failed audit; the last good scorecard, if any, is kept.
   * Fenced by `lease` like {@link ReadinessScorecardStore.saveAudit}.
   */
  saveError(options: {
    entity: EntitySummary;
    error: string;
    checkedAt: Date;
    lease?: Lease;
  }): Promise<boolean>;
  /**
   * Records that the source had not changed since the last audit. Fenced
   * by `lease` like {@link ReadinessScorecardStore.saveAudit}.
   */
  markUnchanged(options: {
    entity: EntitySummary;
    checkedAt: Date;
    lease?: Lease;
  }): Promise<boolean>;
  /**
   * markUnchanged and releaseClaim for several entities in one transaction,
   * each fenced by its release's token; returns how many leases were still
   * held and released.
   */
  completeUnchanged(entities: UnchangedEntity[]): Promise<number>;

  /**
   * Records that the entity's audit waits for the rate limit of an SCM host
   * and gives its lease back, due again at `until`, in one transaction fenced
   * by `lease`: no failure is counted and the last scorecard and error are
   * kept. Returns false, changing nothing, when the lease is no longer held.
   */
  saveWaiting(options: {
    entity: EntitySummary;
    host: string;
    until: Date;
    lease: Lease;
  }): Promise<boolean>;

  /** Deletes history beyond the retention; returns the number of rows removed. */
  pruneHistory(retention: HistoryRetention, now: Date): Promise<number>;
}

/**
 * SCM hosts whose API rate limit is used up, shared by every replica.
 * @public
 */
export interface ReadinessScmPauseStore {
  /**
   * Holds back the reads of `host` until `until`; a pause already set to a
   * later time is kept.
   */
  pauseHost(host: string, until: Date, now: Date): Promise<void>;
  /** When the pause of `host` ends, if it is paused at `now`. */
  pausedUntil(host: string, now: Date): Promise<Date | undefined>;
}

/**
 * The read side: scorecards, history, the leaderboard and its aggregates.
 * @public
 */
export interface ReadinessQueryStore {
  getScorecard(entityRef: string): Promise<StoredScorecard | undefined>;
  /**
   * The current rows of several entities, scorecards included, in one
   * read per chunk of refs; refs the store does not know are left out.
   * Ordered by entity ref.
   */
  getScorecards(entityRefs: string[]): Promise<StoredScorecard[]>;
  /**
   * What the refresher needs to decide whether to audit again: the last
   * etag, inputs hash and score, without reading the scorecard document.
   */
  getAuditState(entityRef: string): Promise<AuditState | undefined>;
  /** {@link ReadinessQueryStore.getAuditState} of several entities at once, by ref; entities never audited are absent. */
  getAuditStates(entityRefs: string[]): Promise<Map<string, AuditState>>;
  /** Blocker rule ids of the current scorecard. */
  getBlockerRuleIds(entityRef: string): Promise<string[]>;
  /** Newest first. */
  getHistory(entityRef: string, limit?: number): Promise<HistoryPoint[]>;

  listScorecards(
    query: ScorecardQuery,
    visibility: Visibility,
  ): Promise<{ items: ScorecardRow[]; total: number }>;
  /** Every rule and entity unless `page` says otherwise. */
  listBlockers(
    visibility: Visibility,
    page?: BlockerPageOptions,
  ): Promise<BlockerAggregate[]>;
  listOwners(visibility: Visibility): Promise<OwnerAggregate[]>;
  /** Ordered by entity ref; every one unless `page` says otherwise. */
  listSummaries(
    visibility: Visibility,
    page?: PageOptions,
  ): Promise<ScoreSummaryRow[]>;
}

/** What a roll-up covers besides its entities. @public */
export interface RollupOptions {
  /** How many of the lowest-scored entities to return. */
  worst: number;
  /** How many blocker and failing rules to return. */
  rules: number;
  /** Days of trend before `now`. */
  days: number;
  now: Date;
}

/**
 * A roll-up as the store computes it: the API's shape without the entity it
 * belongs to, and with rows rather than API items for the worst entities.
 * @public
 */
export interface RollupAggregate
  extends Omit<RollupResponse, 'entityRef' | 'worst'> {
  worst: ScorecardRow[];
}

/**
 * The readiness of a set of entities, summarised in the database.
 * @public
 */
export interface ReadinessRollupStore {
  /**
   * Averages, bands, blockers, the worst entities, the rules failing most
   * and the daily trend over `entityRefs`; refs the store does not know
   * count for nothing.
   */
  getRollup(
    entityRefs: string[],
    options: RollupOptions,
  ): Promise<RollupAggregate>;
}

/**
 * Persistence of scorecards, their history and the refresh queue: the
 * stores together.
 * @public
 */
export interface ReadinessStore
  extends ReadinessQueueStore,
    ReadinessScorecardStore,
    ReadinessQueryStore,
    ReadinessRollupStore,
    ReadinessScmPauseStore {}
