import { Verdict } from '@readiness/backstage-plugin-readiness-common';
import { compareFindingSets, isBlockerFinding, ReportedFinding, ReportSummary } from './baseline';
import { locationOf, SEVERITY_ORDER, VERDICT_LABELS } from './format';

/** What changed between two reports of a repository. @public */
export interface ReportDiff {
  score: { before?: number; after?: number };
  verdict: { before?: Verdict; after?: Verdict };
  /** Reported in the second report, not in the first. */
  added: ReportedFinding[];
  /** Reported in the first report, not in the second. */
  fixed: ReportedFinding[];
  unchanged: number;
  /** Per category: the scores (JSON reports only) and how many findings came and went. */
  categories: Array<{ id: string; title: string; before?: number | null; after?: number | null; added: number; fixed: number }>;
}

const bySeverity = (a: ReportedFinding, b: ReportedFinding) =>
  SEVERITY_ORDER.indexOf(a.severity ?? 'low') - SEVERITY_ORDER.indexOf(b.severity ?? 'low') ||
  a.ruleId.localeCompare(b.ruleId) ||
  (a.path ?? '').localeCompare(b.path ?? '') ||
  (a.line ?? 0) - (b.line ?? 0);

/** Compares two reports of one repository: `before`, then `after`. @public */
export function diffReports(before: ReportSummary, after: ReportSummary): ReportDiff {
  const comparison = compareFindingSets(after.findings, before.findings);
  const added = [...comparison.added].sort(bySeverity);
  const fixed = [...comparison.absent].sort(bySeverity);
  const ids = new Map<string, string>();
  for (const c of [...(before.categories ?? []), ...(after.categories ?? [])]) ids.set(c.id, c.title);
  for (const f of [...added, ...fixed]) if (f.category && !ids.has(f.category)) ids.set(f.category, f.category);
  const categories = [...ids].map(([id, title]) => {
    const was = before.categories?.find(c => c.id === id);
    const is = after.categories?.find(c => c.id === id);
    return {
      id,
      title,
      ...(before.categories ? { before: was?.score ?? null } : {}),
      ...(after.categories ? { after: is?.score ?? null } : {}),
      added: added.filter(f => f.category === id).length,
      fixed: fixed.filter(f => f.category === id).length,
    };
  });
  return {
    score: { before: before.score, after: after.score },
    verdict: { before: before.verdict, after: after.verdict },
    added,
    fixed,
    unchanged: comparison.unchanged,
    categories,
  };
}

function change(before: number | null | undefined, after: number | null | undefined): string {
  if (typeof before !== 'number' || typeof after !== 'number') return '';
  const d = after - before;
  return d === 0 ? '=' : `${d > 0 ? '+' : ''}${d}`;
}

function scoreText(v: number | null | undefined): string {
  if (typeof v === 'number') return String(v);
  return v === null ? 'n/a' : '?';
}

function findingLine(f: ReportedFinding): string {
  const where = f.path !== undefined ? locationOf({ path: f.path, line: f.line }) : '(whole repository)';
  return `  ${(f.severity ?? '').toUpperCase().padEnd(8)} ${f.ruleId}  ${where}  ${f.message}`;
}

/** What changed, as text for a terminal or a CI log. @public */
export function renderDiff(diff: ReportDiff): string {
  const lines: string[] = [];
  const { score, verdict } = diff;
  const delta = change(score.before, score.after);
  lines.push(`Score ${scoreText(score.before)} → ${scoreText(score.after)}${delta ? ` (${delta})` : ''}`);
  const label = (v?: Verdict) => (v ? VERDICT_LABELS[v] : '?');
  lines.push(
    verdict.before === verdict.after
      ? `Verdict ${label(verdict.after)} (unchanged)`
      : `Verdict ${label(verdict.before)} → ${label(verdict.after)}`,
  );
  const blockers = diff.added.filter(isBlockerFinding).length;
  lines.push(
    `Findings: ${diff.added.length} new${blockers ? ` (${blockers} blocker${blockers === 1 ? '' : 's'})` : ''}, ${diff.fixed.length} fixed, ${diff.unchanged} unchanged`,
  );
  const shown = diff.categories.filter(
    c => c.added || c.fixed || (typeof c.before === 'number' && typeof c.after === 'number' && c.before !== c.after),
  );
  if (shown.length) {
    const width = Math.max(8, ...shown.map(c => c.id.length));
    lines.push('', `${'Category'.padEnd(width)}  before  after  change  new  fixed`);
    for (const c of shown) {
      lines.push(
        `${c.id.padEnd(width)}  ${scoreText(c.before).padStart(6)}  ${scoreText(c.after).padStart(5)}  ${change(c.before, c.after).padStart(6)}  ${String(c.added).padStart(3)}  ${String(c.fixed).padStart(5)}`,
      );
    }
  }
  if (diff.added.length) lines.push('', 'New findings', ...diff.added.map(findingLine));
  if (diff.fixed.length) lines.push('', 'Fixed findings', ...diff.fixed.map(findingLine));
  return `${lines.join('\n')}\n`;
}
