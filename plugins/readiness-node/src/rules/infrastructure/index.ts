import { ReadinessRule } from '../types';
import dockerfileRunsAsRoot from './dockerfile-runs-as-root';

/** The built-in infrastructure rules. */
export const infrastructureRules: ReadinessRule[] = [dockerfileRunsAsRoot];
