import { describeRule, runRule } from '../../../testing';
import rule from '.';

/**
 * A FastAPI application whose SQLAlchemy models share a declarative base in `backend/common/model.py`, and a plugin
 * folder with requirements of its own whose model either takes that base (`shared`) or declares its own.
 */
const appWithPlugin = (options: { appIndexed: boolean; shared: boolean }) => ({
  'requirements.txt': 'fastapi==0.115.0\nsqlalchemy==2.0.30\n',
  'backend/__init__.py': '',
  'backend/common/__init__.py': '',
  'backend/common/model.py':
    'from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n\nclass Base(DeclarativeBase):\n    pass\n\n\nid_key = mapped_column(primary_key=True, autoincrement=True)\n',
  'backend/app/__init__.py': '',
  'backend/app/model/__init__.py': '',
  'backend/app/model/user.py': [
    'import sqlalchemy as sa',
    '',
    'from sqlalchemy.orm import Mapped, mapped_column',
    '',
    'from backend.common.model import Base',
    '',
    '',
    'class User(Base):',
    "    __tablename__ = 'sys_user'",
    '',
    '    id: Mapped[int] = mapped_column(primary_key=True)',
    `    username: Mapped[str] = mapped_column(sa.String(64)${options.appIndexed ? ', unique=True, index=True' : ''})`,
    '',
  ].join('\n'),
  'backend/plugin/oauth/__init__.py': '',
  'backend/plugin/oauth/requirements.txt': 'httpx-oauth==0.15\n',
  'backend/plugin/oauth/model/__init__.py': '',
  'backend/plugin/oauth/model/user_social.py': [
    'import sqlalchemy as sa',
    '',
    'from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column',
    '',
    options.shared ? 'from backend.common.model import Base' : '',
    '',
    '',
    ...(options.shared ? [] : ['class Base(DeclarativeBase):', '    pass', '', '']),
    'class UserSocial(Base):',
    "    __tablename__ = 'sys_user_social'",
    '',
    '    id: Mapped[int] = mapped_column(primary_key=True)',
    '    sid: Mapped[str] = mapped_column(sa.String(256))',
    '    user_id: Mapped[int] = mapped_column(sa.BigInteger)',
    '',
  ].join('\n'),
});

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
    {
      name: 'a TypeORM migration whose SQL string has only the primary key, and says unique in a comment',
      files: {
        'package.json': '{"dependencies":{"typeorm":"^0.3.0"}}',
        'src/database/migrations/1622299665807-create-users-table.ts': [
          "import type { MigrationInterface, QueryRunner } from 'typeorm';",
          '',
          'export class CreateUsers1622299665807 implements MigrationInterface {',
          '  public async up(queryRunner: QueryRunner): Promise<void> {',
          '    // TODO: make email UNIQUE ("email") later',
          '    await queryRunner.query(`',
          '      CREATE TABLE "users" (',
          '        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),',
          '        "email" character varying,',
          '        "name" character varying,',
          '        CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")',
          '      )`);',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      findings: ['src/database/migrations/1622299665807-create-users-table.ts:7'],
    },
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
      name: 'a setup script under docs/ is the schema, and model tags next to it create nothing',
      files: {
        'go.mod': 'module blog\n',
        'docs/sql/blog.sql': 'CREATE TABLE `blog_article` (\n  `id` int NOT NULL,\n  `tag_id` int,\n  PRIMARY KEY (`id`)\n);\n',
        'models/article.go': 'package models\n\nimport "github.com/jinzhu/gorm"\n\ntype Article struct {\n\tTagID int `gorm:"index"`\n}\n',
      },
      findings: ['docs/sql/blog.sql:1'],
    },
    {
      name: 'a Rails migration whose reference is not indexed (index: false)',
      files: {
        'db/migrate/20240101000000_create_posts.rb':
          'class CreatePosts < ActiveRecord::Migration[7.1]\n  def change\n    create_table :posts do |t|\n      t.string :title\n      t.references :author, index: false\n      # t.index :title\n    end\n  end\nend\n',
      },
      findings: ['db/migrate/20240101000000_create_posts.rb:3'],
    },
    {
      name: 'a table created from application code with a UNIQUE column only',
      files: {
        'worker/Worker.csproj': '<Project/>',
        'worker/Program.cs': 'cmd.CommandText = @"CREATE TABLE IF NOT EXISTS votes (\n    id VARCHAR(255) NOT NULL UNIQUE,\n    vote VARCHAR(255) NOT NULL\n)";\n// CREATE INDEX votes_vote_idx ON votes (vote)\n',
      },
      findings: ['worker/Program.cs:1'],
    },
    {
      name: 'a key-value table created from the code of a Node server, next to a device app that does the same',
      files: {
        'server/package.json': '{"name":"server","dependencies":{"express":"^4.19.0","better-sqlite3":"^11.0.0"}}',
        'server/src/db.ts': 'db.exec(`CREATE TABLE IF NOT EXISTS sessions (\n  key TEXT PRIMARY KEY NOT NULL,\n  value TEXT NOT NULL\n);`);\n',
        'mobile/package.json': '{"name":"mobile","main":"expo-router/entry","dependencies":{"expo":"~54.0.0","react-native":"0.81.0","expo-sqlite":"~16.0.0"}}',
        'mobile/lib/cache.ts': 'await db.execAsync(`CREATE TABLE IF NOT EXISTS cache (\n  key TEXT PRIMARY KEY NOT NULL,\n  value TEXT NOT NULL\n);`);\n',
      },
      findings: ['server/src/db.ts:1'],
    },
    {
      name: 'UNIQUE only on the key column: `id … UNIQUE`, `UNIQUE (id)`, a model unique on its id',
      files: {
        'ledger/go.mod': 'module ledger\n',
        'ledger/V1__accounts.sql': 'CREATE TABLE accounts (\n  id UUID NOT NULL UNIQUE,\n  owner UUID\n);\nCREATE TABLE notes (\n  id INT NOT NULL,\n  body TEXT,\n  PRIMARY KEY (id),\n  UNIQUE (id)\n);\n',
        'api/requirements.txt': 'sqlalchemy==2.0.30\n',
        'api/models.py': 'from sqlalchemy import Column, Integer, String\nfrom sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n\n\nclass Note(Base):\n    __tablename__ = "notes"\n    id = Column(Integer, primary_key=True, unique=True)\n    # email = Column(String, unique=True)\n    title = Column(String)\n',
      },
      findings: ['api/models.py:7', 'ledger/V1__accounts.sql:1'],
    },
    {
      name: 'a Prisma schema without @@index or @unique',
      files: { 'prisma/schema.prisma': 'model User {\n  id    Int    @id\n  email String\n}\n' },
      findings: ['prisma/schema.prisma:1'],
    },
    {
      name: 'Flask-SQLAlchemy models importing db from the app module, no index, tables made by create_all()',
      files: {
        'requirements.txt': 'Flask-SQLAlchemy==3.1.1\n',
        'shop/app.py': 'from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n\napp = Flask(__name__)\ndb = SQLAlchemy(app)\n',
        'shop/models.py': 'from shop.app import db\n\n\nclass Item(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    sku = db.Column(db.String, nullable=False)\n',
      },
      findings: ['shop/models.py:4'],
    },
    {
      name: 'a plugin folder with requirements of its own whose models declare their own base, without an index',
      files: appWithPlugin({ appIndexed: true, shared: false }),
      findings: ['backend/plugin/oauth/model/user_social.py:8'],
    },
    {
      name: 'a plugin model on the application\'s base, in an application whose schema has no index',
      files: appWithPlugin({ appIndexed: false, shared: true }),
      findings: ['backend/app/model/user.py:8', 'backend/common/model.py:4', 'backend/plugin/oauth/model/user_social.py:8'],
    },
  ],
  passes: [
    {
      name: 'a plugin model on the application\'s declarative base: one schema, indexed in the application\'s models',
      files: appWithPlugin({ appIndexed: true, shared: true }),
    },
    {
      name: 'a TypeORM migration whose CREATE TABLE string declares a UNIQUE constraint on email',
      files: {
        'package.json': '{"dependencies":{"typeorm":"^0.3.0"}}',
        'src/database/migrations/1622299665807-create-users-table.ts': [
          "import type { MigrationInterface, QueryRunner } from 'typeorm';",
          '',
          'export class CreateUsers1622299665807 implements MigrationInterface {',
          '  public async up(queryRunner: QueryRunner): Promise<void> {',
          '    // users are looked up by id only',
          '    await queryRunner.query(`',
          '      CREATE TABLE "users" (',
          '        "id" uuid NOT NULL DEFAULT uuid_generate_v4(),',
          '        "email" character varying,',
          '        CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"),',
          '        CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")',
          '      )`);',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'UNIQUE constraints on other columns than the key: SQL column and table constraints, Prisma @unique',
      files: {
        'ledger/V1__accounts.sql': 'CREATE TABLE accounts (\n  id UUID PRIMARY KEY,\n  code VARCHAR(64) NOT NULL UNIQUE,\n  owner UUID,\n  UNIQUE (owner, code)\n);\n',
        'ledger/go.mod': 'module ledger\n',
        'web/package.json': '{"dependencies":{"@prisma/client":"^5.0.0"}}',
        'web/prisma/schema.prisma': 'model User {\n  id    Int    @id\n  email String @unique\n  @@unique([id, email])\n}\n',
      },
    },
    {
      name: 'knex .unique() columns and a composite table.unique() on a join table',
      files: {
        'package.json': '{"dependencies":{"knex":"^3.1.0"}}',
        'src/migrations/20240101_init.js': [
          'exports.up = function(knex) {',
          '  return knex.schema',
          '    .createTable("members", function(table) {',
          '      table.uuid("id").unique().primary();',
          '      table.string("handle").unique().notNullable();',
          '    })',
          '    .createTable("follows", function(table) {',
          '      table.uuid("id").unique().primary();',
          '      table.uuid("member").notNullable().references("members.id");',
          '      table.uuid("follower").notNullable().references("members.id");',
          '      table.unique(["member", "follower"]);',
          '    });',
          '};',
        ].join('\n'),
      },
    },
    {
      name: 'TypeORM entities, the only schema, with a unique column',
      files: {
        'package.json': '{"dependencies":{"typeorm":"^0.3.20"}}',
        'src/user/user.entity.ts': "import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';\n\n@Entity('user')\nexport class UserEntity {\n  @PrimaryGeneratedColumn() id: number;\n  @Column({ unique: true }) email: string;\n}\n",
      },
    },
    {
      name: 'SQLAlchemy models with a unique column, and a table created from application code with a UNIQUE name',
      files: {
        'api/requirements.txt': 'sqlalchemy==2.0.30\n',
        'api/models.py': 'from sqlalchemy import Column, Integer, String\nfrom sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n\n\nclass User(Base):\n    __tablename__ = "users"\n    id = Column(Integer, primary_key=True)\n    email = Column(String(128), unique=True, nullable=False)\n',
        'worker/Worker.csproj': '<Project/>',
        'worker/Program.cs': 'cmd.CommandText = @"CREATE TABLE IF NOT EXISTS users (\n    id INT PRIMARY KEY,\n    username VARCHAR(64) NOT NULL UNIQUE\n)";\n',
      },
    },
    {
      name: 'CREATE INDEX in a later migration',
      files: {
        'catalog/migrations/0001_create_items.sql': 'CREATE TABLE IF NOT EXISTS items (sku TEXT PRIMARY KEY);\n',
        'catalog/migrations/0002_create_stock_events.sql': 'CREATE TABLE stock_events (id BIGSERIAL PRIMARY KEY);\nCREATE INDEX IF NOT EXISTS stock_events_pending_idx ON stock_events (id);\n',
      },
    },
    {
      name: 'CREATE UNIQUE INDEX and MySQL UNIQUE KEY are declared as indexes',
      files: {
        'a/go.mod': 'module a\n',
        'a/V1__accounts.sql': 'CREATE TABLE accounts (id UUID PRIMARY KEY, code TEXT);\nCREATE UNIQUE INDEX accounts_code_key ON accounts (code);\n',
        'b/go.mod': 'module b\n',
        'b/schema.sql': 'CREATE TABLE `users` (\n  `id` INT NOT NULL,\n  `email` VARCHAR(255),\n  PRIMARY KEY (`id`),\n  UNIQUE KEY `users_email_key` (`email`)\n);\n',
      },
    },
    {
      name: 'ORM-only schemas that declare indexes: TypeORM @Index, GORM tags, JPA @Table(indexes)',
      files: {
        'api/package.json': '{"dependencies":{"typeorm":"^0.3.20"}}',
        'api/src/article.entity.ts': "import { Entity, Index, Column } from 'typeorm';\n\n@Entity()\n@Index(['slug'])\nexport class Article {\n  @Column() slug: string;\n}\n",
        'svc/go.mod': 'module svc\n',
        'svc/models.go': 'package svc\n\nimport "gorm.io/gorm"\n\ntype Order struct {\n\tgorm.Model\n\tCustomerID uint `gorm:"index"`\n}\n',
        'jvm/pom.xml': '<project/>',
        'jvm/src/main/java/com/acme/Item.java': 'package com.acme;\n\nimport jakarta.persistence.*;\n\n@Entity\n@Table(name = "items", indexes = @Index(columnList = "sku"))\npublic class Item {}\n',
      },
    },
    {
      name: 'DDL in application code with an index statement',
      files: { 'app/store.py': 'DDL = """\nCREATE TABLE IF NOT EXISTS events (id SERIAL PRIMARY KEY, kind TEXT);\nCREATE INDEX IF NOT EXISTS events_kind_idx ON events (kind);\n"""\n' },
    },
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
      name: 'Rails t.index without parentheses, and t.references indexed by default',
      files: {
        'a/Gemfile': "gem 'rails'\n",
        'a/db/migrate/20240101000000_create_posts.rb':
          'class CreatePosts < ActiveRecord::Migration[7.1]\n  def change\n    create_table :posts do |t|\n      t.string :slug\n      t.index :slug\n    end\n  end\nend\n',
        'b/Gemfile': "gem 'rails'\n",
        'b/db/migrate/20240101000000_create_comments.rb':
          'class CreateComments < ActiveRecord::Migration[7.1]\n  def change\n    create_table :comments do |t|\n      t.references :post, null: false, foreign_key: true\n    end\n  end\nend\n',
      },
    },
    {
      name: 'TypeORM indices in new Table, GORM tags in migration code, a Django ManyToManyField, an EF Core snapshot',
      files: {
        'a/package.json': '{"dependencies":{"typeorm":"^0.3.0"}}',
        'a/src/migrations/1700000000000-Init.ts':
          'export class Init1700000000000 {\n  async up(q) {\n    await q.createTable(new Table({ name: "orders", columns: [{ name: "id", type: "int", isPrimary: true }], indices: [{ columnNames: ["customer_id"] }] }));\n  }\n}\n',
        'b/go.mod': 'module b\n',
        'b/migrations/202401010000_orders.go':
          'package migrations\n\nfunc init() {\n\ttype Order struct {\n\t\tID         uint\n\t\tCustomerID uint `gorm:"index"`\n\t}\n\tm := &gormigrate.Migration{Migrate: func(tx *gorm.DB) error { return tx.Migrator().CreateTable(&Order{}) }}\n\t_ = m\n}\n',
        'c/requirements.txt': 'Django==5.0\n',
        'c/shop/migrations/0001_initial.py':
          'from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.CreateModel(\n            name="Article",\n            fields=[("id", models.BigAutoField(primary_key=True)), ("tags", models.ManyToManyField(to="shop.tag"))],\n        ),\n    ]\n',
        'd/Shop.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n',
        'd/Migrations/20240101_Init.cs': 'public partial class Init : Migration {\n  protected override void Up(MigrationBuilder migrationBuilder) {\n    migrationBuilder.CreateTable(name: "Orders", columns: table => new { Id = table.Column<int>() });\n  }\n}\n',
        'd/Migrations/ShopContextModelSnapshot.cs': 'partial class ShopContextModelSnapshot : ModelSnapshot {\n  protected override void BuildModel(ModelBuilder modelBuilder) {\n    modelBuilder.Entity("Order", b => { b.HasIndex("CustomerId"); });\n  }\n}\n',
      },
    },
    {
      name: 'a schema without indexes in test fixtures and down migrations only',
      files: {
        'schema.sql': 'CREATE TABLE a (id int PRIMARY KEY, b int);\nCREATE INDEX a_b_idx ON a (b);\n',
        'tests/fixtures/schema.sql': 'CREATE TABLE t (id int PRIMARY KEY);\n',
        'migrations/0001.down.sql': 'CREATE TABLE old (id int PRIMARY KEY);\n',
      },
    },
    {
      name: 'Flask-SQLAlchemy models importing db from the app module, with an indexed column',
      files: {
        'requirements.txt': 'Flask-SQLAlchemy==3.1.1\n',
        'shop/app.py': 'from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n\napp = Flask(__name__)\ndb = SQLAlchemy(app)\n',
        'shop/models.py': 'from shop.app import db\n\n\nclass Item(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    sku = db.Column(db.String, index=True)\n',
      },
    },
  ],
  notApplicable: [
    { name: 'no schema', files: { 'app.py': 'print(1)', 'queries/report.sql': 'SELECT * FROM orders;\n' } },
    { name: 'only test SQL', files: { 'src/test/resources/schema.sql': 'CREATE TABLE t (id int);\n' } },
    {
      name: 'document models, and ORMs whose models index foreign keys by convention (EF Core, Django)',
      files: {
        'api/package.json': '{"dependencies":{"mongoose":"^8.0.0"}}',
        'api/models/user.js': 'const mongoose = require("mongoose");\nmodule.exports = mongoose.model("User", new mongoose.Schema({ email: String }));\n',
        'Shop/Shop.csproj': '<Project/>',
        'Shop/ShopContext.cs': 'using Microsoft.EntityFrameworkCore;\npublic class ShopContext : DbContext {\n  public DbSet<Order> Orders { get; set; }\n}\n',
        'reports/models.py': 'from django.db import models\n\nclass Report(models.Model):\n    owner = models.ForeignKey("auth.User", on_delete=models.CASCADE)\n',
      },
    },
    {
      name: 'entities in tests and examples, DDL in comments and test code',
      files: {
        'examples/app/user.entity.ts': "import { Entity } from 'typeorm';\n@Entity()\nexport class User {}\n",
        'src/db.ts': '// CREATE TABLE users (id int)\nexport const x = 1;\n',
        'tests/test_db.py': 'cur.execute("CREATE TABLE t (id int)")\n',
      },
    },
    {
      name: 'the local cache tables of React Native and Capacitor apps',
      files: {
        'apps/mobile/package.json': '{"name":"mobile","dependencies":{"react-native":"0.76.0","react-native-sqlite-storage":"^6.0.1"}}',
        'apps/mobile/src/store.ts': 'tx.executeSql("CREATE TABLE IF NOT EXISTS drafts (id INTEGER PRIMARY KEY, body TEXT)");\n',
        'apps/tablet/package.json': '{"name":"tablet","dependencies":{"@capacitor/core":"^6.0.0","@capacitor-community/sqlite":"^6.0.0"}}',
        'apps/tablet/src/db.ts': 'await db.execute(`CREATE TABLE IF NOT EXISTS queue (id INTEGER PRIMARY KEY, payload TEXT);`);\n',
      },
    },
  ],
});

describe('database/no-indexes messages', () => {
  it('says when models are the schema', () => {
    const result = runRule(rule, {
      'src/user.entity.ts': "import { Entity } from 'typeorm';\n\n@Entity()\nexport class User {}\n",
    });
    expect(result.findings[0].message).toBe(
      'src/user.entity.ts defines TypeORM models (the tables are created from them), and the schema has no index beyond primary keys',
    );
  });

  it('names the tables', () => {
    const result = runRule(rule, { 'schema.sql': flaskSchema });
    expect(result.findings[0].message).toBe(
      'schema.sql creates 2 table(s) (customers, orders), and the schema has no index beyond primary keys',
    );
  });
});
