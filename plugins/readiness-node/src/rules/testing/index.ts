import { ReadinessRule } from '../types';

/** The built-in testing rules. */
export const testingRules: ReadinessRule[] = [];
