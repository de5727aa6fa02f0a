import { basename, isLowConfidencePath } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { failingPaths } from '../../../fixes/edits';
import { fixCommittedEnvFile } from './fix';

export default defineRule({
  id: 'security/committed-env-file',
  category: 'security',
  severity: 'critical',
  title: 'No committed .env file',
  description:
    'Fails when a file named `.env` or `.env.<name>` is part of the repository, other than documented templates (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`). Other dotenv-style names (`app.env`, `.e2e.env`, `.test.ci.env`) are not `.env` files: they are kept as low-confidence notes.',
  rationale:
    'Environment files hold the real credentials of an environment. Once committed, every clone and every fork has them, and they stay in history after deletion.',
  remediation:
    'Remove the file from the repository (and its history), rotate every credential it held, add `.env*` to .gitignore, and commit a `.env.example` with placeholder values instead.',
  evaluate(facts) {
    const findings = facts.envFiles
      .filter(f => f.kind === 'real')
      .map(f => {
        // Only `.env` and `.env.<name>` are environment files by name; `<name>.env` (`.e2e.env`, `app.env`) is a note.
        const otherName = !isDotenvName(f.path);
        const low = isLowConfidencePath(f.path) || otherName;
        const keys = f.entries.length
          ? `: ${f.entries
              .slice(0, 5)
              .map(e => e.key)
              .join(', ')}`
          : '';
        // A file of comments only holds nothing today, but it is tracked: the next value written to it is committed.
        const holds = f.entries.length
          ? `is committed with ${f.entries.length} setting(s)${keys}`
          : 'is committed; it holds no settings today (comments or blank lines only), but any value added to it will be committed too';
        return {
          path: f.path,
          message: `${f.path} ${holds}${
            low ? lowReason(otherName) : ''
          }`,
          confidence: low ? ('low' as const) : ('high' as const),
        };
      });
    return outcome.fromFindings(findings);
  },
  fix(facts, settings) {
    return fixCommittedEnvFile(facts, failingPaths(this.evaluate(facts, settings)));
  },
});

/** `.env` or `.env.<name>`: the names the rule is about. */
function isDotenvName(path: string): boolean {
  const name = basename(path).toLowerCase();
  return name === '.env' || name.startsWith('.env.');
}

function lowReason(otherName: boolean): string {
  return otherName ? ' (not named .env or .env.<name>: lower confidence)' : ' (in tests, fixtures, docs or examples: lower confidence)';
}
