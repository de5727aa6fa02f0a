import type { LeaderboardQuery as LeaderboardFilters } from '@readiness/backstage-plugin-readiness-common';

/** The REST API's shapes, from the contract in readiness-common. */
export type {
  AuditChangesPoint,
  AuditChangesResponse,
  AuditTransitions,
  BlockerSummary,
  EntityReadinessSummary,
  FixPullRequestRequest,
  FixPullRequestResponse,
  LeaderboardItem,
  LeaderboardOrderBy,
  LeaderboardResponse,
  OwnerSummary,
  RollupResponse,
  RuleMeta,
  RuleTransition,
  ScorecardHistoryEntry,
  ScorecardResponse as EntityScorecardResponse,
  SuggestedFixItem,
  SuggestedFixesResponse,
} from '@readiness/backstage-plugin-readiness-common';

/**
 * Query of GET /leaderboard; every field is optional. `includeUnscored`
 * lists the entities never scored too (their audits failed), after the
 * scored ones.
 * @public
 */
export type LeaderboardQuery = LeaderboardFilters & {
  includeUnscored?: boolean;
};

/** A page of GET /summaries, in the order of the entity ref. @public */
export interface SummariesQuery {
  /** 1–10,000; 10,000 by default. */
  limit?: number;
  offset?: number;
}
