import { renderJson } from './json';
import { reportScorecard } from './reportFixture';

describe('renderJson', () => {
  const scorecard = reportScorecard();
  const text = renderJson(scorecard);
  const json = JSON.parse(text);

  it('is pretty-printed JSON ending with a newline', () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schemaVersion": 1,');
  });

  it('keeps the contract key order whatever order the object was built in', () => {
    expect(Object.keys(json)).toEqual([
      'schemaVersion',
      'engineVersion',
      'generatedAt',
      'score',
      'verdict',
      'stack',
      'categories',
      'blockers',
      'fixes',
      'strengths',
      'results',
      'stats',
    ]);
    const reversed = Object.fromEntries(Object.entries(scorecard).reverse()) as typeof scorecard;
    reversed.results = scorecard.results.map(
      r => Object.fromEntries(Object.entries(r).reverse()) as typeof r,
    );
    expect(renderJson(reversed)).toBe(text);
    const token = json.results.find((r: { ruleId: string }) => r.ruleId === 'security/fixture-leaked-token');
    expect(Object.keys(token)).toEqual(['ruleId', 'category', 'severity', 'title', 'status', 'score', 'findings']);
    expect(Object.keys(token.findings[1])).toEqual(['path', 'line', 'excerpt', 'message', 'fingerprint']);
    expect(Object.keys(json.stats)).toEqual(['files', 'skipped', 'bytes', 'durationMs', 'errors']);
  });

  it('holds the whole scorecard', () => {
    expect(json).toEqual(JSON.parse(JSON.stringify(scorecard)));
  });

  it('keeps waivers, graded scores and truncation notes', () => {
    const lint = json.results.find((r: { ruleId: string }) => r.ruleId === 'code-quality/fixture-lint');
    expect(lint.waiver).toEqual({
      ruleId: 'code-quality/fixture-lint',
      reason: 'Linting lands with the | monorepo move',
      expires: '2025-06-30',
      source: 'config',
    });
    const ratio = json.results.find((r: { ruleId: string }) => r.ruleId === 'testing/fixture-test-ratio');
    expect(ratio.score).toBe(0.5);
    const truncated = JSON.parse(
      renderJson({ ...scorecard, stats: { ...scorecard.stats, truncated: 'stopped at the file cap (5 entries)' } }),
    );
    expect(truncated.stats.truncated).toBe('stopped at the file cap (5 entries)');
  });

  it('drops keys outside the contract', () => {
    const extra = { ...scorecard, internal: 'x' } as typeof scorecard;
    expect(renderJson(extra)).toBe(text);
  });

  it('is byte-identical for the same input apart from the timestamp and duration', () => {
    const again = reportScorecard();
    const normalise = (s: string) =>
      s.replace(/"generatedAt": "[^"]*"/, '').replace(/"durationMs": \d+/, '');
    expect(normalise(renderJson(again))).toBe(normalise(text));
  });
});
