import { CategoryId, Severity } from '@readiness/backstage-plugin-readiness-common';
import { buildFacts } from '../facts';
import { AuditRun } from '../engine/audit';
import { redactDeep } from '../secrets/redact';
import { compareStrings, Snapshot, SourceFile } from '../snapshot';
import { FileEdit, RuleFix, unifiedDiff } from './edits';
import { checkRelativePath } from './apply';

/** One rule's suggested change, as shown to a reader. Diffs are redacted. @public */
export interface SuggestedFix {
  ruleId: string;
  category: CategoryId;
  severity: Severity;
  title: string;
  /** The overall points the fix list expects from this rule passing. */
  expectedGain: number;
  summary: string;
  /** The files the change writes. */
  files: Array<{ path: string; action: FileEdit['action'] }>;
  /** Unified diff of this rule's edits, over the files as the earlier fixes of the plan left them. */
  diff: string;
  /** What the change cannot do by itself (rotating a credential, leaving the git index). */
  notes: string[];
}

/**
 * A file as a plan writes it. `before` and `after` hold the real contents,
 * for writing only: never print them, print the redacted diffs.
 * @public
 */
export interface PlannedFile {
  path: string;
  action: FileEdit['action'];
  before?: string;
  after: string;
}

/** Every suggested change of one audit, in fix-list order, and the files they write. @public */
export interface FixPlan {
  fixes: SuggestedFix[];
  files: PlannedFile[];
  /** The redacted unified diff of every file, from the repository as audited to the plan's end. */
  diff: string;
}

/** @public */
export interface PlanOptions {
  /** Only rules this accepts are fixed (e.g. `--only`); every fixable failing rule otherwise. */
  select?: (rule: { id: string; category: CategoryId }) => boolean;
}

function withFiles(snapshot: Snapshot, contents: Map<string, string>): Snapshot {
  const files: SourceFile[] = snapshot.files.map(f => {
    const text = contents.get(f.path);
    return text === undefined ? f : { path: f.path, size: Buffer.byteLength(text), text };
  });
  const known = new Set(files.map(f => f.path));
  for (const [path, text] of contents) {
    if (!known.has(path)) files.push({ path, size: Buffer.byteLength(text), text });
  }
  files.sort((a, b) => compareStrings(a.path, b.path));
  return { ...snapshot, files };
}

/** Checks a rule's edits against the tree they apply to; a bad edit is a bug of the rule. */
function checkEdits(ruleId: string, fix: RuleFix, current: (path: string) => string | undefined, skipped: Set<string>): void {
  const seen = new Set<string>();
  for (const edit of fix.edits) {
    const problem = checkRelativePath(edit.path);
    if (problem) throw new Error(`${ruleId}: its fix names ${JSON.stringify(edit.path)}: ${problem}`);
    if (seen.has(edit.path)) throw new Error(`${ruleId}: its fix edits ${edit.path} twice`);
    seen.add(edit.path);
    const exists = current(edit.path) !== undefined || skipped.has(edit.path);
    if (edit.action === 'create' && exists) throw new Error(`${ruleId}: its fix creates ${edit.path}, which exists`);
    if (edit.action === 'modify' && current(edit.path) === undefined) {
      throw new Error(`${ruleId}: its fix modifies ${edit.path}, which it cannot read`);
    }
  }
}

/**
 * Asks every failing rule that can fix itself for its edits, in fix-list
 * order. Each rule sees the facts of the tree as the earlier fixes left it,
 * so two fixes of one Dockerfile compose instead of overwriting each other.
 * Waived rules are not fixed. A rule whose fix throws is left out.
 * @public
 */
export function planFixes(run: AuditRun, options: PlanOptions = {}): FixPlan {
  const { scorecard, registry, settings, secrets } = run;
  const snapshot = run.facts.snapshot;
  const original = new Map(snapshot.files.map(f => [f.path, f.text]));
  const skipped = new Set(snapshot.skipped.map(s => s.path));
  const contents = new Map<string, string>();
  const current = (path: string) => contents.get(path) ?? original.get(path);
  const fixes: SuggestedFix[] = [];
  let facts = run.facts;
  for (const entry of scorecard.fixes) {
    const rule = registry.get(entry.ruleId);
    if (!rule?.fix || (options.select && !options.select(rule))) continue;
    let fix: RuleFix | undefined;
    try {
      fix = rule.fix(facts, settings);
      if (fix) checkEdits(rule.id, fix, current, skipped);
    } catch {
      continue;
    }
    const edits = (fix?.edits ?? []).filter(e => current(e.path) !== e.content);
    if (!fix || edits.length === 0) continue;
    const diff = edits.map(e => unifiedDiff(e.path, current(e.path), e.content)).join('');
    for (const edit of edits) contents.set(edit.path, edit.content);
    facts = buildFacts(withFiles(snapshot, contents));
    fixes.push({
      ruleId: rule.id,
      category: rule.category,
      severity: rule.severity,
      title: rule.title,
      expectedGain: entry.expectedGain,
      summary: fix.summary,
      files: edits.map(e => ({ path: e.path, action: e.action })),
      diff,
      notes: fix.notes ?? [],
    });
  }
  const files: PlannedFile[] = [...contents.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([path, after]) => {
      const before = original.get(path);
      return before === undefined ? { path, action: 'create' as const, after } : { path, action: 'modify' as const, before, after };
    });
  const diff = files.map(f => unifiedDiff(f.path, f.before, f.after)).join('');
  // Diffs quote the files they change: the same redaction as the scorecard.
  const shown = redactDeep({ fixes, diff }, secrets);
  return { fixes: shown.fixes, diff: shown.diff, files };
}
