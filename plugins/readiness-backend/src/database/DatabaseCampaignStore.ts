import { ConflictError } from '@backstage/errors';
import {
  Campaign,
  CampaignDefinition,
  CampaignRequirement,
  Scorecard,
} from '@readiness/backstage-plugin-readiness-common';
import { Knex } from 'knex';
import { EntityStanding, SeriesChange } from '../campaigns/progress';
import {
  chunks,
  HISTORY,
  isPostgres,
  SCORECARDS,
  toDate,
  toNumber,
} from './tables';

export const CAMPAIGNS = 'readiness_campaigns';
export const CAMPAIGN_REMINDERS = 'readiness_campaign_reminders';

/** Entity refs per query, far below either database's bind limit. */
const REFS_PER_QUERY = 2000;

interface CampaignDbRow {
  id: string;
  title: string;
  description: string;
  owner: string;
  target_date: string;
  requirement: string;
  scope: string;
  archived: boolean | number | string;
  created_at: Date | number | string;
  updated_at: Date | number | string;
}

/** The kinds of campaign reminder. */
export type ReminderKind = 'due-soon' | 'overdue';

function toCampaign(row: CampaignDbRow): Campaign {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    owner: row.owner,
    targetDate: row.target_date,
    requirement: JSON.parse(row.requirement),
    scope: JSON.parse(row.scope),
    archived: row.archived === true || Number(row.archived) === 1,
    source: 'api',
    createdAt: toDate(row.created_at)!.toISOString(),
    updatedAt: toDate(row.updated_at)!.toISOString(),
  };
}

function definitionColumns(campaign: Omit<CampaignDefinition, 'id'>) {
  return {
    title: campaign.title,
    description: campaign.description,
    owner: campaign.owner,
    target_date: campaign.targetDate,
    requirement: JSON.stringify(campaign.requirement),
    scope: JSON.stringify(campaign.scope),
    archived: campaign.archived,
  };
}

/** `%` and `_` match themselves in a LIKE pattern escaped with `\`. */
function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, c => `\\${c}`);
}

function parseIds(value: string | null | undefined): string[] | null {
  if (value === null || value === undefined) return null;
  try {
    const parsed = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(String) : null;
  } catch {
    return null;
  }
}

/**
 * Campaigns created through the API, the standing of the entities they
 * cover, their daily series and the reminders sent. Reads the scorecards
 * and history the audits write; writes only its own tables. Runs on SQLite
 * and PostgreSQL; its tables come with the plugin's migrations, which
 * `DatabaseReadinessStore.create` runs.
 * @public
 */
export class DatabaseCampaignStore {
  readonly #db: Knex;

  constructor(options: { knex: Knex }) {
    this.#db = options.knex;
  }

  async listCampaigns(): Promise<Campaign[]> {
    const rows: CampaignDbRow[] = await this.#db(CAMPAIGNS).orderBy('id');
    return rows.map(toCampaign);
  }

  async getCampaign(id: string): Promise<Campaign | undefined> {
    const row: CampaignDbRow | undefined = await this.#db(CAMPAIGNS)
      .where('id', id)
      .first();
    return row ? toCampaign(row) : undefined;
  }

  /** Stores a new campaign; a ConflictError when the id is taken. */
  async createCampaign(
    campaign: CampaignDefinition,
    now: Date,
  ): Promise<Campaign> {
    const inserted = await this.#db(CAMPAIGNS)
      .insert({
        id: campaign.id,
        ...definitionColumns(campaign),
        created_at: now,
        updated_at: now,
      })
      .onConflict('id')
      .ignore()
      .returning('id');
    // SQLite's returning gives the row only when it was inserted, too.
    if (inserted.length === 0) {
      throw new ConflictError(`A campaign with the id '${campaign.id}' exists`);
    }
    return (await this.getCampaign(campaign.id))!;
  }

  /** Replaces a campaign's definition; undefined when there is none. */
  async updateCampaign(
    id: string,
    campaign: Omit<CampaignDefinition, 'id'>,
    now: Date,
  ): Promise<Campaign | undefined> {
    const count = await this.#db(CAMPAIGNS)
      .where('id', id)
      .update({ ...definitionColumns(campaign), updated_at: now });
    return count > 0 ? this.getCampaign(id) : undefined;
  }

