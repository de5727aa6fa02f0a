export { ReadinessMyServices, myServicesSummary } from './ReadinessMyServices';
export type { ReadinessMyServicesProps } from './ReadinessMyServices';
export { ReadinessOrgKpis } from './ReadinessOrgKpis';
export type { ReadinessOrgKpisProps } from './ReadinessOrgKpis';
export {
  MyServicesCardContent,
  OrgKpisCardContent,
} from './ReadinessHomeCards';
