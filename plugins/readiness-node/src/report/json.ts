import {
  AuditStats,
  Blocker,
  CategoryScore,
  Finding,
  Fix,
  RuleResult,
  Scorecard,
  Waiver,
} from '@readiness/backstage-plugin-readiness-common';
import { resultFingerprint } from '../engine/fingerprint';
import { BaselineComparison, ReportedFinding } from './baseline';
import { isFailing } from './format';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Copies the listed keys of an object in the listed order, leaving out those
 * that are undefined. Keys not listed are dropped: the JSON report is the
 * versioned contract, not whatever an object happens to carry.
 */
function pick<T extends object>(value: T, keys: ReadonlyArray<keyof T & string>): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const key of keys) {
    const v = value[key];
    if (v !== undefined) out[key] = v as unknown as Json;
  }
  return out;
}

function finding(f: Finding) {
  return pick(f, ['path', 'line', 'excerpt', 'message', 'confidence', 'fingerprint']);
}

/** JSON report options. @public */
export interface JsonReportOptions {
  /**
   * The audit compared with a baseline: every reported finding (of a failing,
   * unwaived rule) gets its `baselineState`, and `baseline` lists the counts
   * and the findings gone since.
   */
  baseline?: BaselineComparison;
}

function waiver(w: Waiver) {
  return pick(w, ['ruleId', 'reason', 'expires', 'source']);
}

function category(c: CategoryScore) {
  return pick(c, ['id', 'title', 'score', 'band', 'weight', 'passed', 'failed', 'applicable']);
}

function result(r: RuleResult, baseline?: BaselineComparison) {
  const out = pick(r, ['ruleId', 'category', 'severity', 'title', 'status', 'score']);
  const marked = baseline && isFailing(r);
  out.findings = r.findings.map(f => {
    const o = finding(f);
    if (marked && f.fingerprint) o.baselineState = baseline.states.get(f.fingerprint) ?? 'new';
    return o;
  });
  if (r.message !== undefined) out.message = r.message;
  if (r.waiver) out.waiver = waiver(r.waiver);
  // A failing rule without findings is reported, and marked, as a whole.
  if (marked && r.findings.length === 0) out.baselineState = baseline.states.get(resultFingerprint(r)) ?? 'new';
  return out;
}

function absentFinding(f: ReportedFinding) {
  return pick(f, ['ruleId', 'category', 'severity', 'path', 'line', 'message', 'fingerprint']);
}

function blocker(b: Blocker) {
  const out = pick(b, ['ruleId', 'category', 'severity', 'title', 'findings']);
  if (b.example) out.example = finding(b.example);
  return out;
}

function fix(f: Fix) {
  return pick(f, ['ruleId', 'category', 'severity', 'priority', 'title', 'remediation', 'expectedGain']);
}

function stats(s: AuditStats) {
  const out = pick(s, ['files', 'skipped', 'bytes', 'durationMs', 'truncated']);
  out.errors = s.errors.map(e => pick(e, ['path', 'message']));
  return out;
}

/** The scorecard as a plain object with the contract's key order. */
export function scorecardToJson(scorecard: Scorecard, options: JsonReportOptions = {}): { [key: string]: Json } {
  const { baseline } = options;
  const out: { [key: string]: Json } = {
    schemaVersion: scorecard.schemaVersion,
    engineVersion: scorecard.engineVersion,
    generatedAt: scorecard.generatedAt,
    score: scorecard.score,
    verdict: scorecard.verdict,
    stack: [...scorecard.stack],
    categories: scorecard.categories.map(category),
    blockers: scorecard.blockers.map(blocker),
    fixes: scorecard.fixes.map(fix),
    strengths: scorecard.strengths.map(s => pick(s, ['ruleId', 'category', 'title'])),
    results: scorecard.results.map(r => result(r, baseline)),
    stats: stats(scorecard.stats),
  };
  if (baseline) {
    out.baseline = {
      new: baseline.added.length,
      newBlockers: baseline.newBlockers.length,
      unchanged: baseline.unchanged,
      absent: baseline.absent.map(absentFinding),
    };
  }
  return out;
}

/**
 * The scorecard as stable, pretty-printed JSON: keys in a fixed order, two
 * spaces, a trailing newline. The same scorecard always gives the same bytes
 * apart from `generatedAt` and `stats.durationMs`.
 * @public
 */
export function renderJson(scorecard: Scorecard, options: JsonReportOptions = {}): string {
  return `${JSON.stringify(scorecardToJson(scorecard, options), null, 2)}\n`;
}
