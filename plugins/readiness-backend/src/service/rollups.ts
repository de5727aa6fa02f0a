import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  ROLLUP_KINDS,
  RollupKind,
  RollupResponse,
} from '@readiness/backstage-plugin-readiness-common';
import { RouteContext } from './context';
import { toLeaderboardItem } from './leaderboard';
import { RollupAggregate } from '../database/ReadinessStore';
import { RollupMemberCache } from './rollupMembers';
import { refsKey, SharedCache } from './sharedCache';
import { ApiRoutes } from './validation';

const rollupKinds = new Set<string>(ROLLUP_KINDS);

/**
 * The entity a roll-up route names (its parts valid per the spec). A kind
 * that rolls nothing up is a 404 decided before the catalog is asked.
 */
export function rollupEntityParams(params: {
  kind: string;
  namespace: string;
  name: string;
}): {
  entityRef: string;
  kind: RollupKind;
} {
  const entityRef = stringifyEntityRef(params);
  const kind = params.kind.toLocaleLowerCase('en-US');
  if (!rollupKinds.has(kind)) {
    throw new NotFoundError(
      `No roll-up for ${entityRef}: only Group, System and Domain entities roll up`,
    );
  }
  return { entityRef, kind: kind as RollupKind };
}

/**
 * GET /rollups/:kind/:namespace/:name: the readiness of what a Group, a
 * System or a Domain holds. The entity and its members are looked up with
 * the caller's credentials, so a hidden entity is neither counted nor shown
 * (both kept 10 s per user and roll-up); the figures are summarised by the
 * store, once for every caller who sees the same members (kept 10 s, and
 * served up to 30 s old while summarised again).
 */
export function rollupRoutes(ctx: RouteContext, routes: ApiRoutes) {
  const members = new RollupMemberCache({
    catalog: ctx.catalog,
    auth: ctx.auth,
  });
  const figures = new SharedCache<RollupAggregate>({
    freshMs: 10_000,
    staleMs: 30_000,
    max: 200,
  });
  routes.add({
    method: 'GET',
    path: '/rollups/:kind/:namespace/:name',
    params: rollupEntityParams,
    handler: async ({ params: { entityRef, kind }, query, req, res }) => {
      const credentials = await ctx.httpAuth.credentials(req);
      const refs = await members.members(entityRef, kind, credentials);
      const options = {
        worst: query.worst ?? 5,
        rules: query.rules ?? 5,
        days: query.days ?? 90,
        now: new Date(),
      };
      const today = options.now.toISOString().slice(0, 10);
      const rollup = await figures.get(
        JSON.stringify([
          options.worst,
          options.rules,
          options.days,
          today,
          refsKey(refs),
        ]),
        () => ctx.store.getRollup(refs, options),
      );
      const body: RollupResponse = {
        entityRef,
        ...rollup,
        worst: rollup.worst.map(toLeaderboardItem),
      };
      res.json(body);
    },
  });
}
