import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  parseEntityRef,
} from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { EntityRefInput, ReadinessApi, RollupQuery } from './ReadinessApi';
import type {
  AuditChangesResponse,
  BlockerSummary,
  Campaign,
  CampaignDetailQuery,
  CampaignDetailResponse,
  CampaignInput,
  CampaignListQuery,
  CampaignListResponse,
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
  CategoryInfo,
  SuggestedFixesResponse,
  SummariesQuery,
} from './types';

type QueryValue = string | number | undefined;

interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT';
  query?: Record<string, QueryValue>;
  /** Reads the body; JSON when not given. */
  parse?: (response: Response) => Promise<T>;
  accept?: string;
  /** Sent as JSON. */
  body?: unknown;
}

/** The path segment of an entity: `/<kind>/<namespace>/<name>`. */
export function entityPath(entityRef: EntityRefInput): string {
  const ref: CompoundEntityRef =
    typeof entityRef === 'string'
      ? parseEntityRef(entityRef)
      : {
          kind: entityRef.kind,
          namespace: entityRef.namespace || DEFAULT_NAMESPACE,
          name: entityRef.name,
        };
  return [ref.kind.toLocaleLowerCase('en-US'), ref.namespace, ref.name]
    .map(part => `/${encodeURIComponent(part)}`)
    .join('');
}

/** The path of a campaign: `/campaigns/<id>`, the id encoded. */
export function campaignPath(id: string): string {
  return `/campaigns/${encodeURIComponent(id)}`;
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Talks to the Readiness backend through the app's fetch API, so the user's
 * identity travels with every request.
 * @public
 */
export class ReadinessClient implements ReadinessApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async getScorecard(
    entityRef: EntityRefInput,
  ): Promise<EntityScorecardResponse> {
    return this.request<EntityScorecardResponse>(
      `/scorecards${entityPath(entityRef)}`,
    );
  }

  async getChanges(entityRef: EntityRefInput): Promise<AuditChangesResponse> {
    return this.request<AuditChangesResponse>(
      `/scorecards${entityPath(entityRef)}/changes`,
    );
  }

  async getReview(entityRef: EntityRefInput): Promise<string> {
    return this.request<string>(
      `/scorecards${entityPath(entityRef)}/review.md`,
      {
        accept: 'text/markdown',
        parse: response => response.text(),
      },
    );
  }

  async refresh(entityRef: EntityRefInput): Promise<{ status: string }> {
    return this.request<{ status: string }>(
      `/scorecards${entityPath(entityRef)}/refresh`,
      { method: 'POST' },
    );
  }

  async getSuggestedFixes(
    entityRef: EntityRefInput,
  ): Promise<SuggestedFixesResponse> {
    return this.request<SuggestedFixesResponse>(
      `/scorecards${entityPath(entityRef)}/fixes`,
    );
  }

  async openFixPullRequest(
    entityRef: EntityRefInput,
    request: FixPullRequestRequest = {},
  ): Promise<FixPullRequestResponse> {
    return this.request<FixPullRequestResponse>(
      `/scorecards${entityPath(entityRef)}/fixes/pull-request`,
      { method: 'POST', body: request },
    );
  }

  async getLeaderboard(
    query: LeaderboardQuery = {},
  ): Promise<LeaderboardResponse> {
    return this.request<LeaderboardResponse>('/leaderboard', {
      query: {
        ...query,
        q: query.q?.trim(),
        includeUnscored: query.includeUnscored ? 'true' : undefined,
      },
    });
  }

  async getBlockers(): Promise<BlockerSummary[]> {
    const body = await this.request<{ items: BlockerSummary[] }>('/blockers');
    return body.items;
  }

  async getOwners(): Promise<OwnerSummary[]> {
    const body = await this.request<{ items: OwnerSummary[] }>('/owners');
    return body.items;
  }

  async getRules(): Promise<RuleMeta[]> {
    const body = await this.request<{ items: RuleMeta[] }>('/rules');
    return body.items;
  }

  async getCategories(): Promise<CategoryInfo[]> {
    const body = await this.request<{ items: CategoryInfo[] }>('/categories');
    return body.items;
  }

  async getSummaries(
    page: SummariesQuery = {},
  ): Promise<EntityReadinessSummary[]> {
    const body = await this.request<{ items: EntityReadinessSummary[] }>(
      '/summaries',
      { query: { limit: page.limit, offset: page.offset } },
    );
    return body.items;
  }

  async getRollup(
    entityRef: EntityRefInput,
    options: RollupQuery = {},
  ): Promise<RollupResponse> {
    return this.request<RollupResponse>(`/rollups${entityPath(entityRef)}`, {
      query: { worst: options.worst, rules: options.rules, days: options.days },
    });
  }

  async listCampaigns(
    query: CampaignListQuery = {},
  ): Promise<CampaignListResponse> {
    return this.request<CampaignListResponse>('/campaigns', {
      query: { includeArchived: query.includeArchived ? 'true' : undefined },
    });
  }

  async getCampaign(
    id: string,
    query: CampaignDetailQuery = {},
  ): Promise<CampaignDetailResponse> {
    return this.request<CampaignDetailResponse>(campaignPath(id), {
      query: {
        status: query.status,
        owner: query.owner,
        limit: query.limit,
        offset: query.offset,
        days: query.days,
      },
    });
  }

  async getEntityCampaigns(
    entityRef: EntityRefInput,
  ): Promise<EntityCampaignsResponse> {
    return this.request<EntityCampaignsResponse>(
      `/scorecards${entityPath(entityRef)}/campaigns`,
    );
  }

  async createCampaign(campaign: CampaignInput): Promise<Campaign> {
    return this.request<Campaign>('/campaigns', {
      method: 'POST',
      body: campaign,
    });
  }

  async updateCampaign(
    id: string,
    campaign: Omit<CampaignInput, 'id'>,
  ): Promise<Campaign> {
    return this.request<Campaign>(campaignPath(id), {
      method: 'PUT',
      body: campaign,
    });
  }

  async archiveCampaign(id: string): Promise<Campaign> {
    return this.request<Campaign>(`${campaignPath(id)}/archive`, {
      method: 'POST',
    });
  }

  private async request<T>(
    path: string,
    options: RequestOptions<T> = {},
  ): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('readiness');
    const response = await this.#fetchApi.fetch(
      `${baseUrl}${path}${queryString(options.query)}`,
      {
        method: options.method ?? 'GET',
        headers: {
          Accept: options.accept ?? 'application/json',
          ...(options.body !== undefined
            ? { 'Content-Type': 'application/json' }
            : {}),
        },
        ...(options.body !== undefined
          ? { body: JSON.stringify(options.body) }
          : {}),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (options.parse) {
      return options.parse(response);
    }
    return (await response.json()) as T;
  }
}
