import type { ExtensionDefinition } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import {
  MY_SERVICES_CARD,
  ORG_KPIS_CARD,
} from '../components/ReadinessHomeWidgets/cardSettings';

/**
 * Home page widget: the readiness of the services the signed-in user and
 * their groups own, worst first. Named `ReadinessMyServices` in the home
 * page's `defaultConfig`.
 * @alpha
 */
export const readinessMyServicesWidget: ExtensionDefinition =
  HomePageWidgetBlueprint.make({
    name: 'my-services',
    params: {
      name: 'ReadinessMyServices',
      ...MY_SERVICES_CARD,
      components: () =>
        import('./homeWidgetContent').then(m => ({
          Content: m.MyServicesWidgetContent,
        })),
    },
  });

/**
 * Home page widget: the organisation's readiness KPIs (average score, bands,
 * entities with blockers, not production ready). Named `ReadinessOrgKpis`
 * in the home page's `defaultConfig`.
 * @alpha
 */
export const readinessOrgKpisWidget: ExtensionDefinition =
  HomePageWidgetBlueprint.make({
    name: 'org-kpis',
    params: {
      name: 'ReadinessOrgKpis',
      ...ORG_KPIS_CARD,
      components: () =>
        import('./homeWidgetContent').then(m => ({
          Content: m.OrgKpisWidgetContent,
        })),
    },
  });
