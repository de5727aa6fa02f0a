// @ts-check

/**
 * The rules failing without a waiver and those failing under an active
 * waiver, on the scorecard row of the latest audit, written once per audit,
 * so that a campaign judges thousands of entities from their rows without
 * reading their history or expanding their documents. Rows written before
 * these columns have none (null) and are read the old way until the entity
 * is audited again.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('readiness_scorecards', table => {
    table
      .text('failing_rules')
      .nullable()
      .comment(
        'Ids of the rules failing without a waiver in the latest audit, as a sorted JSON array; null when not recorded',
      );
    table
      .text('waived_rules')
      .nullable()
      .comment(
        'Ids of the rules failing under an active waiver in the latest audit, as a sorted JSON array; null when not recorded',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('readiness_scorecards', table => {
    table.dropColumn('failing_rules');
    table.dropColumn('waived_rules');
  });
};
