import { basename, isLowConfidencePath } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { failingPaths } from '../../../fixes/edits';
import type { EnvFileFact } from '../../../facts/env';
import { isSecretName, looksRandom } from '../../../facts/secretNames';
import { fixCommittedEnvFile } from './fix';

/** Prefixes of the variables a frontend framework bundles into the client: public by design. */
const PUBLIC_PREFIX = /^(?:REACT_APP_|NEXT_PUBLIC_|VITE_|VUE_APP_|NUXT_PUBLIC_|EXPO_PUBLIC_|GATSBY_|PUBLIC_)/;

const PUBLIC_ONLY_NOTE =
  '; none of them is a secret today (public build-time variables, addresses, ports), but the file is tracked, so any secret written to it later is committed too: commit it as a template (`.env.example`) or keep it out of git';

export default defineRule({
  id: 'security/committed-env-file',
  category: 'security',
  severity: 'critical',
  title: 'No committed .env file',
  description:
    'Fails when a file named `.env` or `.env.<name>` is part of the repository, other than documented templates (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`). Other dotenv-style names (`app.env`, `.e2e.env`, `.test.ci.env`) are not `.env` files: they are kept as low-confidence notes. A tracked framework profile holding only public values (`REACT_APP_*`, `NEXT_PUBLIC_*`, `VITE_*`, addresses, ports) still fails, and its message says that none of its settings is a secret today.',
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
          ? `is committed with ${f.entries.length} setting(s)${keys}${publicOnly(f) ? PUBLIC_ONLY_NOTE : ''}`
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

/** Whether every setting of an env file is public: a framework's client-side variable, or neither secret-named nor random-looking. */
function publicOnly(f: EnvFileFact): boolean {
  return f.entries.every(e => !looksRandom(e.value) && (PUBLIC_PREFIX.test(e.key) || !isSecretName(e.key) || /^\.{0,2}\/|\.(?:crt|pem|key)$/.test(e.value.trim())));
}

/** `.env` or `.env.<name>`: the names the rule is about. */
function isDotenvName(path: string): boolean {
  const name = basename(path).toLowerCase();
  return name === '.env' || name.startsWith('.env.');
}

function lowReason(otherName: boolean): string {
  return otherName ? ' (not named .env or .env.<name>: lower confidence)' : ' (in tests, fixtures, docs or examples: lower confidence)';
}
