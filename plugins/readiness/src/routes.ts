import { createRouteRef } from '@backstage/core-plugin-api';

/** The Readiness page (leaderboard, teams, blockers board, campaigns). @public */
export const rootRouteRef = createRouteRef({
  id: 'readiness',
});
