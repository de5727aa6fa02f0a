/** The REST API's response shapes; the contract lives in readiness-common. */
export type {
  AuditChangesResponse,
  BlockersResponse,
  CategoriesResponse,
  LeaderboardItem,
  LeaderboardResponse,
  OwnersResponse,
  RulesResponse,
  ScmRateLimitWait,
  ScorecardResponse,
  SummariesResponse,
} from '@readiness/backstage-plugin-readiness-common';
