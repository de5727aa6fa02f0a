import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  ROLLUP_KINDS,
  RollupKind,
  RollupResponse,
} from '@readiness/backstage-plugin-readiness-common';
import { z } from 'zod';
import { RouteContext } from './context';
import { visibleEntity } from './entityAccess';
import { toLeaderboardItem } from './leaderboard';
import { rollupMembers } from './rollupMembers';
import { ApiRoutes, entityParams, parseInput, queryInt } from './validation';

const rollupKinds = new Set<string>(ROLLUP_KINDS);

/**
 * The entity a roll-up route names. Malformed parts are a 400; a kind that
 * rolls nothing up is a 404 decided before the catalog is asked.
 */
export function rollupEntityParams(raw: unknown): {
  entityRef: string;
  kind: RollupKind;
} {
  const params = parseInput(entityParams, raw, 'entity reference');
  const entityRef = stringifyEntityRef(params);
  const kind = params.kind.toLocaleLowerCase('en-US');
  if (!rollupKinds.has(kind)) {
    throw new NotFoundError(
      `No roll-up for ${entityRef}: only Group, System and Domain entities roll up`,
    );
  }
  return { entityRef, kind: kind as RollupKind };
}

/** How much of a roll-up to return. */
export const rollupQuery = z
  .object({
    worst: queryInt(1, 50).optional(),
    rules: queryInt(1, 50).optional(),
    days: queryInt(1, 730).optional(),
  })
  .strict();

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
    query: rollupQuery,
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
