export {
  StatusChip,
  BandChip,
  VerdictChip,
  SeverityChip,
  PriorityChip,
} from './StatusChip';
export { BandCounts } from './BandCounts';
export type { StatusChipProps } from './StatusChip';
