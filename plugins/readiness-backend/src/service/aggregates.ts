import { z } from 'zod';
import { RouteContext } from './context';
import { BlockersResponse, OwnersResponse, SummariesResponse } from './types';
import { ApiRoutes, queryInt } from './validation';

/** GET /blockers: a page of rules, and how many entities each lists. */
export const blockersQuery = z
  .object({
    limit: queryInt(1, 500).optional(),
    offset: queryInt(0, 10_000_000).optional(),
    entities: queryInt(0, 10_000).optional(),
  })
  .strict();

/** GET /summaries: a page of entities, by entity ref. */
export const summariesQuery = z
  .object({
    limit: queryInt(1, 10_000).optional(),
    offset: queryInt(0, 10_000_000).optional(),
  })
  .strict();

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
    query: blockersQuery,
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
    query: summariesQuery,
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
