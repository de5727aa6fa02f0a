export {
  StatusChip,
  BandChip,
  VerdictChip,
  SeverityChip,
  PriorityChip,
} from './StatusChip';
export { AverageScoreGauge } from './AverageScoreGauge';
export { BandCounts } from './BandCounts';
export type { StatusChipProps } from './StatusChip';
