import { describeRule, findingsOf, runRule } from '../../../testing';
import rule from '.';

const create = (t: string) => `CREATE TABLE ${t} (\n    id SERIAL PRIMARY KEY\n);\n`;
const command = (name: string, body = '    db.drop_all()\n    db.create_all()\n    db.session.commit()\n') =>
  `from app import app, db\n\n\n@app.cli.command("${name}")\ndef ${name}():\n${body}`;

describeRule(rule, {
  fails: [
    {
      name: 'a database dump that drops the whole database and creates it again',
      files: {
        'db/database.sql': [
          '-- PostgreSQL database dump',
          "SET client_encoding = 'UTF8';",
          'DROP DATABASE shop_db;',
          '',
          "CREATE DATABASE shop_db WITH TEMPLATE = template0 ENCODING = 'UTF8';",
          '\\connect shop_db',
          'CREATE TABLE orders (id serial PRIMARY KEY);',
          '',
        ].join('\n'),
      },
      findings: ['db/database.sql:3'],
    },
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
    {
      name: 'an ORM setup command that drops every table before creating them',
      files: { 'manage.py': command('create_db'), 'services/api/cli.py': command('recreate_db') },
      findings: ['manage.py:6', 'services/api/cli.py:6'],
    },
    {
      name: 'a setup script that drops and creates at its top level, and Peewee tables',
      files: {
        'init_db.py': 'from models import Base, engine\n\nBase.metadata.drop_all(bind=engine)\nBase.metadata.create_all(bind=engine)\n',
        'app/setup.py': 'def init_database():\n    database.drop_tables([User, Tweet])\n    database.create_tables([User, Tweet])\n',
      },
      findings: ['app/setup.py:2', 'init_db.py:3'],
    },
  ],
  passes: [
    {
      name: 'a script that creates a database, and one that drops another database than it creates',
      files: {
        'db/create.sql': 'CREATE DATABASE shop_db;\nCREATE TABLE orders (id serial PRIMARY KEY);\n',
        'db/setup.sql': '-- DROP DATABASE shop_db;\nDROP DATABASE IF EXISTS shop_db_old;\nCREATE DATABASE shop_db;\n',
      },
    },
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
    {
      name: 'ORM near-misses: tests and teardowns, reset commands, a drop after the create, creates only',
      files: {
        'tests/conftest.py': '@pytest.fixture\ndef db(app):\n    _db.drop_all()\n    _db.create_all()\n    yield _db\n',
        'tests.py': 'class T(unittest.TestCase):\n    def setUp(self):\n        db.drop_all()\n        db.create_all()\n',
        'app/testing.py': 'def tearDownClass(cls):\n    db.drop_all()\n    db.create_all()\n',
        'manage.py': `${command('reset_db')}\n\n${command('drop_db', '    db.drop_all()\n')}\n\n${command('create_db', '    db.create_all()\n')}`,
        'app/__init__.py': 'def init_app(app):\n    db.create_all()\n    yield\n    db.drop_all()\n',
        'scripts/wipe_database.py': 'db.drop_all()\ndb.create_all()\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'drop and create in different functions',
      files: { 'manage.py': `${command('drop', '    db.drop_all()\n')}\n\n${command('create', '    db.create_all()\n')}` },
    },
    { name: 'no SQL at all', files: { 'app.py': 'db.drop_all()' } },
    { name: 'ORM code that creates tables only, or drops them only in tests', files: { 'app.py': 'db.create_all()\n', 'tests/test_app.py': 'db.drop_all()\ndb.create_all()\n' } },
    { name: 'SQL queries only', files: { 'queries/report.sql': 'SELECT * FROM orders;\n' } },
  ],
});

describe('database/destructive-schema-script messages', () => {
  it('names the ORM command and the line that creates the tables again', () => {
    const result = runRule(rule, { 'manage.py': command('create_db') });
    expect(findingsOf(result)).toEqual([
      {
        path: 'manage.py',
        line: 6,
        excerpt: 'db.drop_all()',
        message: '`create_db` drops every table (`db.drop_all()`) and creates them again at line 7: run against an existing database, it deletes all its data',
      },
    ]);
  });

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
