// @ts-check

/**
 * A fencing token per queue row: incremented by every claim, so that a
 * replica whose lease was taken over cannot save, extend or release it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('readiness_refresh_state', table => {
    table
      .bigInteger('lease_token')
      .notNullable()
      .defaultTo(0)
      .comment(
        'Fencing token: incremented on each claim; writes of an audit need the current one',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('readiness_refresh_state', table => {
    table.dropColumn('lease_token');
  });
};
