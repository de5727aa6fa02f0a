import {
  Band,
  RuleMeta,
  Scorecard,
  Verdict,
} from '@readiness/backstage-plugin-readiness-common';

/** GET /scorecards/:kind/:namespace/:name @public */
export interface ScorecardResponse {
  entityRef: string;
  /** Null until a first successful audit. */
  scorecard: Scorecard | null;
  /** ISO time of the audit that produced `scorecard`. */
  auditedAt: string | null;
  /** Why the latest audit failed, or what it ignored (a malformed waiver annotation). */
  error?: string;
  /** Oldest first; at most the last 90 audits. */
  history: Array<{
    auditedAt: string;
    score: number;
    verdict: Verdict;
    categories: Record<string, number | null>;
    blockers: number;
  }>;
  /** An audit is queued or running. */
  refreshing: boolean;
}

/** One row of GET /leaderboard. @public */
export interface LeaderboardItem {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  owner?: string;
  lifecycle?: string;
  /** Null only for never-scored entities, listed with `includeUnscored=true`. */
  score: number | null;
  verdict: Verdict | null;
  band: Band | null;
  blockers: number;
  auditedAt: string | null;
  error?: string;
}

/** GET /leaderboard @public */
export interface LeaderboardResponse {
  items: LeaderboardItem[];
  total: number;
}

/** GET /blockers @public */
export interface BlockersResponse {
  items: Array<{
    ruleId: string;
    title: string;
    severity: string;
    category: string;
    count: number;
    entities: string[];
  }>;
}

/** GET /owners @public */
export interface OwnersResponse {
  items: Array<{
    owner: string;
    entities: number;
    averageScore: number;
    band: Band;
    blockers: number;
    notReady: number;
  }>;
}

/** GET /rules @public */
export interface RulesResponse {
  items: Array<RuleMeta & { docs?: string }>;
}

/** GET /summaries: every visible scored entity, for integrations. @public */
export interface SummariesResponse {
  items: Array<{
    entityRef: string;
    score: number;
    band: Band;
    verdict: Verdict;
    blockers: number;
  }>;
}
