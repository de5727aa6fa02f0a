import { ReadinessRule } from '../types';
import hardcodedSysPath from './hardcoded-sys-path';
import missingLockfile from './missing-lockfile';
import noLinterConfig from './no-linter-config';
import printLogging from './print-logging';
import swallowedErrors from './swallowed-errors';
import todoDebt from './todo-debt';
import unpinnedDependencies from './unpinned-dependencies';
import unusedHeavyDependency from './unused-heavy-dependency';

/** The built-in code-quality rules. */
export const codeQualityRules: ReadinessRule[] = [
  unpinnedDependencies,
  missingLockfile,
  printLogging,
  hardcodedSysPath,
  unusedHeavyDependency,
  swallowedErrors,
  todoDebt,
  noLinterConfig,
];
