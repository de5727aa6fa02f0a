import { bandFor, isWaiverActive, scoreResults } from './scoring';
import { CategoryId, RuleResult, Severity } from './types';

function result(
  ruleId: string,
  severity: Severity,
  status: RuleResult['status'],
  score?: number,
): RuleResult {
  const category = ruleId.split('/')[0] as CategoryId;
  return {
    ruleId,
    category,
    severity,
    title: ruleId,
    status,
    findings:
      status === 'fail' ? [{ path: 'a.py', line: 3, message: 'bad' }] : [],
    ...(score === undefined ? {} : { score }),
  };
}

const now = new Date('2026-06-01T12:00:00Z');

describe('scoreResults', () => {
  it('weights rules by severity inside a category', () => {
    const summary = scoreResults(
      [
        result('security/a', 'critical', 'pass'),
        result('security/b', 'medium', 'fail'),
      ],
      { now },
    );
    const security = summary.categories.find(c => c.id === 'security')!;
    // 10 / (10 + 3)
    expect(security.score).toBe(77);
    expect(security.band).toBe('good');
    expect(summary.score).toBe(77);
  });

  it('leaves not-applicable categories and rules out of the overall', () => {
    const summary = scoreResults(
      [
        result('testing/a', 'high', 'fail'),
        result('documentation/a', 'high', 'pass'),
        result('database/a', 'high', 'not-applicable'),
        result('cicd/a', 'high', 'error'),
      ],
      { now },
    );
    expect(summary.score).toBe(50);
    const database = summary.categories.find(c => c.id === 'database')!;
    expect(database.score).toBeNull();
    expect(database.band).toBe('not-applicable');
    expect(summary.categories.find(c => c.id === 'cicd')!.score).toBeNull();
  });

  it('weights security twice by default and follows configured weights', () => {
    const results = [
      result('security/a', 'high', 'fail'),
      result('testing/a', 'high', 'pass'),
    ];
    expect(scoreResults(results, { now }).score).toBe(33);
    expect(
      scoreResults(results, { now, categoryWeights: { security: 1 } }).score,
    ).toBe(50);
  });

  it('uses graded values', () => {
    const summary = scoreResults(
      [result('testing/ratio', 'high', 'fail', 0.4)],
      { now },
    );
    expect(summary.score).toBe(40);
    expect(summary.blockers.map(b => b.ruleId)).toEqual(['testing/ratio']);
  });

  it('derives the verdict from score, blockers and critical failures', () => {
    const ready = scoreResults(
      [
        result('security/a', 'critical', 'pass'),
        result('security/b', 'low', 'fail'),
      ],
      { now },
    );
    expect(ready.verdict).toBe('production-ready');

    const critical = scoreResults(
      [
        result('security/a', 'critical', 'fail'),
        result('testing/a', 'high', 'pass'),
      ],
      { now },
    );
    expect(critical.verdict).toBe('not-ready');

    const highOnly = scoreResults(
      [
        result('testing/h', 'high', 'fail'),
        ...Array.from({ length: 30 }, (_, i) =>
          result(`testing/t${i}`, 'critical', 'pass'),
        ),
      ],
      { now },
    );
    expect(highOnly.score).toBeGreaterThanOrEqual(80);
    expect(highOnly.verdict).toBe('needs-work');
  });

  it('bands scores at 75, 50 and 40', () => {
    expect([75, 74, 50, 49, 40, 39].map(bandFor)).toEqual([
      'good',
      'needs-work',
      'needs-work',
      'poor',
      'poor',
      'critical',
    ]);
  });

  it('scores an active waiver as passing and never as a blocker', () => {
    const results = [
      result('security/a', 'critical', 'fail'),
      result('testing/a', 'high', 'pass'),
    ];
    const waived = scoreResults(results, {
      now,
      waivers: [
        { ruleId: 'security/a', reason: 'accepted', expires: '2026-06-01' },
      ],
    });
    expect(waived.score).toBe(100);
    expect(waived.blockers).toEqual([]);
    expect(waived.results[0].waiver?.reason).toBe('accepted');
    expect(waived.results[0].status).toBe('fail');

    const expired = scoreResults(results, {
      now,
      waivers: [{ ruleId: 'security/a', reason: 'old', expires: '2026-05-31' }],
    });
    expect(expired.score).toBe(33);
    expect(expired.results[0].waiver).toBeUndefined();
    expect(expired.verdict).toBe('not-ready');
  });

  it('treats a malformed expiry as no waiver', () => {
    expect(
      isWaiverActive({ ruleId: 'x', reason: 'r', expires: 'soon' }, now),
    ).toBe(false);
  });

  it('orders fixes by severity then by expected gain', () => {
    const summary = scoreResults(
      [
        result('documentation/low', 'low', 'fail'),
        result('security/crit', 'critical', 'fail'),
        result('testing/high', 'high', 'fail'),
        result('testing/medium', 'medium', 'fail'),
        result('testing/ok', 'critical', 'pass'),
        result('documentation/ok', 'critical', 'pass'),
      ],
      { now, remediations: { 'security/crit': 'rotate it' } },
    );
    expect(summary.fixes.map(f => [f.ruleId, f.priority])).toEqual([
      ['security/crit', 'P0'],
      ['testing/high', 'P1'],
      ['testing/medium', 'P2'],
      ['documentation/low', 'P2'],
    ]);
    expect(summary.fixes[0].remediation).toBe('rotate it');
    // Fixing the critical security rule takes security from 0 to 100,
    // weighted 2 of 4: +50 points.
    expect(summary.fixes[0].expectedGain).toBe(50);
    for (const fix of summary.fixes) {
      expect(fix.expectedGain).toBeGreaterThan(0);
    }
  });

  it('lists passing rules as strengths', () => {
    const summary = scoreResults(
      [
        result('testing/ok', 'high', 'pass'),
        result('testing/no', 'low', 'fail'),
      ],
      { now },
    );
    expect(summary.strengths.map(s => s.ruleId)).toEqual(['testing/ok']);
  });
});

