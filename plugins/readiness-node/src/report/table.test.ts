import { renderTable } from './table';
import { reportScorecard } from './reportFixture';

describe('renderTable', () => {
  const scorecard = reportScorecard();
  const text = renderTable(scorecard);
  const lines = text.split('\n');

  it('leads with the score and verdict', () => {
    expect(lines[0]).toBe(`Overall ${scorecard.score}/100 — NOT PRODUCTION-READY`);
    expect(lines[1]).toBe('3 blockers · 7 files read · 0 skipped · 1 parse error');
  });

  it('lists every category with its score and band', () => {
    for (const c of scorecard.categories) {
      const line = lines.find(l => l.startsWith(`${c.title} `))!;
      expect(line).toBeDefined();
      expect(line.split(/\s{2,}/).slice(1)).toEqual(
        c.score === null ? ['—', 'not applicable'] : [String(c.score), c.band === 'needs-work' ? 'needs work' : c.band],
      );
    }
  });

  it('lists the blockers with where they are', () => {
    const start = lines.indexOf('Blockers (3)');
    expect(lines.slice(start + 1, start + 4)).toEqual([
      '  CRITICAL security/fixture-leaked-token  docs/setup.md:1 (+1 more)',
      '  HIGH     cicd/fixture-ci  repository-wide',
      '  HIGH     infrastructure/fixture-container-user  Dockerfile:1',
    ]);
  });

  it('lists the top fixes with their expected gain, most urgent first', () => {
    const start = lines.indexOf('Top fixes');
    const fixes = lines.slice(start + 1, start + 6);
    expect(fixes[0]).toMatch(/^ {2}P0 {2}\+[\d.]+ points +security\/fixture-leaked-token: No leaked token$/);
    expect(fixes.map(l => l.trim().slice(0, 2))).toEqual(['P0', 'P1', 'P1', 'P2', 'P2']);
    expect(lines[start + 6]).toContain('…and 1 more');
    expect(renderTable(scorecard, { maxFixes: 10 })).not.toContain('…and');
  });

  it('colours only when asked', () => {
    expect(text).not.toContain('\u001b[');
    const colored = renderTable(scorecard, { color: true });
    expect(colored).toContain('\u001b[31m');
    const ansi = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g');
    expect(colored.replace(ansi, '')).toBe(text);
  });

  it('says when the audit is incomplete', () => {
    const out = renderTable({
      ...scorecard,
      stats: { ...scorecard.stats, truncated: 'stopped at the file cap (10 entries)' },
    });
    expect(out).toContain('Incomplete audit: the walk stopped at the file cap (10 entries)');
  });
});
