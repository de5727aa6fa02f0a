import { describeRule, findingsOf, runRule } from '../../../testing';
import rule from '.';

const COMPOSE_DB =
  'services:\n  api:\n    build: .\n  db:\n    image: postgres:16-alpine\n    volumes:\n      - pgdata:/var/lib/postgresql/data\nvolumes:\n  pgdata: {}\n';

/** A Go service whose database package opens SQLite through GORM at `dsn`, creating the schema with AutoMigrate. */
const goSqlite = (dsn: string, path = 'db/db.go') => ({
  'go.mod': 'module example.com/api\n\ngo 1.22\n\nrequire (\n\tgithub.com/jinzhu/gorm v1.9.8\n\tgithub.com/labstack/echo/v4 v4.12.0\n)\n',
  'main.go': 'package main\n\nimport "github.com/labstack/echo/v4"\n\nfunc main() { echo.New().Start(":8080") }\n',
  [path]: `package db\n\nimport (\n\t"github.com/jinzhu/gorm"\n\t_ "github.com/jinzhu/gorm/dialects/sqlite"\n)\n\nfunc New() *gorm.DB {\n\tdb, _ := gorm.Open("sqlite3", "${dsn}")\n\tdb.AutoMigrate(&User{})\n\treturn db\n}\n`,
});

/** A Go server that keeps its users and settings in an embedded BoltDB file through Storm, opened at start-up in `path`. */
const goBolt = (path = 'cmd/root.go') => ({
  'go.mod': 'module example.com/files\n\ngo 1.22\n\nrequire (\n\tgithub.com/asdine/storm/v3 v3.2.1\n\tgo.etcd.io/bbolt v1.3.9 // indirect\n)\n',
  'main.go': 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n',
  [path]: 'package cmd\n\nimport (\n\t"github.com/asdine/storm/v3"\n)\n\nfunc openDB(path string) (*storm.DB, error) {\n\treturn storm.Open(path)\n}\n',
});

/** A .NET server on SQLite whose scheduler registers recurring jobs in `Services/TaskScheduler.cs`. */
const scheduledJobs = (jobs: string) => ({
  'src/Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="8.0.0" /></ItemGroup></Project>',
  'src/Api/Program.cs': 'var builder = WebApplication.CreateBuilder(args);\n',
  'src/Api/Services/TaskScheduler.cs': `public class TaskScheduler {\n  public void ScheduleTasks() {\n${jobs}  }\n}\n`,
  'README.md': '# Api\n\nRun `dotnet run`.\n',
});

