import { ReadinessRule } from '../types';

/** The built-in documentation rules. */
export const documentationRules: ReadinessRule[] = [];
