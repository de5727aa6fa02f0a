import { isLowConfidencePath } from '../../../facts';
import { defineRule, outcome } from '../../types';

export default defineRule({
  id: 'security/committed-env-file',
  category: 'security',
  severity: 'critical',
  title: 'No committed .env file',
  description:
    'Fails when a file named `.env` or `.env.<name>` is part of the repository, other than documented templates (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`).',
  rationale:
    'Environment files hold the real credentials of an environment. Once committed, every clone and every fork has them, and they stay in history after deletion.',
  remediation:
    'Remove the file from the repository (and its history), rotate every credential it held, add `.env*` to .gitignore, and commit a `.env.example` with placeholder values instead.',
  evaluate(facts) {
    const findings = facts.envFiles
      .filter(f => f.kind === 'real')
      .map(f => {
        const low = isLowConfidencePath(f.path);
        const keys = f.entries.length
          ? `: ${f.entries
              .slice(0, 5)
              .map(e => e.key)
              .join(', ')}`
          : '';
        return {
          path: f.path,
          message: `${f.path} is committed with ${
            f.entries.length
          } setting(s)${keys}${
            low
              ? ' (in tests, fixtures, docs or examples: lower confidence)'
              : ''
          }`,
          confidence: low ? ('low' as const) : ('high' as const),
        };
      });
    return outcome.fromFindings(findings);
  },
});
