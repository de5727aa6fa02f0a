// Declares the jest tests of a rule's fix for the files that call describeRule.
/* eslint-disable jest/no-export, jest/valid-title, jest/no-standalone-expect */
import { promises as fs } from 'node:fs';
import { join, relative } from 'node:path';
import { RuleResult } from '@readiness/backstage-plugin-readiness-common';
import { auditWithFacts } from '../engine/audit';
import { planFixes } from '../fixes/plan';
import { writePlannedFiles } from '../fixes/apply';
import { builtinRules } from '../rules';
import { ReadinessRule, RuleSettings } from '../rules/types';
import { walkRepository } from '../snapshot/walk';
import { FixtureFiles, writeFixtureRepo } from './fixtures';

/** Every file under a directory, by relative path. */
async function readTree(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const visit = async (dir: string) => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) await visit(abs);
      else out.set(relative(root, abs).split('\\').join('/'), await fs.readFile(abs, 'utf8'));
    }
  };
  await visit(root);
  return out;
}

async function audit(root: string, rule: ReadinessRule, settings: Partial<RuleSettings> | undefined) {
  const rules = [...builtinRules.filter(r => r.id !== rule.id), rule];
  return auditWithFacts(await walkRepository(root), { rules, config: settings ? { settings } : {} });
}

const RANK: Record<RuleResult['status'], number> = { pass: 2, 'not-applicable': 2, fail: 1, error: 0 };

/** Whether a result is worse than before: pass or n/a to fail or error, or a lower graded score. */
function worse(before: RuleResult, after: RuleResult): boolean {
  if (RANK[after.status] !== RANK[before.status]) return RANK[after.status] < RANK[before.status];
  return before.status === 'fail' && (after.score ?? 0) < (before.score ?? 0);
}

/** What a failing case expects of the rule's fix. @public */
export type FixExpectation = 'passes' | 'none';

/**
 * Declares the test of a rule's fix on one failing fixture: the fix, applied
 * to the fixture written to disk, makes the rule pass, makes no other rule's
 * result worse, writes only the files it names, and offers nothing the
 * second time. With `none`, the fix must offer nothing for this fixture.
 * @public
 */
export function itFixes(rule: ReadinessRule, name: string, files: FixtureFiles, expectation: FixExpectation, settings?: Partial<RuleSettings>): void {
  const select = (r: { id: string }) => r.id === rule.id;
  if (expectation === 'none') {
    it(`fix: offers nothing: ${name}`, async () => {
      const root = await writeFixtureRepo(files);
      try {
        expect(planFixes(await audit(root, rule, settings), { select }).fixes).toEqual([]);
      } finally {
        await fs.rm(root, { recursive: true, force: true });
      }
    });
    return;
  }
  it(`fix: ${name}`, async () => {
    const root = await writeFixtureRepo(files);
    try {
      const first = await audit(root, rule, settings);
      const plan = planFixes(first, { select });
      expect(plan.fixes.map(f => f.ruleId)).toEqual([rule.id]);
      const before = await readTree(root);
      await writePlannedFiles(root, plan.files);
      const after = await readTree(root);
      // Exactly the named files changed.
      const expected = new Map(before);
      for (const file of plan.files) expected.set(file.path, file.after);
      expect(after).toEqual(expected);
      expect(plan.fixes[0].files.map(f => f.path).sort()).toEqual(plan.files.map(f => f.path).sort());

      const second = await audit(root, rule, settings);
      const results = new Map(second.scorecard.results.map(r => [r.ruleId, r]));
      expect(results.get(rule.id)?.status).toBe('pass');
      const worsened = first.scorecard.results
        .filter(r => r.ruleId !== rule.id && worse(r, results.get(r.ruleId)!))
        .map(r => `${r.ruleId}: ${r.status} -> ${results.get(r.ruleId)!.status}`);
      expect(worsened).toEqual([]);
      // Idempotent: asked again, the fix changes nothing.
      const again = rule.fix!(second.facts, second.settings);
      expect((again?.edits ?? []).filter(e => second.facts.file(e.path)?.text !== e.content)).toEqual([]);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
}
