import type { ExtensionDefinition } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';

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
      title: 'My services: readiness',
      description:
        'The readiness of the services you and your groups own, worst first',
      layout: {
        width: { minColumns: 4, defaultColumns: 6 },
        height: { minRows: 4, defaultRows: 6 },
      },
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
      title: 'Organisation readiness',
      description:
        'Average readiness score, bands, blockers and not production ready across the organisation',
      layout: {
        width: { minColumns: 4, defaultColumns: 6 },
        height: { minRows: 3, defaultRows: 4 },
      },
      components: () =>
        import('./homeWidgetContent').then(m => ({
          Content: m.OrgKpisWidgetContent,
        })),
    },
  });
