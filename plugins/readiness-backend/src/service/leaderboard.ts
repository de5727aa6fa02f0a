import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { z } from 'zod';
import { ScorecardRow } from '../database/ReadinessStore';
import { RouteContext } from './context';
import {
  LeaderboardItem,
  LeaderboardResponse,
  ScmRateLimitWait,
} from './types';
import {
  ApiRoutes,
  kindName,
  oneOf,
  ownerRef,
  queryInt,
  queryString,
} from './validation';

/** The leaderboard's filters, order and page, as query-string values. */
export const leaderboardQuery = z
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
      const body: LeaderboardResponse = await leaderboardPage(
        ctx,
        query,
        credentials,
      );
      res.json(body);
    },
  });
}

/** One page of the leaderboard, over the entities the caller can see. */
export async function leaderboardPage(
  ctx: Pick<RouteContext, 'store' | 'visibility'>,
  query: z.infer<typeof leaderboardQuery>,
  credentials: BackstageCredentials,
): Promise<LeaderboardResponse> {
  const visible = await ctx.visibility.visibleRefs(credentials);
  const { items, total } = await ctx.store.listScorecards(
    { ...query, q: query.q || undefined },
    visible,
  );
  return { items: items.map(toLeaderboardItem), total };
}

/** A leaderboard row as the API serves it. */
export function toLeaderboardItem(row: ScorecardRow): LeaderboardItem {
  return {
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
    ...(row.waiting ? { waiting: waitingOf(row.waiting) } : {}),
  };
}

/** The rate limit an entity waits for, as the API serves it. */
export function waitingOf(waiting: {
  host: string;
  until: Date;
}): ScmRateLimitWait {
  return {
    reason: 'scm-rate-limit',
    host: waiting.host,
    until: waiting.until.toISOString(),
  };
}
