import { fakeCredentials as fake } from '../rules/security/testCredentials';
import { BaselineError, compareWithBaseline, parseReport, reportedFindings, SARIF_FINGERPRINT_KEY } from './baseline';
import { diffReports, renderDiff } from './diff';
import { renderJson } from './json';
import { reportFiles, reportRules, reportScorecard } from './reportFixture';
import { renderSarif } from './sarif';

/** The fixture one commit later: a line inserted above the old token, a new token below it, a LICENSE added. */
const laterFiles = {
  ...reportFiles,
  'src/app.js': `// shop server\n${reportFiles['src/app.js']}const TOKEN='ghi' | 'jkl';\n`,
  LICENSE: 'MIT License\n',
};

const before = reportScorecard();
const after = reportScorecard(laterFiles);
const tokenRule = 'security/fixture-leaked-token';

/** The JSON report of `before` with the first token finding's fingerprint replaced. */
function withTokenFingerprint(value: string): string {
  const doc = JSON.parse(renderJson(before));
  doc.results.find((r: { ruleId: string }) => r.ruleId === tokenRule).findings[0].fingerprint = value;
  return JSON.stringify(doc);
}

describe('baselines', () => {
  const fromJson = parseReport(renderJson(before), 'base.json');
  const fromSarif = parseReport(renderSarif(before, { rules: reportRules }), 'base.sarif');

  it('read the same findings back from a JSON report and from a SARIF log', () => {
    const fingerprints = reportedFindings(before).map(f => f.fingerprint);
    expect(fromJson.findings.map(f => f.fingerprint)).toEqual(fingerprints);
    expect(fromSarif.findings.map(f => f.fingerprint)).toEqual(fingerprints);
    // A failing rule without findings counts once, by its rule and message.
    expect(fromJson.findings.filter(f => f.ruleId === 'cicd/fixture-ci')).toHaveLength(1);
    expect(fromSarif.findings.find(f => f.ruleId === tokenRule && f.path === 'src/app.js')).toEqual(
      expect.objectContaining({ severity: 'critical', category: 'security', path: 'src/app.js', line: 2 }),
    );
    expect(fromJson.score).toBe(before.score);
    expect(fromSarif.verdict).toBe(before.verdict);
  });

  it.each([
    ['JSON', fromJson],
    ['SARIF', fromSarif],
  ])('mark findings new, unchanged or absent against a %s baseline', (_format, baseline) => {
    const comparison = compareWithBaseline(after, baseline);
    expect(comparison.added.map(f => `${f.ruleId} ${f.path}:${f.line}`)).toEqual([`${tokenRule} src/app.js:4`]);
    expect(comparison.newBlockers).toHaveLength(1);
    expect(comparison.absent.map(f => f.ruleId)).toEqual(['documentation/fixture-license']);
    expect(comparison.unchanged).toBe(reportedFindings(after).length - 1);
    // The old token moved from line 2 to line 3 and is still the same finding.
    const moved = after.results.find(r => r.ruleId === tokenRule)!.findings.find(f => f.path === 'src/app.js' && f.line === 3)!;
    expect(comparison.states.get(moved.fingerprint!)).toBe('unchanged');
  });

  it('mark nothing new and nothing absent for the same audit', () => {
    const same = compareWithBaseline(reportScorecard(), fromSarif);
    expect(same.added).toEqual([]);
    expect(same.absent).toEqual([]);
  });

  it('give each finding of the JSON report its state and list the absent ones', () => {
    const json = JSON.parse(renderJson(after, { baseline: compareWithBaseline(after, fromJson) }));
    const token = json.results.find((r: { ruleId: string }) => r.ruleId === tokenRule);
    expect(token.findings.map((f: { line: number; baselineState: string }) => [f.line, f.baselineState])).toEqual([
      [1, 'unchanged'],
      [3, 'unchanged'],
      [4, 'new'],
    ]);
    const ci = json.results.find((r: { ruleId: string }) => r.ruleId === 'cicd/fixture-ci');
    expect(ci.baselineState).toBe('unchanged');
    // Passing and waived rules are not reported, so not marked.
    const waived = json.results.find((r: { ruleId: string }) => r.ruleId === 'code-quality/fixture-lint');
    expect(waived.findings[0].baselineState).toBeUndefined();
    expect(json.baseline).toEqual({
      new: 1,
      newBlockers: 1,
      unchanged: reportedFindings(after).length - 1,
      absent: [expect.objectContaining({ ruleId: 'documentation/fixture-license', severity: 'low', path: 'LICENSE' })],
    });
    expect(JSON.parse(renderJson(after)).baseline).toBeUndefined();
  });

  it('give SARIF results their baselineState and add the absent ones, which a later baseline skips', () => {
    const text = renderSarif(after, { rules: reportRules, baseline: compareWithBaseline(after, fromJson) });
    const results = JSON.parse(text).runs[0].results as Array<{ ruleId: string; baselineState: string; partialFingerprints: Record<string, string> }>;
    expect(results.filter(r => r.baselineState === 'new').map(r => r.ruleId)).toEqual([tokenRule]);
    const absent = results.filter(r => r.baselineState === 'absent');
    expect(absent.map(r => r.ruleId)).toEqual(['documentation/fixture-license']);
    expect(results.every(r => r.partialFingerprints[SARIF_FINGERPRINT_KEY])).toBe(true);
    expect(results.filter(r => r.baselineState === 'unchanged')).toHaveLength(reportedFindings(after).length - 1);
    expect(parseReport(text, 'later.sarif').findings.map(f => f.ruleId)).not.toContain('documentation/fixture-license');
  });

  it('redact the messages of a baseline edited by hand', () => {
    const token = fake.githubToken();
    const doc = JSON.parse(renderJson(before));
    doc.results.find((r: { ruleId: string }) => r.ruleId === 'documentation/fixture-license').findings[0].message = `token ${token}`;
    const [license] = parseReport(JSON.stringify(doc), 'base.json').findings.filter(f => f.path === 'LICENSE');
    expect(license.message).not.toContain(token);
    const sarif = renderSarif(after, { baseline: compareWithBaseline(after, parseReport(JSON.stringify(doc), 'b')) });
    expect(sarif).not.toContain(token);
  });

  it.each([
    ['not JSON', '{"runs": [', /base\.json is not valid JSON/],
    ['neither report', '{"hello": 1}', /not a readiness JSON report or SARIF log/],
    ['a SARIF log of another tool', '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"eslint"}},"results":[]}]}', /without a readiness run/],
    ['a report without fingerprints', renderJson(before).replace(/"fingerprint": "[^"]+"/g, '"x": 1'), /without a fingerprint .*older readiness/],
    ['a malformed fingerprint', withTokenFingerprint('zz'), /malformed fingerprint at results\[\d+\]\.findings\[0\]/],
  ])('reject %s with a message naming the file', (_name, text, message) => {
    expect(() => parseReport(text, 'base.json')).toThrow(BaselineError);
    expect(() => parseReport(text, 'base.json')).toThrow(message);
  });
});

describe('diffReports', () => {
  const diff = diffReports(parseReport(renderJson(before), 'a.json'), parseReport(renderJson(after), 'b.json'));

  it('gives the score, verdict and per-category change and the findings that came and went', () => {
    expect(diff.score).toEqual({ before: before.score, after: after.score });
    expect(diff.added.map(f => f.line)).toEqual([4]);
    expect(diff.fixed.map(f => f.ruleId)).toEqual(['documentation/fixture-license']);
    const docs = diff.categories.find(c => c.id === 'documentation')!;
    expect(docs).toEqual(expect.objectContaining({ fixed: 1, added: 0 }));
    expect(docs.after).toBe(after.categories.find(c => c.id === 'documentation')!.score);
    expect(diff.categories.find(c => c.id === 'security')).toEqual(expect.objectContaining({ added: 1, fixed: 0 }));
  });

  it('prints it for a CI log', () => {
    const text = renderDiff(diff);
    const docsBefore = before.categories.find(c => c.id === 'documentation')!.score;
    const docsAfter = after.categories.find(c => c.id === 'documentation')!.score;
    expect(docsAfter).not.toBe(docsBefore);
    expect(text).toContain(`Score ${before.score} → ${after.score}`);
    expect(text).toContain('Findings: 1 new (1 blocker), 1 fixed');
    expect(text).toMatch(new RegExp(`documentation +${docsBefore} +${docsAfter} +\\+${docsAfter! - docsBefore!} +0 +1`));
    expect(text).toMatch(/New findings\n {2}CRITICAL +security\/fixture-leaked-token {2}src\/app\.js:4 /);
    expect(text).toMatch(/Fixed findings\n {2}LOW +documentation\/fixture-license {2}LICENSE /);
  });

  it('says nothing changed between a report and itself', () => {
    const same = parseReport(renderJson(before), 'a.json');
    const text = renderDiff(diffReports(same, same));
    expect(text).toContain('(unchanged)');
    expect(text).toContain('Findings: 0 new, 0 fixed');
    expect(text).not.toContain('New findings');
  });
});
