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
  return pick(f, ['path', 'line', 'excerpt', 'message', 'confidence']);
}

function waiver(w: Waiver) {
  return pick(w, ['ruleId', 'reason', 'expires', 'source']);
}

function category(c: CategoryScore) {
  return pick(c, ['id', 'title', 'score', 'band', 'weight', 'passed', 'failed', 'applicable']);
}

function result(r: RuleResult) {
  const out = pick(r, ['ruleId', 'category', 'severity', 'title', 'status', 'score']);
  out.findings = r.findings.map(finding);
  if (r.message !== undefined) out.message = r.message;
  if (r.waiver) out.waiver = waiver(r.waiver);
  return out;
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
export function scorecardToJson(scorecard: Scorecard): { [key: string]: Json } {
  return {
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
    results: scorecard.results.map(result),
    stats: stats(scorecard.stats),
  };
}

/**
 * The scorecard as stable, pretty-printed JSON: keys in a fixed order, two
 * spaces, a trailing newline. The same scorecard always gives the same bytes
 * apart from `generatedAt` and `stats.durationMs`.
 * @public
 */
export function renderJson(scorecard: Scorecard): string {
  return `${JSON.stringify(scorecardToJson(scorecard), null, 2)}\n`;
}
