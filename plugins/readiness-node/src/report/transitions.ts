import {
  AuditTransitions,
  isWaiverActive,
  RuleResult,
  RuleTransition,
  Scorecard,
} from '@readiness/backstage-plugin-readiness-common';
import { compareFindingSets, reportedFindings } from './baseline';
import { SEVERITY_ORDER } from './format';

/**
 * What changed between two audits of one repository, rule by rule: the rules that started failing, were fixed,
 * were waived, or fail again because their waiver expired; and, by fingerprint (the comparison baselines use),
 * how many reported findings came and went.
 */

/** Where a rule stands in one audit. */
type Standing = 'failing' | 'waived' | 'passing' | 'other';

function standingOf(result: RuleResult | undefined): Standing {
  if (!result) return 'other';
  if (result.status === 'fail') return result.waiver ? 'waived' : 'failing';
  // A rule that does not apply any more has nothing left to fix.
  if (result.status === 'pass' || result.status === 'not-applicable') return 'passing';
  return 'other';
}

const describe = (r: RuleResult): RuleTransition => ({ ruleId: r.ruleId, title: r.title, severity: r.severity });

const bySeverity = (a: RuleTransition, b: RuleTransition) =>
  SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.ruleId.localeCompare(b.ruleId);

/** Whether every reported finding of a scorecard has a fingerprint (scorecards of older engines lack them). */
function hasFingerprints(scorecard: Scorecard): boolean {
  return reportedFindings(scorecard).every(f => !!f.fingerprint);
}

/**
 * The transitions of `current` against `previous`, the audit before it. A failing rule whose waiver was
 * withdrawn before its expiry date is newly failing; one whose waiver ran out (judged at `now`, by default
 * the time `current` was generated) is in `waiverExpired`. A rule that errors now, or that is no longer
 * evaluated, is in none of the lists. Each list is ordered by severity, then rule id.
 * @public
 */
export function compareAudits(previous: Scorecard, current: Scorecard, options: { now?: Date } = {}): AuditTransitions {
  const parsed = Date.parse(current.generatedAt);
  const now = options.now ?? (Number.isNaN(parsed) ? new Date() : new Date(parsed));
  const before = new Map(previous.results.map(r => [r.ruleId, r]));
  const out: AuditTransitions = { newlyFailing: [], fixed: [], newlyWaived: [], waiverExpired: [] };
  for (const result of current.results) {
    const old = before.get(result.ruleId);
    const was = standingOf(old);
    const is = standingOf(result);
    if (is === was) continue;
    if (is === 'failing') {
      if (was === 'waived' && old?.waiver && !isWaiverActive(old.waiver, now)) {
        out.waiverExpired.push({ ...describe(result), expires: old.waiver.expires });
      } else {
        out.newlyFailing.push(describe(result));
      }
    } else if (is === 'waived' && result.waiver) {
      out.newlyWaived.push({ ...describe(result), expires: result.waiver.expires });
    } else if (is === 'passing' && (was === 'failing' || was === 'waived')) {
      out.fixed.push(describe(result));
    }
  }
  out.newlyFailing.sort(bySeverity);
  out.fixed.sort(bySeverity);
  out.newlyWaived.sort(bySeverity);
  out.waiverExpired.sort(bySeverity);
  if (hasFingerprints(previous) && hasFingerprints(current)) {
    const comparison = compareFindingSets(reportedFindings(current), reportedFindings(previous));
    out.findings = { added: comparison.added.length, resolved: comparison.absent.length };
  }
  return out;
}

/** Whether anything changed at all. @public */
export function hasTransitions(transitions: AuditTransitions): boolean {
  return (
    transitions.newlyFailing.length + transitions.fixed.length + transitions.newlyWaived.length + transitions.waiverExpired.length > 0 ||
    !!transitions.findings?.added ||
    !!transitions.findings?.resolved
  );
}
