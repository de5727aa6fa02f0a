import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Readiness page in the new frontend system. @alpha */
export const readinessRouteRef = createRouteRef();
