import type { LeaderboardQuery as LeaderboardFilters } from '@readiness/backstage-plugin-readiness-common';

/** The REST API's shapes, from the contract in readiness-common. */
export type {
  AuditChangesPoint,
  AuditChangesResponse,
  AuditTransitions,
  BlockerSummary,
  Campaign,
  CampaignDetailResponse,
  CampaignEntityProgress,
  CampaignEntityStatus,
  CampaignInput,
  CampaignListResponse,
  CampaignProgress,
  CampaignRequirement,
  CampaignScope,
  CampaignSeriesPoint,
  CampaignSummary,
  CampaignTeamProgress,
  CategoryInfo,
  EntityCampaign,
  EntityCampaignsResponse,
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
 * Query of GET /leaderboard, as readiness-common defines it from the
 * backend's OpenAPI spec.
 * @public
 */
export type LeaderboardQuery = LeaderboardFilters;

/** A page of GET /summaries, in the order of the entity ref. @public */
export interface SummariesQuery {
  /** 1–10,000; 10,000 by default. */
  limit?: number;
  offset?: number;
}

/** Query of GET /campaigns. @public */
export interface CampaignListQuery {
  /** Lists archived campaigns too (hidden by default). */
  includeArchived?: boolean;
}

/**
 * Query of GET /campaigns/:id: which covered entities to page through and
 * how many days of series.
 * @public
 */
export interface CampaignDetailQuery {
  /** Entities of one status, or `left` for every entity not done. */
  status?: 'done' | 'waived' | 'not-done' | 'unscored' | 'left';
  /** Entities of one owner (an entity ref). */
  owner?: string;
  /** Entities per page (1–500; 50 by default). */
  limit?: number;
  offset?: number;
  /** Days of the daily series (1–730; 90 by default). */
  days?: number;
}
