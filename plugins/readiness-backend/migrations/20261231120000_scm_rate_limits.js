// @ts-check

/**
 * SCM hosts whose API rate limit is used up, so that every replica holds back
 * the reads of that host until the limit resets; and, on each current
 * scorecard, the host and time an entity waits for.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_scm_pauses', table => {
    table.comment('SCM hosts whose API rate limit is used up');
    table
      .string('host', 255)
      .primary()
      .notNullable()
      .comment('The host of the SCM integration, as in its config');
    table
      .timestamp('paused_until', { useTz: true })
      .notNullable()
      .comment('No read of the host starts before this time');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When the pause was last set');
  });
  await knex.schema.alterTable('readiness_scorecards', table => {
    table
      .string('waiting_host', 255)
      .nullable()
      .comment('The SCM host whose rate limit the entity waits for');
    table
      .timestamp('waiting_until', { useTz: true })
      .nullable()
      .comment('When that rate limit resets and the entity is audited');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('readiness_scorecards', table => {
    table.dropColumn('waiting_until');
    table.dropColumn('waiting_host');
  });
  await knex.schema.dropTable('readiness_scm_pauses');
};
