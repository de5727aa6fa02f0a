import {
  createFrontendPlugin,
  type OverridableFrontendPlugin,
  type RouteRef,
} from '@backstage/frontend-plugin-api';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { readinessApi } from './apis';
import { readinessCatalogFilter } from './catalogFilters';
import { entityReadinessCard, entityReadinessRollupCard } from './entityCards';
import {
  entityReadinessContent,
  entityReadinessRollupContent,
} from './entityContent';
import {
  readinessMyServicesWidget,
  readinessOrgKpisWidget,
} from './homeWidgets';
import { readinessPage } from './pages';
import { readinessRouteRef } from './routes';

/**
 * The Readiness frontend plugin for the new frontend system.
 * @alpha
 */
export const readinessPlugin: OverridableFrontendPlugin<{
  root: RouteRef<undefined>;
}> = createFrontendPlugin({
  pluginId: 'readiness',
  title: 'Readiness',
  icon: <AssessmentIcon />,
  info: { packageJson: () => import('../../package.json') },
  routes: {
    root: readinessRouteRef,
  },
  extensions: [
    readinessApi,
    readinessPage,
    entityReadinessContent,
    entityReadinessCard,
    entityReadinessRollupContent,
    entityReadinessRollupCard,
    readinessCatalogFilter,
    readinessMyServicesWidget,
    readinessOrgKpisWidget,
  ],
});
