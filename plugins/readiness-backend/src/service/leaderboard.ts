import { z } from 'zod';
import { RouteContext } from './context';
import { LeaderboardResponse } from './types';
import {
  ApiRoutes,
  kindName,
  oneOf,
  ownerRef,
  queryInt,
  queryString,
} from './validation';

const leaderboardQuery = z
  .object({
    owner: ownerRef.optional(),
    // A filter: a kind that is not audited matches no entity.
    kind: kindName.optional(),
    lifecycle: queryString(255)
      .pipe(z.string().min(1, 'must not be empty'))
      .optional(),
    band: oneOf(['good', 'needs-work', 'poor', 'critical']).optional(),
    minScore: queryInt(0, 100).optional(),
    maxScore: queryInt(0, 100).optional(),
    q: queryString(200).optional(),
    orderBy: oneOf(['score', 'name', 'owner', 'auditedAt']).optional(),
    order: oneOf(['asc', 'desc']).optional(),
    limit: queryInt(1, 500).optional(),
    offset: queryInt(0, 10_000_000).optional(),
    includeUnscored: oneOf(['true', 'false'])
      .transform(v => v === 'true')
      .optional(),
  })
  .strict()
  .refine(
    q =>
      q.minScore === undefined ||
      q.maxScore === undefined ||
      q.minScore <= q.maxScore,
    { message: 'minScore must not exceed maxScore', path: ['minScore'] },
  );

/** GET /leaderboard: scored entities, filtered, ordered and paged. */
export function leaderboardRoutes(ctx: RouteContext, routes: ApiRoutes) {
  routes.add({
    method: 'GET',
    path: '/leaderboard',
    query: leaderboardQuery,
    handler: async ({ query, req, res }) => {
      const credentials = await ctx.httpAuth.credentials(req);
      const visible = await ctx.visibility.visibleRefs(credentials);
      const { items, total } = await ctx.store.listScorecards(
        { ...query, q: query.q || undefined },
        visible,
      );
      const body: LeaderboardResponse = {
        items: items.map(row => ({
          entityRef: row.entityRef,
          kind: row.kind,
          namespace: row.namespace,
          name: row.name,
          ...(row.title ? { title: row.title } : {}),
          ...(row.owner ? { owner: row.owner } : {}),
          ...(row.lifecycle ? { lifecycle: row.lifecycle } : {}),
          score: row.score,
          verdict: row.verdict,
          band: row.band,
          blockers: row.blockers,
          auditedAt: row.auditedAt?.toISOString() ?? null,
          ...(row.error ? { error: row.error } : {}),
        })),
        total,
      };
      res.json(body);
    },
  });
}
