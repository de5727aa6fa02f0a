export { ReadinessOwners } from './ReadinessOwners';
export type { ReadinessOwnersProps } from './ReadinessOwners';
