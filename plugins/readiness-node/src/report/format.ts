import {
  Band,
  Finding,
  RuleResult,
  Scorecard,
  Severity,
  Verdict,
} from '@readiness/backstage-plugin-readiness-common';

/** The verdict as a report headline says it. */
export const VERDICT_LABELS: Record<Verdict, string> = {
  'production-ready': 'PRODUCTION-READY',
  'needs-work': 'NEEDS WORK',
  'not-ready': 'NOT PRODUCTION-READY',
};

/** A category band in words. */
export const BAND_LABELS: Record<Band | 'not-applicable', string> = {
  good: 'good',
  'needs-work': 'needs work',
  poor: 'poor',
  critical: 'critical',
  'not-applicable': 'not applicable',
};

/** The status of a rule result in words, waivers included. */
export function statusLabel(result: RuleResult): string {
  if (result.waiver) return 'waived';
  switch (result.status) {
    case 'pass':
      return 'pass';
    case 'fail':
      return result.score !== undefined && result.score > 0
        ? `fail (${Math.round(result.score * 100)}%)`
        : 'fail';
    case 'not-applicable':
      return 'not applicable';
    case 'error':
      return 'error';
    default:
      return String(result.status);
  }
}

/** `path:line`, or the path alone when the finding has no line. */
export function locationOf(finding: Pick<Finding, 'path' | 'line'>): string {
  return finding.line !== undefined ? `${finding.path}:${finding.line}` : finding.path;
}

/** Expected gain as `+N points`. */
export function gainLabel(gain: number): string {
  const value = Math.round(gain * 10) / 10;
  return `+${value} point${value === 1 ? '' : 's'}`;
}

/** The headline: `Overall 52/100 — NOT PRODUCTION-READY`. */
export function headline(scorecard: Scorecard): string {
  return `Overall ${scorecard.score}/100 — ${VERDICT_LABELS[scorecard.verdict]}`;
}

/** Results that fail and are not waived. */
export function isFailing(result: RuleResult): boolean {
  return result.status === 'fail' && !result.waiver;
}

export const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low'];
