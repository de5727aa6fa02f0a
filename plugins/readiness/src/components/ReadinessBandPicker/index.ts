export { ReadinessBandPicker } from './ReadinessBandPicker';
export type {
  ReadinessBandPickerProps,
  ReadinessEntityFilters,
} from './ReadinessBandPicker';
export {
  ReadinessFilter,
  readinessBandOf,
  readinessScoreOf,
} from './ReadinessFilter';
