import { ReadinessRule } from '../types';

/** The built-in code-quality rules. */
export const codeQualityRules: ReadinessRule[] = [];
