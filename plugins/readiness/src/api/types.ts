/** The REST API's shapes, from the contract in readiness-common. */
export type {
  BlockerSummary,
  FixPullRequestRequest,
  FixPullRequestResponse,
  LeaderboardItem,
  LeaderboardOrderBy,
  LeaderboardQuery,
  LeaderboardResponse,
  OwnerSummary,
  RollupResponse,
  RuleMeta,
  ScorecardHistoryEntry,
  ScorecardResponse as EntityScorecardResponse,
  SuggestedFixItem,
  SuggestedFixesResponse,
} from '@readiness/backstage-plugin-readiness-common';
