import { useEntityPermission } from '@backstage/plugin-catalog-react/alpha';
import { readinessRefreshPermission } from '@readiness/backstage-plugin-readiness-common';

/**
 * Whether the signed-in user may re-audit the entity in context. The check is
 * a resource permission on the entity, so policies can grant it per owner.
 * @public
 */
export function useRefreshPermission(): {
  loading: boolean;
  allowed: boolean;
  error?: Error;
} {
  return useEntityPermission(readinessRefreshPermission);
}
