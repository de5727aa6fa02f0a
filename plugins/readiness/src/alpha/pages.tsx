import { PageBlueprint } from '@backstage/frontend-plugin-api';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { readinessRouteRef } from './routes';

/** The leaderboard, teams, blockers board and campaigns at `/readiness`. @alpha */
export const readinessPage = PageBlueprint.make({
  params: {
    path: '/readiness',
    routeRef: readinessRouteRef,
    title: 'Readiness',
    icon: <AssessmentIcon />,
    loader: async () => {
      const [{ Content }, { ReadinessLeaderboardContent }] = await Promise.all([
        import('@backstage/core-components'),
        import('../components/ReadinessLeaderboardPage'),
      ]);
      return (
        <Content>
          <ReadinessLeaderboardContent />
        </Content>
      );
    },
  },
});
