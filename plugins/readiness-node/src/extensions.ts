import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ReadinessRule } from './rules/types';

/**
 * Lets backend modules add rules to the Readiness engine.
 *
 * @example
 * ```ts
 * export default createBackendModule({
 *   pluginId: 'readiness',
 *   moduleId: 'acme-rules',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { rules: readinessRulesExtensionPoint },
 *       async init({ rules }) {
 *         rules.addRules(myRule);
 *       },
 *     });
 *   },
 * });
 * ```
 * @public
 */
export interface ReadinessRulesExtensionPoint {
  addRules(...rules: ReadinessRule[]): void;
}

/** @public */
export const readinessRulesExtensionPoint =
  createExtensionPoint<ReadinessRulesExtensionPoint>({
    id: 'readiness.rules',
  });
