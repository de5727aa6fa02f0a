import { RouteContext } from './context';
import { RulesResponse } from './types';
import { ApiRoutes } from './validation';

/** GET /rules: the rule catalog this backend runs, with documentation. */
export function ruleRoutes(ctx: RouteContext, routes: ApiRoutes) {
  routes.add({
    method: 'GET',
    path: '/rules',
    handler: async ({ res }) => {
      const items = await Promise.all(
        ctx.rules.list().map(async rule => {
          const docs = await ctx.ruleDocs?.(rule.id);
          return {
            id: rule.id,
            category: rule.category,
            severity: rule.severity,
            title: rule.title,
            description: rule.description,
            rationale: rule.rationale,
            remediation: rule.remediation,
            ...(rule.deprecated ? { deprecated: true } : {}),
            ...(docs ? { docs } : {}),
          };
        }),
      );
      const body: RulesResponse = { items };
      res.json(body);
    },
  });
}
