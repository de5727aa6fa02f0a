import { ReadinessRule } from '../types';
import committedEnvFile from './committed-env-file';

/** The built-in security rules. */
export const securityRules: ReadinessRule[] = [committedEnvFile];
