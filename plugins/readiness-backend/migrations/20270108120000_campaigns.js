// @ts-check

/**
 * Campaigns created through the API (those of `readiness.campaigns` live in
 * configuration only), and the campaign reminders sent, so that each goes
 * out at most once a day per campaign, owner and kind on every replica.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_campaigns', table => {
    table.comment('Campaigns created through the API');
    table.string('id', 64).primary().comment('The campaign slug');
    table.text('title').notNullable();
    table.text('description').notNullable();
    table.string('owner', 512).notNullable().comment('Owning group entity ref');
    table
      .string('target_date', 10)
      .notNullable()
      .comment('YYYY-MM-DD by which the requirement must hold');
    table
      .text('requirement')
      .notNullable()
      .comment('JSON: { rules } or { categories } or { minScore }');
    table.text('scope').notNullable().comment('JSON: the entity filter');
    table.boolean('archived').notNullable().defaultTo(false);
    table.dateTime('created_at', { useTz: true }).notNullable();
    table.dateTime('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('readiness_campaign_reminders', table => {
    table.comment(
      'Campaign reminders sent, one row per campaign, owner, kind and day',
    );
    table.string('campaign_id', 64).notNullable();
    table.string('owner', 512).notNullable().comment('Recipient entity ref');
    table.string('kind', 16).notNullable().comment('due-soon or overdue');
    table.string('day', 10).notNullable().comment('UTC day, YYYY-MM-DD');
    table.dateTime('sent_at', { useTz: true }).notNullable();
    table.primary(['campaign_id', 'owner', 'kind', 'day']);
    table.index(['sent_at'], 'readiness_campaign_reminders_sent_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_campaign_reminders');
  await knex.schema.dropTable('readiness_campaigns');
};
