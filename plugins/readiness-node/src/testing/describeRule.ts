// Declares the jest tests of the files that call it: exported, titled by the rule, expecting only what a case states.
/* eslint-disable jest/no-export, jest/valid-title, jest/no-conditional-expect -- a helper that declares tests */
import { ReadinessRule, RuleSettings } from '../rules/types';
import { FixtureFiles, runRule } from './fixtures';
import { FixExpectation, itFixes } from './describeFix';

/** One fixture case of a table-driven rule test. @public */
export interface RuleCase {
  name: string;
  files: FixtureFiles;
  settings?: Partial<RuleSettings>;
  /** For failing cases: the `path` or `path:line` of every expected finding, in order. */
  findings?: string[];
  /** For graded rules: the expected score, to two decimals. */
  score?: number;
  /** For failing cases of a rule with a fix: `none` when the fix must offer nothing here; it must make the rule pass otherwise. */
  fix?: FixExpectation;
}

/** @public */
export interface RuleCases {
  fails: RuleCase[];
  passes: RuleCase[];
  notApplicable?: RuleCase[];
}

/**
 * Declares the table-driven test of a rule: every `fails` case must fail
 * (with exactly the listed findings when given), every `passes` case must
 * pass, and every `notApplicable` case must say so. When the rule has a fix,
 * every `fails` case also tests it (see itFixes). Call it from a jest test file.
 * @public
 */
export function describeRule(rule: ReadinessRule, cases: RuleCases): void {
  describe(rule.id, () => {
    if (cases.fails.length === 0 || cases.passes.length === 0) {
      throw new Error(`${rule.id}: a rule test needs at least one failing and one passing case`);
    }
    it.each(cases.fails.map(c => [c.name, c] as const))('fails: %s', (_name, c) => {
      const result = runRule(rule, c.files, c.settings);
      expect(result.status).toBe('fail');
      expect(result.findings.length).toBeGreaterThan(0);
      if (c.findings) {
        expect(
          result.findings.map(f => (f.line !== undefined ? `${f.path}:${f.line}` : f.path)),
        ).toEqual(c.findings);
      }
      if (c.score !== undefined) {
        expect(result.score).toBeCloseTo(c.score, 2);
      }
      for (const finding of result.findings) {
        expect(finding.message.length).toBeGreaterThan(0);
      }
    });
    it.each(cases.passes.map(c => [c.name, c] as const))('passes: %s', (_name, c) => {
      const result = runRule(rule, c.files, c.settings);
      // A pass may carry low-confidence notes (tests, fixtures, docs), never a real finding.
      expect({
        status: result.status,
        findings: result.findings.filter(f => f.confidence !== 'low'),
      }).toEqual({ status: 'pass', findings: [] });
      if (c.score !== undefined) {
        expect(result.score).toBeCloseTo(c.score, 2);
      }
    });
    if (rule.fix) {
      for (const c of cases.fails) itFixes(rule, c.name, c.files, c.fix ?? 'passes', c.settings);
    }
    if (cases.notApplicable?.length) {
      it.each(cases.notApplicable.map(c => [c.name, c] as const))(
        'not applicable: %s',
        (_name, c) => {
          const result = runRule(rule, c.files, c.settings);
          expect(result.status).toBe('not-applicable');
          expect(result.message).toBeTruthy();
        },
      );
    }
  });
}
