// @ts-check

/**
 * The fingerprints of the reported findings (those of failing, unwaived
 * rules) of each audit in its history point: the identity the CLI's
 * baselines use, so that what changed between two audits can name the
 * findings that came and went, not only the rules. Points written before
 * this column, or from scorecards without fingerprints, have none (null).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('readiness_history', table => {
    table
      .text('failing_findings')
      .nullable()
      .comment(
        'Fingerprints of the findings of the rules failing without a waiver, as a sorted JSON array; null when unknown',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('readiness_history', table => {
    table.dropColumn('failing_findings');
  });
};
