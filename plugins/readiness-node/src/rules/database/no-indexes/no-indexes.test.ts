import { describeRule, runRule } from '../../../testing';
import rule from '.';

const flaskSchema = [
  'DROP TABLE IF EXISTS orders;',
  '',
  'CREATE TABLE customers (',
  '    id SERIAL PRIMARY KEY,',
  '    email VARCHAR(255) NOT NULL',
  ');',
  '',
  'CREATE TABLE orders (',
  '    id SERIAL PRIMARY KEY,',
  '    customer_id INTEGER REFERENCES customers(id),',
  '    -- TODO: add a unique index on reference',
  "    note TEXT DEFAULT 'UNIQUE INDEX'",
  ');',
  '',
].join('\n');

describeRule(rule, {
  fails: [
    { name: 'tables with primary keys only', files: { 'schema.sql': flaskSchema }, findings: ['schema.sql:3'] },
    {
      name: 'knex migrations without any index',
      files: {
        'package.json': '{"dependencies":{"knex":"^3.1.0"}}',
        'migrations/20240101_init.js': 'exports.up = async knex => {\n  await knex.schema.createTable("payments", t => {\n    t.uuid("id").primary();\n    t.string("order_id");\n  });\n};\n',
      },
      findings: ['migrations/20240101_init.js:2'],
    },
    {
      name: 'one project of a monorepo without indexes',
      files: {
        'catalog/go.mod': 'module catalog\n',
        'catalog/migrations/0001_items.sql': 'CREATE TABLE items (sku TEXT PRIMARY KEY);\nCREATE INDEX items_name_idx ON items (sku);\n',
        'ledger/pom.xml': '<project/>',
        'ledger/src/main/resources/db/migration/V1__accounts.sql': 'CREATE TABLE accounts (id UUID PRIMARY KEY, owner UUID NOT NULL);\n',
      },
      findings: ['ledger/src/main/resources/db/migration/V1__accounts.sql:1'],
    },
    {
      name: 'a Prisma schema without @@index or @unique',
      files: { 'prisma/schema.prisma': 'model User {\n  id    Int    @id\n  email String\n}\n' },
      findings: ['prisma/schema.prisma:1'],
    },
  ],
  passes: [
    {
      name: 'CREATE INDEX in a later migration',
      files: {
        'catalog/migrations/0001_create_items.sql': 'CREATE TABLE IF NOT EXISTS items (sku TEXT PRIMARY KEY);\n',
        'catalog/migrations/0002_create_stock_events.sql': 'CREATE TABLE stock_events (id BIGSERIAL PRIMARY KEY);\nCREATE INDEX IF NOT EXISTS stock_events_pending_idx ON stock_events (id);\n',
      },
    },
    { name: 'a UNIQUE column', files: { 'V1__accounts.sql': 'CREATE TABLE accounts (\n  id UUID PRIMARY KEY,\n  code VARCHAR(64) NOT NULL UNIQUE\n);\n' } },
    {
      name: 'MySQL inline KEY',
      files: { 'schema.sql': 'CREATE TABLE `orders` (\n  `id` INT NOT NULL,\n  `customer_id` INT,\n  PRIMARY KEY (`id`),\n  KEY `orders_customer_idx` (`customer_id`)\n);\n' },
    },
    {
      name: 'knex .index() and .unique()',
      files: {
        'migrations/20250114093000_create_payments.js': 'exports.up = async knex => {\n  await knex.schema.createTable("payments", table => {\n    table.uuid("id").primary();\n    table.string("key").notNullable().unique();\n    table.index(["order_id"], "payments_order_id_idx");\n  });\n};\n',
      },
    },
    {
      name: 'Django Meta.indexes in the initial migration',
      files: {
        'reports/migrations/0001_initial.py':
          'from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.CreateModel(\n            name="Report",\n            fields=[("id", models.BigAutoField(primary_key=True))],\n            options={"indexes": [models.Index(fields=["created_at"], name="report_created_idx")]},\n        ),\n    ]\n',
      },
    },
    {
      name: 'Sequelize addIndex and Alembic create_index',
      files: {
        'migrations/20240101-create-user.js': 'module.exports = { up: async q => { await q.createTable("users", {}); await q.addIndex("users", ["email"]); } };\n',
        'api/requirements.txt': 'alembic==1.13.1\n',
        'api/alembic/versions/1a_init.py': 'def upgrade():\n    op.create_table("orders")\n    op.create_index("ix_orders_customer", "orders", ["customer_id"])\n',
      },
    },
    {
      name: 'a schema without indexes in test fixtures and down migrations only',
      files: {
        'schema.sql': 'CREATE TABLE a (id int PRIMARY KEY, b int UNIQUE);\n',
        'tests/fixtures/schema.sql': 'CREATE TABLE t (id int PRIMARY KEY);\n',
        'migrations/0001.down.sql': 'CREATE TABLE old (id int PRIMARY KEY);\n',
      },
    },
  ],
  notApplicable: [
    { name: 'no schema', files: { 'app.py': 'print(1)', 'queries/report.sql': 'SELECT * FROM orders;\n' } },
    { name: 'only test SQL', files: { 'src/test/resources/schema.sql': 'CREATE TABLE t (id int);\n' } },
  ],
});

describe('database/no-indexes messages', () => {
  it('names the tables', () => {
    const result = runRule(rule, { 'schema.sql': flaskSchema });
    expect(result.findings[0].message).toBe(
      'schema.sql creates 2 table(s) (customers, orders), and the schema has no index beyond primary keys',
    );
  });
});
