import {
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CategoryInfo } from '@readiness/backstage-plugin-readiness-common';
import { RuleRegistry } from '@readiness/backstage-plugin-readiness-node';
import { CampaignService } from '../campaigns/CampaignService';
import { ReadinessStore } from '../database/ReadinessStore';
import { FixService } from '../fixes/FixService';
import { ReadinessRefresher } from '../scheduler/ReadinessRefresher';
import { VisibilityIndex } from '../visibility/VisibilityIndex';
import { EntityVisibility } from './visibility';

/** What the router needs. @public */
export interface RouterOptions {
  store: ReadinessStore;
  rules: RuleRegistry;
  refresher: Pick<ReadinessRefresher, 'requestRefresh' | 'isRefreshing'>;
  catalog: CatalogService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  /** Documentation of a rule, e.g. its README; undefined when there is none. */
  ruleDocs?: (ruleId: string) => Promise<string | undefined>;
  /** Suggested fixes and their pull requests; without it those routes are absent. */
  fixes?: FixService;
  /** Campaigns; without it the campaign routes are absent. */
  campaigns?: CampaignService;
  /**
   * The categories GET /categories serves, with their titles and weights;
   * the built-in ones with their default weights when absent.
   */
  categories?: CategoryInfo[];
  /**
   * The visibility index; with it, a caller's conditional decision on
   * `catalog.entity.read` is evaluated in this plugin's database rather
   * than by asking the catalog which entities the caller sees.
   */
  visibilityIndex?: VisibilityIndex;
}

/** Shared by the endpoint groups. */
export interface RouteContext extends RouterOptions {
  visibility: EntityVisibility;
}
