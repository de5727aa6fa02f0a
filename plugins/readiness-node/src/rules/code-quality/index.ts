import { ReadinessRule } from '../types';
import missingLockfile from './missing-lockfile';
import unpinnedDependencies from './unpinned-dependencies';

/** The built-in code-quality rules. */
export const codeQualityRules: ReadinessRule[] = [unpinnedDependencies, missingLockfile];
