export { createReadinessScoreColumn } from './ReadinessScoreColumn';
export type { EntityRow } from './ReadinessScoreColumn';
