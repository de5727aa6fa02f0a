export {
  StatusChip,
  BandChip,
  VerdictChip,
  SeverityChip,
  PriorityChip,
} from './StatusChip';
export type { StatusChipProps } from './StatusChip';
