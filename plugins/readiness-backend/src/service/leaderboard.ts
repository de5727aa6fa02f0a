import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import Router from 'express-promise-router';
import { z } from 'zod';
import { RouteContext } from './context';
import { LeaderboardResponse } from './types';
import { parseInput, queryInt, queryString } from './validation';

const leaderboardQuery = z
  .object({
    owner: queryString.min(1).max(512).optional(),
    kind: queryString.min(1).max(255).optional(),
    lifecycle: queryString.min(1).max(255).optional(),
    band: z.enum(['good', 'needs-work', 'poor', 'critical']).optional(),
    minScore: queryInt(0, 100).optional(),
    maxScore: queryInt(0, 100).optional(),
    q: queryString.max(200).optional(),
    orderBy: z.enum(['score', 'name', 'owner', 'auditedAt']).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    limit: queryInt(1, 500).optional(),
    offset: queryInt(0, 10_000_000).optional(),
    includeUnscored: z
      .enum(['true', 'false'])
      .transform(v => v === 'true')
      .optional(),
  })
  .refine(
    q =>
      q.minScore === undefined ||
      q.maxScore === undefined ||
      q.minScore <= q.maxScore,
    { message: 'minScore must not exceed maxScore', path: ['minScore'] },
  );

function ownerRef(owner: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch (e) {
    throw new InputError(`Invalid owner '${owner}': ${(e as Error).message}`);
  }
}

/** GET /leaderboard: scored entities, filtered, ordered and paged. */
export function leaderboardRoutes(ctx: RouteContext) {
  const router = Router();
  router.get('/leaderboard', async (req, res) => {
    const query = parseInput(leaderboardQuery, req.query, 'leaderboard query');
    const credentials = await ctx.httpAuth.credentials(req);
    const visible = await ctx.visibility.visibleRefs(credentials);
    const { items, total } = await ctx.store.listScorecards(
      {
        ...query,
        owner: query.owner ? ownerRef(query.owner) : undefined,
        q: query.q || undefined,
      },
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
  });
  return router;
}
