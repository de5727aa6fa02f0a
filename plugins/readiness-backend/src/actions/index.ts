import { EntityVisibility } from '../service/visibility';
import { registerChangesAction } from './changesAction';
import { registerLeaderboardAction } from './leaderboardAction';
import { registerRefreshAction } from './refreshAction';
import { registerRuleAction } from './ruleAction';
import { registerScorecardActions } from './scorecardActions';
import { ReadinessActionsOptions } from './context';

export type { ReadinessActionsOptions } from './context';

/**
 * Registers the Readiness actions with the actions registry, where the MCP
 * actions backend offers them to AI assistants. Each action answers with
 * the caller's credentials, as the REST API does: an entity the caller
 * cannot see in the catalog is reported as missing.
 */
export function registerReadinessActions(options: ReadinessActionsOptions) {
  const ctx = {
    ...options,
    visibility: new EntityVisibility({
      catalog: options.catalog,
      auth: options.auth,
      permissions: options.permissions,
      index: options.visibilityIndex,
    }),
  };
  registerScorecardActions(ctx);
  registerChangesAction(ctx);
  registerRuleAction(ctx);
  registerLeaderboardAction(ctx);
  registerRefreshAction(ctx);
}
