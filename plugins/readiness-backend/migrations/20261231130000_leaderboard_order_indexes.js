// @ts-check

/**
 * Indexes in the leaderboard's own order, so that a page, deep or not, is
 * read from an index rather than sorted: by score, highest first, then by
 * entity ref (the default order), and the band filter in that order.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(
    'CREATE INDEX readiness_scorecards_score_desc_idx ON readiness_scorecards (score DESC, entity_ref ASC)',
  );
  await knex.raw(
    'CREATE INDEX readiness_scorecards_band_score_idx ON readiness_scorecards (band, score DESC, entity_ref ASC)',
  );
  await knex.schema.alterTable('readiness_scorecards', table => {
    table.dropIndex(['score', 'entity_ref'], 'readiness_scorecards_score_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('readiness_scorecards', table => {
    table.index(['score', 'entity_ref'], 'readiness_scorecards_score_idx');
  });
  await knex.raw('DROP INDEX readiness_scorecards_band_score_idx');
  await knex.raw('DROP INDEX readiness_scorecards_score_desc_idx');
};
