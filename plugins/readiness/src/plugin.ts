import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createCardExtension } from '@backstage/plugin-home-react';
import { readinessApiRef } from './api/ReadinessApi';
import { ReadinessClient } from './api/ReadinessClient';
import { rootRouteRef } from './routes';
import type { ReadinessMyServicesProps } from './components/ReadinessHomeWidgets';
import {
  MY_SERVICES_CARD,
  ORG_KPIS_CARD,
} from './components/ReadinessHomeWidgets/cardSettings';

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

/** The leaderboard, teams, blockers board and campaigns page. @public */
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

/**
 * Home page card: the readiness of the services the signed-in user and
 * their groups own, worst first, each linked to its Readiness tab.
 * @public
 */
export const ReadinessMyServicesCard = readinessPlugin.provide(
  createCardExtension<Omit<ReadinessMyServicesProps, 'leaderboardLink'>>({
    name: 'ReadinessMyServicesCard',
    ...MY_SERVICES_CARD,
    components: () =>
      import('./components/ReadinessHomeWidgets').then(m => ({
        Content: m.MyServicesCardContent,
      })),
  }),
);

/**
 * Home page card: the organisation's readiness KPIs (average score, bands,
 * entities with blockers, not production ready), linked to the leaderboard.
 * @public
 */
export const ReadinessOrgKpisCard = readinessPlugin.provide(
  createCardExtension({
    name: 'ReadinessOrgKpisCard',
    ...ORG_KPIS_CARD,
    components: () =>
      import('./components/ReadinessHomeWidgets').then(m => ({
        Content: m.OrgKpisCardContent,
      })),
  }),
);
