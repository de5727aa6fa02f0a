import type {
  Band,
  CategoryId,
  RuleMeta,
  Scorecard,
  Severity,
  Verdict,
} from '@readiness/backstage-plugin-readiness-common';

/** One audit in an entity's score history. @public */
export interface ScorecardHistoryEntry {
  auditedAt: string;
  score: number;
  verdict: Verdict;
  /** Category scores of that audit; null where the category did not apply. */
  categories: Partial<Record<CategoryId, number | null>>;
  /** Number of production blockers in that audit. */
  blockers: number;
}

/** The latest scorecard of an entity, with its history. @public */
export interface EntityScorecardResponse {
  entityRef: string;
  /** null until the entity's repository has been audited once. */
  scorecard: Scorecard | null;
  auditedAt: string | null;
  /** Set when the latest audit failed. */
  error?: string;
  history: ScorecardHistoryEntry[];
  /** True while an audit of the entity is queued or running. */
  refreshing: boolean;
}

/** Sortable leaderboard columns. @public */
export type LeaderboardOrderBy = 'score' | 'name' | 'owner' | 'auditedAt';

/** Query of the leaderboard; every field is optional. @public */
export interface LeaderboardQuery {
  owner?: string;
  kind?: string;
  lifecycle?: string;
  band?: Band;
  minScore?: number;
  maxScore?: number;
  /** Free-text search over names and titles. */
  q?: string;
  orderBy?: LeaderboardOrderBy;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/** One row of the leaderboard. @public */
export interface LeaderboardItem {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  owner?: string;
  lifecycle?: string;
  /** Null only for entities that were never scored. */
  score: number | null;
  verdict: Verdict | null;
  band: Band | null;
  blockers: number;
  auditedAt: string | null;
  error?: string;
}

/** @public */
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

/** The readiness roll-up of one owner. @public */
export interface OwnerSummary {
  owner: string;
  entities: number;
  averageScore: number;
  band: Band;
  blockers: number;
  notReady: number;
}

/** Re-exported for convenience. @public */
export type { RuleMeta };
