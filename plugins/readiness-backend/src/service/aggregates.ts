import { RouteContext } from './context';
import { BlockersResponse, OwnersResponse, SummariesResponse } from './types';
import { ApiRoutes } from './validation';

/**
 * GET /blockers, /owners and /summaries: aggregates over the entities the
 * caller can see, so no count includes an invisible entity. Blockers and
 * summaries are paged: by default the 100 most widespread rules with their
 * first 100 entities each (`count` counts them all), and 10,000 summaries.
 */
export function aggregateRoutes(ctx: RouteContext, routes: ApiRoutes) {
  routes.add({
    method: 'GET',
    path: '/blockers',
    handler: async ({ query, req, res }) => {
      const credentials = await ctx.httpAuth.credentials(req);
      const visible = await ctx.visibility.visibleRefs(credentials);
      const body: BlockersResponse = {
        items: await ctx.store.listBlockers(visible, {
          limit: query.limit ?? 100,
          offset: query.offset ?? 0,
          entities: query.entities ?? 100,
        }),
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
    handler: async ({ query, req, res }) => {
      const credentials = await ctx.httpAuth.credentials(req);
      const visible = await ctx.visibility.visibleRefs(credentials);
      const body: SummariesResponse = {
        items: await ctx.store.listSummaries(visible, {
          limit: query.limit ?? 10_000,
          offset: query.offset ?? 0,
        }),
      };
      res.json(body);
    },
  });
}
