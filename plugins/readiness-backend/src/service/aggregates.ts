import Router from 'express-promise-router';
import { RouteContext } from './context';
import { BlockersResponse, OwnersResponse, SummariesResponse } from './types';

/**
 * GET /blockers, /owners and /summaries: aggregates over the entities the
 * caller can see, so no count includes an invisible entity.
 */
export function aggregateRoutes(ctx: RouteContext) {
  const router = Router();

  router.get('/blockers', async (req, res) => {
    const credentials = await ctx.httpAuth.credentials(req);
    const visible = await ctx.visibility.visibleRefs(credentials);
    const body: BlockersResponse = {
      items: await ctx.store.listBlockers(visible),
    };
    res.json(body);
  });

  router.get('/owners', async (req, res) => {
    const credentials = await ctx.httpAuth.credentials(req);
    const visible = await ctx.visibility.visibleRefs(credentials);
    const body: OwnersResponse = { items: await ctx.store.listOwners(visible) };
    res.json(body);
  });

  router.get('/summaries', async (req, res) => {
    const credentials = await ctx.httpAuth.credentials(req);
    const visible = await ctx.visibility.visibleRefs(credentials);
    const body: SummariesResponse = {
      items: await ctx.store.listSummaries(visible),
    };
    res.json(body);
  });

  return router;
}
