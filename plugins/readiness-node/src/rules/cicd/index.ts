import { ReadinessRule } from '../types';

/** The built-in cicd rules. */
export const cicdRules: ReadinessRule[] = [];
