import { describeRule, runRule } from '../../../testing';
import rule from '.';

const schema = '-- set up\nCREATE TABLE orders (\n    id SERIAL PRIMARY KEY\n);\n';
const sqlalchemyModels = 'from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n\n\nclass Order(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n';
const jpaEntity = 'package com.acme;\n\nimport jakarta.persistence.Entity;\n\n@Entity\npublic class Account {\n}\n';
const djangoModels = 'from django.db import models\n\n\nclass Report(models.Model):\n    name = models.CharField(max_length=100)\n';

const efModule = {
  'src/Modules/Meetings/Infrastructure/Infrastructure.csproj':
    '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Microsoft.EntityFrameworkCore.SqlServer" /></ItemGroup></Project>',
  'src/Modules/Meetings/Infrastructure/MeetingsContext.cs':
    'using Microsoft.EntityFrameworkCore;\n\npublic class MeetingsContext : DbContext\n{\n    public DbSet<Meeting> Meetings { get; set; }\n}\n',
  'src/Database/Migrator/Migrator.csproj': '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="dbup-sqlserver" /></ItemGroup></Project>',
  'src/Database/Migrator/Program.cs': 'using DbUp;\nvar upgrader = DeployChanges.To.SqlDatabase(args[0]).WithScriptsFromFileSystem(args[1]).Build();\n',
  'src/App.sln': 'Microsoft Visual Studio Solution File, Format Version 12.00\n',
};

