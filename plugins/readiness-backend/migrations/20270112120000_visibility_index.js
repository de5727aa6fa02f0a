// @ts-check

/**
 * The visibility index: the fields of each audited entity that the catalog's
 * permission rules match on, as key/value rows keyed and valued in lower
 * case like the catalog's own search table, so that a conditional decision
 * on `catalog.entity.read` is evaluated in this plugin's database instead
 * of asking the catalog to name every entity a user may see.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_visibility_entities', table => {
    table.comment('Audited entities known to the visibility index');
    table.increments('id').primary();
    table.string('entity_ref', 512).notNullable().unique();
    table
      .string('etag', 255)
      .nullable()
      .comment('The catalog etag the rows were built from');
  });

  await knex.schema.createTable('readiness_visibility_search', table => {
    table.comment(
      'Key/value rows of each indexed entity (kind, metadata, spec, owners), lower case',
    );
    table
      .integer('entity_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('readiness_visibility_entities')
      .onDelete('CASCADE');
    table.string('key', 200).notNullable();
    table.string('value', 200).nullable();
    table.index(
      ['entity_id', 'key', 'value'],
      'readiness_visibility_search_entity_idx',
    );
    table.index(
      ['key', 'value', 'entity_id'],
      'readiness_visibility_search_key_idx',
    );
  });

  await knex.schema.createTable('readiness_visibility_state', table => {
    table.comment('When the visibility index last matched the catalog');
    table.integer('id').primary().comment('Always 1');
    table.dateTime('refreshed_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_visibility_state');
  await knex.schema.dropTable('readiness_visibility_search');
  await knex.schema.dropTable('readiness_visibility_entities');
};
