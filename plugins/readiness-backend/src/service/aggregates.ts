import { RouteContext } from './context';
import { BlockersResponse, OwnersResponse, SummariesResponse } from './types';
import { ApiRoutes } from './validation';

/**
 * GET /blockers, /owners and /summaries: aggregates over the entities the
 * caller can see, so no count includes an invisible entity.
 */
export function aggregateRoutes(ctx: RouteContext, routes: ApiRoutes) {
  routes.add({
    method: 'GET',
    path: '/blockers',
    handler: async ({ req, res }) => {
      const credentials = await ctx.httpAuth.credentials(req);
      const visible = await ctx.visibility.visibleRefs(credentials);
      const body: BlockersResponse = {
        items: await ctx.store.listBlockers(visible),
      };
      res.json(body);
    },
  });

  routes.add({
    method: 'GET',
    path: '/owners',
    handler: async ({ req, res }) => {
      const credentials = await ctx.httpAuth.credentials(req);
      const visible = await ctx.visibility.visibleRefs(credentials);
      const body: OwnersResponse = {
        items: await ctx.store.listOwners(visible),
      };
      res.json(body);
    },
  });

  routes.add({
    method: 'GET',
    path: '/summaries',
    handler: async ({ req, res }) => {
      const credentials = await ctx.httpAuth.credentials(req);
      const visible = await ctx.visibility.visibleRefs(credentials);
      const body: SummariesResponse = {
        items: await ctx.store.listSummaries(visible),
      };
      res.json(body);
    },
  });
}
