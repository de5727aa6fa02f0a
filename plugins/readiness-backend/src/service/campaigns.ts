import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
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
import express, { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { CampaignService } from '../campaigns/CampaignService';
import {
  campaignBodySchema,
  campaignId,
  campaignSchema,
  vocabularyOf,
} from '../campaigns/definition';
import { progressByTeam } from '../campaigns/progress';
import { visibleEntity } from './entityAccess';
import { EntityVisibility } from './visibility';
import {
  auditedEntityParams,
  MethodNotAllowedError,
  parseInput,
  text,
} from './validation';

/** What the campaign routes need of the router's context. */
export interface CampaignRouteContext {
  rules: RuleRegistry;
  visibility: EntityVisibility;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}

const BODY_LIMIT = '16kb';

/** A single query-string value, trimmed; repeated parameters are refused. */
const queryText = (max: number) => text(max).transform(value => value.trim());

const queryInt = (min: number, max: number) =>
  queryText(32)
    .pipe(z.string().regex(/^-?\d+$/, 'must be a whole number'))
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, `must be at least ${min}`)
        .max(max, `must be at most ${max}`),
    );

const queryBoolean = z
  .enum(['true', 'false'], {
    errorMap: () => ({ message: 'must be true or false' }),
  })
  .transform(v => v === 'true');

const noQuery = z.object({}).strict();

/** GET /campaigns. */
export const campaignListQuery = z
  .object({ includeArchived: queryBoolean.optional() })
  .strict();

/** GET /campaigns/:id: the series window and the page of entities. */
export const campaignDetailQuery = z
  .object({
    status: z
      .enum(['done', 'waived', 'not-done', 'unscored', 'left'], {
        errorMap: () => ({
          message: 'must be one of done, waived, not-done, unscored, left',
        }),
      })
      .optional(),
    owner: queryText(255)
      .pipe(z.string().min(1, 'must not be empty'))
      .optional(),
    limit: queryInt(1, 500).optional(),
    offset: queryInt(0, 10_000_000).optional(),
    days: queryInt(1, 730).optional(),
  })
  .strict();

const idParams = z.object({ id: campaignId }).strict();

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
 * The campaign routes, on a router of their own:
 * GET /campaigns, GET /campaigns/:id, POST /campaigns, PUT /campaigns/:id,
 * POST /campaigns/:id/archive and GET /scorecards/:kind/:namespace/:name/campaigns.
 * Path, query and body are checked before a handler runs (a 400 naming the
 * parameter); the writes need `readiness.campaign.manage` (403), and
 * campaigns from configuration are read-only (409). Reading follows the
 * catalog: an entity the caller cannot see is neither listed nor counted.
 */
export function campaignRouter(
  context: CampaignRouteContext,
  campaigns: CampaignService,
): express.Router {
  const ctx = {
    ...context,
    campaigns,
    vocabulary: vocabularyOf(context.rules),
  };
  const router = Router();
  const methods = new Map<string, string[]>();
  const json = express.json({ limit: BODY_LIMIT });
  const allow = (path: string, ...verbs: string[]) =>
    methods.set(path, [...(methods.get(path) ?? []), ...verbs]);

  const query = <T extends z.ZodTypeAny>(schema: T, req: Request) =>
    parseInput(schema, req.query, 'query') as z.infer<T>;
  const id = (req: Request) =>
    parseInput(idParams, { ...req.params }, 'campaign id').id;

  allow('/campaigns', 'GET', 'HEAD', 'POST');
  router.get('/campaigns', async (req: Request, res: Response) => {
    const { includeArchived } = query(campaignListQuery, req);
    const credentials = await ctx.httpAuth.credentials(req);
    const visible = await ctx.visibility.visibleRefs(credentials);
    const now = new Date();
    const items: CampaignSummary[] = [];
    for (const campaign of await ctx.campaigns.list({ includeArchived })) {
      const { progress } = await ctx.campaigns.judge(campaign, visible, now);
      items.push({ ...campaign, progress });
    }
    const body: CampaignListResponse = { items };
    res.json(body);
  });

  router.post('/campaigns', json, async (req: Request, res: Response) => {
    query(noQuery, req);
    await authorizeManage(ctx, await ctx.httpAuth.credentials(req));
    const definition = parseInput(
      campaignSchema(ctx.vocabulary),
      req.body ?? {},
      'request body',
    );
    res.status(201).json(await ctx.campaigns.create(definition, new Date()));
  });

  allow('/campaigns/:id', 'GET', 'HEAD', 'PUT');
  router.get('/campaigns/:id', async (req: Request, res: Response) => {
    const campaignIdValue = id(req);
    const q = query(campaignDetailQuery, req);
    const campaign = await ctx.campaigns.get(campaignIdValue);
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
    const owner = q.owner?.toLocaleLowerCase('en-US');
    const matching = judged.entities.filter(
      e =>
        (!owner || e.owner?.toLocaleLowerCase('en-US') === owner) &&
        (!q.status || (q.status === 'left' ? !e.done : e.status === q.status)),
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
  });

  router.put('/campaigns/:id', json, async (req: Request, res: Response) => {
    const campaignIdValue = id(req);
    query(noQuery, req);
    await authorizeManage(ctx, await ctx.httpAuth.credentials(req));
    const definition = parseInput(
      campaignBodySchema(ctx.vocabulary),
      req.body ?? {},
      'request body',
    );
    res.json(
      await ctx.campaigns.update(campaignIdValue, definition, new Date()),
    );
  });

  allow('/campaigns/:id/archive', 'POST');
  router.post('/campaigns/:id/archive', async (req: Request, res: Response) => {
    const campaignIdValue = id(req);
    query(noQuery, req);
    await authorizeManage(ctx, await ctx.httpAuth.credentials(req));
    res.json(await ctx.campaigns.archive(campaignIdValue, new Date()));
  });

  const entityPath = '/scorecards/:kind/:namespace/:name/campaigns';
  allow(entityPath, 'GET', 'HEAD');
  router.get(entityPath, async (req: Request, res: Response) => {
    const { entityRef } = auditedEntityParams({
      kind: req.params.kind,
      namespace: req.params.namespace,
      name: req.params.name,
    });
    query(noQuery, req);
    const credentials = await ctx.httpAuth.credentials(req);
    const entity = await visibleEntity(ctx.catalog, entityRef, credentials);
    const ref = stringifyEntityRef(entity);
    const body: EntityCampaignsResponse = {
      entityRef: ref,
      items: await ctx.campaigns.forEntity(ref, new Date()),
    };
    res.json(body);
  });

  // Other methods on these paths: 405 (OPTIONS gets express's own answer,
  // 200 with Allow, from the inner router).
  const outer = Router();
  outer.use(router);
  for (const [path, verbs] of methods) {
    const allowHeader = verbs.join(', ');
    outer.all(path, async (req: Request, res: Response) => {
      res.setHeader('Allow', allowHeader);
      throw new MethodNotAllowedError(
        `${req.method} is not allowed here; use ${allowHeader}`,
      );
    });
  }
  outer.use(
    (error: unknown, _req: Request, _res: Response, next: NextFunction) => {
      next(
        error instanceof URIError
          ? new InputError('The request path is not valid percent-encoding')
          : error,
      );
    },
  );
  return outer;
}
