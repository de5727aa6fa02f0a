export { useScorecard } from './useScorecard';
export type { UseScorecardResult } from './useScorecard';
export { useLeaderboard } from './useLeaderboard';
export { useBlockers } from './useBlockers';
export { useOwners } from './useOwners';
export { useRefresh } from './useRefresh';
export type { UseRefreshResult } from './useRefresh';
export { useReviewDownload } from './useReviewDownload';
export { useRefreshPermission } from './useRefreshPermission';
