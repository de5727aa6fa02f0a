import { categoryCatalog } from '@readiness/backstage-plugin-readiness-common';
import { RouteContext } from './context';
import { CategoriesResponse } from './types';
import { ApiRoutes } from './validation';

/**
 * GET /categories: the categories this backend scores, the built-in ones
 * then the custom ones, with their titles and weights, so that a client
 * titles a custom category without a list of its own.
 */
export function categoryRoutes(ctx: RouteContext, routes: ApiRoutes) {
  const body: CategoriesResponse = {
    items: ctx.categories ?? categoryCatalog(),
  };
  routes.add({
    method: 'GET',
    path: '/categories',
    handler: async ({ res }) => {
      res.json(body);
    },
  });
}
