import { describeRule, findingsOf, runRule } from '../../../testing';
import rule from '.';

const create = (t: string) => `CREATE TABLE ${t} (\n    id SERIAL PRIMARY KEY\n);\n`;

describeRule(rule, {
  fails: [
    {
      name: 'a setup script that drops every table first',
      files: {
        'schema.sql': `-- run this to set up the database\nDROP TABLE IF EXISTS order_items;\nDROP TABLE IF EXISTS orders;\n\n${create('orders')}${create('order_items')}`,
      },
      findings: ['schema.sql:2', 'schema.sql:3'],
    },
    {
      name: 'quoted, schema-qualified and comma-separated names',
      files: {
        'db/init.sql': `DROP TABLE "public"."Users", audit CASCADE;\nCREATE TABLE IF NOT EXISTS users (id int);\nCREATE TABLE \`audit\` (id int);\n`,
      },
      findings: ['db/init.sql:1', 'db/init.sql:1'],
    },
    {
      name: 'a setup script kept under docs/ or sql/ is a script, not documentation',
      files: {
        'docs/sql/blog.sql': `SET FOREIGN_KEY_CHECKS=0;\nDROP TABLE IF EXISTS \`blog_tag\`;\n${create('`blog_tag`')}`,
        'sql/setup.sql': `DROP TABLE IF EXISTS users;\n${create('users')}`,
      },
      findings: ['docs/sql/blog.sql:2', 'sql/setup.sql:1'],
    },
    {
      name: 'an up migration that recreates a table',
      files: { 'migrations/0003_rebuild_orders.sql': `DROP TABLE orders;\n${create('orders')}` },
      findings: ['migrations/0003_rebuild_orders.sql:1'],
    },
  ],
  passes: [
    {
      name: 'idempotent creates only',
      files: { 'schema.sql': 'CREATE TABLE IF NOT EXISTS orders (id int);\nCREATE INDEX IF NOT EXISTS orders_idx ON orders (id);\n' },
    },
    {
      name: 'down, undo and rollback migrations',
      files: {
        'migrations/0001_init.up.sql': create('orders'),
        'migrations/0001_init.down.sql': `DROP TABLE orders;\n${create('orders_old')}`,
        'db/migration/U2__orders.sql': `DROP TABLE orders;\n${create('orders')}`,
        'migrations/down/0002.sql': `DROP TABLE orders;\n${create('orders')}`,
        'sql/rollback.sql': `DROP TABLE orders;\n${create('orders')}`,
      },
    },
    {
      name: 'a drop of an obsolete table, and a drop after the create',
      files: { 'migrations/0004.sql': `${create('orders_v2')}DROP TABLE orders_v1;\nDROP TABLE IF EXISTS tmp_orders;\n` },
    },
    {
      name: 'drops in comments and strings, test fixtures and reset scripts',
      files: {
        'schema.sql': `-- DROP TABLE orders;\n/* DROP TABLE orders; */\nINSERT INTO notes VALUES ('DROP TABLE orders');\n${create('orders')}`,
        'tests/fixtures/schema.sql': `DROP TABLE IF EXISTS orders;\n${create('orders')}`,
        'src/test/resources/schema.sql': `DROP TABLE IF EXISTS orders;\n${create('orders')}`,
        'scripts/reset_dev_db.sql': `DROP TABLE IF EXISTS orders;\n${create('orders')}`,
      },
    },
    {
      name: 'an example schema is only a note',
      files: {
        'schema.sql': create('orders'),
        'examples/demo/schema.sql': `DROP TABLE IF EXISTS t;\n${create('t')}`,
        'samples/seed.sql': `DROP TABLE IF EXISTS t;\n${create('t')}`,
      },
    },
  ],
  notApplicable: [
    { name: 'no SQL at all', files: { 'app.py': 'db.drop_all()' } },
    { name: 'SQL queries only', files: { 'queries/report.sql': 'SELECT * FROM orders;\n' } },
  ],
});

describe('database/destructive-schema-script messages', () => {
  it('points at the drop and names the recreate line', () => {
    const result = runRule(rule, { 'schema.sql': `DROP TABLE IF EXISTS orders;\n${create('orders')}` });
    expect(findingsOf(result)).toEqual([
      {
        path: 'schema.sql',
        line: 1,
        excerpt: 'DROP TABLE IF EXISTS orders;',
        message: '`orders` is dropped and created again at line 2: running this script on an existing database deletes the table and its data',
      },
    ]);
  });
});
