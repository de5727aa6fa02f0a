import { walkRepository } from '../../engine/walk';
import { buildFacts } from '../../facts';
import { evaluateRule } from '../../engine/audit';
import { DEFAULT_RULE_SETTINGS } from '../types';
import { securityRules } from '.';

const dirs = (process.env.SANITY_DIRS ?? '').split(',').filter(Boolean);
it('sanity', async () => {
  for (const dir of dirs) {
    const snapshot = await walkRepository(dir);
    const facts = buildFacts(snapshot);
    const out: string[] = [`== ${dir} (${snapshot.files.length} files) servers=${facts.stack.servers}`];
    for (const rule of securityRules) {
      const t = Date.now();
      const r = evaluateRule(rule, facts, DEFAULT_RULE_SETTINGS);
      out.push(`${rule.id}: ${r.status} ${r.message ?? ''} (${Date.now() - t}ms)`);
      for (const f of r.findings.slice(0, 12)) out.push(`   ${f.confidence} ${f.path}:${f.line ?? ''} ${f.message} | ${f.excerpt ?? ''}`);
      if (r.findings.length > 12) out.push(`   ... ${r.findings.length} findings`);
    }
    process.stdout.write(out.join('\n') + '\n');
  }
}, 600000);
