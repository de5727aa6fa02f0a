import {
  AuditTransitions,
  Band,
  bandFor,
  CategoryId,
  Scorecard,
  Severity,
  Verdict,
} from '@readiness/backstage-plugin-readiness-common';
import { Knex } from 'knex';
import {
  AuditState,
  BlockerAggregate,
  BlockerPageOptions,
  HistoryPoint,
  OwnerAggregate,
  PageOptions,
  ReadinessQueryStore,
  ScorecardQuery,
  ScorecardRow,
  ScoreSummaryRow,
  StoredScorecard,
  Visibility,
} from './ReadinessStore';
import {
  BLOCKERS,
  chunks,
  HISTORY,
  SCORECARDS,
  ScorecardDbRow,
  toDate,
  toNumber,
} from './tables';

const SEVERITY_RANK: Record<string, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
};

const ORDER_COLUMNS: Record<NonNullable<ScorecardQuery['orderBy']>, string> = {
  score: 'score',
  name: 'name',
  owner: 'owner',
  auditedAt: 'audited_at',
};

/** The columns {@link toRow} reads. */
export const ROW_COLUMNS = [
  'entity_ref',
  'kind',
  'namespace',
  'name',
  'title',
  'owner',
  'lifecycle',
  'score',
  'verdict',
  'band',
  'blockers',
  'audited_at',
  'checked_at',
  'error',
  'waiting_host',
  'waiting_until',
];

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, c => `\\${c}`);
}

/** A scorecards row as the store hands it out. */
export function toRow(row: ScorecardDbRow): ScorecardRow {
  const out: ScorecardRow = {
    entityRef: row.entity_ref,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    score: toNumber(row.score),
    verdict: (row.verdict as Verdict | null) ?? null,
    band: (row.band as Band | null) ?? null,
    blockers: toNumber(row.blockers) ?? 0,
  };
  if (row.title) out.title = row.title;
  if (row.owner) out.owner = row.owner;
  if (row.lifecycle) out.lifecycle = row.lifecycle;
  const auditedAt = toDate(row.audited_at);
  if (auditedAt) out.auditedAt = auditedAt;
  const checkedAt = toDate(row.checked_at);
  if (checkedAt) out.checkedAt = checkedAt;
  if (row.error) out.error = row.error;
  const waitingUntil = toDate(row.waiting_until);
  if (row.waiting_host && waitingUntil) {
    out.waiting = { host: row.waiting_host, until: waitingUntil };
  }
  return out;
}

/** A scorecards row with its scorecard document, etag and links. */
function toStored(row: ScorecardDbRow): StoredScorecard {
  const out: StoredScorecard = {
    ...toRow(row),
    scorecard: row.scorecard ? (JSON.parse(row.scorecard) as Scorecard) : null,
  };
  if (row.etag) out.etag = row.etag;
  if (row.inputs_hash) out.inputsHash = row.inputs_hash;
  if (
    row.link_base &&
    row.link_line_anchor !== null &&
    row.link_line_anchor !== undefined
  ) {
    out.links = { base: row.link_base, lineAnchor: row.link_line_anchor };
  }
  return out;
}

/**
 * The knex-backed {@link ReadinessQueryStore}: scorecards, history, the
 * leaderboard and its aggregates; runs on SQLite and PostgreSQL. Built by
 * `DatabaseReadinessStore.create`, which runs the migrations.
 * @public
 */
export class DatabaseQueryStore implements ReadinessQueryStore {
  readonly #db: Knex;

  constructor(options: { knex: Knex }) {
    this.#db = options.knex;
  }

  async getScorecard(entityRef: string): Promise<StoredScorecard | undefined> {
    const row: ScorecardDbRow | undefined = await this.#db(SCORECARDS)
      .where('entity_ref', entityRef)
      .first();
    return row ? toStored(row) : undefined;
  }

