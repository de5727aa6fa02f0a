/** The REST API's response shapes; the contract lives in readiness-common. */
export type {
  AuditChangesResponse,
  BlockersResponse,
  LeaderboardItem,
  LeaderboardResponse,
  OwnersResponse,
  RulesResponse,
  ScmRateLimitWait,
  ScorecardResponse,
  SummariesResponse,
} from '@readiness/backstage-plugin-readiness-common';
