import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { readinessRefreshPermission } from '@readiness/backstage-plugin-readiness-common';

/**
 * The entity as the caller may see it. An entity hidden from the caller
 * gets the same NotFoundError as one that does not exist, so the answer
 * says nothing about it.
 */
export async function visibleEntity(
  catalog: CatalogService,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<Entity> {
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) {
    throw new NotFoundError(`No entity ${entityRef} found`);
  }
  return entity;
}

/**
 * Checks that the caller may request a refresh of an entity's scorecard:
 * the `readiness.scorecard.refresh` permission on that entity. Ask only
 * after {@link visibleEntity}, so a hidden entity is never named in a
 * refusal.
 */
export async function authorizeRefresh(
  permissions: PermissionsService,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [{ permission: readinessRefreshPermission, resourceRef: entityRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `You are not allowed to refresh the scorecard of ${entityRef}`,
    );
  }
}
