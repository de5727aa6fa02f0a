import type { Facts } from '../../../facts';
import { SourceFile } from '../../../snapshot';
import { syntaxTree } from '../../../facts/syntax';

/**
 * ORM calls that drop every mapped table, and the call that creates them again: SQLAlchemy's
 * `metadata.drop_all()` / `db.drop_all()` then `create_all()`, Peewee's `drop_tables()` then
 * `create_tables()`.
 */
const RECREATES: Array<{ drop: string; create: string }> = [
  { drop: 'drop_all', create: 'create_all' },
  { drop: 'drop_tables', create: 'create_tables' },
];

/** A drop of every table followed by their creation, in one function or at a script's top level. */
export interface OrmRecreate {
  /** The drop call as written: `db.drop_all`. */
  drop: string;
  create: string;
  line: number;
  createLine: number;
  /** The function holding both calls; empty at a module's top level. */
  scope: string;
}

/**
 * Setup code that wipes the schema before building it: in one Python function (a `create_db` /
 * `recreate_db` command, an init hook) or at the top level of a script, a call dropping all tables comes
 * before a call creating them. Each scope is reported once, at its first drop.
 */
export function ormRecreates(facts: Facts, file: SourceFile): OrmRecreate[] {
  if (!RECREATES.some(r => file.text.includes(r.drop) && file.text.includes(r.create))) return [];
  const tree = syntaxTree(facts, file);
  if (!tree || tree.language !== 'python') return [];
  const byScope = new Map<string, { scope: string; calls: Array<{ callee: string; name: string; line: number; start: number }> }>();
  for (const call of tree.calls()) {
    if (!RECREATES.some(r => call.name === r.drop || call.name === r.create)) continue;
    const fn = tree.enclosingFunctions(call.node)[0];
    const key = fn ? String(fn.start) : 'module';
    const entry = byScope.get(key) ?? { scope: fn?.name ?? '', calls: [] };
    entry.calls.push({ callee: call.callee, name: call.name, line: call.line, start: call.start });
    byScope.set(key, entry);
  }
  const out: OrmRecreate[] = [];
  for (const { scope, calls } of byScope.values()) {
    calls.sort((a, b) => a.start - b.start);
    for (const pair of RECREATES) {
      const drop = calls.find(c => c.name === pair.drop);
      const create = drop && calls.find(c => c.name === pair.create && c.start > drop.start);
      if (!drop || !create) continue;
      out.push({ drop: drop.callee, create: create.callee, line: drop.line, createLine: create.line, scope });
      break;
    }
  }
  return out.sort((a, b) => a.line - b.line);
}