describeRule(rule, {
  fails: [
    {
      name: 'the only backup words are options that switch backups off',
      files: {
        'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n',
        'README.md':
          '# Shop\n\nCreate the cluster:\n\n```sh\ngcloud alloydb clusters create shop --disable-automated-backup\npg_ctl start --no-backup\n```\n',
      },
      findings: ['docker-compose.yml:2'],
    },
    {
      name: 'a Go service that opens a SQLite database file through a GORM dialect',
      files: { ...goSqlite('./app.db'), 'README.md': '# API\n\nRun `go run .`.\n' },
      findings: ['db/db.go'],
    },
    {
      name: 'a service whose database is a SQLite file (EF Core provider)',
      files: {
        'src/Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="8.0.0" /></ItemGroup></Project>',
        'src/Api/Program.cs': 'var builder = WebApplication.CreateBuilder(args);\n',
        'README.md': '# Api\n\nRun `dotnet run`.\n',
      },
      findings: ['src/Api/Api.csproj'],
    },
    {
      name: 'a Go server whose datastore is an embedded BoltDB file',
      files: {
        ...goBolt(),
        'README.md': '# Files\n\nRun `files --database ./files.db`.\n',
        'users/assets/common-passwords.txt': Array.from({ length: 30 }, (_, i) => ['123456', 'qwerty', 'backup', 'dragon', 'letmein'][i % 5]).join('\n'),
      },
      findings: ['cmd/root.go'],
    },
    {
      name: 'an embedded NeDB database declared by a Node server',
      files: { 'package.json': JSON.stringify({ dependencies: { express: '^4.19.0', '@seald-io/nedb': '^4.0.0' } }), 'server.js': "require('express');\n" },
      findings: ['package.json'],
    },
    {
      name: 'recurring jobs that back up nothing, and a backup called once, not scheduled',
      files: scheduledJobs(
        '    RecurringJob.AddOrUpdate("cleanup", () => _cleanup.Cleanup(), Cron.Daily);\n    // RecurringJob.AddOrUpdate("backup", () => _backup.BackupDatabase(), Cron.Daily);\n    BackgroundJob.Enqueue(() => _backup.BackupDatabase());\n',
      ),
      findings: ['src/Api/Api.csproj'],
    },
    {
      name: 'a Go service on PostgreSQL through GORM',
      files: {
        'go.mod': 'module x\n\ngo 1.22\n\nrequire (\n\tgorm.io/gorm v1.25.0\n\tgorm.io/driver/postgres v1.5.0\n)\n',
        'main.go': 'package main\n',
      },
    },
    {
      name: 'a compose database and a README that says nothing about backups',
      files: { 'docker-compose.yml': COMPOSE_DB, 'README.md': '# API\n\nRun `docker compose up`.\n' },
      findings: ['docker-compose.yml:4'],
    },
    {
      name: 'migrations only',
      files: {
        'alembic/versions/0001_init.py': 'def upgrade():\n    pass\n',
        'README.md': '# Service\n',
      },
      findings: ['alembic/versions/0001_init.py'],
    },
    {
      name: 'a SQL schema only',
      files: { 'db/schema.sql': 'CREATE TABLE users (id serial primary key);\n' },
      findings: ['db/schema.sql'],
    },
    {
      name: 'a database driver in the manifest',
      files: {
        'package.json': '{"dependencies":{"express":"^4","pg":"^8"}}',
        'src/index.js': "require('pg')\n",
      },
      findings: ['package.json'],
    },
    {
      name: 'near-misses that do not describe backups',
      files: {
        'docker-compose.yml': COMPOSE_DB,
        'README.md': [
          '# Shop',
          'Run `dotnet restore` then `dotnet build`.',
          'Restore the npm cache in CI to speed things up.',
          'Update snapshots with `jest -u`; snapshot tests live next to components.',
          'Scroll back up to the install section.',
          'Users can generate backupcodes for 2FA, and print their backup codes.',
          'Snapshot testing saves text snapshots of your components on the disk.',
          '<!-- markdownlint-restore -->',
          'Restore the dependencies cached on the build volume.',
          '- Healthcheck endpoint for [Fly backups region fallbacks](https://fly.io/docs/reference/configuration/)',
          'Traffic moves to the backup region on failover; configure a backup DNS provider too.',
          'We never delete uploaded files, as deleting them hurts restoring data later; database records are soft-deleted.',
          'The notification service stores contact details and notification settings (reminders, backup frequency). A scheduled worker sends the e-mails.',
          'Customers get an account backup by e-mail every month.',
          '[PaaSCo](https://paas.example) offers Shop hosting from $1.20/month with a $5 welcome credit. User data backed up daily.',
          'ManagedCo hosts it for 12 EUR per month, with disaster recovery and point-in-time recovery included.',
        ].join('\n'),
        'src/components/BackupCodes.tsx': 'export const BackupCodes = () => null;\n',
      },
      findings: ['docker-compose.yml:4'],
    },
  ],
  passes: [
    {
      name: 'backups switched off for a test cluster, and a documented backup for production',
      files: {
        'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n',
        'README.md': '# Shop\n\nThe test cluster runs with --disable-automated-backup.\n\nProduction: nightly backups with pg_dump, kept 30 days.\n',
      },
    },
    {
      name: 'a price on a backup line that sells no hosting, and a self-hosting guide beside a managed host',
      files: {
        'docker-compose.yml': COMPOSE_DB,
        'docs/Installation.md': [
          '## Managed hosting',
          'PaaSCo offers hosting from $2/month.',
          '## Self-hosting',
          'Back up the pgdata volume daily to a bucket (about $1 per month of storage).',
        ].join('\n'),
      },
    },
    {
      name: 'the README has a Backups section',
      files: { 'docker-compose.yml': COMPOSE_DB, 'README.md': '# API\n\n## Backups\nNightly dumps go to S3.\n' },
    },
    {
      name: 'backup words beside feature words that also speak of data or a backup process',
      files: {
        'docker-compose.yml': COMPOSE_DB,
        'README.md': '# Shop\n\nCustomers are notified by e-mail when the nightly backup of the database fails.\n',
      },
    },
    {
      name: 'a runbook that uses pg_dump',
      files: {
        'docker-compose.yml': COMPOSE_DB,
        'docs/runbook.md': 'Export the data with `pg_dump -Fc app > app.dump`.\n',
      },
    },
    {
      name: 'restore in a data context',
      files: {
        'migrations/001.sql': 'CREATE TABLE t (id int);\n',
        'OPERATIONS.md': 'To restore the database, stop the API and load the latest dump.\n',
      },
    },
    {
      name: '"back up" and point-in-time recovery',
      files: {
        'package.json': '{"dependencies":{"mongoose":"^8"}}',
        'docs/ops.rst': 'We back up the MongoDB volumes every hour.\n',
      },
    },
    {
      name: 'managed snapshots',
      files: {
        'prisma/migrations/20240101_init/migration.sql': 'CREATE TABLE t (id int);\n',
        'docs/infra.md': 'RDS takes automated snapshots with 7 days of retention; point-in-time recovery is on.\n',
      },
    },
    {
      name: 'a backup script or a backup service',
      files: {
        'docker-compose.yml':
          'services:\n  db:\n    image: mysql:8.4\n  db-backup:\n    image: databack/mysql-backup:1.0\n',
      },
    },
    {
      name: 'restoring data, outside any talk of deleting records',
      files: { ...goSqlite('./app.db'), 'docs/ops.md': 'Restoring data after an outage: copy last night\'s export over the file.\n' },
    },
    {
      name: 'restoring deleted rows from the nightly dump',
      files: { ...goSqlite('./app.db'), 'docs/ops.md': 'Rows deleted by mistake are restored from the nightly dump.\n' },
    },
    {
      name: 'a backup region mentioned beside a real backup plan',
      files: { 'docker-compose.yml': COMPOSE_DB, 'README.md': 'Fly backup region fallbacks.\n\nThe database is dumped to S3 as a nightly backup.\n' },
    },
    {
      name: 'the application schedules a recurring backup of its database (Hangfire)',
      files: scheduledJobs('    RecurringJob.AddOrUpdate(BackupTaskId, () => _backupService.BackupDatabase(), Cron.Weekly);\n'),
    },
    {
      name: 'an APScheduler job that dumps the database',
      files: {
        'docker-compose.yml': COMPOSE_DB,
        'app/jobs.py': 'from apscheduler.schedulers.background import BackgroundScheduler\n\nscheduler = BackgroundScheduler()\nscheduler.add_job(backup_database, "cron", hour=2)\n',
      },
    },
    {
      name: 'a backup job in an ops folder',
      files: { 'db/schema.sql': 'create table a (id int);\n', 'scripts/backup-db.sh': '#!/bin/sh\n' },
    },
  ],
  notApplicable: [
    {
      name: 'SQLite only for tests: a devDependency and a test project',
      files: {
        'package.json': JSON.stringify({ dependencies: { express: '^4.0.0' }, devDependencies: { 'better-sqlite3': '^11.0.0' } }),
        'tests/Api.Tests/Api.Tests.csproj': '<Project><ItemGroup><PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="8.0.0" /></ItemGroup></Project>',
        'server.js': "const express = require('express');\n",
      },
    },
    { name: 'no datastore', files: { 'src/index.ts': 'export {}\n', 'README.md': '# x\n' } },
    { name: 'a Go service whose SQLite database lives in memory', files: goSqlite(':memory:') },
    { name: 'a SQLite dialect imported only by Go tests', files: goSqlite('./test.db', 'db/db_test.go') },
    { name: 'BoltDB opened only by Go tests', files: goBolt('storage/bolt/users_test.go') },
    {
      name: 'only a cache and example databases',
      files: {
        'docker-compose.yml': 'services:\n  cache:\n    image: redis:7\n',
        'examples/demo/docker-compose.yml': COMPOSE_DB,
        'tests/fixtures/schema.sql': 'CREATE TABLE t (id int);\n',
        'node_modules/lib/migrations/001.js': '',
      },
    },
    {
      name: 'SQL files without tables',
      files: { 'queries/report.sql': 'SELECT 1;\n' },
    },
  ],
});

describe('infrastructure/no-backup-strategy findings', () => {
  it('list what keeps data', () => {
    const result = runRule(rule, {
      'docker-compose.yml': COMPOSE_DB,
      'migrations/001_init.sql': 'CREATE TABLE t (id int);\n',
      'db/schema.sql': 'CREATE TABLE t (id int);\n',
    });
    expect(findingsOf(result)).toEqual([
      {
        path: 'docker-compose.yml',
        line: 4,
        excerpt: 'db:',
        message:
          'The repository keeps data (PostgreSQL in compose service `db`, migrations (migrations/001_init.sql), a SQL schema (db/schema.sql)) but no document describes how it is backed up or restored',
        confidence: 'high',
      },
    ]);
  });
});
