import type {
  Band,
  Verdict,
} from '@readiness/backstage-plugin-readiness-common';
import { BANDS } from './bands';

/** What a tally reads of an entity: a leaderboard row or a summary. */
export interface TallyItem {
  entityRef: string;
  /** Null for an entity never scored (its audits failed so far). */
  score: number | null;
  band: Band | null;
  verdict: Verdict | null;
  blockers: number;
}

/** The readiness of a set of entities, counted. */
export interface ReadinessTally {
  /** Entities counted, scored or not. */
  entities: number;
  /** Of those, the ones with a score. */
  scored: number;
  /** Rounded average of the scores; null when nothing is scored. */
  averageScore: number | null;
  /** Scored entities per band. */
  bands: Record<Band, number>;
  /** Scored entities with at least one production blocker. */
  withBlockers: number;
  /** Scored entities whose verdict is not `production-ready`. */
  notProductionReady: number;
}

/** Counts score, bands, blockers and verdicts over `items`. */
export function tallyReadiness(items: readonly TallyItem[]): ReadinessTally {
  const bands = Object.fromEntries(BANDS.map(band => [band, 0])) as Record<
    Band,
    number
  >;
  let scored = 0;
  let total = 0;
  let withBlockers = 0;
  let notProductionReady = 0;
  for (const item of items) {
    if (item.score === null) continue;
    scored += 1;
    total += item.score;
    if (item.band && item.band in bands) bands[item.band] += 1;
    if (item.blockers > 0) withBlockers += 1;
    if (item.verdict !== 'production-ready') notProductionReady += 1;
  }
  return {
    entities: items.length,
    scored,
    averageScore: scored > 0 ? Math.round(total / scored) : null,
    bands,
    withBlockers,
    notProductionReady,
  };
}

/**
 * Each entity once (the first seen), worst first: lowest score, then most
 * blockers, then by ref; entities without a score come last.
 */
export function worstFirst<T extends TallyItem>(items: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const item of items) {
    if (!seen.has(item.entityRef)) seen.set(item.entityRef, item);
  }
  return [...seen.values()].sort((a, b) => {
    if (a.score === null || b.score === null) {
      if (a.score !== b.score) return a.score === null ? 1 : -1;
    } else if (a.score !== b.score) {
      return a.score - b.score;
    }
    if (a.blockers !== b.blockers) return b.blockers - a.blockers;
    if (a.entityRef === b.entityRef) return 0;
    return a.entityRef < b.entityRef ? -1 : 1;
  });
}

/** `1 service`, `3 services`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
