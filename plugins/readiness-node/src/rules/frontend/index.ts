import { ReadinessRule } from '../types';

/** The built-in frontend rules. */
export const frontendRules: ReadinessRule[] = [];
