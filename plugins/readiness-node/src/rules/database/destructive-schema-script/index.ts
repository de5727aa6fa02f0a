import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { basename, extname, lineOf, lineOfOffset } from '../../../facts';
import { maskSource } from '../../../facts/sourceText';
import { SourceFile } from '../../../snapshot';
import { defineRule, outcome } from '../../types';
import { createdTables, droppedTables, isExample, isRollbackScript, isTestData } from '../../../facts/sql';
import { ormRecreates } from './orm';

/** Scripts whose name says they wipe a database on purpose. */
const RESET_SCRIPT = /(^|[._-])(reset|teardown|clean|cleanup|wipe|destroy|drop|drop[-_]all|purge|truncate)([._-]|$)/i;
/** Functions whose name says they wipe a database on purpose: `reset_db`, `drop_db`, `tearDown`, `tearDownClass`, `teardown_database`. */
const RESET_FUNCTION = /^_*tear_?down|(^|_)(reset|teardown|clean|cleanup|wipe|destroy|drop|purge|truncate)(_|$)/i;

const DROP_DATABASE = /\bDROP\s+(DATABASE|SCHEMA)\s+(?:IF\s+EXISTS\s+)?([\w"`.[\]]+)/gi;

/**
 * `DROP DATABASE shop;` (or `DROP SCHEMA`) followed by `CREATE DATABASE shop` / `CREATE SCHEMA shop`: the script
 * throws away the whole database, every table with it, before building it again (a `pg_dump --clean --create`).
 */
function droppedAndRecreatedDatabase(file: SourceFile): { kind: string; name: string; line: number; createLine: number } | undefined {
  const { code } = maskSource(file);
  for (const m of code.matchAll(DROP_DATABASE)) {
    const name = file.text.slice(m.index! + m[0].length - m[2].length, m.index! + m[0].length);
    const bare = name.replace(/["`[\]]/g, '').toLowerCase();
    if (!bare || /^(?:if|cascade|restrict)$/.test(bare)) continue;
    const kind = m[1].toUpperCase();
    const create = new RegExp(`\\bCREATE\\s+${kind}\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?["\`[]?${bare.replace(/[.]/g, '\\.')}\\b`, 'i');
    const after = code.slice(m.index! + m[0].length);
    const at = create.exec(after);
    if (!at) continue;
    const offset = m.index! + m[0].length + at.index;
    return { kind, name, line: lineOfOffset(file, m.index!), createLine: lineOfOffset(file, offset) };
  }
  return undefined;
}

export default defineRule({
  id: 'database/destructive-schema-script',
  category: 'database',
  severity: 'high',
  title: 'Schema scripts do not drop data',
  description:
    'Fails when a SQL schema, setup or migration script drops a table (`DROP TABLE`, with or without `IF EXISTS`) and then creates it again, or drops the whole database or schema (`DROP DATABASE`, `DROP SCHEMA`) and then creates it again, or when ORM setup code drops every table before creating them (SQLAlchemy `drop_all()` then `create_all()`, Peewee `drop_tables()` then `create_tables()`, in one function such as a `create_db` command or at a script\'s top level): running it against an existing database deletes the tables with their data. Down/undo/rollback migrations, explicitly named reset or teardown scripts and functions, and code under tests and fixtures are left alone.',
  rationale:
    'Setup scripts get re-run: by a deploy step, an init container, a colleague pointing at the wrong database. A drop-and-recreate script turns that into permanent data loss in production.',
  remediation:
    'Make the script idempotent and additive: `CREATE TABLE IF NOT EXISTS`, and move schema changes into versioned migrations (Flyway, Liquibase, Alembic, knex, golang-migrate…) that alter tables in place. Keep any drop-and-recreate script for local development only, named as such, out of deploy paths.',
  evaluate(facts) {
    const scripts = facts.files.filter(f => extname(f.path) === '.sql' && !isTestData(f.path));
    const subjects = scripts.filter(f => /\b(CREATE|DROP)\s+(?:TABLE|DATABASE|SCHEMA)\b/i.test(f.text));
    const orm = facts.files
      .filter(f => extname(f.path) === '.py' && !isTestData(f.path))
      .map(file => ({ file, recreates: ormRecreates(facts, file) }))
      .filter(r => r.recreates.length > 0);
    if (subjects.length === 0 && orm.length === 0) {
      return outcome.notApplicable('no SQL script or ORM setup code that creates or drops tables');
    }
    const findings: Finding[] = [];
    for (const file of subjects) {
      if (isRollbackScript(file.path) || RESET_SCRIPT.test(basename(file.path).replace(/\.sql$/i, ''))) continue;
      const creates = createdTables(file);
      const reported = new Set<string>();
      const whole = droppedAndRecreatedDatabase(file);
      if (whole) {
        findings.push({
          path: file.path,
          line: whole.line,
          excerpt: lineOf(file, whole.line),
          message: `\`DROP ${whole.kind} ${whole.name}\` is followed by \`CREATE ${whole.kind}\` at line ${whole.createLine}: running this script on an existing database deletes every table and its data`,
          ...(isExample(file.path) ? { confidence: 'low' as const } : {}),
        });
        continue;
      }
      for (const drop of droppedTables(file)) {
        if (reported.has(drop.name)) continue;
        const recreate = creates.find(c => c.name === drop.name && c.offset > drop.offset);
        if (!recreate) continue;
        reported.add(drop.name);
        findings.push({
          path: file.path,
          line: drop.line,
          excerpt: lineOf(file, drop.line),
          message: `\`${drop.written}\` is dropped and created again at line ${recreate.line}: running this script on an existing database deletes the table and its data`,
          ...(isExample(file.path) ? { confidence: 'low' as const } : {}),
        });
      }
    }
    for (const { file, recreates } of orm) {
      if (RESET_SCRIPT.test(basename(file.path).replace(/\.py$/i, ''))) continue;
      for (const r of recreates) {
        if (RESET_FUNCTION.test(r.scope)) continue;
        const where = r.scope ? `\`${r.scope}\`` : 'This script';
        findings.push({
          path: file.path,
          line: r.line,
          excerpt: lineOf(file, r.line),
          message: `${where} drops every table (\`${r.drop}()\`) and creates them again at line ${r.createLine}: run against an existing database, it deletes all its data`,
          ...(isExample(file.path) ? { confidence: 'low' as const } : {}),
        });
      }
    }
    return outcome.fromFindings(findings);
  },
});
