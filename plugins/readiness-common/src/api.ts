import {
  Band,
  CategoryId,
  RuleMeta,
  Scorecard,
  Severity,
  Verdict,
} from './types';

/** One audit in an entity's score history. @public */
export interface ScorecardHistoryEntry {
  auditedAt: string;
  score: number;
  verdict: Verdict;
  /** Category scores of that audit; null where the category did not apply. */
  categories: Partial<Record<CategoryId, number | null>>;
  /** Number of production blockers in that audit. */
  blockers: number;
  /**
   * What changed since the audit before it; absent for an entity's first
   * audit and for audits recorded before transitions were kept.
   */
  transitions?: AuditTransitions;
  /**
   * The version of the source that audit read: the commit (or the SCM's
   * etag of the tree); absent when the source has none.
   */
  sourceVersion?: string;
}

/** A rule whose standing changed between two audits. @public */
export interface RuleTransition {
  ruleId: string;
  title: string;
  severity: Severity;
}

/**
 * How the rules of an audit changed against the audit before it. A rule
 * counts as failing when it fails without a waiver, as waived when it fails
 * under an active waiver.
 * @public
 */
export interface AuditTransitions {
  /**
   * Failing now, not before (it passed, did not apply, is new, or lost its
   * waiver before the waiver's expiry date).
   */
  newlyFailing: RuleTransition[];
  /** Failing or waived before; passing or not applicable now. */
  fixed: RuleTransition[];
  /** Waived now, not before. */
  newlyWaived: Array<RuleTransition & { expires: string }>;
  /** Waived before; failing now because the waiver's expiry date passed. */
  waiverExpired: Array<RuleTransition & { expires: string }>;
  /**
   * Reported findings (of failing rules) by fingerprint: how many are new and
   * how many went away. Absent when either audit lacks fingerprints.
   */
  findings?: { added: number; resolved: number };
}

/** One side of GET /scorecards/:kind/:namespace/:name/changes. @public */
export interface AuditChangesPoint {
  auditedAt: string;
  score: number;
  verdict: Verdict;
  blockers: number;
  /** The commit or etag the audit read, when the source has one. */
  sourceVersion?: string;
}

/** GET /scorecards/:kind/:namespace/:name/changes: since the last audit. @public */
export interface AuditChangesResponse {
  entityRef: string;
  /** The latest audit; null when the entity was never audited. */
  current: AuditChangesPoint | null;
  /** The audit before it; null when there is none in the history. */
  previous: AuditChangesPoint | null;
  /**
   * The rule transitions of the latest audit against the one before it;
   * null when there is no earlier audit to compare with or the latest audit
   * was recorded before transitions were kept.
   */
  transitions: AuditTransitions | null;
}

/**
 * Where the findings of a scorecard point to in the SCM: the audited
 * directory at the audited commit. A finding's URL is `base`, its path with
 * each segment URL-encoded, then `lineAnchor` and the line when it has one.
 * @public
 */
export interface SourceLinks {
  /** Blob URL of the audited directory, ending in `/`; never carries credentials. */
  base: string;
  /** Put between the file's URL and a line number: `#L` on GitHub and GitLab. */
  lineAnchor: string;
}

/**
 * An audit held back because the API rate limit of the entity's SCM is used
 * up: the entity did not fail, it is audited once the limit resets.
 * @public
 */
export interface ScmRateLimitWait {
  reason: 'scm-rate-limit';
  /** The SCM host whose rate limit is used up. */
  host: string;
  /** ISO time the limit resets and the audit runs. */
  until: string;
}

/** GET /scorecards/:kind/:namespace/:name @public */
export interface ScorecardResponse {
  entityRef: string;
  /** Null until a first successful audit. */
  scorecard: Scorecard | null;
  /** ISO time of the audit that produced `scorecard`. */
  auditedAt: string | null;
  /** Why the latest audit failed, or what it ignored (a malformed waiver annotation). */
  error?: string;
  /** Set while the entity waits for its SCM's rate limit; shown instead of `error`. */
  waiting?: ScmRateLimitWait;
  /** Oldest first; at most the last 90 audits. */
  history: ScorecardHistoryEntry[];
  /** An audit is queued or running. */
  refreshing: boolean;
  /**
   * Links of the findings of `scorecard`; null when the source has none (a
   * local directory, an SCM whose file URLs do not take a path). Absent from
   * backends that do not compute links.
   */
  links?: SourceLinks | null;
}

