import Router from 'express-promise-router';
import { RouteContext } from './context';
import { RulesResponse } from './types';

/** GET /rules: the rule catalog this backend runs, with documentation. */
export function ruleRoutes(ctx: RouteContext) {
  const router = Router();
  router.get('/rules', async (_req, res) => {
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
  });
  return router;
}
