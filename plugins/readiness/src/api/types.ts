/** The REST API's shapes, from the contract in readiness-common. */
export type {
  BlockerSummary,
  LeaderboardItem,
  LeaderboardOrderBy,
  LeaderboardQuery,
  LeaderboardResponse,
  OwnerSummary,
  RollupResponse,
  RuleMeta,
  ScorecardHistoryEntry,
  ScorecardResponse as EntityScorecardResponse,
} from '@readiness/backstage-plugin-readiness-common';
