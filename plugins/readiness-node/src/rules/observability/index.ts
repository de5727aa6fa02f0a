import { ReadinessRule } from '../types';

/** The built-in observability rules. */
export const observabilityRules: ReadinessRule[] = [];
