export { readinessApiRef } from './ReadinessApi';
export type { ReadinessApi, EntityRefInput, RollupQuery } from './ReadinessApi';
export { ReadinessClient } from './ReadinessClient';
export type * from './types';
