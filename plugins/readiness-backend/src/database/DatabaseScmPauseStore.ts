import { Knex } from 'knex';
import { ReadinessScmPauseStore } from './ReadinessStore';
import { SCM_PAUSES, toDate } from './tables';

/**
 * The knex-backed {@link ReadinessScmPauseStore}: one row per SCM host whose
 * rate limit is used up; runs on SQLite and PostgreSQL. Built by
 * `DatabaseReadinessStore.create`, which runs the migrations.
 * @public
 */
export class DatabaseScmPauseStore implements ReadinessScmPauseStore {
  readonly #db: Knex;

  constructor(options: { knex: Knex }) {
    this.#db = options.knex;
  }

  async pauseHost(host: string, until: Date, now: Date): Promise<void> {
    // A later pause already set (by this or another replica) wins.
    await this.#db(SCM_PAUSES)
      .insert({ host, paused_until: until, updated_at: now })
      .onConflict('host')
      .merge({
        paused_until: this.#db.raw(
          `CASE WHEN ${SCM_PAUSES}.paused_until > ? THEN ${SCM_PAUSES}.paused_until ELSE ? END`,
          [until, until],
        ),
        updated_at: now,
      });
  }

  async pausedUntil(host: string, now: Date): Promise<Date | undefined> {
    const row: { paused_until: Date | number | string } | undefined =
      await this.#db(SCM_PAUSES)
        .select('paused_until')
        .where('host', host)
        .andWhere('paused_until', '>', now)
        .first();
    return row ? toDate(row.paused_until) : undefined;
  }
}