  /** Archives a campaign (again is a no-op); undefined when there is none. */
  async archiveCampaign(id: string, now: Date): Promise<Campaign | undefined> {
    const existing = await this.getCampaign(id);
    if (!existing) return undefined;
    if (existing.archived) return existing;
    await this.#db(CAMPAIGNS)
      .where('id', id)
      .update({ archived: true, updated_at: now });
    return this.getCampaign(id);
  }

  /**
   * Where each entity stands after its latest audit: score, owner and the
   * rules failing without and under a waiver, as its scorecard row records
   * them once per audit (one indexed read per chunk of refs). Rows written
   * before those were recorded are read the old way: the failing rules from
   * the latest history point, the waived ones from the scorecard document,
   * and both from the document when the point has none (or was pruned).
   * Refs the store does not know are left out.
   */
  async getStandings(entityRefs: string[]): Promise<EntityStanding[]> {
    const out: EntityStanding[] = [];
    for (const chunk of chunks([...new Set(entityRefs)], REFS_PER_QUERY)) {
      const rows: Array<{
        entity_ref: string;
        title: string | null;
        owner: string | null;
        score: number | string | null;
        audited_at: Date | number | string | null;
        failing_rules: string | null;
        waived_rules: string | null;
      }> = await this.#db(SCORECARDS)
        .whereIn('entity_ref', chunk)
        .select(
          'entity_ref',
          'title',
          'owner',
          'score',
          'audited_at',
          'failing_rules',
          'waived_rules',
        );
      const recorded = new Map<
        string,
        { failing: string[]; waived: string[] }
      >();
      for (const row of rows) {
        const failing = parseIds(row.failing_rules);
        const waived = parseIds(row.waived_rules);
        if (failing && waived)
          recorded.set(row.entity_ref, { failing, waived });
      }
      const older = await this.#olderStandings(
        rows
          .filter(r => r.score !== null && !recorded.has(r.entity_ref))
          .map(r => r.entity_ref),
      );
      for (const row of rows) {
        const score = toNumber(row.score);
        const auditedAt = toDate(row.audited_at);
        const rules = recorded.get(row.entity_ref) ?? older.get(row.entity_ref);
        out.push({
          entityRef: row.entity_ref,
          ...(row.title ? { title: row.title } : {}),
          ...(row.owner ? { owner: row.owner } : {}),
          score,
          ...(auditedAt ? { auditedAt } : {}),
          failingRules: rules?.failing ?? [],
          waivedRules: rules?.waived ?? [],
        });
      }
    }
    return out.sort((a, b) =>
      a.entityRef < b.entityRef ? -1 : Number(a.entityRef > b.entityRef),
    );
  }

  /** The rules of scorecard rows written before they were recorded on the row. */
  async #olderStandings(
    refs: string[],
  ): Promise<Map<string, { failing: string[]; waived: string[] }>> {
    const out = new Map<string, { failing: string[]; waived: string[] }>();
    if (refs.length === 0) return out;
    const failing = await this.#latestFailingRules(refs);
    const waived = await this.#waivedRules(refs);
    const fromDocuments = await this.#rulesFromDocuments(
      refs.filter(r => !failing.has(r)),
    );
    for (const ref of refs) {
      out.set(ref, {
        failing: failing.get(ref) ?? fromDocuments.get(ref)?.failing ?? [],
        waived: waived.get(ref) ?? fromDocuments.get(ref)?.waived ?? [],
      });
    }
    return out;
  }

  /** The failing rules of each entity's latest history point, where recorded. */
  async #latestFailingRules(refs: string[]): Promise<Map<string, string[]>> {
    const latest = this.#db(HISTORY)
      .whereIn('entity_ref', refs)
      .select(
        'entity_ref',
        'failing_rules',
        this.#db.raw(
          'ROW_NUMBER() OVER (PARTITION BY entity_ref ORDER BY audited_at DESC, id DESC) AS rn',
        ),
      )
      .as('latest');
    const rows: Array<{ entity_ref: string; failing_rules: string | null }> =
      await this.#db
        .from(latest)
        .where('rn', 1)
        .select('entity_ref', 'failing_rules');
    const out = new Map<string, string[]>();
    for (const row of rows) {
      const ids = parseIds(row.failing_rules);
      if (ids) out.set(row.entity_ref, ids);
    }
    return out;
  }

  /**
   * The rules failing under an active waiver, from the scorecard documents
   * that hold one: the document's results are expanded by the database
   * (`json_each` on SQLite, `json_array_elements` on PostgreSQL).
   */
  async #waivedRules(refs: string[]): Promise<Map<string, string[]>> {
    const pg = isPostgres(this.#db);
    const expand = pg
      ? `CROSS JOIN LATERAL json_array_elements(${SCORECARDS}.scorecard::json -> 'results') AS result(value)`
      : `CROSS JOIN json_each(${SCORECARDS}.scorecard, '$.results') AS result`;
    const ruleId = pg
      ? "result.value ->> 'ruleId'"
      : "json_extract(result.value, '$.ruleId')";
    const hasWaiver = pg
      ? "json_typeof(result.value -> 'waiver') = 'object'"
      : "json_type(result.value, '$.waiver') = 'object'";
    const rows: Array<{ entity_ref: string; rule_id: string }> = await this.#db(
      SCORECARDS,
    )
      .joinRaw(expand)
      .whereIn(`${SCORECARDS}.entity_ref`, refs)
      .where(`${SCORECARDS}.scorecard`, 'like', '%"waiver":%')
      .whereRaw(hasWaiver)
      .select(`${SCORECARDS}.entity_ref`, this.#db.raw(`${ruleId} AS rule_id`));
    const out = new Map<string, string[]>();
    for (const row of rows) {
      const ids = out.get(row.entity_ref) ?? [];
      ids.push(String(row.rule_id));
      out.set(row.entity_ref, ids);
    }
    for (const ref of refs) if (!out.has(ref)) out.set(ref, []);
    return out;
  }

  async #rulesFromDocuments(
    refs: string[],
  ): Promise<Map<string, { failing: string[]; waived: string[] }>> {
    const out = new Map<string, { failing: string[]; waived: string[] }>();
    for (const chunk of chunks(refs)) {
      const rows: Array<{ entity_ref: string; scorecard: string | null }> =
        await this.#db(SCORECARDS)
          .whereIn('entity_ref', chunk)
          .select('entity_ref', 'scorecard');
      for (const row of rows) {
        let results: Scorecard['results'] = [];
        try {
          results = row.scorecard ? JSON.parse(row.scorecard).results : [];
        } catch {
          results = [];
        }
        const failed = (results ?? []).filter(r => r.status === 'fail');
        out.set(row.entity_ref, {
          failing: failed.filter(r => !r.waiver).map(r => r.ruleId),
          waived: failed.filter(r => r.waiver).map(r => r.ruleId),
        });
      }
    }
    return out;
  }

  /**
   * How the count of entities meeting the requirement changed, per day,
   * from the history: each entity counts with its last point of a day, and
   * every point before `sinceDay` counts on `sinceDay`, as the baseline. A
   * point meets `rules` or `categories` when none of the rules it needs is
   * among the point's failing rules (waived rules are not failing), and
   * `minScore` when its score is high enough; a point recorded before
   * failing rules were kept meets neither of the first two. Only the days on
   * which an entity's standing changed come back.
   */
  async getSeriesChanges(
    entityRefs: string[],
    requirement: CampaignRequirement,
    sinceDay: number,
  ): Promise<SeriesChange[]> {
    const { sql: met, bindings: metBindings } =
      this.#metExpression(requirement);
    const dayOf = isPostgres(this.#db)
      ? 'CAST(FLOOR(EXTRACT(EPOCH FROM audited_at) / 86400) AS INTEGER)'
      : 'CAST(audited_at / 86400000 AS INTEGER)';
    const day = `CASE WHEN ${dayOf} < ? THEN ? ELSE ${dayOf} END`;
    const byDay = new Map<number, number>();
    for (const chunk of chunks([...new Set(entityRefs)], REFS_PER_QUERY)) {
      const points = this.#db(HISTORY)
        .whereIn('entity_ref', chunk)
        .select(
          'entity_ref',
          this.#db.raw(`${day} AS day`, [sinceDay, sinceDay]),
          this.#db.raw(
            `CASE WHEN ${met} THEN 1 ELSE 0 END AS met`,
            metBindings,
          ),
          this.#db.raw(
            `ROW_NUMBER() OVER (PARTITION BY entity_ref, ${day} ORDER BY audited_at DESC, id DESC) AS rn`,
            [sinceDay, sinceDay],
          ),
        )
        .as('points');
      const daily = this.#db
        .from(points)
        .where('rn', 1)
        .select(
          'day',
          'met',
          this.#db.raw(
            'LAG(met) OVER (PARTITION BY entity_ref ORDER BY day) AS previous',
          ),
        )
        .as('daily');
      const rows: Array<{ day: number | string; delta: number | string }> =
        await this.#db
          .from(daily)
          .select(
            'day',
            this.#db.raw(
              'SUM(CASE WHEN met = 1 AND (previous IS NULL OR previous = 0) THEN 1 WHEN met = 0 AND previous = 1 THEN -1 ELSE 0 END) AS delta',
            ),
          )
          .groupBy('day');
      for (const row of rows) {
        const d = toNumber(row.day) ?? 0;
        byDay.set(d, (byDay.get(d) ?? 0) + (toNumber(row.delta) ?? 0));
      }
    }
    return [...byDay.entries()]
      .filter(([, delta]) => delta !== 0)
      .map(([d, delta]) => ({ day: d, delta }))
      .sort((a, b) => a.day - b.day);
  }

  #metExpression(requirement: CampaignRequirement): {
    sql: string;
    bindings: Array<string | number>;
  } {
    if ('minScore' in requirement) {
      return { sql: 'score >= ?', bindings: [requirement.minScore] };
    }
    // Failing rules are a JSON array of ids: a needed id appears quoted,
    // and the rules of a category as `"<category>/`.
    const patterns =
      'rules' in requirement
        ? requirement.rules.map(id => `%${likeEscape(JSON.stringify(id))}%`)
        : requirement.categories.map(
            c => `%${likeEscape(JSON.stringify(`${c}/`).slice(0, -1))}%`,
          );
    return {
      sql: [
        'failing_rules IS NOT NULL',
        ...patterns.map(() => "failing_rules NOT LIKE ? ESCAPE '\\'"),
      ].join(' AND '),
      bindings: patterns,
    };
  }

  /**
   * Records that a reminder is being sent; false when one of this campaign,
   * owner and kind was already recorded for `day` (by any replica), in
   * which case it must not be sent again.
   */
  async claimReminder(options: {
    campaignId: string;
    owner: string;
    kind: ReminderKind;
    day: string;
    now: Date;
  }): Promise<boolean> {
    const inserted = await this.#db(CAMPAIGN_REMINDERS)
      .insert({
        campaign_id: options.campaignId,
        owner: options.owner,
        kind: options.kind,
        day: options.day,
        sent_at: options.now,
      })
      .onConflict(['campaign_id', 'owner', 'kind', 'day'])
      .ignore()
      .returning('campaign_id');
    return inserted.length > 0;
  }

  /** Forgets a claimed reminder whose sending failed, so it is tried again. */
  async releaseReminder(options: {
    campaignId: string;
    owner: string;
    kind: ReminderKind;
    day: string;
  }): Promise<void> {
    await this.#db(CAMPAIGN_REMINDERS)
      .where({
        campaign_id: options.campaignId,
        owner: options.owner,
        kind: options.kind,
        day: options.day,
      })
      .delete();
  }

  /** Deletes the records of reminders sent before `before`. */
  async pruneReminders(before: Date): Promise<number> {
    return this.#db(CAMPAIGN_REMINDERS).where('sent_at', '<', before).delete();
  }
}
