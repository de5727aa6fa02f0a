import type { Band } from '@readiness/backstage-plugin-readiness-common';
import type { LeaderboardQuery } from '../../api/types';
import { parseBand } from '../../helpers/bands';

/** The leaderboard filters as the form holds them. @public */
export interface LeaderboardFilters {
  q: string;
  owner: string;
  kind: string;
  band: Band | '';
  /** Only entities blocked in this category (built-in or custom); any when empty. */
  category?: string;
  minScore: string;
  maxScore: string;
}

export const EMPTY_FILTERS: LeaderboardFilters = {
  q: '',
  owner: '',
  kind: '',
  band: '',
  category: '',
  minScore: '',
  maxScore: '',
};

/** A score bound from a text field: an integer in [0, 100], or undefined. */
export function parseScore(value: string): number | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const number = Number(trimmed);
  if (!Number.isFinite(number)) return undefined;
  return Math.min(100, Math.max(0, Math.round(number)));
}

/** The backend query of the form's filters; empty fields are left out. */
export function filtersToQuery(filters: LeaderboardFilters): LeaderboardQuery {
  let minScore = parseScore(filters.minScore);
  let maxScore = parseScore(filters.maxScore);
  if (minScore !== undefined && maxScore !== undefined && minScore > maxScore) {
    [minScore, maxScore] = [maxScore, minScore];
  }
  return {
    q: filters.q.trim() || undefined,
    owner: filters.owner || undefined,
    kind: filters.kind || undefined,
    band: parseBand(filters.band),
    category: filters.category || undefined,
    minScore,
    maxScore,
  };
}

/** Whether any filter is set. */
export function hasFilters(filters: LeaderboardFilters): boolean {
  const query = filtersToQuery(filters);
  return Object.values(query).some(value => value !== undefined);
}
