import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { readinessFixCreatePermission } from '@readiness/backstage-plugin-readiness-common';
import { FixService } from '../fixes/FixService';
import { RouteContext } from './context';
import { visibleEntity } from './entityAccess';
import { ApiRoutes, auditedEntityParams } from './validation';

/** Checks the `readiness.fix.create` permission (a basic permission). */
async function authorizeFixCreate(
  permissions: PermissionsService,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [{ permission: readinessFixCreatePermission }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `You are not allowed to open pull requests with the suggested fixes of ${entityRef} (readiness.fix.create)`,
    );
  }
}

/** GET the suggested fixes of an entity; POST a pull or merge request with them. */
export function fixRoutes(
  ctx: RouteContext & { fixes: FixService },
  routes: ApiRoutes,
) {
  routes.add({
    method: 'GET',
    path: '/scorecards/:kind/:namespace/:name/fixes',
    params: auditedEntityParams,
    handler: async ({ params: { entityRef }, req, res }) => {
      const credentials = await ctx.httpAuth.credentials(req);
      const entity = await visibleEntity(ctx.catalog, entityRef, credentials);
      const stored = await ctx.store.getScorecard(entityRef);
      res.json(await ctx.fixes.suggestions(entity, stored));
    },
  });

  routes.add({
    method: 'POST',
    path: '/scorecards/:kind/:namespace/:name/fixes/pull-request',
    params: auditedEntityParams,
    handler: async ({ params: { entityRef }, body, req, res }) => {
      const credentials = await ctx.httpAuth.credentials(req);
      // A hidden entity is a 404 before any permission is asked about it.
      const entity = await visibleEntity(ctx.catalog, entityRef, credentials);
      await authorizeFixCreate(ctx.permissions, entityRef, credentials);
      const stored = await ctx.store.getScorecard(entityRef);
      const opened = await ctx.fixes.openPullRequest(entity, stored, {
        rules: body?.rules ? [...body.rules] : undefined,
      });
      ctx.logger.info(
        `Opened ${opened.url} with the fixes of ${opened.rules.join(
          ', ',
        )} for ${entityRef}`,
      );
      res.status(201).json(opened);
    },
  });
}
