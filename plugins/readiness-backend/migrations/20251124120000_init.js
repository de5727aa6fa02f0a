// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_scorecards', table => {
    table.comment('The latest scorecard of each audited catalog entity');
    table
      .string('entity_ref', 512)
      .primary()
      .comment('Lower-case entity ref, e.g. component:default/payments');
    table.string('kind', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('owner', 512).nullable().comment('Owner entity ref');
    table.string('lifecycle', 255).nullable();
    table.text('title').nullable();
    table
      .integer('score')
      .nullable()
      .comment('Overall score; null until a first successful audit');
    table.string('verdict', 32).nullable();
    table.string('band', 32).nullable();
    table.integer('blockers').notNullable().defaultTo(0);
    table.string('etag', 512).nullable().comment('Etag of the audited tree');
    table
      .string('inputs_hash', 128)
      .nullable()
      .comment('Hash of the rules, configuration and waivers of the audit');
    table.dateTime('audited_at', { useTz: true }).nullable();
    table
      .dateTime('checked_at', { useTz: true })
      .nullable()
      .comment('Last time the source was looked at, changed or not');
    table.text('error').nullable().comment('Why the latest audit failed');
    // Last, so that SQLite reads the other columns without following the
    // overflow pages of a large document.
    table.text('scorecard').nullable().comment('The scorecard, as JSON');
    table.index(['score', 'entity_ref'], 'readiness_scorecards_score_idx');
    // Each ordering of the leaderboard reads (column, entity_ref) in order.
    table.index(['owner', 'entity_ref'], 'readiness_scorecards_owner_idx');
    table.index(['name', 'entity_ref'], 'readiness_scorecards_name_idx');
    table.index(
      ['audited_at', 'entity_ref'],
      'readiness_scorecards_audited_idx',
    );
  });

  await knex.schema.createTable('readiness_history', table => {
    table.comment('One row per completed audit, for trends');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 512).notNullable();
    table.dateTime('audited_at', { useTz: true }).notNullable();
    table.integer('score').notNullable();
    table.string('verdict', 32).notNullable();
    table.text('categories').notNullable().comment('Category scores, as JSON');
    table.integer('blockers').notNullable();
    table.index(
      ['entity_ref', 'audited_at'],
      'readiness_history_entity_audited_idx',
    );
    table.index(['audited_at'], 'readiness_history_audited_idx');
  });

  await knex.schema.createTable('readiness_blockers', table => {
    table.comment('The blockers of each current scorecard, for aggregation');
    table.string('entity_ref', 512).notNullable();
    table.string('rule_id', 255).notNullable();
    table.text('title').notNullable();
    table.string('severity', 32).notNullable();
    table.string('category', 64).notNullable();
    table.primary(['entity_ref', 'rule_id']);
    table.index(['rule_id', 'entity_ref'], 'readiness_blockers_rule_idx');
  });

  await knex.schema.createTable('readiness_refresh_state', table => {
    table.comment(
      'The refresh queue: when each entity is next due, and who holds it',
    );
    table.string('entity_ref', 512).primary();
    table.dateTime('next_due_at', { useTz: true }).notNullable();
    table.string('lease_owner', 255).nullable();
    table.dateTime('lease_expires_at', { useTz: true }).nullable();
    table
      .integer('priority')
      .notNullable()
      .defaultTo(0)
      .comment('Higher runs first; on-demand refreshes are 1');
    table
      .integer('attempts')
      .notNullable()
      .defaultTo(0)
      .comment('Consecutive failed audits');
    table.text('last_error').nullable();
    table.index(['priority', 'next_due_at'], 'readiness_refresh_state_due_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_refresh_state');
  await knex.schema.dropTable('readiness_blockers');
  await knex.schema.dropTable('readiness_history');
  await knex.schema.dropTable('readiness_scorecards');
};