describe('scoreResults with custom categories', () => {
  const operations = {
    id: 'operations',
    title: 'Operations',
    weight: 3,
    description: 'Runbooks and on-call',
  };

  it('scores a custom category after the built-in ones, with its title and weight', () => {
    const summary = scoreResults(
      [
        result('security/a', 'high', 'pass'),
        result('operations/runbook', 'high', 'fail'),
        result('operations/on-call', 'high', 'pass'),
      ],
      { now, categories: [operations] },
    );
    expect(summary.categories.map(c => c.id)).toEqual([
      'security',
      'testing',
      'infrastructure',
      'code-quality',
      'database',
      'frontend',
      'observability',
      'cicd',
      'documentation',
      'operations',
    ]);
    expect(summary.categories[9]).toEqual({
      id: 'operations',
      title: 'Operations',
      score: 50,
      band: 'needs-work',
      weight: 3,
      passed: 1,
      failed: 1,
      applicable: 2,
    });
    // (2 × 100 + 3 × 50) / (2 + 3)
    expect(summary.score).toBe(70);
    const fix = summary.fixes.find(f => f.ruleId === 'operations/runbook')!;
    expect(fix.category).toBe('operations');
    // Passing, operations reaches 100 and the overall 100: 30 points.
    expect(fix.expectedGain).toBe(30);
    expect(summary.blockers.map(b => b.category)).toEqual(['operations']);
  });

  it('lets categoryWeights override a custom category weight', () => {
    const summary = scoreResults(
      [
        result('security/a', 'high', 'pass'),
        result('operations/runbook', 'high', 'fail'),
      ],
      { now, categories: [operations], categoryWeights: { operations: 2 } },
    );
    expect(summary.categories.at(-1)?.weight).toBe(2);
    expect(summary.score).toBe(50);
  });

  it('leaves a custom category without applicable rules out of the overall score', () => {
    const withCategory = scoreResults(
      [
        result('security/a', 'high', 'pass'),
        result('testing/a', 'high', 'fail'),
        result('operations/runbook', 'high', 'not-applicable'),
      ],
      { now, categories: [operations] },
    );
    const without = scoreResults(
      [
        result('security/a', 'high', 'pass'),
        result('testing/a', 'high', 'fail'),
      ],
      { now },
    );
    expect(withCategory.categories.at(-1)).toMatchObject({
      id: 'operations',
      score: null,
      band: 'not-applicable',
      applicable: 0,
    });
    expect(withCategory.score).toBe(without.score);
    expect(withCategory.fixes).toEqual(without.fixes);
  });

  it('gives the same categories as before when no custom category is declared', () => {
    const results = [
      result('security/a', 'critical', 'pass'),
      result('testing/b', 'medium', 'fail'),
    ];
    expect(scoreResults(results, { now, categories: [] })).toEqual(
      scoreResults(results, { now }),
    );
    expect(scoreResults(results, { now }).categories).toHaveLength(9);
  });

  it('scores a result of an undeclared category under its own id rather than dropping it', () => {
    const summary = scoreResults(
      [result('security/a', 'high', 'pass'), result('extra/a', 'high', 'fail')],
      { now },
    );
    expect(summary.categories.at(-1)).toMatchObject({
      id: 'extra',
      title: 'extra',
      score: 0,
      weight: 1,
    });
    expect(summary.score).toBe(67);
  });
});
