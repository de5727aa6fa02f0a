export { useScorecard } from './useScorecard';
export type { UseScorecardResult } from './useScorecard';
export { useLeaderboard } from './useLeaderboard';
export { useBlockers } from './useBlockers';
export { useOwners } from './useOwners';
export { useCategories } from './useCategories';
export { useRollup } from './useRollup';
export { useRefresh } from './useRefresh';
export type { UseRefreshResult } from './useRefresh';
export { useReviewDownload } from './useReviewDownload';
export { useRefreshPermission } from './useRefreshPermission';
export { useSuggestedFixes } from './useSuggestedFixes';
export type { UseSuggestedFixesResult } from './useSuggestedFixes';
export { useFixPullRequest } from './useFixPullRequest';
export type { UseFixPullRequestResult } from './useFixPullRequest';
export { useFixPermission } from './useFixPermission';
export { useMyServicesReadiness } from './useMyServicesReadiness';
export type { MyServicesReadiness } from './useMyServicesReadiness';
export { useOrgReadiness } from './useOrgReadiness';
export { useAuditChanges } from './useAuditChanges';
export {
  useCampaigns,
  useCampaign,
  useEntityCampaigns,
  useCampaignManagePermission,
} from './useCampaigns';
export { useCampaignVocabulary } from './useCampaignFormOptions';
