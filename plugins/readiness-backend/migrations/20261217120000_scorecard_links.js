// @ts-check

/**
 * Where the findings of each current scorecard link to in the SCM: the blob
 * URL of the audited directory at the audited commit, and how the SCM
 * anchors a line. Null for local directories and for scorecards stored
 * before links were kept.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('readiness_scorecards', table => {
    table
      .text('link_base')
      .nullable()
      .comment(
        'Blob URL of the audited directory at the audited commit, ending in /; never with credentials',
      );
    table
      .string('link_line_anchor', 64)
      .nullable()
      .comment('What goes between a file URL and a line number, e.g. #L');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('readiness_scorecards', table => {
    table.dropColumn('link_line_anchor');
    table.dropColumn('link_base');
  });
};
