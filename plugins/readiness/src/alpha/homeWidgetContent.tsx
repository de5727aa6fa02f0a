import { useRouteRef } from '@backstage/frontend-plugin-api';
import {
  ReadinessMyServices,
  ReadinessOrgKpis,
} from '../components/ReadinessHomeWidgets';
import { readinessRouteRef } from './routes';

/** The leaderboard page's path, or undefined when the page is disabled. */
function useLeaderboardLink(): string | undefined {
  return useRouteRef(readinessRouteRef)?.();
}

/** The content of the "My services" widget. */
export function MyServicesWidgetContent() {
  return <ReadinessMyServices leaderboardLink={useLeaderboardLink()} />;
}

/** The content of the organisation KPI widget. */
export function OrgKpisWidgetContent() {
  return <ReadinessOrgKpis leaderboardLink={useLeaderboardLink()} />;
}
