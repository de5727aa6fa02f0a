import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Re-auditing an entity's repository on demand. A resource permission on the
 * catalog entity, so policies can grant it per owner.
 * @public
 */
export const readinessRefreshPermission = createPermission({
  name: 'readiness.scorecard.refresh',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/** @public */
export const readinessPermissions = [readinessRefreshPermission];
