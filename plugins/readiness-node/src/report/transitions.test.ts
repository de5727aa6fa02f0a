import {
  RuleResult,
  SCORECARD_SCHEMA_VERSION,
  Scorecard,
  scoreResults,
  Severity,
  Waiver,
} from '@readiness/backstage-plugin-readiness-common';
import { findingFingerprint } from '../engine/fingerprint';
import { compareAudits, hasTransitions } from './transitions';

interface Outcome {
  status: RuleResult['status'];
  severity?: Severity;
  /** Paths of the findings of a failing rule. */
  paths?: string[];
}

/** A scored scorecard from rule outcomes, waivers applied on `day` as the engine does. */
function audit(outcomes: Record<string, Outcome>, options: { day?: string; waivers?: Waiver[]; fingerprints?: boolean } = {}): Scorecard {
  const generatedAt = `${options.day ?? '2027-01-05'}T12:00:00.000Z`;
  const results: RuleResult[] = Object.entries(outcomes).map(([ruleId, o]) => {
    const findings = (o.status === 'fail' ? o.paths ?? ['Dockerfile'] : []).map(path => {
      const finding = { path, line: 1, message: `${ruleId} fails in ${path}` };
      return options.fingerprints === false ? finding : { ...finding, fingerprint: findingFingerprint(ruleId, finding) };
    });
    return {
      ruleId,
      category: ruleId.split('/')[0] as RuleResult['category'],
      severity: o.severity ?? 'medium',
      title: `Title of ${ruleId}`,
      status: o.status,
      findings,
    };
  });
  return {
    schemaVersion: SCORECARD_SCHEMA_VERSION,
    ...scoreResults(results, { waivers: options.waivers, now: new Date(generatedAt) }),
    stats: { files: 1, skipped: 0, bytes: 1, durationMs: 1, errors: [] },
    stack: [],
    generatedAt,
    engineVersion: 'test',
  };
}

const waiver = (ruleId: string, expires: string): Waiver => ({ ruleId, reason: 'accepted for now', expires, source: 'annotation' });
const ids = (list: Array<{ ruleId: string }>) => list.map(t => t.ruleId);

