export { readinessApiRef } from './ReadinessApi';
export type { ReadinessApi, EntityRefInput } from './ReadinessApi';
export { ReadinessClient } from './ReadinessClient';
export type * from './types';
