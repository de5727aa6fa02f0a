import {
  CategoryId,
  RuleResult,
  SCORECARD_SCHEMA_VERSION,
  Scorecard,
  scoreResults,
  Severity,
} from '@readiness/backstage-plugin-readiness-common';

/** A rule outcome for a test scorecard: `<category>/<name>` with a severity. */
export interface TestResult {
  ruleId: string;
  severity?: Severity;
  status?: RuleResult['status'];
}

/**
 * Builds a realistic scorecard, scored by the real scoring model, from a
 * short list of rule outcomes. Test helper.
 */
export function makeScorecard(
  results: TestResult[],
  generatedAt = '2025-01-01T00:00:00.000Z',
): Scorecard {
  const raw: RuleResult[] = results.map(r => {
    const category = r.ruleId.split('/')[0] as CategoryId;
    const status = r.status ?? 'pass';
    return {
      ruleId: r.ruleId,
      category,
      severity: r.severity ?? 'medium',
      title: `Title of ${r.ruleId}`,
      status,
      ...(status === 'pass' ? { score: 1 } : {}),
      ...(status === 'fail' ? { score: 0 } : {}),
      findings:
        status === 'fail'
          ? [{ path: 'Dockerfile', line: 1, message: `${r.ruleId} failed` }]
          : [],
    };
  });
  const summary = scoreResults(raw, { now: new Date(generatedAt) });
  return {
    schemaVersion: SCORECARD_SCHEMA_VERSION,
    ...summary,
    stats: { files: 3, skipped: 0, bytes: 100, durationMs: 1, errors: [] },
    stack: ['docker'],
    generatedAt,
    engineVersion: 'test',
  };
}

/** A scorecard with the given score exactly: one graded medium rule. */
export function scorecardWithScore(
  score: number,
  blockers: string[] = [],
): Scorecard {
  const card = makeScorecard([
    ...blockers.map(ruleId => ({
      ruleId,
      severity: 'high' as const,
      status: 'fail' as const,
    })),
  ]);
  const ready = card.blockers.length === 0 && score >= 80;
  return { ...card, score, verdict: ready ? 'production-ready' : 'needs-work' };
}
