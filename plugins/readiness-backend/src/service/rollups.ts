import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  ROLLUP_KINDS,
  RollupKind,
  RollupResponse,
} from '@readiness/backstage-plugin-readiness-common';
import { RouteContext } from './context';
import { visibleEntity } from './entityAccess';
import { toLeaderboardItem } from './leaderboard';
import { rollupMembers } from './rollupMembers';
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
 * the caller's credentials, so a hidden entity is neither counted nor shown;
 * the figures are summarised by the store.
 */
export function rollupRoutes(ctx: RouteContext, routes: ApiRoutes) {
  routes.add({
    method: 'GET',
    path: '/rollups/:kind/:namespace/:name',
    params: rollupEntityParams,
    handler: async ({ params: { entityRef, kind }, query, req, res }) => {
      const credentials = await ctx.httpAuth.credentials(req);
      await visibleEntity(ctx.catalog, entityRef, credentials);
      const members = await rollupMembers(
        ctx.catalog,
        entityRef,
        kind,
        credentials,
      );
      const rollup = await ctx.store.getRollup(members, {
        worst: query.worst ?? 5,
        rules: query.rules ?? 5,
        days: query.days ?? 90,
        now: new Date(),
      });
      const body: RollupResponse = {
        entityRef,
        ...rollup,
        worst: rollup.worst.map(toLeaderboardItem),
      };
      res.json(body);
    },
  });
}
