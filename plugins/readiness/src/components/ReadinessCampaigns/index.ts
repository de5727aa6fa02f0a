export { ReadinessCampaigns } from './ReadinessCampaigns';
export { CampaignList } from './CampaignList';
export type { CampaignListProps } from './CampaignList';
export { CampaignDetail } from './CampaignDetail';
export type { CampaignDetailProps } from './CampaignDetail';
export { CampaignBurnUpChart } from './CampaignBurnUpChart';
export type { CampaignBurnUpChartProps } from './CampaignBurnUpChart';
