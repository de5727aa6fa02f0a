/**
 * Readiness frontend plugin: the entity Readiness tab and card, the
 * leaderboard with team roll-up, blockers board and campaigns, and catalog
 * filters.
 *
 * @packageDocumentation
 */
export {
  readinessPlugin,
  ReadinessLeaderboardPage,
  EntityReadinessContent,
  EntityReadinessCard,
  EntityReadinessRollupContent,
  EntityReadinessRollupCard,
  ReadinessBandPicker,
  ReadinessMyServicesCard,
  ReadinessOrgKpisCard,
} from './plugin';
export { rootRouteRef } from './routes';
export { readinessApiRef, ReadinessClient } from './api';
export type {
  ReadinessApi,
  EntityRefInput,
  EntityScorecardResponse,
  ScorecardHistoryEntry,
  LeaderboardQuery,
  LeaderboardOrderBy,
  LeaderboardItem,
  LeaderboardResponse,
  BlockerSummary,
  OwnerSummary,
  RollupQuery,
  RollupResponse,
  EntityReadinessSummary,
  SummariesQuery,
  Campaign,
  CampaignDetailQuery,
  CampaignDetailResponse,
  CampaignEntityProgress,
  CampaignEntityStatus,
  CampaignInput,
  CampaignListQuery,
  CampaignListResponse,
  CampaignProgress,
  CampaignRequirement,
  CampaignScope,
  CampaignSeriesPoint,
  CampaignSummary,
  CampaignTeamProgress,
  EntityCampaign,
  EntityCampaignsResponse,
} from './api';
export {
  ReadinessFilter,
  readinessBandOf,
  readinessScoreOf,
} from './components/ReadinessBandPicker';
export type {
  ReadinessBandPickerProps,
  ReadinessEntityFilters,
} from './components/ReadinessBandPicker';
export {
  createReadinessScoreColumn,
  withReadinessScoreColumn,
} from './components/ReadinessScoreColumn';
export type {
  EntityRow,
  ReadinessScoreColumnsOptions,
} from './components/ReadinessScoreColumn';
export type { EntityReadinessContentProps } from './components/EntityReadinessContent';
export type { EntityReadinessCardProps } from './components/EntityReadinessCard';
export type {
  EntityReadinessRollupCardProps,
  EntityReadinessRollupContentProps,
} from './components/EntityReadinessRollup';
export { ReadinessLeaderboardContent } from './components/ReadinessLeaderboardPage';
export {
  ReadinessCampaigns,
  CampaignList,
  CampaignDetail,
  CampaignBurnUpChart,
  CampaignEditor,
  CampaignForm,
} from './components/ReadinessCampaigns';
export type {
  CampaignListProps,
  CampaignDetailProps,
  CampaignBurnUpChartProps,
  CampaignEditorProps,
  CampaignFormProps,
} from './components/ReadinessCampaigns';
export { EntityCampaigns } from './components/EntityCampaigns';
export type { EntityCampaignsProps } from './components/EntityCampaigns';
export {
  BandChip,
  VerdictChip,
  SeverityChip,
  StatusChip,
} from './components/StatusChip';
export type { StatusChipProps } from './components/StatusChip';
export {
  useScorecard,
  useLeaderboard,
  useBlockers,
  useOwners,
  useRefresh,
  useRollup,
  useMyServicesReadiness,
  useOrgReadiness,
  useAuditChanges,
  useCampaigns,
  useCampaign,
  useEntityCampaigns,
  useCampaignManagePermission,
  useCampaignVocabulary,
} from './hooks';
export type { MyServicesReadiness } from './hooks';
export type { ReadinessTally } from './helpers/tally';
export {
  ReadinessMyServices,
  ReadinessOrgKpis,
} from './components/ReadinessHomeWidgets';
export type {
  ReadinessMyServicesProps,
  ReadinessOrgKpisProps,
} from './components/ReadinessHomeWidgets';
export { leaderboardToCsv } from './helpers/csv';
export {
  findingLink,
  sourceRootFor,
  sourceRootOf,
} from './helpers/sourceLinks';
export type { SourceRoot, SourceLink } from './helpers/sourceLinks';