  async getScorecards(entityRefs: string[]): Promise<StoredScorecard[]> {
    const out: StoredScorecard[] = [];
    for (const chunk of chunks([...new Set(entityRefs)])) {
      const rows: ScorecardDbRow[] = await this.#db(SCORECARDS).whereIn(
        'entity_ref',
        chunk,
      );
      out.push(...rows.map(toStored));
    }
    // Ordered here, not per chunk in SQL, and the same on every engine.
    return out.sort((a, b) =>
      a.entityRef < b.entityRef ? -1 : Number(a.entityRef > b.entityRef),
    );
  }

  async getAuditState(entityRef: string): Promise<AuditState | undefined> {
    return (await this.getAuditStates([entityRef])).get(entityRef);
  }

  async getAuditStates(entityRefs: string[]): Promise<Map<string, AuditState>> {
    const out = new Map<string, AuditState>();
    for (const chunk of chunks([...new Set(entityRefs)])) {
      const rows: Array<{
        entity_ref: string;
        etag: string | null;
        inputs_hash: string | null;
        score: number | null;
      }> = await this.#db(SCORECARDS)
        .whereIn('entity_ref', chunk)
        .select('entity_ref', 'etag', 'inputs_hash', 'score');
      for (const row of rows) {
        out.set(row.entity_ref, {
          ...(row.etag ? { etag: row.etag } : {}),
          ...(row.inputs_hash ? { inputsHash: row.inputs_hash } : {}),
          score: row.score === null ? null : Number(row.score),
        });
      }
    }
    return out;
  }

  async getBlockerRuleIds(entityRef: string): Promise<string[]> {
    return this.#db(BLOCKERS)
      .where('entity_ref', entityRef)
      .orderBy('rule_id')
      .pluck('rule_id');
  }

  async getHistory(entityRef: string, limit = 90): Promise<HistoryPoint[]> {
    const rows: Array<{
      audited_at: Date | number | string;
      score: number | string;
      verdict: string;
      categories: string;
      blockers: number | string;
      failing_rules: string | null;
      failing_findings: string | null;
      transitions: string | null;
      source_version: string | null;
    }> = await this.#db(HISTORY)
      .select(
        'audited_at',
        'score',
        'verdict',
        'categories',
        'blockers',
        'failing_rules',
        'failing_findings',
        'transitions',
        'source_version',
      )
      .where('entity_ref', entityRef)
      .orderBy([
        { column: 'audited_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(r => ({
      auditedAt: toDate(r.audited_at)!,
      score: toNumber(r.score) ?? 0,
      verdict: r.verdict as Verdict,
      categories: JSON.parse(r.categories) as Record<string, number | null>,
      blockers: toNumber(r.blockers) ?? 0,
      ...(r.failing_rules
        ? { failingRules: JSON.parse(r.failing_rules) as string[] }
        : {}),
      ...(r.failing_findings
        ? { failingFindings: JSON.parse(r.failing_findings) as string[] }
        : {}),
      ...(r.transitions
        ? { transitions: JSON.parse(r.transitions) as AuditTransitions }
        : {}),
      ...(r.source_version ? { sourceVersion: r.source_version } : {}),
    }));
  }

  async listScorecards(
    query: ScorecardQuery,
    visibility: Visibility,
  ): Promise<{ items: ScorecardRow[]; total: number }> {
    const base = this.#db(SCORECARDS);
    if (!query.includeUnscored) base.whereNotNull('score');
    if (query.owner)
      base.where('owner', query.owner.toLocaleLowerCase('en-US'));
    if (query.kind) {
      base.whereRaw('lower(kind) = ?', [query.kind.toLocaleLowerCase('en-US')]);
    }
    if (query.lifecycle) base.where('lifecycle', query.lifecycle);
    if (query.band) base.where('band', query.band);
    if (query.category) {
      const category = query.category;
      base.whereExists(function blockedIn() {
        this.select(1)
          .from(BLOCKERS)
          .whereRaw('?? = ??', [
            `${BLOCKERS}.entity_ref`,
            `${SCORECARDS}.entity_ref`,
          ])
          .where(`${BLOCKERS}.category`, category);
      });
    }
    if (query.minScore !== undefined) base.where('score', '>=', query.minScore);
    if (query.maxScore !== undefined) base.where('score', '<=', query.maxScore);
    if (query.q) {
      const like = `%${escapeLike(query.q.toLocaleLowerCase('en-US'))}%`;
      base.where(b =>
        b
          .whereRaw("lower(name) LIKE ? ESCAPE '\\'", [like])
          .orWhereRaw("lower(title) LIKE ? ESCAPE '\\'", [like])
          .orWhereRaw("entity_ref LIKE ? ESCAPE '\\'", [like]),
      );
    }

    const column = ORDER_COLUMNS[query.orderBy ?? 'score'];
    const direction =
      query.order ??
      (query.orderBy === 'name' || query.orderBy === 'owner' ? 'asc' : 'desc');
    const ordered = (q: Knex.QueryBuilder) => {
      // Entities without a value sort last either way. Only owner, and the
      // score and audit time of never-scored rows, can be missing.
      if (column === 'owner' || (query.includeUnscored && column !== 'name')) {
        q.orderByRaw(`CASE WHEN ?? IS NULL THEN 1 ELSE 0 END`, [column]);
      }
      return q.orderBy(column, direction).orderBy('entity_ref', 'asc');
    };
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;

    if (visibility === undefined) {
      const countRow = await base.clone().count({ count: '*' }).first();
      const page: ScorecardDbRow[] = await ordered(
        base.clone().select(ROW_COLUMNS),
      )
        .limit(limit)
        .offset(offset);
      return {
        items: page.map(toRow),
        total: toNumber(countRow?.count as number | string | undefined) ?? 0,
      };
    }

    // With a visibility set, the ordered refs are read narrowly (from the
    // indexes where possible), filtered here, and only the page is loaded.
    const refs: string[] = (
      await ordered(base.clone().select('entity_ref'))
    ).map((r: { entity_ref: string }) => r.entity_ref);
    const visibleRefs = refs.filter(ref => visibility.has(ref));
    const pageRefs = visibleRefs.slice(offset, offset + limit);
    const byRef = new Map<string, ScorecardDbRow>();
    for (const chunk of chunks(pageRefs, 500)) {
      const rows: ScorecardDbRow[] = await this.#db(SCORECARDS)
        .select(ROW_COLUMNS)
        .whereIn('entity_ref', chunk);
      for (const row of rows) byRef.set(row.entity_ref, row);
    }
    return {
      items: pageRefs.flatMap(ref => {
        const row = byRef.get(ref);
        return row ? [toRow(row)] : [];
      }),
      total: visibleRefs.length,
    };
  }

  async listBlockers(
    visibility: Visibility,
    page: BlockerPageOptions = {},
  ): Promise<BlockerAggregate[]> {
    // Only the engine writes these columns, with its own severity and category ids.
    const rules: Array<{
      rule_id: string;
      title: string;
      severity: Severity;
      category: CategoryId;
      count: number | string;
    }> = await this.#db(BLOCKERS)
      .select(
        'rule_id',
        this.#db.raw('MAX(title) AS title'),
        this.#db.raw('MAX(severity) AS severity'),
        this.#db.raw('MAX(category) AS category'),
        this.#db.raw('COUNT(*) AS count'),
      )
      .groupBy('rule_id');
    const ranked = (counts: Map<string, number>) =>
      rules
        .filter(rule => (counts.get(rule.rule_id) ?? 0) > 0)
        .map(rule => ({
          ruleId: rule.rule_id,
          title: rule.title,
          severity: rule.severity,
          category: rule.category,
          count: counts.get(rule.rule_id)!,
        }))
        .sort(
          (a, b) =>
            b.count - a.count ||
            (SEVERITY_RANK[a.severity] ?? 9) -
              (SEVERITY_RANK[b.severity] ?? 9) ||
            a.ruleId.localeCompare(b.ruleId),
        )
        .slice(
          page.offset ?? 0,
          (page.offset ?? 0) + (page.limit ?? Number.MAX_SAFE_INTEGER),
        );
    const perRule = page.entities ?? Number.MAX_SAFE_INTEGER;

    if (visibility === undefined) {
      // Counted in SQL; only the listed entities of the page's rules are read.
      const listed = ranked(
        new Map(rules.map(r => [r.rule_id, toNumber(r.count) ?? 0])),
      );
      const entities = new Map<string, string[]>();
      for (const chunk of chunks(
        listed.map(rule => rule.ruleId),
        500,
      )) {
        if (perRule === 0) break;
        const numbered = this.#db(BLOCKERS)
          .select(
            'rule_id',
            'entity_ref',
            this.#db.raw(
              'ROW_NUMBER() OVER (PARTITION BY rule_id ORDER BY entity_ref) AS n',
            ),
          )
          .whereIn('rule_id', chunk);
        const rows: Array<{ rule_id: string; entity_ref: string }> =
          await this.#db
            .from(numbered.as('numbered'))
            .select('rule_id', 'entity_ref')
            .where('n', '<=', perRule)
            .orderBy(['rule_id', 'entity_ref']);
        for (const row of rows) {
          const list = entities.get(row.rule_id) ?? [];
          list.push(row.entity_ref);
          entities.set(row.rule_id, list);
        }
      }
      return listed.map(rule => ({
        ...rule,
        entities: entities.get(rule.ruleId) ?? [],
      }));
    }

    // Narrow rows, read from the (rule_id, entity_ref) index and kept only
    // where the caller may see the entity.
    const members: Array<{ rule_id: string; entity_ref: string }> =
      await this.#db(BLOCKERS)
        .select('rule_id', 'entity_ref')
        .orderBy([
          { column: 'rule_id', order: 'asc' },
          { column: 'entity_ref', order: 'asc' },
        ]);
    const counts = new Map<string, number>();
    const entities = new Map<string, string[]>();
    for (const row of members) {
      if (!visibility.has(row.entity_ref)) continue;
      const count = (counts.get(row.rule_id) ?? 0) + 1;
      counts.set(row.rule_id, count);
      if (count > perRule) continue;
      const list = entities.get(row.rule_id) ?? [];
      list.push(row.entity_ref);
      entities.set(row.rule_id, list);
    }
    return ranked(counts).map(rule => ({
      ...rule,
      entities: entities.get(rule.ruleId) ?? [],
    }));
  }

  async listOwners(visibility: Visibility): Promise<OwnerAggregate[]> {
    const rows: Array<{
      entity_ref: string;
      owner: string;
      score: number | string;
      blockers: number | string;
      verdict: string;
    }> = await this.#db(SCORECARDS)
      .whereNotNull('score')
      .whereNotNull('owner')
      .select('entity_ref', 'owner', 'score', 'blockers', 'verdict');
    const byOwner = new Map<
      string,
      { entities: number; total: number; blockers: number; notReady: number }
    >();
    for (const row of rows) {
      if (visibility && !visibility.has(row.entity_ref)) continue;
      let entry = byOwner.get(row.owner);
      if (!entry) {
        entry = { entities: 0, total: 0, blockers: 0, notReady: 0 };
        byOwner.set(row.owner, entry);
      }
      entry.entities += 1;
      entry.total += toNumber(row.score) ?? 0;
      entry.blockers += toNumber(row.blockers) ?? 0;
      if (row.verdict === 'not-ready') entry.notReady += 1;
    }
    return [...byOwner.entries()]
      .sort(([a], [b]) => (a < b ? -1 : Number(a > b)))
      .map(([owner, entry]) => {
        const averageScore = Math.round(entry.total / entry.entities);
        return {
          owner,
          entities: entry.entities,
          averageScore,
          band: bandFor(averageScore),
          blockers: entry.blockers,
          notReady: entry.notReady,
        };
      });
  }

  async listSummaries(
    visibility: Visibility,
    page: PageOptions = {},
  ): Promise<ScoreSummaryRow[]> {
    const offset = page.offset ?? 0;
    const query = this.#db(SCORECARDS)
      .whereNotNull('score')
      .select('entity_ref', 'score', 'band', 'verdict', 'blockers')
      .orderBy('entity_ref');
    // Paged in SQL when every entity counts; otherwise after the filter.
    if (visibility === undefined) {
      if (page.limit !== undefined) query.limit(page.limit);
      if (offset > 0) query.offset(offset);
    }
    const rows: Array<{
      entity_ref: string;
      score: number | string;
      band: string;
      verdict: string;
      blockers: number | string;
    }> = await query;
    const visible = visibility
      ? rows
          .filter(r => visibility.has(r.entity_ref))
          .slice(
            offset,
            page.limit === undefined ? undefined : offset + page.limit,
          )
      : rows;
    return visible.map(r => ({
      entityRef: r.entity_ref,
      score: toNumber(r.score) ?? 0,
      band: r.band as Band,
      verdict: r.verdict as Verdict,
      blockers: toNumber(r.blockers) ?? 0,
    }));
  }
}