describeRule(rule, {
  fails: [
    {
      name: 'EF Core models in one service; the migrations of another service do not manage them',
      files: {
        'src/Ordering/Ordering.Application/Ordering.Application.csproj': '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Microsoft.EntityFrameworkCore" Version="8.0.0" /></ItemGroup></Project>',
        'src/Ordering/Ordering.Application/Data/IApplicationDbContext.cs': 'using Microsoft.EntityFrameworkCore;\n\npublic interface IApplicationDbContext\n{\n    DbSet<Order> Orders { get; }\n}\n',
        'src/Ordering/Ordering.Infrastructure/Ordering.Infrastructure.csproj': '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><ProjectReference Include="..\\Ordering.Application\\Ordering.Application.csproj" /></ItemGroup></Project>',
        'src/Ordering/Ordering.Infrastructure/Data/ApplicationDbContext.cs': 'using Microsoft.EntityFrameworkCore;\n\npublic class ApplicationDbContext : DbContext, IApplicationDbContext\n{\n    public DbSet<Order> Orders => Set<Order>();\n}\n',
        'src/Ordering/Ordering.Infrastructure/Data/Migrations/20240101000000_Initial.cs': 'public partial class Initial : Migration\n{\n    protected override void Up(MigrationBuilder migrationBuilder) { migrationBuilder.CreateTable(name: "Orders", columns: table => new { Id = table.Column<int>() }); }\n}\n',
        'src/Billing/Billing.Application/Billing.Application.csproj': '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Microsoft.EntityFrameworkCore" Version="8.0.0" /></ItemGroup></Project>',
        'src/Billing/Billing.Application/Data/IApplicationDbContext.cs': 'using Microsoft.EntityFrameworkCore;\n\npublic interface IApplicationDbContext\n{\n    DbSet<Order> Orders { get; }\n}\n',
        'src/Billing/Billing.Infrastructure/Billing.Infrastructure.csproj': '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><ProjectReference Include="..\\Billing.Application\\Billing.Application.csproj" /></ItemGroup></Project>',
        'src/Billing/Billing.Infrastructure/Data/ApplicationDbContext.cs': 'using Microsoft.EntityFrameworkCore;\n\npublic class ApplicationDbContext : DbContext, IApplicationDbContext\n{\n    public DbSet<Order> Orders => Set<Order>();\n}\n',
      },
      findings: ['src/Billing/Billing.Application/Data/IApplicationDbContext.cs:5', 'src/Billing/Billing.Infrastructure/Data/ApplicationDbContext.cs:3'],
    },
    {
      name: 'DbUp referenced, but no versioned SQL scripts for it to apply (only a structure script), and DbUp only in a test project',
      files: {
        ...efModule,
        'src/Database/Scripts/CreateStructure.sql': 'CREATE TABLE meetings.Meetings (Id UNIQUEIDENTIFIER PRIMARY KEY);\n',
        'tests/Db.Tests/Db.Tests.csproj': '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="dbup-sqlite" /></ItemGroup></Project>',
        'tests/Db.Tests/Scripts/0001_fixture.sql': 'CREATE TABLE t (id int);\n',
      },
      findings: ['src/Database/Scripts/CreateStructure.sql:1', 'src/Modules/Meetings/Infrastructure/MeetingsContext.cs:3'],
    },
    {
      name: 'Mongoose beside SQLAlchemy models: the relational schema still needs migrations',
      files: {
        'requirements.txt': 'flask-sqlalchemy==3.1.1\n',
        'api/models.py': sqlalchemyModels,
        'web/package.json': '{"dependencies":{"mongoose":"^8.0.0"}}',
        'web/models/user.js': 'import mongoose from "mongoose";\nexport default mongoose.model("User", new mongoose.Schema({ email: String }));\n',
      },
      findings: ['api/models.py:6'],
    },
    {
      name: 'a SQL schema and no migrations',
      files: { 'requirements.txt': 'psycopg2-binary==2.9.9\n', 'schema.sql': schema, 'app.py': 'import psycopg2\n' },
      findings: ['schema.sql:2'],
    },
    {
      name: 'migrations only in an example project do not cover the real schema',
      files: {
        'schema.sql': schema,
        'examples/demo/migrations/0001_init.sql': 'CREATE TABLE demo (id int);\n',
        'examples/demo/requirements.txt': 'alembic==1.13.1\n',
      },
      findings: ['schema.sql:2'],
    },
    {
      name: 'SQLAlchemy models created with create_all',
      files: { 'requirements.txt': 'flask-sqlalchemy==3.1.1\n', 'app/models.py': sqlalchemyModels, 'app/__init__.py': 'db.create_all()\n' },
      findings: ['app/models.py:6'],
    },
    {
      name: 'Flask-Migrate wired in, but no migrations were ever generated (no Alembic environment)',
      files: {
        'requirements.txt': 'Flask-SQLAlchemy==2.5.1\nFlask-Migrate==2.7.0\nalembic==1.7.5\n',
        'app/models.py': sqlalchemyModels,
        'manage.py': 'from flask_migrate import Migrate, MigrateCommand\nmigrate = Migrate(app, db)\nmanager.add_command("db", MigrateCommand)\n',
      },
      findings: ['app/models.py:6'],
    },
    {
      name: 'migrate commands only in commented-out Makefile, shell and compose lines',
      files: {
        'go.mod': 'module x\n',
        'schema.sql': schema,
        'Makefile': '# migrate-up: ## Apply migrations.\n# \tmigrate -database $(DSN) -path=db/migrations up\nrun:\n\tgo run .\n',
        'scripts/start.sh': '#!/bin/sh\n# alembic upgrade head\nexec ./server\n',
        'docker-compose.yml': 'services:\n  api:\n    build: .\n    # command: sh -c "flask db upgrade && gunicorn app:app"\n',
      },
      findings: ['schema.sql:2'],
    },
    {
      name: 'JPA entities in a com.example package are the application, not an example',
      files: {
        'pom.xml': '<project><dependencies><dependency><artifactId>spring-boot-starter-data-jpa</artifactId></dependency></dependencies></project>',
        'src/main/java/com/example/shop/model/Account.java': jpaEntity,
        'src/main/java/org/acme/samples/shop/Order.java': jpaEntity,
      },
      findings: ['src/main/java/com/example/shop/model/Account.java:5', 'src/main/java/org/acme/samples/shop/Order.java:5'],
    },
    {
      name: 'JPA entities with ddl-auto and no Flyway or Liquibase',
      files: {
        'pom.xml': '<project><dependencies><dependency><artifactId>spring-boot-starter-data-jpa</artifactId></dependency></dependencies></project>',
        'src/main/java/com/acme/Account.java': jpaEntity,
        'src/main/resources/application.yml': 'spring:\n  jpa:\n    hibernate:\n      ddl-auto: update\n',
      },
      findings: ['src/main/java/com/acme/Account.java:5'],
    },
    {
      name: 'a Prisma schema pushed without migrations',
      files: {
        'package.json': '{"scripts":{"db":"prisma db push"},"dependencies":{"@prisma/client":"^5.0.0"}}',
        'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id Int @id\n}\n',
      },
      findings: ['prisma/schema.prisma:5'],
    },
    {
      name: 'one service of a monorepo without migrations',
      files: {
        'billing/package.json': '{"dependencies":{"knex":"^3.1.0"}}',
        'billing/migrations/20240101_init.js': 'exports.up = knex => knex.schema.createTable("invoices", t => t.increments());\n',
        'orders/requirements.txt': 'psycopg==3.2.1\n',
        'orders/db/schema.sql': schema,
      },
      findings: ['orders/db/schema.sql:2'],
    },
    {
      name: 'GORM models (jinzhu or gorm.io) beside a SQL dump kept under docs/',
      files: {
        'go.mod': 'module blog\n\nrequire github.com/jinzhu/gorm v1.9.16\n',
        'models/article.go': 'package models\n\nimport "github.com/jinzhu/gorm"\n\nvar db *gorm.DB\n\ntype Article struct {\n\tID    int    `gorm:"primary_key"`\n\tTagID int    `json:"tag_id" gorm:"index"`\n}\n',
        'docs/sql/blog.sql': `DROP TABLE IF EXISTS blog_article;\n${schema}`,
      },
      findings: ['docs/sql/blog.sql:3', 'models/article.go:7'],
    },
    {
      name: 'GORM AutoMigrate at start-up is no migrations tool',
      files: {
        'go.mod': 'module shop\n\nrequire gorm.io/gorm v1.25.10\n',
        'internal/db/db.go': 'package db\n\nimport "gorm.io/gorm"\n\nfunc Open(d *gorm.DB) error {\n\treturn d.AutoMigrate(&Order{})\n}\n',
      },
      findings: ['internal/db/db.go:6'],
    },
    {
      name: 'tables created by SQL in application code at start-up',
      files: {
        'worker/Worker.csproj': '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Npgsql" Version="8.0.0" /></ItemGroup></Project>',
        'worker/Program.cs': [
          'var command = connection.CreateCommand();',
          '// CREATE TABLE audit (id int) is not run',
          'command.CommandText = @"CREATE TABLE IF NOT EXISTS votes (',
          '    id VARCHAR(255) NOT NULL UNIQUE',
          ')";',
          'command.ExecuteNonQuery();',
        ].join('\n'),
      },
      findings: ['worker/Program.cs:3'],
    },
    {
      name: 'tables created at start-up with knex',
      files: {
        'package.json': '{"dependencies":{"knex":"^3.1.0"}}',
        'src/db.ts': 'import knex from "knex";\nexport async function init(db) {\n  await db.schema.createTableIfNotExists("users", t => t.increments());\n}\n',
      },
      findings: ['src/db.ts:3'],
    },
    {
      name: 'Flask-SQLAlchemy models that import db from the app module, tables made by create_all()',
      files: {
        'requirements.txt': 'Flask-SQLAlchemy==3.1.1\n',
        'shop/app.py': 'from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n\napp = Flask(__name__)\ndb = SQLAlchemy(app)\n',
        'shop/models.py': 'from shop.app import db\n\n\nclass Item(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n',
        'init_db.py': 'from shop.app import app, db\nfrom shop.models import Item\n\nwith app.app_context():\n    db.create_all()\n',
      },
      findings: ['shop/models.py:4'],
    },
    {
      name: 'SQLAlchemy models on a declarative Base imported from a sibling module (relative import)',
      files: {
        'pyproject.toml': '[project]\nname = "x"\ndependencies = ["sqlalchemy>=2"]\n',
        'app/db/base.py': 'from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n',
        'app/db/tables.py': 'from .base import Base\n\n\nclass Order(Base):\n    __tablename__ = "orders"\n',
      },
      findings: ['app/db/tables.py:4'],
    },
    {
      name: 'GORM structs in a package whose other file imports GORM',
      files: {
        'go.mod': 'module x\n\nrequire gorm.io/gorm v1.25.0\n',
        'store/db.go': 'package store\n\nimport "gorm.io/gorm"\n\nfunc Open(d gorm.Dialector) (*gorm.DB, error) { return gorm.Open(d) }\n',
        'store/models.go': 'package store\n\ntype Order struct {\n\tID  uint   `gorm:"primaryKey"`\n\tSku string\n}\n',
      },
      findings: ['store/models.go:3'],
    },
    {
      name: 'a setup shell script creating tables with psql, the table name from a variable',
      files: {
        'deploy/setup-db.sh': '#!/bin/bash\nset -e\npsql -h "$DB_HOST" -U app -c "CREATE TABLE ${ORDERS_TABLE} (order_no bigint PRIMARY KEY, placed_at timestamptz)"\n',
      },
      findings: ['deploy/setup-db.sh:3'],
    },
    {
      name: 'a shell script feeding a heredoc of DDL to mysql',
      files: {
        'scripts/init.sh': '#!/bin/sh\nmysql -u root <<EOF\nCREATE TABLE IF NOT EXISTS users (\n  id INT PRIMARY KEY\n);\nEOF\n',
      },
      findings: ['scripts/init.sh:3'],
    },
  ],
  passes: [
    {
      name: 'EF Core models in an application project, migrations in the infrastructure project that references it',
      files: {
        'src/Ordering/Ordering.Application/Ordering.Application.csproj': '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Microsoft.EntityFrameworkCore" Version="8.0.0" /></ItemGroup></Project>',
        'src/Ordering/Ordering.Application/Data/IApplicationDbContext.cs': 'using Microsoft.EntityFrameworkCore;\n\npublic interface IApplicationDbContext\n{\n    DbSet<Order> Orders { get; }\n}\n',
        'src/Ordering/Ordering.Infrastructure/Ordering.Infrastructure.csproj': '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><ProjectReference Include="..\\Ordering.Application\\Ordering.Application.csproj" /></ItemGroup></Project>',
        'src/Ordering/Ordering.Infrastructure/Data/ApplicationDbContext.cs': 'using Microsoft.EntityFrameworkCore;\n\npublic class ApplicationDbContext : DbContext, IApplicationDbContext\n{\n    public DbSet<Order> Orders => Set<Order>();\n}\n',
        'src/Ordering/Ordering.Infrastructure/Data/Migrations/20240101000000_Initial.cs': 'public partial class Initial : Migration\n{\n    protected override void Up(MigrationBuilder migrationBuilder) { migrationBuilder.CreateTable(name: "Orders", columns: table => new { Id = table.Column<int>() }); }\n}\n',
      },
    },
    {
      name: "DbUp in a migrator project with versioned SQL scripts manages the schema of the solution's EF models",
      files: {
        ...efModule,
        'src/Database/Scripts/CreateStructure.sql': 'CREATE TABLE meetings.Meetings (Id UNIQUEIDENTIFIER PRIMARY KEY);\n',
        'src/Database/Scripts/Migrations/1_0_0_0/0001_initial_structure.sql': 'CREATE TABLE meetings.Meetings (Id UNIQUEIDENTIFIER PRIMARY KEY);\n',
      },
    },
    {
      name: 'DbUp named in Directory.Packages.props, scripts named by version',
      files: {
        ...efModule,
        'src/Database/Migrator/Migrator.csproj': '<Project Sdk="Microsoft.NET.Sdk" />',
        'src/Directory.Packages.props': '<Project><ItemGroup><PackageVersion Include="dbup-postgresql" Version="5.0.40" /></ItemGroup></Project>',
        'src/Database/Migrator/Scripts/Script0001 - Create tables.sql': 'CREATE TABLE meetings (id uuid PRIMARY KEY);\n',
        'src/Database/Migrator/Scripts/0002_add_index.sql': 'CREATE INDEX ix ON meetings (id);\n',
      },
    },
    {
      name: 'Alembic',
      files: {
        'requirements.txt': 'sqlalchemy==2.0.30\nalembic==1.13.1\n',
        'app/models.py': 'from sqlalchemy.orm import DeclarativeBase\n\nclass Base(DeclarativeBase):\n    pass\n\nclass Order(Base):\n    __tablename__ = "orders"\n',
        'alembic.ini': '[alembic]\n',
        'alembic/versions/1a2b_init.py': 'revision = "1a2b"\ndef upgrade():\n    op.create_table("orders")\n',
      },
    },
    {
      name: 'Flask-Migrate with its generated migrations folder, and a live migrate command in a Makefile',
      files: {
        'requirements.txt': 'Flask-SQLAlchemy==2.5.1\nFlask-Migrate==2.7.0\n',
        'app/models.py': sqlalchemyModels,
        'migrations/env.py': 'from alembic import context\n\ncontext.configure()\n',
        'migrations/script.py.mako': 'revision = ${repr(up_revision)}\n',
        'worker/requirements.txt': 'sqlalchemy==2.0.30\n',
        'worker/models.py': sqlalchemyModels,
        'worker/Makefile': '# apply the schema\nmigrate:\n\talembic upgrade head\n',
      },
    },
    {
      name: 'Django migrations',
      files: {
        'pyproject.toml': '[tool.poetry]\nname = "x"\n[tool.poetry.dependencies]\ndjango = "^5.1"\n',
        'reports/models.py': djangoModels,
        'reports/migrations/__init__.py': '',
        'reports/migrations/0001_initial.py': 'from django.db import migrations\n\nclass Migration(migrations.Migration):\n    pass\n',
      },
    },
    {
      name: 'Flyway migrations beside JPA entities',
      files: {
        'pom.xml': '<project><dependencies><dependency><artifactId>flyway-core</artifactId></dependency></dependencies></project>',
        'src/main/java/com/acme/Account.java': jpaEntity,
        'src/main/resources/db/migration/V1__create_accounts.sql': 'CREATE TABLE accounts (id UUID PRIMARY KEY);\n',
      },
    },
    {
      name: 'knex migrations only (no separate schema)',
      files: {
        'package.json': '{"dependencies":{"knex":"^3.1.0","pg":"^8.12.0"}}',
        'migrations/20250114093000_create_payments.js': 'exports.up = knex => knex.schema.createTable("payments", t => t.uuid("id"));\n',
      },
    },
    {
      name: 'Prisma migrations',
      files: {
        'prisma/schema.prisma': 'model User {\n  id Int @id\n}\n',
        'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "User" ("id" INTEGER);\n',
        'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
      },
    },
    {
      name: 'golang-migrate files and a schema dump beside them',
      files: {
        'go.mod': 'module x\n\nrequire github.com/golang-migrate/migrate/v4 v4.17.1\n',
        'db/schema.sql': schema,
        'sql/0001_init.up.sql': 'CREATE TABLE orders (id int);\n',
        'sql/0001_init.down.sql': 'DROP TABLE orders;\n',
      },
    },
    {
      name: 'EF Core migrations',
      files: {
        'Api/Api.csproj': '<Project/>',
        'Api/Data/ShopContext.cs': 'using Microsoft.EntityFrameworkCore;\npublic class ShopContext : DbContext {\n  public DbSet<Order> Orders { get; set; }\n}\n',
        'Api/Migrations/20240101_Init.cs': 'public partial class Init : Migration {}\n',
      },
    },
    {
      name: 'Mongoose with migrate-mongo',
      files: {
        'package.json': '{"dependencies":{"mongoose":"^8.0.0"},"devDependencies":{"migrate-mongo":"^11.0.0"}}',
        'src/models/user.ts': 'import { Schema, model } from "mongoose";\nexport const User = model("User", new Schema({ email: String }));\n',
      },
    },
    {
      name: 'DDL in a hand-written migrator file',
      files: {
        'go.mod': 'module x\n',
        'internal/store/migrations.go': 'package store\n\nvar steps = []string{\n\t`CREATE TABLE IF NOT EXISTS users (id SERIAL PRIMARY KEY)`,\n}\n',
      },
    },
    {
      name: 'migrations applied by CI',
      files: {
        'package.json': '{"dependencies":{"@prisma/client":"^5.0.0"}}',
        'prisma/schema.prisma': 'model User {\n  id Int @id\n}\n',
        '.github/workflows/deploy.yml': 'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx prisma migrate deploy\n',
      },
    },
    {
      name: 'a shell script named for migrations running its DDL is a hand-written migrator',
      files: {
        'scripts/migrate.sh': '#!/bin/bash\npsql -c "CREATE TABLE IF NOT EXISTS orders (id int PRIMARY KEY)"\n',
        'schema.sql': schema,
      },
    },
    {
      name: 'Flask-SQLAlchemy models importing db from the app module, with an Alembic environment',
      files: {
        'requirements.txt': 'Flask-SQLAlchemy==3.1.1\nFlask-Migrate==4.0.7\n',
        'shop/app.py': 'from flask_sqlalchemy import SQLAlchemy\nfrom flask_migrate import Migrate\n\ndb = SQLAlchemy()\nmigrate = Migrate()\n',
        'shop/models.py': 'from shop.app import db\n\n\nclass Item(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n',
        'migrations/env.py': 'from alembic import context\n',
        'migrations/versions/0001_items.py': 'from alembic import op\n\ndef upgrade():\n    op.create_table("item")\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'Mongoose schemas: a document store has no DDL to migrate',
      files: {
        'backend/package.json': '{"dependencies":{"mongoose":"^8.0.0"}}',
        'backend/models/user.js': 'import mongoose from "mongoose";\n\nconst userSchema = mongoose.Schema({ email: { type: String, unique: true } });\nexport default mongoose.model("User", userSchema);\n',
      },
    },
    {
      name: 'MongoEngine documents',
      files: {
        'requirements.txt': 'mongoengine==0.29.1\n',
        'app/models.py': 'from mongoengine import Document, StringField\n\n\nclass User(Document):\n    email = StringField(required=True)\n',
      },
    },
    {
      name: 'a message or doc string that names CREATE TABLE is not a statement',
      files: {
        'package.json': '{"dependencies":{"pg":"^8.11.0"}}',
        'src/rules.ts': [
          "export const remediation = 'Make the script idempotent: `CREATE TABLE IF NOT EXISTS`, and move schema changes into migrations.';",
          "export const hint = \"Use CREATE TABLE only in migrations\";",
        ].join('\n'),
      },
    },
    {
      name: 'pydantic and plain classes whose base is imported from pydantic, beside a module that uses an ORM',
      files: {
        'requirements.txt': 'peewee==3.17.0\npydantic==2.7.0\n',
        'app/store.py': 'import peewee\n\nclass BaseModel(peewee.Model):\n    pass\n',
        'app/schemas.py': 'from pydantic import BaseModel\nfrom app import store\n\n\nclass OrderOut(BaseModel):\n    sku: str\n',
      },
    },
    {
      name: 'a model-looking class importing its base from a repository module that uses no ORM',
      files: {
        'app/base.py': 'class Model:\n    pass\n',
        'app/things.py': 'from app.base import Model\n\n\nclass Thing(Model):\n    pass\n',
      },
    },
    {
      name: 'shell scripts that only mention DDL in comments or create temporary tables, and setup scripts under tests',
      files: {
        'scripts/notes.sh': '#!/bin/bash\n# psql -c "CREATE TABLE orders (id int)"\necho done\n',
        'scripts/report.sh': '#!/bin/bash\npsql -c "CREATE TEMP TABLE scratch (id int)"\n',
        'tests/setup.sh': '#!/bin/bash\npsql -c "CREATE TABLE t (id int)"\n',
      },
    },
    { name: 'no database', files: { 'package.json': '{"dependencies":{"express":"^4.19.2"}}', 'src/app.js': 'x' } },
    {
      name: 'pydantic BaseModel classes beside SQLAlchemy imports, and SQLModel classes that are no tables',
      files: {
        'requirements.txt': 'sqlalchemy==2.0.30\npydantic==2.7.0\nsqlmodel==0.0.19\n',
        'app/schemas.py': 'from sqlalchemy.orm import Session\nfrom pydantic import BaseModel\n\nclass OrderIn(BaseModel):\n    sku: str\n',
        'app/dto.py': 'from sqlmodel import SQLModel\n\nclass OrderOut(SQLModel):\n    sku: str\n',
      },
    },
    {
      name: 'a database handle without models: gorm.Open, a Mongo client, temporary tables',
      files: {
        'go.mod': 'module x\n',
        'db.go': 'package main\n\nimport "gorm.io/gorm"\n\nvar db *gorm.DB\n',
        'src/db.js': 'const { MongoClient } = require("mongodb");\nconst c = new MongoClient(url);\n',
        'src/report.py': 'cur.execute("CREATE TEMPORARY TABLE scratch (id int)")\n',
      },
    },
    {
      name: 'DDL in application code that only tests run',
      files: { 'tests/test_store.py': 'cur.execute("CREATE TABLE t (id int)")\n', 'src/store_test.go': 'package store\n\nconst ddl = `CREATE TABLE t (id int)`\n' },
    },
    {
      name: 'code that only mentions models in comments, strings and regular expressions',
      files: {
        'src/lint.ts': [
          '// knex: await db.schema.createTable("users", ...)',
          'const pattern = /\\.schema\\.createTable\\(/;',
          'const example = "knex.schema.createTable(\'users\')";',
          '/* @Entity() class User {} */',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'SQL only in test fixtures and examples, models only in docs',
      files: {
        'tests/fixtures/schema.sql': schema,
        'src/test/resources/schema.sql': schema,
        'examples/schema.sql': schema,
        'docs/models.py': sqlalchemyModels,
      },
    },
  ],
});

describe('database/no-migrations messages', () => {
  it('says when a migration tool is declared but has no migrations', () => {
    const result = runRule(rule, { 'requirements.txt': 'Flask-Migrate==4.0.7\n', 'app/models.py': sqlalchemyModels });
    expect(result.findings[0].message).toBe(
      'SQLAlchemy models, but no migrations manage the schema: flask-migrate in requirements.txt is declared, yet no Alembic environment (migrations folder with env.py and versions) exists',
    );
  });
  it('names the tables a shell script creates, variables as written', () => {
    const result = runRule(rule, { 'setup.sh': 'psql -c "CREATE TABLE ${ORDERS_TABLE} (id int PRIMARY KEY)"\npsql -c "CREATE TABLE items (id int)"\n' });
    expect(result.findings[0].message).toBe(
      'A shell script running DDL that creates 2 table(s) (${ORDERS_TABLE}, items), but no migrations framework or migrations folder manages the schema',
    );
  });
  it('names the tables and the project', () => {
    const result = runRule(rule, { 'orders/requirements.txt': 'psycopg==3.2.1\n', 'orders/schema.sql': `${schema}CREATE TABLE items (id int);\n` });
    expect(result.findings[0].message).toBe(
      'A SQL schema creating 2 table(s) (orders, items) in orders/, but no migrations framework or migrations folder manages the schema',
    );
  });
});
