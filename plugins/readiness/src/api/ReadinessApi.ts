import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  AuditChangesResponse,
  BlockerSummary,
  Campaign,
  CampaignDetailQuery,
  CampaignDetailResponse,
  CampaignInput,
  CampaignListQuery,
  CampaignListResponse,
  CategoryInfo,
  EntityCampaignsResponse,
  EntityReadinessSummary,
  EntityScorecardResponse,
  FixPullRequestRequest,
  FixPullRequestResponse,
  LeaderboardQuery,
  LeaderboardResponse,
  OwnerSummary,
  RollupResponse,
  RuleMeta,
  SuggestedFixesResponse,
  SummariesQuery,
} from './types';

/** An entity given as a ref string (`component:default/orders`) or its parts. @public */
export type EntityRefInput = string | CompoundEntityRef;

/**
 * Client of the Readiness backend.
 * @public
 */
export interface ReadinessApi {
  /** The latest scorecard of an entity. Rejects with a 404 `ResponseError` for an unknown entity. */
  getScorecard(entityRef: EntityRefInput): Promise<EntityScorecardResponse>;
  /**
   * What changed since the last audit: the latest two audits and the rule
   * transitions of the latest. Rejects with a 404 `ResponseError` for an
   * unknown or hidden entity.
   */
  getChanges(entityRef: EntityRefInput): Promise<AuditChangesResponse>;
  /** The latest review of an entity, as Markdown. */
  getReview(entityRef: EntityRefInput): Promise<string>;
  /** Queues a new audit of an entity. Rejects with a 403 `ResponseError` when not allowed. */
  refresh(entityRef: EntityRefInput): Promise<{ status: string }>;
  /**
   * The changes the failing rules suggest, computed from the repository at
   * the last audited commit; diffs are redacted. Rejects with a 404 for an
   * entity not audited yet.
   */
  getSuggestedFixes(entityRef: EntityRefInput): Promise<SuggestedFixesResponse>;
  /**
   * Opens a pull (GitHub) or merge (GitLab) request with the suggested
   * fixes (of `request.rules` only, when given). Rejects with a 403 without
   * `readiness.fix.create`, a 409 when the branch exists, a 502 when the
   * SCM refuses.
   */
  openFixPullRequest(
    entityRef: EntityRefInput,
    request?: FixPullRequestRequest,
  ): Promise<FixPullRequestResponse>;
  getLeaderboard(query?: LeaderboardQuery): Promise<LeaderboardResponse>;
  /** The rules that block the most entities. */
  getBlockers(): Promise<BlockerSummary[]>;
  /** The readiness roll-up per owner. */
  getOwners(): Promise<OwnerSummary[]>;
  /** The rule catalog. */
  getRules(): Promise<RuleMeta[]>;
  /**
   * The categories the backend scores, with their titles and weights: the
   * built-in ones, then the custom ones its configuration declares.
   */
  getCategories(): Promise<CategoryInfo[]>;
  /**
   * A page of every scored entity the user can see (score, band, verdict,
   * blockers), in the order of the entity ref; a shorter page is the last.
   */
  getSummaries(page?: SummariesQuery): Promise<EntityReadinessSummary[]>;
  /**
   * The readiness of what a Group (with its child groups), a System or a
   * Domain holds, over the entities the user can see. Rejects with a 404
   * `ResponseError` for other kinds and unknown entities.
   */
  getRollup(
    entityRef: EntityRefInput,
    options?: RollupQuery,
  ): Promise<RollupResponse>;
  /**
   * The campaigns with their progress over the entities the user can see;
   * archived ones only with `includeArchived`.
   */
  listCampaigns(query?: CampaignListQuery): Promise<CampaignListResponse>;
  /**
   * A campaign with its progress, per team, over time and a page of its
   * entities. Rejects with a 404 `ResponseError` for an unknown campaign.
   */
  getCampaign(
    id: string,
    query?: CampaignDetailQuery,
  ): Promise<CampaignDetailResponse>;
  /**
   * The campaigns (not archived) an entity is in, with its standing in each.
   * Rejects with a 404 `ResponseError` for an unknown or hidden entity.
   */
  getEntityCampaigns(
    entityRef: EntityRefInput,
  ): Promise<EntityCampaignsResponse>;
  /**
   * Creates a campaign. Rejects with a 403 without
   * `readiness.campaign.manage`, a 400 for an invalid definition and a 409
   * when the id is taken.
   */
  createCampaign(campaign: CampaignInput): Promise<Campaign>;
  /**
   * Replaces a campaign's definition. Rejects with a 403 without
   * `readiness.campaign.manage` and a 409 for a campaign from configuration.
   */
  updateCampaign(
    id: string,
    campaign: Omit<CampaignInput, 'id'>,
  ): Promise<Campaign>;
  /**
   * Archives a campaign. Rejects with a 403 without
   * `readiness.campaign.manage` and a 409 for a campaign from configuration.
   */
  archiveCampaign(id: string): Promise<Campaign>;
}

/** How much of a roll-up to fetch. @public */
export interface RollupQuery {
  /** Lowest-scored entities to list (1–50; 5 by default). */
  worst?: number;
  /** Blocker and failing rules to list (1–50; 5 by default). */
  rules?: number;
  /** Days of trend (1–730; 90 by default). */
  days?: number;
}

/** @public */
export const readinessApiRef = createApiRef<ReadinessApi>({
  id: 'plugin.readiness.service',
});
