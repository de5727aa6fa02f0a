/**
 * Title, description and layout of the two home page widgets, shared by the
 * new frontend system's widgets and the legacy cards (no components here, so
 * the plugin's entry points can import it without loading them).
 */

/** "My services": the signed-in user's services, worst first. */
export const MY_SERVICES_CARD = {
  title: 'My services: readiness',
  description:
    'The readiness of the services you and your groups own, worst first',
  layout: {
    width: { minColumns: 4, defaultColumns: 6 },
    height: { minRows: 4, defaultRows: 6 },
  },
};

/** "Organisation readiness": the organisation's KPIs. */
export const ORG_KPIS_CARD = {
  title: 'Organisation readiness',
  description:
    'Average readiness score, bands, blockers and not production ready across the organisation',
  layout: {
    width: { minColumns: 4, defaultColumns: 6 },
    height: { minRows: 3, defaultRows: 4 },
  },
};
