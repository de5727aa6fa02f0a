import { Band, CategoryId, Severity } from './types';
import { LeaderboardItem } from './api';

/** The kinds of entity that roll up the readiness of others. @public */
export const ROLLUP_KINDS = ['group', 'system', 'domain'] as const;

/** A kind of {@link ROLLUP_KINDS}. @public */
export type RollupKind = (typeof ROLLUP_KINDS)[number];

/** A blocker rule counted over the entities of a roll-up. @public */
export interface RollupBlocker {
  ruleId: string;
  title: string;
  severity: Severity;
  category: CategoryId;
  /** Entities of the roll-up the rule blocks. */
  count: number;
}

/** A rule failing (without a waiver) in the latest audit of some entities. @public */
export interface RollupFailingRule {
  ruleId: string;
  /** Entities of the roll-up whose latest audit fails the rule. */
  count: number;
}

/** One day of a roll-up's trend. @public */
export interface RollupTrendPoint {
  /** The UTC day, `YYYY-MM-DD`. */
  date: string;
  /** Average of each entity's latest score at the end of the day. */
  averageScore: number;
  /** Entities with a score by the end of the day. */
  entities: number;
}

/**
 * GET /rollups/:kind/:namespace/:name: the readiness of the entities a
 * Group owns (with its child groups, recursively), a System holds or a
 * Domain's systems hold, counted over what the caller can see.
 * @public
 */
export interface RollupResponse {
  entityRef: string;
  /** Audited entities the roll-up covers (scored or not). */
  entities: number;
  /** Of those, the ones with a score. */
  scored: number;
  /** Rounded average of the scores; null when nothing is scored. */
  averageScore: number | null;
  /** The band of the average; null when nothing is scored. */
  band: Band | null;
  /** Scored entities per band. */
  bands: Record<Band, number>;
  /** Production blockers summed over the entities. */
  blockers: number;
  /** Entities whose verdict is not ready. */
  notReady: number;
  /** Lowest scores first. */
  worst: LeaderboardItem[];
  /** The rules blocking the most entities, most first. */
  blockerRules: RollupBlocker[];
  /** The rules failing in the most entities, most first. */
  failingRules: RollupFailingRule[];
  /** Oldest day first; days without an audit are left out. */
  trend: RollupTrendPoint[];
}
