import { ReadinessRule } from '../types';
import dangerousWorkflow from './dangerous-workflow';
import deployNotGated from './deploy-not-gated';
import excessiveTokenPermissions from './excessive-token-permissions';
import forcePush from './force-push';
import noCi from './no-ci';
import noDependencyUpdates from './no-dependency-updates';
import noTestsInCi from './no-tests-in-ci';
import unpinnedActions from './unpinned-actions';

/** The built-in cicd rules. */
export const cicdRules: ReadinessRule[] = [
  noCi,
  noTestsInCi,
  dangerousWorkflow,
  deployNotGated,
  forcePush,
  excessiveTokenPermissions,
  unpinnedActions,
  noDependencyUpdates,
];
