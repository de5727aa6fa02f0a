import {
  Band,
  bandFor,
  CategoryId,
  RollupBlocker,
  RollupFailingRule,
  RollupTrendPoint,
  Severity,
} from '@readiness/backstage-plugin-readiness-common';
import { Knex } from 'knex';
import {
  ReadinessRollupStore,
  RollupAggregate,
  RollupOptions,
  ScorecardRow,
} from './ReadinessStore';
import {
  BLOCKERS,
  chunks,
  HISTORY,
  isPostgres,
  SCORECARDS,
  ScorecardDbRow,
  toNumber,
} from './tables';
import { ROW_COLUMNS, toRow } from './DatabaseQueryStore';

const DAY_MS = 86_400_000;

/**
 * Entity refs per query: far below the bind-parameter limits of SQLite
 * (32,766) and PostgreSQL (65,535). Every aggregate below is computed per
 * chunk and the chunks' partial results are added up, so a roll-up of any
 * size is a few queries per thousand entities, each returning few rows.
 */
const REFS_PER_QUERY = 2000;

const SEVERITY_RANK: Record<string, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
};

function emptyBands(): Record<Band, number> {
  return { good: 0, 'needs-work': 0, poor: 0, critical: 0 };
}

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Adds `value` to the entry of `key`, starting from zero. */
function addTo<K>(map: Map<K, number>, key: K, value: number) {
  map.set(key, (map.get(key) ?? 0) + value);
}

/**
 * Roll-ups: the readiness of a set of entities (a team's, a system's),
 * summarised by the database. Only aggregates and the few worst rows leave
 * the database, never the scorecards. Runs on SQLite and PostgreSQL.
 * @public
 */
export class DatabaseRollupStore implements ReadinessRollupStore {
  readonly #db: Knex;

  constructor(options: { knex: Knex }) {
    this.#db = options.knex;
  }

  async getRollup(
    entityRefs: string[],
    options: RollupOptions,
  ): Promise<RollupAggregate> {
    const refs = [...new Set(entityRefs)];
    const out: RollupAggregate = {
      entities: 0,
      scored: 0,
      averageScore: null,
      band: null,
      bands: emptyBands(),
      blockers: 0,
      notReady: 0,
      worst: [],
      blockerRules: [],
      failingRules: [],
      trend: [],
    };
    if (refs.length === 0) return out;

    let total = 0;
    const worst: ScorecardRow[] = [];
    const blockerRules = new Map<string, RollupBlocker>();
    const failing = new Map<string, number>();
    const dayDelta = new Map<number, number>();
    const dayAdded = new Map<number, number>();
    const sinceDay = Math.floor(options.now.getTime() / DAY_MS) - options.days;

    for (const chunk of chunks(refs, REFS_PER_QUERY)) {
      const totals = await this.#totals(chunk);
      out.entities += totals.entities;
      out.scored += totals.scored;
      out.blockers += totals.blockers;
      out.notReady += totals.notReady;
      total += totals.total;
      for (const [band, count] of await this.#bands(chunk)) {
        out.bands[band] += count;
      }
      worst.push(...(await this.#worst(chunk, options.worst)));
      for (const rule of await this.#blockerRules(chunk)) {
        const seen = blockerRules.get(rule.ruleId);
        if (seen) seen.count += rule.count;
        else blockerRules.set(rule.ruleId, rule);
      }
      for (const rule of await this.#failingRules(chunk)) {
        addTo(failing, rule.ruleId, rule.count);
      }
      for (const day of await this.#dailyChanges(chunk, sinceDay)) {
        addTo(dayDelta, day.day, day.delta);
        addTo(dayAdded, day.day, day.added);
      }
    }

    if (out.scored > 0) {
      out.averageScore = Math.round(total / out.scored);
      out.band = bandFor(out.averageScore);
    }
    out.worst = worst
      .sort(
        (a, b) =>
          (a.score ?? 0) - (b.score ?? 0) ||
          (a.entityRef < b.entityRef ? -1 : Number(a.entityRef > b.entityRef)),
      )
      .slice(0, options.worst);
    out.blockerRules = [...blockerRules.values()]
      .sort(
        (a, b) =>
          b.count - a.count ||
          (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9) ||
          a.ruleId.localeCompare(b.ruleId),
      )
      .slice(0, options.rules);
    out.failingRules = [...failing.entries()]
      .map(([ruleId, count]): RollupFailingRule => ({ ruleId, count }))
      .sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId))
      .slice(0, options.rules);
    out.trend = trendOf(dayDelta, dayAdded);
    return out;
  }

