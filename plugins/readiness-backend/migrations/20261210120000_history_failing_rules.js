// @ts-check

/**
 * The failing rules of each audit in its history point, so that what
 * changed between two audits can name the rules that started or stopped
 * failing. Points written before this column have none (null).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('readiness_history', table => {
    table
      .text('failing_rules')
      .nullable()
      .comment(
        'Ids of the rules failing without a waiver, as a JSON array; null for points written before it was recorded',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('readiness_history', table => {
    table.dropColumn('failing_rules');
  });
};
