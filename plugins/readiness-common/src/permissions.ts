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

/**
 * Opening a pull or merge request with an entity's suggested fixes. A basic
 * permission: it writes a branch to the repository with the backend's SCM
 * credentials, so policies grant it to people, not per entity (seeing the
 * entity in the catalog is required as well).
 * @public
 */
export const readinessFixCreatePermission = createPermission({
  name: 'readiness.fix.create',
  attributes: { action: 'create' },
});

/**
 * Creating, changing and archiving campaigns through the API. A basic
 * permission: campaigns span teams, so policies grant it to people (the
 * platform team), not per entity. Campaigns defined in configuration are
 * read-only whatever the policy says.
 * @public
 */
export const readinessCampaignManagePermission = createPermission({
  name: 'readiness.campaign.manage',
  attributes: { action: 'update' },
});

/** @public */
export const readinessPermissions = [
  readinessRefreshPermission,
  readinessFixCreatePermission,
  readinessCampaignManagePermission,
];
