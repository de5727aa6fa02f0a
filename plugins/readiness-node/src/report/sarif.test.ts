import { renderSarif } from './sarif';
import { reportRules, reportScorecard } from './reportFixture';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations?: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region?: { startLine: number; snippet?: { text: string } };
    };
  }>;
}

describe('renderSarif', () => {
  const scorecard = reportScorecard();
  const sarif = JSON.parse(renderSarif(scorecard, { rules: reportRules }));
  const run = sarif.runs[0];
  const results: SarifResult[] = run.results;

  it('is a SARIF 2.1.0 log of the readiness driver', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe('readiness');
    expect(run.tool.driver.version).toBe(scorecard.engineVersion);
  });

  it('describes every rule that ran, with help, category and severity', () => {
    const rules = run.tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual(scorecard.results.map(r => r.ruleId));
    const token = rules.find((r: { id: string }) => r.id === 'security/fixture-leaked-token');
    expect(token.shortDescription.text).toBe('No leaked token');
    expect(token.fullDescription.text).toBe('Fails on every line holding `TOKEN=`.');
    expect(token.help.text).toBe('Move the token to a secret store and rotate it.');
    expect(token.properties).toEqual(
      expect.objectContaining({ category: 'security', severity: 'critical', 'security-severity': '9.5' }),
    );
    const ci = rules.find((r: { id: string }) => r.id === 'cicd/fixture-ci');
    expect(ci.properties).toEqual(expect.objectContaining({ category: 'cicd', severity: 'high' }));
    expect(ci.properties['security-severity']).toBeUndefined();
  });

  it('reports only failing, unwaived rules', () => {
    const ids = new Set(results.map(r => r.ruleId));
    expect([...ids].sort()).toEqual(
      scorecard.results
        .filter(r => r.status === 'fail' && !r.waiver)
        .map(r => r.ruleId)
        .sort(),
    );
    expect(ids).not.toContain('code-quality/fixture-lint'); // waived
    expect(ids).not.toContain('testing/fixture-has-tests'); // passes
    expect(ids).not.toContain('database/fixture-migrations'); // not applicable
  });

  it('maps severities to levels', () => {
    const levelOf = (id: string) => results.find(r => r.ruleId === id)!.level;
    expect(levelOf('security/fixture-leaked-token')).toBe('error'); // critical
    expect(levelOf('infrastructure/fixture-container-user')).toBe('error'); // high
    expect(levelOf('security/fixture-headers')).toBe('warning'); // medium
    expect(levelOf('testing/fixture-test-ratio')).toBe('warning'); // medium, graded
    expect(levelOf('documentation/fixture-license')).toBe('note'); // low
  });

  it('gives one result per finding with its file and line', () => {
    const tokens = results.filter(r => r.ruleId === 'security/fixture-leaked-token');
    expect(
      tokens.map(r => [
        r.locations![0].physicalLocation.artifactLocation.uri,
        r.locations![0].physicalLocation.region?.startLine,
      ]),
    ).toEqual([
      ['docs/setup.md', 1],
      ['src/app.js', 2],
    ]);
    expect(tokens[1].message.text).toBe('A token is written in the code');
    for (const r of results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    }
    const license = results.find(r => r.ruleId === 'documentation/fixture-license')!;
    expect(license.locations![0].physicalLocation.artifactLocation.uri).toBe('LICENSE');
    expect(license.locations![0].physicalLocation.region).toBeUndefined();
  });

  it('reports a repository-wide failure without a location', () => {
    const ci = results.filter(r => r.ruleId === 'cicd/fixture-ci');
    expect(ci).toHaveLength(1);
    expect(ci[0].message.text).toBe('No CI configuration was found');
    expect(ci[0].locations).toBeUndefined();
  });

  it('encodes paths as URIs', () => {
    const card = reportScorecard({ 'src/my file#1.js': 'TOKEN=1\n' });
    const out = JSON.parse(renderSarif(card, { rules: reportRules }));
    const hit = out.runs[0].results.find((r: SarifResult) => r.ruleId === 'security/fixture-leaked-token');
    expect(hit.locations[0].physicalLocation.artifactLocation.uri).toBe('src/my%20file%231.js');
  });

  it('falls back to the scorecard for rules it has no metadata for', () => {
    const out = JSON.parse(renderSarif(scorecard, { rules: [] }));
    const token = out.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'security/fixture-leaked-token');
    expect(token.help.text).toBe('Move the token to a secret store and rotate it.');
    const passing = out.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'testing/fixture-has-tests');
    expect(passing.help.text).toBe('Tests exist');
  });
});
