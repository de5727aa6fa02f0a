import { ReadinessRule } from '../types';

/** The built-in database rules. */
export const databaseRules: ReadinessRule[] = [];
