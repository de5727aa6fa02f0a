import {
  AuditTransitions,
  bandFor,
  Scorecard,
} from '@readiness/backstage-plugin-readiness-common';
import {
  compareAudits,
  reportedFindings,
} from '@readiness/backstage-plugin-readiness-node';
import { Knex } from 'knex';
import { holdsLease, releaseLease } from './DatabaseQueueStore';
import {
  AuditRecord,
  EntitySummary,
  HistoryRetention,
  Lease,
  ReadinessScorecardStore,
  UnchangedEntity,
} from './ReadinessStore';
import {
  BLOCKERS,
  chunks,
  entityColumns,
  HISTORY,
  QUEUE,
  SCORECARDS,
} from './tables';

/**
 * The knex-backed {@link ReadinessScorecardStore}: the writes of audits,
 * each fenced by its lease when it has one; runs on SQLite and PostgreSQL.
 * Built by `DatabaseReadinessStore.create`, which runs the migrations.
 * @public
 */
export class DatabaseScorecardStore implements ReadinessScorecardStore {
  readonly #db: Knex;

  constructor(options: { knex: Knex }) {
    this.#db = options.knex;
  }

  async saveAudit(
    record: AuditRecord,
    retention?: HistoryRetention,
  ): Promise<boolean> {
    const { entity, scorecard } = record;
    const ref = entity.entityRef;
    const blockerRows = new Map(
      scorecard.blockers.map(b => [
        b.ruleId,
        {
          entity_ref: ref,
          rule_id: b.ruleId,
          title: b.title,
          severity: b.severity,
          category: b.category,
        },
      ]),
    );
    return this.#db.transaction(async tx => {
      if (record.lease && !(await holdsLease(tx, ref, record.lease))) {
        return false;
      }
      // The scorecard row still holds the previous audit's scorecard (a
      // failed audit keeps it): what this audit is compared with.
      const previous: { scorecard: string | null } | undefined = await tx(
        SCORECARDS,
      )
        .where('entity_ref', ref)
        .first('scorecard');
      const transitions = transitionsSince(
        previous?.scorecard,
        scorecard,
        record.auditedAt,
      );
      await tx(SCORECARDS)
        .insert({
          ...entityColumns(entity),
          score: scorecard.score,
          verdict: scorecard.verdict,
          band: bandFor(scorecard.score),
          blockers: scorecard.blockers.length,
          scorecard: JSON.stringify(scorecard),
          failing_rules: JSON.stringify(failingRuleIds(scorecard)),
          waived_rules: JSON.stringify(waivedRuleIds(scorecard)),
          etag: record.etag ?? null,
          inputs_hash: record.inputsHash ?? null,
          link_base: record.links?.base ?? null,
          link_line_anchor: record.links?.lineAnchor ?? null,
          audited_at: record.auditedAt,
          checked_at: record.auditedAt,
          error: record.warning ?? null,
          waiting_host: null,
          waiting_until: null,
        })
        .onConflict('entity_ref')
        .merge();
      await tx(BLOCKERS).where('entity_ref', ref).delete();
      for (const chunk of chunks([...blockerRows.values()])) {
        await tx(BLOCKERS).insert(chunk);
      }
      await tx(HISTORY).insert({
        entity_ref: ref,
        audited_at: record.auditedAt,
        score: scorecard.score,
        verdict: scorecard.verdict,
        categories: JSON.stringify(
          Object.fromEntries(scorecard.categories.map(c => [c.id, c.score])),
        ),
        blockers: scorecard.blockers.length,
        failing_rules: JSON.stringify(failingRuleIds(scorecard)),
        failing_findings: failingFingerprints(scorecard),
        transitions: transitions ? JSON.stringify(transitions) : null,
        source_version: record.etag ?? null,
      });
      if (retention?.runs !== undefined) {
        const stale: Array<number | string> = await tx(HISTORY)
          .where('entity_ref', ref)
          .orderBy([
            { column: 'audited_at', order: 'desc' },
            { column: 'id', order: 'desc' },
          ])
          .offset(retention.runs)
          .limit(1_000_000)
          .pluck('id');
        for (const chunk of chunks(stale)) {
          await tx(HISTORY).whereIn('id', chunk).delete();
        }
      }
      return true;
    });
  }

  async saveError(options: {
    entity: EntitySummary;
    error: string;
    checkedAt: Date;
    lease?: Lease;
  }): Promise<boolean> {
    const { lease } = options;
    if (!lease) {
      await this.#saveError(this.#db, options);
      return true;
    }
    return this.#db.transaction(async tx => {
      if (!(await holdsLease(tx, options.entity.entityRef, lease))) {
        return false;
      }
      await this.#saveError(tx, options);
      return true;
    });
  }

  async #saveError(
    db: Knex,
    options: { entity: EntitySummary; error: string; checkedAt: Date },
  ): Promise<void> {
    await db(SCORECARDS)
      .insert({
        ...entityColumns(options.entity),
        score: null,
        verdict: null,
        band: null,
        blockers: 0,
        scorecard: null,
        etag: null,
        inputs_hash: null,
        audited_at: null,
        checked_at: options.checkedAt,
        error: options.error,
        waiting_host: null,
        waiting_until: null,
      })
      .onConflict('entity_ref')
      .merge([
        'kind',
        'namespace',
        'name',
        'title',
        'owner',
        'lifecycle',
        'etag',
        'inputs_hash',
        'checked_at',
        'error',
        'waiting_host',
        'waiting_until',
      ]);
  }

  async saveWaiting(options: {
    entity: EntitySummary;
    host: string;
    until: Date;
    lease: Lease;
  }): Promise<boolean> {
    const { entity, lease, until } = options;
    const ref = entity.entityRef;
    return this.#db.transaction(async tx => {
      if (!(await holdsLease(tx, ref, lease))) return false;
      // An entity never audited gets a row, so lists can say it waits.
      await tx(SCORECARDS)
        .insert({
          ...entityColumns(entity),
          score: null,
          verdict: null,
          band: null,
          blockers: 0,
          scorecard: null,
          audited_at: null,
          checked_at: null,
          error: null,
          waiting_host: options.host,
          waiting_until: until,
        })
        .onConflict('entity_ref')
        .merge([
          'kind',
          'namespace',
          'name',
          'title',
          'owner',
          'lifecycle',
          'waiting_host',
          'waiting_until',
        ]);
      // Released, not failed: no attempt is counted, no error recorded, and
      // a requested refresh keeps its priority for when the limit resets.
      await tx(QUEUE)
        .where({
          entity_ref: ref,
          lease_owner: lease.owner,
          lease_token: lease.token,
        })
        .update({
          lease_owner: null,
          lease_expires_at: null,
          next_due_at: until,
        });
      return true;
    });
  }

  async markUnchanged(options: {
    entity: EntitySummary;
    checkedAt: Date;
    lease?: Lease;
  }): Promise<boolean> {
    const { lease } = options;
    if (!lease) {
      await this.#markUnchanged(this.#db, options);
      return true;
    }
    return this.#db.transaction(async tx => {
      if (!(await holdsLease(tx, options.entity.entityRef, lease))) {
        return false;
      }
      await this.#markUnchanged(tx, options);
      return true;
    });
  }

  async completeUnchanged(entities: UnchangedEntity[]): Promise<number> {
    if (entities.length === 0) return 0;
    // One transaction, so a batch of unchanged entities costs one commit.
    return this.#db.transaction(async trx => {
      let released = 0;
      for (const item of entities) {
        // The release matches only a lease still held (a lease taken over
        // meanwhile leaves the entity to its new holder), and its row stays
        // this transaction's until the commit: two statements, not three.
        if (!(await releaseLease(trx, item.release))) continue;
        await this.#markUnchanged(trx, item);
        released += 1;
      }
      return released;
    });
  }

  async #markUnchanged(
    db: Knex,
    options: { entity: EntitySummary; checkedAt: Date },
  ): Promise<void> {
    const { entity_ref, ...columns } = entityColumns(options.entity);
    await db(SCORECARDS)
      .where('entity_ref', entity_ref)
      .update({
        ...columns,
        checked_at: options.checkedAt,
        waiting_host: null,
        waiting_until: null,
      });
  }

  async pruneHistory(retention: HistoryRetention, now: Date): Promise<number> {
    let removed = 0;
    if (retention.days !== undefined) {
      const cutoff = new Date(now.getTime() - retention.days * 86_400_000);
      removed += await this.#db(HISTORY)
        .where('audited_at', '<', cutoff)
        .delete();
    }
    if (retention.runs !== undefined) {
      removed += await this.#db(HISTORY)
        .whereIn(
          'id',
          this.#db
            .select('id')
            .from(
              this.#db(HISTORY)
                .select(
                  'id',
                  this.#db.raw(
                    'ROW_NUMBER() OVER (PARTITION BY entity_ref ORDER BY audited_at DESC, id DESC) AS rn',
                  ),
                )
                .as('ranked'),
            )
            .where('rn', '>', retention.runs),
        )
        .delete();
    }
    return removed;
  }
}

