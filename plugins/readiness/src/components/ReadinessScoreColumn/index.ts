export {
  createReadinessScoreColumn,
  withReadinessScoreColumn,
} from './ReadinessScoreColumn';
export type {
  EntityRow,
  ReadinessScoreColumnsOptions,
} from './ReadinessScoreColumn';