describe('compareAudits', () => {
  it('finds the rules that start failing, with their title and severity, most severe first', () => {
    const before = audit({ 'security/a': { status: 'pass' }, 'testing/b': { status: 'not-applicable' }, 'docs/c': { status: 'pass' } });
    const after = audit({
      'security/a': { status: 'fail', severity: 'low' },
      'testing/b': { status: 'fail', severity: 'critical' },
      'docs/c': { status: 'pass' },
      'security/new-rule': { status: 'fail', severity: 'high' },
    });
    const t = compareAudits(before, after);
    expect(t.newlyFailing).toEqual([
      { ruleId: 'testing/b', title: 'Title of testing/b', severity: 'critical' },
      { ruleId: 'security/new-rule', title: 'Title of security/new-rule', severity: 'high' },
      { ruleId: 'security/a', title: 'Title of security/a', severity: 'low' },
    ]);
    expect([t.fixed, t.newlyWaived, t.waiverExpired]).toEqual([[], [], []]);
  });

  it('counts a failing or waived rule that passes or no longer applies as fixed, not one that errors or is gone', () => {
    const before = audit(
      {
        'security/a': { status: 'fail' },
        'testing/b': { status: 'fail' },
        'docs/c': { status: 'fail' },
        'docs/d': { status: 'fail' },
        'docs/e': { status: 'fail' },
      },
      { waivers: [waiver('docs/c', '2027-06-30')] },
    );
    const after = audit({
      'security/a': { status: 'pass' },
      'testing/b': { status: 'not-applicable' },
      'docs/c': { status: 'pass' },
      'docs/d': { status: 'error' },
    });
    const t = compareAudits(before, after);
    expect(ids(t.fixed)).toEqual(['docs/c', 'security/a', 'testing/b']);
    expect(t.newlyFailing).toEqual([]);
  });

  it('finds newly waived rules with the expiry of their waiver', () => {
    const before = audit({ 'security/a': { status: 'fail', severity: 'high' }, 'docs/b': { status: 'pass' } });
    const after = audit(
      { 'security/a': { status: 'fail', severity: 'high' }, 'docs/b': { status: 'fail' } },
      { waivers: [waiver('security/a', '2027-03-01'), waiver('docs/b', '2027-02-01')] },
    );
    const t = compareAudits(before, after);
    expect(t.newlyWaived).toEqual([
      { ruleId: 'security/a', title: 'Title of security/a', severity: 'high', expires: '2027-03-01' },
      { ruleId: 'docs/b', title: 'Title of docs/b', severity: 'medium', expires: '2027-02-01' },
    ]);
    // A waived failure is not a new failure.
    expect(t.newlyFailing).toEqual([]);
  });

  it('tells a waiver that expired from one that was withdrawn before its date', () => {
    const waivers = [waiver('security/a', '2027-01-10'), waiver('docs/b', '2027-12-31')];
    const before = audit({ 'security/a': { status: 'fail' }, 'docs/b': { status: 'fail' } }, { day: '2027-01-05', waivers });
    // Eleven days later the first waiver is past its expiry; the second was taken out of the annotation.
    const after = audit({ 'security/a': { status: 'fail' }, 'docs/b': { status: 'fail' } }, { day: '2027-01-11', waivers: [waivers[0]] });
    const t = compareAudits(before, after);
    expect(t.waiverExpired).toEqual([{ ruleId: 'security/a', title: 'Title of security/a', severity: 'medium', expires: '2027-01-10' }]);
    expect(ids(t.newlyFailing)).toEqual(['docs/b']);
    // On its expiry day the waiver still holds.
    const onTheDay = audit({ 'security/a': { status: 'fail' } }, { day: '2027-01-10', waivers: [waivers[0]] });
    expect(compareAudits(before, onTheDay).waiverExpired).toEqual([]);
  });

  it('judges an expiry at the time it is given', () => {
    const before = audit({ 'security/a': { status: 'fail' } }, { waivers: [waiver('security/a', '2027-01-10')] });
    const after = audit({ 'security/a': { status: 'fail' } });
    expect(ids(compareAudits(before, after, { now: new Date('2027-01-20T00:00:00Z') }).waiverExpired)).toEqual(['security/a']);
    expect(ids(compareAudits(before, after, { now: new Date('2027-01-08T00:00:00Z') }).newlyFailing)).toEqual(['security/a']);
  });

  it('counts findings that came and went by fingerprint, with the baselines comparison', () => {
    const before = audit({ 'security/a': { status: 'fail', paths: ['a.js', 'b.js'] }, 'docs/c': { status: 'fail', paths: ['README.md'] } });
    const after = audit({ 'security/a': { status: 'fail', paths: ['b.js', 'c.js', 'd.js'] }, 'docs/c': { status: 'pass' } });
    const t = compareAudits(before, after);
    expect(t.findings).toEqual({ added: 2, resolved: 2 });
    // Still failing is not a transition of the rule.
    expect(ids(t.fixed)).toEqual(['docs/c']);
    expect(t.newlyFailing).toEqual([]);
  });

  it('leaves the finding counts out when an audit has findings without fingerprints', () => {
    const before = audit({ 'security/a': { status: 'fail' } }, { fingerprints: false });
    const after = audit({ 'security/a': { status: 'fail', paths: ['x.js'] } });
    expect(compareAudits(before, after).findings).toBeUndefined();
    expect(compareAudits(after, after).findings).toEqual({ added: 0, resolved: 0 });
  });

  it('finds nothing between an audit and an unchanged one', () => {
    const outcomes: Record<string, Outcome> = {
      'security/a': { status: 'fail', severity: 'critical' },
      'docs/b': { status: 'fail' },
      'testing/c': { status: 'pass' },
      'docs/d': { status: 'not-applicable' },
    };
    const waivers = [waiver('docs/b', '2027-12-31')];
    const t = compareAudits(audit(outcomes, { waivers }), audit(outcomes, { day: '2027-01-06', waivers }));
    expect(t).toEqual({ newlyFailing: [], fixed: [], newlyWaived: [], waiverExpired: [], findings: { added: 0, resolved: 0 } });
    expect(hasTransitions(t)).toBe(false);
  });

  it('says whether anything changed', () => {
    const before = audit({ 'security/a': { status: 'pass' } });
    expect(hasTransitions(compareAudits(before, audit({ 'security/a': { status: 'fail' } })))).toBe(true);
    const findingsOnly = compareAudits(
      audit({ 'security/a': { status: 'fail', paths: ['a.js'] } }),
      audit({ 'security/a': { status: 'fail', paths: ['b.js'] } }),
    );
    expect(findingsOnly.newlyFailing).toEqual([]);
    expect(hasTransitions(findingsOnly)).toBe(true);
  });
});
