// @ts-check

/**
 * What each audit changed against the audit before it, and the version of
 * the source it read, in its history point: the rules that started failing,
 * were fixed, were waived or fail again because their waiver expired, and
 * the commit or etag of the tree. Points written before these columns, and
 * an entity's first audit, have no transitions (null).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('readiness_history', table => {
    table
      .text('transitions')
      .nullable()
      .comment(
        'Rule transitions against the previous audit as JSON (newlyFailing, fixed, newlyWaived, waiverExpired, findings); null when there was none to compare with',
      );
    table
      .text('source_version')
      .nullable()
      .comment(
        'The commit or etag of the source the audit read; null when the source has none',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('readiness_history', table => {
    table.dropColumn('transitions');
    table.dropColumn('source_version');
  });
};
