/**
 * The Readiness plugin for the new frontend system.
 *
 * @packageDocumentation
 */
import { readinessPlugin } from './plugin';

export { readinessRouteRef } from './routes';
export { readinessApi } from './apis';
export { readinessPage } from './pages';
export {
  entityReadinessContent,
  entityReadinessRollupContent,
} from './entityContent';
export { entityReadinessCard, entityReadinessRollupCard } from './entityCards';
export { readinessCatalogFilter } from './catalogFilters';
export {
  readinessMyServicesWidget,
  readinessOrgKpisWidget,
} from './homeWidgets';

export default readinessPlugin;