/** One rule's suggested change, as the API serves it. @public */
export interface SuggestedFixItem {
  ruleId: string;
  category: CategoryId;
  severity: Severity;
  title: string;
  /** The overall points the fix list expects from this rule passing. */
  expectedGain: number;
  summary: string;
  /** The files the change writes, relative to the audited directory. */
  files: Array<{ path: string; action: 'create' | 'modify' }>;
  /** Unified diff of the change, with credentials redacted. */
  diff: string;
  /** What the change cannot do by itself (rotating a credential, leaving the git index). */
  notes: string[];
}

/** GET /scorecards/:kind/:namespace/:name/fixes @public */
export interface SuggestedFixesResponse {
  entityRef: string;
  /** The commit the fixes apply to: the last audited one (null for local directories). */
  commit: string | null;
  /** In fix-list order; each diff applies over the earlier ones. */
  fixes: SuggestedFixItem[];
  /** Whether a pull or merge request can be opened for this entity's source, and if not, why. */
  pullRequest: { supported: boolean; reason?: string };
}

/** Body of POST /scorecards/:kind/:namespace/:name/fixes/pull-request @public */
export interface FixPullRequestRequest {
  /** Rule ids to fix; every suggested fix when absent. */
  rules?: string[];
}

/** Answer of POST /scorecards/:kind/:namespace/:name/fixes/pull-request @public */
export interface FixPullRequestResponse {
  /** Web address of the pull (GitHub) or merge (GitLab) request. */
  url: string;
  number: number;
  branch: string;
  /** The branch the request targets. */
  base: string;
  /** The rules the request fixes. */
  rules: string[];
  /** The sum of their expected gains. */
  expectedGain: number;
}

/** Sortable leaderboard columns. @public */
export type LeaderboardOrderBy = 'score' | 'name' | 'owner' | 'auditedAt';

/**
 * Query of GET /leaderboard; every field is optional. It is the query the
 * backend's OpenAPI spec (readiness-backend src/schema/openapi.yaml)
 * declares; a compile-time check in the backend keeps the two equal.
 * @public
 */
export interface LeaderboardQuery {
  owner?: string;
  kind?: string;
  lifecycle?: string;
  band?: Band;
  /** Only entities with a blocker in this category (built-in or custom). */
  category?: CategoryId;
  minScore?: number;
  maxScore?: number;
  /** Case-insensitive search in names, titles and entity refs. */
  q?: string;
  orderBy?: LeaderboardOrderBy;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
  /** Also list entities never audited successfully (score null). */
  includeUnscored?: boolean;
}

/** One row of GET /leaderboard. @public */
export interface LeaderboardItem {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  owner?: string;
  lifecycle?: string;
  /** Null only for never-scored entities, listed with `includeUnscored=true`. */
  score: number | null;
  verdict: Verdict | null;
  band: Band | null;
  blockers: number;
  auditedAt: string | null;
  error?: string;
  /** Set while the entity waits for its SCM's rate limit; shown instead of `error`. */
  waiting?: ScmRateLimitWait;
}

/** GET /leaderboard @public */
export interface LeaderboardResponse {
  items: LeaderboardItem[];
  total: number;
}

/** A rule that blocks production for one or more entities. @public */
export interface BlockerSummary {
  ruleId: string;
  title: string;
  severity: Severity;
  category: CategoryId;
  /** Number of entities the rule blocks. */
  count: number;
  /** Refs of the blocked entities. */
  entities: string[];
}

/** GET /blockers @public */
export interface BlockersResponse {
  items: BlockerSummary[];
}

/** The readiness roll-up of one owner. @public */
export interface OwnerSummary {
  owner: string;
  entities: number;
  averageScore: number;
  band: Band;
  blockers: number;
  notReady: number;
}

/** GET /owners @public */
export interface OwnersResponse {
  items: OwnerSummary[];
}

/** A rule of the catalog with its documentation. @public */
export type RuleDoc = RuleMeta & { docs?: string };

/** GET /rules @public */
export interface RulesResponse {
  items: RuleDoc[];
}

/** One category a backend scores, built in or custom. @public */
export interface CategoryInfo {
  id: CategoryId;
  title: string;
  /** Its weight in the overall score. */
  weight: number;
  description?: string;
  /** Set for a category the configuration declares. */
  custom?: boolean;
}

/** GET /categories: in scorecard order, the built-in ones first. @public */
export interface CategoriesResponse {
  items: CategoryInfo[];
}

/** One scored entity of GET /summaries. @public */
export interface EntityReadinessSummary {
  entityRef: string;
  score: number;
  band: Band;
  verdict: Verdict;
  blockers: number;
}

/** GET /summaries: every visible scored entity, for integrations. @public */
export interface SummariesResponse {
  items: EntityReadinessSummary[];
}
