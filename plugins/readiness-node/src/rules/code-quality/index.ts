import { ReadinessRule } from '../types';
import hardcodedSysPath from './hardcoded-sys-path';
import missingLockfile from './missing-lockfile';
import printLogging from './print-logging';
import unpinnedDependencies from './unpinned-dependencies';

/** The built-in code-quality rules. */
export const codeQualityRules: ReadinessRule[] = [
  unpinnedDependencies,
  missingLockfile,
  printLogging,
  hardcodedSysPath,
];