  async #totals(refs: string[]) {
    const row:
      | {
          entities: number | string;
          scored: number | string;
          total: number | string | null;
          blockers: number | string | null;
          not_ready: number | string | null;
        }
      | undefined = await this.#db(SCORECARDS)
      .whereIn('entity_ref', refs)
      .first(
        this.#db.raw('COUNT(*) AS entities'),
        this.#db.raw('COUNT(score) AS scored'),
        this.#db.raw('SUM(score) AS total'),
        this.#db.raw(
          'SUM(CASE WHEN score IS NULL THEN 0 ELSE blockers END) AS blockers',
        ),
        this.#db.raw(
          "SUM(CASE WHEN verdict = 'not-ready' THEN 1 ELSE 0 END) AS not_ready",
        ),
      );
    return {
      entities: toNumber(row?.entities) ?? 0,
      scored: toNumber(row?.scored) ?? 0,
      total: toNumber(row?.total) ?? 0,
      blockers: toNumber(row?.blockers) ?? 0,
      notReady: toNumber(row?.not_ready) ?? 0,
    };
  }

  async #bands(refs: string[]): Promise<Array<[Band, number]>> {
    const rows: Array<{ band: string; count: number | string }> =
      await this.#db(SCORECARDS)
        .whereIn('entity_ref', refs)
        .whereNotNull('score')
        .whereNotNull('band')
        .select('band')
        .count({ count: '*' })
        .groupBy('band');
    return rows
      .filter(r => r.band in emptyBands())
      .map(r => [r.band as Band, toNumber(r.count) ?? 0]);
  }

  async #worst(refs: string[], limit: number): Promise<ScorecardRow[]> {
    const rows: ScorecardDbRow[] = await this.#db(SCORECARDS)
      .whereIn('entity_ref', refs)
      .whereNotNull('score')
      .select(ROW_COLUMNS)
      .orderBy([
        { column: 'score', order: 'asc' },
        { column: 'entity_ref', order: 'asc' },
      ])
      .limit(limit);
    return rows.map(toRow);
  }

  async #blockerRules(refs: string[]): Promise<RollupBlocker[]> {
    // Only the engine writes these columns, with its own severity and category ids.
    const rows: Array<{
      rule_id: string;
      title: string;
      severity: string;
      category: string;
      count: number | string;
    }> = await this.#db(BLOCKERS)
      .whereIn('entity_ref', refs)
      .select(
        'rule_id',
        this.#db.raw('MAX(title) AS title'),
        this.#db.raw('MAX(severity) AS severity'),
        this.#db.raw('MAX(category) AS category'),
        this.#db.raw('COUNT(*) AS count'),
      )
      .groupBy('rule_id');
    return rows.map(r => ({
      ruleId: r.rule_id,
      title: r.title,
      severity: r.severity as Severity,
      category: r.category as CategoryId,
      count: toNumber(r.count) ?? 0,
    }));
  }

  /**
   * The failing rules of each entity's latest history point, counted by the
   * database: the JSON array of ids is expanded with `json_each` (SQLite) or
   * `json_array_elements_text` (PostgreSQL). Points recorded before failing
   * rules were kept have none and count for nothing.
   */
  async #failingRules(refs: string[]): Promise<RollupFailingRule[]> {
    const latest = this.#db(HISTORY)
      .whereIn('entity_ref', refs)
      .select(
        'failing_rules',
        this.#db.raw(
          'ROW_NUMBER() OVER (PARTITION BY entity_ref ORDER BY audited_at DESC, id DESC) AS rn',
        ),
      )
      .as('latest');
    const expand = isPostgres(this.#db)
      ? 'CROSS JOIN LATERAL json_array_elements_text(latest.failing_rules::json) AS rule(value)'
      : 'CROSS JOIN json_each(latest.failing_rules) AS rule';
    const rows: Array<{ rule_id: string; count: number | string }> =
      await this.#db
        .from(latest)
        .joinRaw(expand)
        .where('latest.rn', 1)
        .whereNotNull('latest.failing_rules')
        .select(this.#db.raw('rule.value AS rule_id'))
        .count({ count: '*' })
        .groupByRaw('rule.value');
    return rows.map(r => ({
      ruleId: String(r.rule_id),
      count: toNumber(r.count) ?? 0,
    }));
  }

  /**
   * How the sum of the entities' latest scores changed each day, and how
   * many entities got a first score that day: one row per day. Each entity
   * counts with its last point of a day; points before the window count on
   * its first day, as the baseline.
   */
  async #dailyChanges(
    refs: string[],
    sinceDay: number,
  ): Promise<Array<{ day: number; delta: number; added: number }>> {
    const dayOf = isPostgres(this.#db)
      ? 'CAST(FLOOR(EXTRACT(EPOCH FROM audited_at) / 86400) AS INTEGER)'
      : 'CAST(audited_at / 86400000 AS INTEGER)';
    const points = this.#db(HISTORY)
      .whereIn('entity_ref', refs)
      .select(
        'entity_ref',
        'score',
        this.#db.raw(`CASE WHEN ${dayOf} < ? THEN ? ELSE ${dayOf} END AS day`, [
          sinceDay,
          sinceDay,
        ]),
        this.#db.raw(
          `ROW_NUMBER() OVER (PARTITION BY entity_ref, CASE WHEN ${dayOf} < ? THEN ? ELSE ${dayOf} END ORDER BY audited_at DESC, id DESC) AS rn`,
          [sinceDay, sinceDay],
        ),
      )
      .as('points');
    const daily = this.#db
      .from(points)
      .where('rn', 1)
      .select(
        'day',
        this.#db.raw(
          'score - COALESCE(LAG(score) OVER (PARTITION BY entity_ref ORDER BY day), 0) AS delta',
        ),
        this.#db.raw(
          'CASE WHEN LAG(score) OVER (PARTITION BY entity_ref ORDER BY day) IS NULL THEN 1 ELSE 0 END AS added',
        ),
      )
      .as('daily');
    const rows: Array<{
      day: number | string;
      delta: number | string;
      added: number | string;
    }> = await this.#db
      .from(daily)
      .select(
        'day',
        this.#db.raw('SUM(delta) AS delta'),
        this.#db.raw('SUM(added) AS added'),
      )
      .groupBy('day')
      .orderBy('day');
    return rows.map(r => ({
      day: toNumber(r.day) ?? 0,
      delta: toNumber(r.delta) ?? 0,
      added: toNumber(r.added) ?? 0,
    }));
  }
}

/** The running average from each day's change of the score sum and count. */
function trendOf(
  dayDelta: Map<number, number>,
  dayAdded: Map<number, number>,
): RollupTrendPoint[] {
  let sum = 0;
  let count = 0;
  const out: RollupTrendPoint[] = [];
  for (const day of [...dayDelta.keys()].sort((a, b) => a - b)) {
    sum += dayDelta.get(day) ?? 0;
    count += dayAdded.get(day) ?? 0;
    if (count === 0) continue;
    out.push({
      date: isoDay(day),
      averageScore: Math.round(sum / count),
      entities: count,
    });
  }
  return out;
}
