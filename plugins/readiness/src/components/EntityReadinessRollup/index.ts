export { EntityReadinessRollupCard } from './EntityReadinessRollupCard';
export type { EntityReadinessRollupCardProps } from './EntityReadinessRollupCard';
export { EntityReadinessRollupContent } from './EntityReadinessRollupContent';
export type { EntityReadinessRollupContentProps } from './EntityReadinessRollupContent';