/** The rules that fail without a waiver, sorted. */
function failingRuleIds(scorecard: Scorecard): string[] {
  return scorecard.results
    .filter(r => r.status === 'fail' && !r.waiver)
    .map(r => r.ruleId)
    .sort();
}

/** The ids of the rules failing under an active waiver, sorted. */
function waivedRuleIds(scorecard: Scorecard): string[] {
  return scorecard.results
    .filter(r => r.status === 'fail' && r.waiver)
    .map(r => r.ruleId)
    .sort();
}

/**
 * The fingerprints of the reported findings, sorted, as JSON; null when a
 * finding has none (a scorecard of an engine without fingerprints).
 */
function failingFingerprints(scorecard: Scorecard): string | null {
  const fingerprints = reportedFindings(scorecard).map(f => f.fingerprint);
  if (fingerprints.some(f => !f)) return null;
  return JSON.stringify([...new Set(fingerprints)].sort());
}

/**
 * The transitions of `current` against the stored scorecard of the previous
 * audit; null without one (a first audit), or when it cannot be read.
 */
function transitionsSince(
  stored: string | null | undefined,
  current: Scorecard,
  auditedAt: Date,
): AuditTransitions | null {
  if (!stored) return null;
  let previous: Scorecard;
  try {
    previous = JSON.parse(stored) as Scorecard;
  } catch {
    return null;
  }
  if (!Array.isArray(previous?.results)) return null;
  return compareAudits(previous, current, { now: auditedAt });
}
