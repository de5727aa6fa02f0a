import ignore from 'ignore';
import type { Facts } from '../../../facts';
import { appendLines, createFile, fixOf, modifyFile, RuleFix } from '../../../fixes/edits';

/**
 * `.gitignore` entries for the committed env files the rule fails: each
 * file's own anchored path, and the `.env` name wherever it appears, unless
 * a pattern would hide a file that is no real env file (a template). The
 * root `.gitignore` is extended, or created.
 */
export function fixCommittedEnvFile(facts: Facts, failing: Set<string>): RuleFix | undefined {
  const real = facts.envFiles.filter(f => f.kind === 'real' && failing.has(f.path)).map(f => f.path);
  if (real.length === 0) return undefined;
  const current = facts.file('.gitignore')?.text ?? '';
  const matcher = ignore().add(current);
  const realSet = new Set(real);
  const others = facts.files.map(f => f.path).filter(p => !realSet.has(p) && !matcher.ignores(p));
  const hidesOnlyEnvFiles = (entry: string) => !others.some(p => ignore().add(entry).ignores(p));
  const entries: string[] = [];
  for (const entry of ['.env', ...real.map(p => `/${p}`)]) {
    if (!hidesOnlyEnvFiles(entry) || entries.includes(entry)) continue;
    const probe = ignore().add([current, ...entries].join('\n'));
    const needed = entry === '.env' ? !probe.ignores('.env') : !probe.ignores(entry.slice(1));
    if (needed) entries.push(entry);
  }
  if (entries.length === 0) return undefined;
  const lines = ['# Local environment files hold credentials: never committed.', ...entries];
  const edit = facts.file('.gitignore')
    ? modifyFile(facts, '.gitignore', appendLines(current, current.trim() ? ['', ...lines] : lines))
    : createFile(facts, '.gitignore', appendLines('', lines));
  const keys = [...new Set(facts.envFiles.filter(f => realSet.has(f.path)).flatMap(f => f.entries.map(e => e.key)))];
  return fixOf(`Ignore ${real.join(', ')} in .gitignore`, [edit], [
    `Ignoring does not untrack: run \`git rm --cached ${real.join(' ')}\` and commit, so the file${real.length > 1 ? 's leave' : ' leaves'} the index.`,
    `Rotate every credential ${real.length > 1 ? 'they' : 'it'} held${keys.length ? ` (${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''})` : ''}: the values stay in the git history.`,
  ]);
}
