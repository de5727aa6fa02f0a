import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';
import {
  ReadinessMyServices,
  type ReadinessMyServicesProps,
} from './ReadinessMyServices';
import { ReadinessOrgKpis } from './ReadinessOrgKpis';

/**
 * The leaderboard page's path in a legacy app, or undefined when the app
 * does not mount `ReadinessLeaderboardPage` (`useRouteRef` throws then,
 * after its own hooks ran).
 */
function useLeaderboardLink(): string | undefined {
  try {
    return useRouteRef(rootRouteRef)();
  } catch {
    return undefined;
  }
}

/** The "My services" home card of legacy apps. */
export function MyServicesCardContent(
  props: Omit<ReadinessMyServicesProps, 'leaderboardLink'>,
) {
  return (
    <ReadinessMyServices {...props} leaderboardLink={useLeaderboardLink()} />
  );
}

/** The organisation KPI home card of legacy apps. */
export function OrgKpisCardContent() {
  return <ReadinessOrgKpis leaderboardLink={useLeaderboardLink()} />;
}
