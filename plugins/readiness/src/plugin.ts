import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { readinessApiRef } from './api/ReadinessApi';
import { ReadinessClient } from './api/ReadinessClient';
import { rootRouteRef } from './routes';

/**
 * The Readiness frontend plugin, for apps on the legacy frontend system.
 * @public
 */
export const readinessPlugin = createPlugin({
  id: 'readiness',
  apis: [
    createApiFactory({
      api: readinessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReadinessClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/** The leaderboard, teams and blockers board page. @public */
export const ReadinessLeaderboardPage = readinessPlugin.provide(
  createRoutableExtension({
    name: 'ReadinessLeaderboardPage',
    component: () =>
      import('./components/ReadinessLeaderboardPage').then(
        m => m.ReadinessLeaderboardPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/** The Readiness tab of an entity page. @public */
export const EntityReadinessContent = readinessPlugin.provide(
  createComponentExtension({
    name: 'EntityReadinessContent',
    component: {
      lazy: () =>
        import('./components/EntityReadinessContent').then(
          m => m.EntityReadinessContent,
        ),
    },
  }),
);

/** The Readiness card of an entity's overview. @public */
export const EntityReadinessCard = readinessPlugin.provide(
  createComponentExtension({
    name: 'EntityReadinessCard',
    component: {
      lazy: () =>
        import('./components/EntityReadinessCard').then(
          m => m.EntityReadinessCard,
        ),
    },
  }),
);

/**
 * The readiness roll-up tab of a Group, System or Domain page.
 * @public
 */
export const EntityReadinessRollupContent = readinessPlugin.provide(
  createComponentExtension({
    name: 'EntityReadinessRollupContent',
    component: {
      lazy: () =>
        import('./components/EntityReadinessRollup').then(
          m => m.EntityReadinessRollupContent,
        ),
    },
  }),
);

/**
 * The readiness roll-up card of a Group, System or Domain overview.
 * @public
 */
export const EntityReadinessRollupCard = readinessPlugin.provide(
  createComponentExtension({
    name: 'EntityReadinessRollupCard',
    component: {
      lazy: () =>
        import('./components/EntityReadinessRollup').then(
          m => m.EntityReadinessRollupCard,
        ),
    },
  }),
);

/** The catalog sidebar filter on readiness band and score. @public */
export const ReadinessBandPicker = readinessPlugin.provide(
  createComponentExtension({
    name: 'ReadinessBandPicker',
    component: {
      lazy: () =>
        import('./components/ReadinessBandPicker').then(
          m => m.ReadinessBandPicker,
        ),
    },
  }),
);
