import { createRouteRef } from '@backstage/core-plugin-api';

/** The Readiness page (leaderboard, teams, blockers board). @public */
export const rootRouteRef = createRouteRef({
  id: 'readiness',
});
