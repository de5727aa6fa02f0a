/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('payments', (table) => {
    table.uuid('id').primary();
    table.string('order_id', 64).notNullable();
    table.string('idempotency_key', 128).notNullable().unique();
    table.bigInteger('amount_minor').notNullable();
    table.string('currency', 3).notNullable();
    table.string('method', 16).notNullable();
    table.string('status', 16).notNullable().defaultTo('pending');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());

    table.index(['order_id'], 'payments_order_id_idx');
    table.index(['status', 'created_at'], 'payments_status_created_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTableIfExists('payments');
};
