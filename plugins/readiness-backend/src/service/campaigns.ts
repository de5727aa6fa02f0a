import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CampaignDetailResponse,
  CampaignListResponse,
  CampaignSummary,
  EntityCampaignsResponse,
  readinessCampaignManagePermission,
} from '@readiness/backstage-plugin-readiness-common';
import { RuleRegistry } from '@readiness/backstage-plugin-readiness-node';
import { CampaignService } from '../campaigns/CampaignService';
import {
  campaignBodySchema,
  campaignSchema,
  vocabularyOf,
} from '../campaigns/definition';
import { progressByTeam } from '../campaigns/progress';
import { visibleEntity } from './entityAccess';
import { EntityVisibility } from './visibility';
import { ApiRoutes, auditedEntityParams, parseInput } from './validation';

/** What the campaign routes need of the router's context. */
export interface CampaignRouteContext {
  rules: RuleRegistry;
  visibility: EntityVisibility;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}

/** The campaign id of a route, already a slug per the spec. */
const campaignIdParam = (raw: { id: string }) => raw.id;

async function authorizeManage(
  ctx: Pick<CampaignRouteContext, 'permissions'>,
  credentials: BackstageCredentials,
) {
  const [decision] = await ctx.permissions.authorize(
    [{ permission: readinessCampaignManagePermission }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      'You are not allowed to manage campaigns (readiness.campaign.manage)',
    );
  }
}

/**
 * The campaign routes, declared on the API's routes (src/schema/openapi.yaml):
 * GET /campaigns, GET /campaigns/:id, POST /campaigns, PUT /campaigns/:id,
 * POST /campaigns/:id/archive and GET /scorecards/:kind/:namespace/:name/campaigns.
 * The spec checks path, query and body before a handler runs (a 400 naming
 * the parameter); the campaign schema then checks what the spec cannot say
 * (rules and categories this backend runs, entity refs, calendar days) and
 * fills in the defaults. The writes need `readiness.campaign.manage` (403),
 * and campaigns from configuration are read-only (409). Reading follows the
 * catalog: an entity the caller cannot see is neither listed nor counted.
 */
export function campaignRoutes(
  context: CampaignRouteContext,
  campaigns: CampaignService,
  routes: ApiRoutes,
): void {
  const ctx = {
    ...context,
    campaigns,
    vocabulary: vocabularyOf(context.rules),
  };

  routes.add({
    method: 'GET',
    path: '/campaigns',
    handler: async ({ query, req, res }) => {
      const credentials = await ctx.httpAuth.credentials(req);
      const visible = await ctx.visibility.visibleRefs(credentials);
      const now = new Date();
      const items: CampaignSummary[] = [];
      const list = await ctx.campaigns.list({
        includeArchived: query.includeArchived,
      });
      for (const campaign of list) {
        const { progress } = await ctx.campaigns.judge(campaign, visible, now);
        items.push({ ...campaign, progress });
      }
      const body: CampaignListResponse = { items };
      res.json(body);
    },
  });

  routes.add({
    method: 'POST',
    path: '/campaigns',
    handler: async ({ body, req, res }) => {
      await authorizeManage(ctx, await ctx.httpAuth.credentials(req));
      const definition = parseInput(
        campaignSchema(ctx.vocabulary),
        body,
        'request body',
      );
      res.status(201).json(await ctx.campaigns.create(definition, new Date()));
    },
  });

  routes.add({
    method: 'GET',
    path: '/campaigns/:id',
    params: campaignIdParam,
    handler: async ({ params: id, query: q, req, res }) => {
      const campaign = await ctx.campaigns.get(id);
      const credentials = await ctx.httpAuth.credentials(req);
      const visible = await ctx.visibility.visibleRefs(credentials);
      const now = new Date();
      const judged = await ctx.campaigns.judge(campaign, visible, now);
      const series = await ctx.campaigns.series(
        campaign,
        judged.entities.map(e => e.entityRef),
        q.days ?? 90,
        now,
      );
      const owner = q.owner?.trim().toLocaleLowerCase('en-US');
      const matching = judged.entities.filter(
        e =>
          (!owner || e.owner?.toLocaleLowerCase('en-US') === owner) &&
          (!q.status ||
            (q.status === 'left' ? !e.done : e.status === q.status)),
      );
      const limit = q.limit ?? 50;
      const offset = q.offset ?? 0;
      const body: CampaignDetailResponse = {
        ...campaign,
        progress: judged.progress,
        teams: progressByTeam(judged.entities),
        series,
        entities: {
          items: matching.slice(offset, offset + limit),
          total: matching.length,
          offset,
          limit,
        },
      };
      res.json(body);
    },
  });

  routes.add({
    method: 'PUT',
    path: '/campaigns/:id',
    params: campaignIdParam,
    handler: async ({ params: id, body, req, res }) => {
      await authorizeManage(ctx, await ctx.httpAuth.credentials(req));
      const definition = parseInput(
        campaignBodySchema(ctx.vocabulary),
        body,
        'request body',
      );
      res.json(await ctx.campaigns.update(id, definition, new Date()));
    },
  });

  routes.add({
    method: 'POST',
    path: '/campaigns/:id/archive',
    params: campaignIdParam,
    handler: async ({ params: id, req, res }) => {
      await authorizeManage(ctx, await ctx.httpAuth.credentials(req));
      res.json(await ctx.campaigns.archive(id, new Date()));
    },
  });

  routes.add({
    method: 'GET',
    path: '/scorecards/:kind/:namespace/:name/campaigns',
    params: auditedEntityParams,
    handler: async ({ params: { entityRef }, req, res }) => {
      const credentials = await ctx.httpAuth.credentials(req);
      const entity = await visibleEntity(ctx.catalog, entityRef, credentials);
      const ref = stringifyEntityRef(entity);
      const body: EntityCampaignsResponse = {
        entityRef: ref,
        items: await ctx.campaigns.forEntity(ref, new Date()),
      };
      res.json(body);
    },
  });
}
