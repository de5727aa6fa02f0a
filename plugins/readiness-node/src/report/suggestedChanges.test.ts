import { auditWithFacts } from '../engine/audit';
import { planFixes } from '../fixes/plan';
import { snapshotFromFiles } from '../snapshot';
import { renderMarkdown } from './markdown';

/** A Dockerfile without USER whose credential sits in the context of the line the fix adds. */
const FILES = {
  'README.md': '# Billing\n',
  'index.js': "require('http').createServer(() => {}).listen(3000);\n",
  'package.json': '{"name":"billing","dependencies":{"express":"4.19.2"}}\n',
  Dockerfile: 'FROM node:22\nWORKDIR /app\nENV STRIPE_SECRET_KEY=sk_live_51HqLyjWDarjtT1zdp7dcXqBzRk3Kd8vNq2\nCOPY . .\nCMD ["node", "index.js"]\n',
  '.env': 'STRIPE_SECRET_KEY=sk_live_51HqLyjWDarjtT1zdp7dcXqBzRk3Kd8vNq2\n',
};

describe('renderMarkdown suggested changes', () => {
  const run = auditWithFacts(snapshotFromFiles(FILES));
  const plan = planFixes(run);
  const md = renderMarkdown(run.scorecard, { suggestedFixes: plan.fixes });

  it('folds one diff per fixable rule under the roadmap', () => {
    const section = md.slice(md.indexOf('## Suggested changes'));
    expect(md.indexOf('## Suggested changes')).toBeGreaterThan(md.indexOf('## Fix roadmap'));
    const blocks = section.split('<details>').slice(1);
    expect(blocks.map(b => /<code>([^<]+)<\/code>/.exec(b)![1])).toEqual(plan.fixes.map(f => f.ruleId));
    const root = blocks.find(b => b.includes('infrastructure/dockerfile-runs-as-root'))!;
    expect(root).toContain('```diff\n--- a/Dockerfile\n+++ b/Dockerfile\n');
    expect(root).toContain('+USER node');
    expect(root).toContain('</details>');
  });

  it('never shows a credential the audit found, in diffs or notes', () => {
    // The file written keeps its content; only what is shown is redacted.
    expect(plan.files.find(f => f.path === 'Dockerfile')?.after).toContain('sk_live_51HqLyjWDarjtT1zdp7dcXqBzRk3Kd8vNq2');
    expect(plan.diff).not.toContain('sk_live_51HqLyjWDarjtT1zdp7dcXqBzRk3Kd8vNq2');
    expect(md).not.toContain('sk_live_51HqLyjWDarjtT1zdp7dcXqBzRk3Kd8vNq2');
    expect(md).toContain('security/committed-env-file');
  });

  it('has no section without suggested fixes', () => {
    expect(renderMarkdown(run.scorecard)).not.toContain('## Suggested changes');
  });
});
