import { usePermission } from '@backstage/plugin-permission-react';
import { readinessFixCreatePermission } from '@readiness/backstage-plugin-readiness-common';

/**
 * Whether the signed-in user may open pull requests with suggested fixes
 * (`readiness.fix.create`, a basic permission).
 * @public
 */
export function useFixPermission(): {
  loading: boolean;
  allowed: boolean;
  error?: Error;
} {
  return usePermission({ permission: readinessFixCreatePermission });
}
