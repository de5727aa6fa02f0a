import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleResult } from '@readiness/backstage-plugin-readiness-common';
import { evaluateRule } from '../engine/audit';
import { snapshotFromFiles } from '../engine/snapshot';
import { buildFacts } from '../facts';
import { DEFAULT_RULE_SETTINGS, ReadinessRule, RuleSettings } from '../rules/types';

/** A fixture repository: file path to content. @public */
export type FixtureFiles = Record<string, string>;

/** Evaluates one rule over an in-memory fixture repository, as the engine would. @public */
export function runRule(
  rule: ReadinessRule,
  files: FixtureFiles,
  settings: Partial<RuleSettings> = {},
): RuleResult {
  const facts = buildFacts(snapshotFromFiles(files));
  return evaluateRule(rule, facts, { ...DEFAULT_RULE_SETTINGS, ...settings });
}

/** Writes a fixture repository to a new temporary directory and returns its path. @public */
export async function writeFixtureRepo(files: FixtureFiles): Promise<string> {
  const root = await fs.mkdtemp(join(tmpdir(), 'readiness-fixture-'));
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    await fs.mkdir(dirname(abs), { recursive: true });
    await fs.writeFile(abs, content);
  }
  return root;
}

/** One fixture case of a table-driven rule test. @public */
export interface RuleCase {
  name: string;
  files: FixtureFiles;
  settings?: Partial<RuleSettings>;
  /** For failing cases: the `path` or `path:line` of every expected finding, in order. */
  findings?: string[];
  /** For graded rules: the expected score, to two decimals. */
  score?: number;
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
 * pass, and every `notApplicable` case must say so. Call it from a jest test file.
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
