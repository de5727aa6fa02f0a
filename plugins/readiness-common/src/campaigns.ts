/**
 * Campaigns: a target that a set of catalog entities must meet by a date,
 * with their progress counted from the stored scorecards.
 */

/**
 * What an entity must hold to be done. Exactly one of the three:
 * - `rules`: every listed rule passes (or does not apply, or is waived);
 * - `categories`: every rule of the listed categories passes (or does not
 *   apply, or is waived);
 * - `minScore`: the overall score is at least this (0–100).
 * @public
 */
export type CampaignRequirement =
  | { rules: string[] }
  | { categories: string[] }
  | { minScore: number };

/**
 * Which catalog entities a campaign covers. Every field given must match
 * (AND); a list matches any of its values (OR). Values compare without
 * regard to case, as the catalog's filters do. Only audited kinds are ever
 * covered (`Component`).
 * @public
 */
export interface CampaignScope {
  /** Entity kinds, e.g. `Component`. */
  kind?: string[];
  /** `spec.type`, e.g. `service`. */
  type?: string[];
  /** Owner entity refs (`group:default/team-a`; a bare name is a group of `default`). */
  owner?: string[];
  /** System entity refs (`system:default/shop`; a bare name is a system of `default`). */
  system?: string[];
  /** `spec.lifecycle`, e.g. `production`. */
  lifecycle?: string[];
  /** `metadata.tags`: an entity with any of them. */
  tags?: string[];
  /**
   * `metadata.annotations`: every key must be present, with this value, or
   * with any value for `true`.
   */
  annotations?: Record<string, string | true>;
}

/**
 * The scope fields that list values (every field but `annotations`), in the order forms and stored scopes show them.
 * @public
 */
export const CAMPAIGN_SCOPE_LIST_FIELDS = [
  'kind',
  'type',
  'owner',
  'system',
  'lifecycle',
  'tags',
] as const;

/**
 * A campaign id: a slug of lower-case letters, digits and inner dashes, up to
 * 64 characters, starting and ending with a letter or digit. The API and
 * `readiness.campaigns` refuse any other.
 * @public
 */
export const CAMPAIGN_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** A campaign as defined in configuration or through the API. @public */
export interface CampaignDefinition {
  /** A slug: lower-case letters, digits and inner dashes, up to 64 characters. */
  id: string;
  title: string;
  description: string;
  /** The owning group's entity ref, e.g. `group:default/platform`. */
  owner: string;
  /** The day by which the requirement must hold, `YYYY-MM-DD`. */
  targetDate: string;
  requirement: CampaignRequirement;
  scope: CampaignScope;
  archived: boolean;
}

/** A campaign as the API serves it. @public */
export interface Campaign extends CampaignDefinition {
  /**
   * `config`: defined in `readiness.campaigns`, read-only through the API;
   * `api`: created through the API and stored.
   */
  source: 'config' | 'api';
  /** When it was created and last changed through the API (ISO). */
  createdAt?: string;
  updatedAt?: string;
}

/**
 * The body of POST /campaigns; PUT /campaigns/:id takes the same without
 * `id`. `description` defaults to empty, `scope` to every audited entity,
 * `archived` to false.
 * @public
 */
export type CampaignInput = Omit<
  CampaignDefinition,
  'description' | 'scope' | 'archived'
> &
  Partial<Pick<CampaignDefinition, 'description' | 'scope' | 'archived'>>;

/**
 * Where an entity stands in a campaign:
 * - `done`: the requirement holds;
 * - `waived`: it holds only because of waivers (counted as done, flagged);
 * - `not-done`: it does not hold;
 * - `unscored`: the entity was never audited successfully (not done).
 * @public
 */
export type CampaignEntityStatus = 'done' | 'waived' | 'not-done' | 'unscored';

/** One covered entity's progress. @public */
export interface CampaignEntityProgress {
  entityRef: string;
  title?: string;
  owner?: string;
  status: CampaignEntityStatus;
  /** `done` or `waived`. */
  done: boolean;
  /** The overall score; null when never audited successfully. */
  score: number | null;
  /**
   * Rules failing without a waiver that the requirement needs: the listed
   * rules, or the rules of the listed categories (empty for `minScore`).
   */
  rulesLeft: string[];
  /** Rules the requirement needs that pass only by a waiver. */
  waivedRules: string[];
  /** `minScore` only: points still missing (0 when met). */
  pointsLeft?: number;
  auditedAt: string | null;
}

/** Counts over the covered entities. @public */
export interface CampaignProgress {
  /** Covered entities the caller can see. */
  entities: number;
  /** Of those, done (waived ones included). */
  done: number;
  /** Of the done ones, those that rely on a waiver. */
  waived: number;
  /** Never audited successfully. */
  unscored: number;
  /** Rounded percentage done; 100 for a campaign that covers nothing. */
  percent: number;
  /** Today (UTC) is after the target date and not every entity is done. */
  overdue: boolean;
}

/** A team's progress: the covered entities it owns. @public */
export interface CampaignTeamProgress {
  /** The owner's entity ref; null for entities without an owner. */
  owner: string | null;
  entities: number;
  done: number;
  waived: number;
}

/** How many covered entities met the requirement at the end of a day. @public */
export interface CampaignSeriesPoint {
  /** UTC day, `YYYY-MM-DD`. */
  date: string;
  done: number;
}

/** An item of GET /campaigns. @public */
export interface CampaignSummary extends Campaign {
  progress: CampaignProgress;
}

/** GET /campaigns. @public */
export interface CampaignListResponse {
  items: CampaignSummary[];
}

/** GET /campaigns/:id. @public */
export interface CampaignDetailResponse extends CampaignSummary {
  /** Per owner, by owner ref. */
  teams: CampaignTeamProgress[];
  /** Every day of the window, oldest first, ending today. */
  series: CampaignSeriesPoint[];
  /** A page of the covered entities (after the `status` and `owner` filters), by ref. */
  entities: {
    items: CampaignEntityProgress[];
    /** Entities matching the filters, over all pages. */
    total: number;
    offset: number;
    limit: number;
  };
}

/** One campaign an entity is in, with its standing. @public */
export interface EntityCampaign {
  id: string;
  title: string;
  owner: string;
  targetDate: string;
  requirement: CampaignRequirement;
  status: CampaignEntityStatus;
  done: boolean;
  rulesLeft: string[];
  waivedRules: string[];
  pointsLeft?: number;
  /** Today (UTC) is after the target date and this entity is not done. */
  overdue: boolean;
}

/** GET /scorecards/:kind/:namespace/:name/campaigns. @public */
export interface EntityCampaignsResponse {
  entityRef: string;
  /** The campaigns (not archived) that cover the entity, by target date. */
  items: EntityCampaign[];
}
