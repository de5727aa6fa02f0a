import { ReadinessRule } from './types';
import { cicdRules } from './cicd';
import { codeQualityRules } from './code-quality';
import { databaseRules } from './database';
import { documentationRules } from './documentation';
import { frontendRules } from './frontend';
import { infrastructureRules } from './infrastructure';
import { observabilityRules } from './observability';
import { securityRules } from './security';
import { testingRules } from './testing';

/**
 * The built-in rule catalog, gathered from one list per category. The
 * registry rejects duplicate ids when the list is loaded.
 * @public
 */
export const builtinRules: ReadinessRule[] = [
  ...securityRules,
  ...testingRules,
  ...infrastructureRules,
  ...codeQualityRules,
  ...databaseRules,
  ...frontendRules,
  ...observabilityRules,
  ...cicdRules,
  ...documentationRules,
];
