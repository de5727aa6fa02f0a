import { ReadinessRule } from '../types';
import authTodo from './auth-todo';
import committedEnvFile from './committed-env-file';
import corsWildcard from './cors-wildcard';
import debugEnabled from './debug-enabled';
import defaultAdminPassword from './default-admin-password';
import hardcodedSecret from './hardcoded-secret';
import placeholderSecretDefault from './placeholder-secret-default';
import tokenInLocalstorage from './token-in-localstorage';

/** The built-in security rules. */
export const securityRules: ReadinessRule[] = [
  committedEnvFile,
  authTodo,
  defaultAdminPassword,
  hardcodedSecret,
  placeholderSecretDefault,
  corsWildcard,
  debugEnabled,
  tokenInLocalstorage,
];
