import { builtinRules } from '../rules';
import { RuleRegistry } from '../rules/registry';
import { defineRule, outcome, ReadinessRule } from '../rules/types';
import { renderMarkdown } from '../report/markdown';
import { renderTable } from '../report/table';
import { snapshotFromFiles } from '../snapshot';
import { auditSnapshot } from './audit';

const runbook: ReadinessRule = defineRule({
  id: 'operations/runbook',
  category: 'operations',
  severity: 'high',
  title: 'A runbook is committed',
  description: 'RUNBOOK.md exists.',
  rationale: 'On-call needs it at 3 a.m.',
  remediation: 'Write RUNBOOK.md.',
  evaluate: facts =>
    facts.files.some(f => f.path === 'RUNBOOK.md')
      ? outcome.pass()
      : outcome.fail([{ path: 'RUNBOOK.md', message: 'No runbook' }]),
});

const operations = { id: 'operations', title: 'Operations', weight: 2 };
const now = new Date('2026-06-01T00:00:00Z');
const files = { 'app.py': 'print("hi")\n', 'README.md': '# app\n' };

describe('custom categories in an audit', () => {
  it('refuses a rule of a category that is neither built in nor declared', () => {
    expect(() => new RuleRegistry([runbook])).toThrow(
      "Rule 'operations/runbook' has unknown category 'operations' (known: security, testing, infrastructure, code-quality, database, frontend, observability, cicd, documentation); declare a custom category under categories",
    );
  });

  it('lists the rules of a custom category after the built-in ones', () => {
    const registry = new RuleRegistry([runbook, ...builtinRules], { categories: [operations] });
    expect(registry.list().at(-1)?.id).toBe('operations/runbook');
    expect(registry.categoryIds().at(-1)).toBe('operations');
  });

  it('scores, blocks on and lists a fix for a custom category, with its title and weight', () => {
    const rules = [runbook, ...builtinRules];
    const config = { categories: [operations] };
    const failing = auditSnapshot(snapshotFromFiles(files), { rules, config, now });
    const passing = auditSnapshot(snapshotFromFiles({ ...files, 'RUNBOOK.md': '# Runbook\n' }), { rules, config, now });
    expect(failing.categories.at(-1)).toMatchObject({ id: 'operations', title: 'Operations', score: 0, weight: 2, failed: 1 });
    expect(passing.categories.at(-1)).toMatchObject({ id: 'operations', score: 100 });
    expect(failing.blockers.map(b => b.ruleId)).toContain('operations/runbook');
    const fix = failing.fixes.find(f => f.ruleId === 'operations/runbook');
    expect(fix).toMatchObject({ category: 'operations', remediation: 'Write RUNBOOK.md.' });
    expect(fix!.expectedGain).toBeGreaterThan(0);

    const markdown = renderMarkdown(failing);
    expect(markdown).toContain('### Operations — 0/100');
    expect(renderMarkdown(passing)).toMatch(/- \*\*Operations\*\*: A runbook is committed/);
    expect(renderTable(failing, { color: false })).toMatch(/Operations\s+0/);
  });

  it('gives the same scorecard as before when no category is declared', () => {
    const snapshot = snapshotFromFiles(files);
    const plain = auditSnapshot(snapshot, { now });
    const declaredNone = auditSnapshot(snapshot, { now, config: { categories: [] } });
    expect({ ...declaredNone, stats: { ...declaredNone.stats, durationMs: 0 } }).toEqual({
      ...plain,
      stats: { ...plain.stats, durationMs: 0 },
    });
    expect(plain.categories.map(c => c.id)).toHaveLength(9);
  });
});
