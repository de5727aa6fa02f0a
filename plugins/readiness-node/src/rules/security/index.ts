import { ReadinessRule } from '../types';
import authTodo from './auth-todo';
import committedEnvFile from './committed-env-file';
import corsWildcard from './cors-wildcard';
import debugEnabled from './debug-enabled';
import defaultAdminPassword from './default-admin-password';
import hardcodedSecret from './hardcoded-secret';
import noRateLimiting from './no-rate-limiting';
import noSecurityHeaders from './no-security-headers';
import placeholderSecretDefault from './placeholder-secret-default';
import tokenInLocalstorage from './token-in-localstorage';

/** The built-in security rules, in catalog order. */
export const securityRules: ReadinessRule[] = [
  committedEnvFile,
  hardcodedSecret,
  placeholderSecretDefault,
  defaultAdminPassword,
  authTodo,
  corsWildcard,
  debugEnabled,
  tokenInLocalstorage,
  noRateLimiting,
  noSecurityHeaders,
];
