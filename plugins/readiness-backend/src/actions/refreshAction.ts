import { authorizeRefresh } from '../service/entityAccess';
import { ActionContext, registerEntityAction } from './context';

/**
 * readiness-refresh-entity: queues a new audit, checked as the REST
 * refresh route checks it (visible entity, then the refresh permission).
 */
export function registerRefreshAction(ctx: ActionContext) {
  registerEntityAction(ctx, {
    name: 'readiness-refresh-entity',
    title: 'Refresh Readiness Scorecard',
    description: `Requests a new production-readiness audit of a catalog component, for example after a fix was merged. The audit runs in the background, by default at once (otherwise at the next scheduled run); read the result with readiness-get-scorecard ("refreshing" is true until it is done) and readiness-get-changes. Needs the readiness.scorecard.refresh permission on the component.`,
    attributes: { readOnly: false, destructive: false, idempotent: true },
    output: z =>
      z.object({
        entityRef: z.string(),
        status: z.enum(['queued']),
      }),
    action: async (entityRef, credentials) => {
      await authorizeRefresh(ctx.permissions, entityRef, credentials);
      await ctx.refresher.requestRefresh(entityRef);
      return { output: { entityRef, status: 'queued' as const } };
    },
  });
}
