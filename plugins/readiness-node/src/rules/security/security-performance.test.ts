import { evaluateRule } from '../../engine/audit';
import { snapshotFromFiles } from '../../snapshot';
import { buildFacts } from '../../facts';
import { DEFAULT_RULE_SETTINGS } from '../types';
import { securityRules } from '.';

/**
 * Pathological files that once made a regular expression backtrack
 * quadratically or worse. Every security rule must stay well inside a
 * second on each, whatever it reports.
 */
const SIZE = 300_000;
const PADDING = 'const a = 1;\n'.repeat(30); // so that the files do not look minified and get skipped
const CASES: Record<string, string> = {
  'long hex line': `const blob = "${'0123456789abcdef'.repeat(SIZE / 16)}";`,
  'long word line': `x = ${'a'.repeat(SIZE)}`,
  'long identifier run': `${'aB_'.repeat(SIZE / 3)} = 'x'`,
  'unclosed function headers': 'function requireAuth(req, res, next) {\n'.repeat(10_000),
  'unterminated SQL quotes': `INSERT INTO users (name, password) VALUES ('${"''".repeat(SIZE / 4)}`,
  'many SQL rows': `INSERT INTO users (name, password) VALUES ${"('a', 'b'), ".repeat(SIZE / 12)}('c', 'admin');`,
  'comment markers only': '#'.repeat(SIZE),
  'unclosed localStorage call': `localStorage.setItem(${'a,'.repeat(SIZE / 2)}`,
  'many python stubs': 'def has_permission(x):\n    pass\n'.repeat(10_000),
};

describe('security rules on pathological files', () => {
  it.each(Object.keys(CASES))('%s', name => {
    const text = `${PADDING}${CASES[name]}`;
    const facts = buildFacts(
      snapshotFromFiles({
        'src/big.ts': text,
        'src/auth/big.py': text,
        'db/big.sql': text,
        'package.json': '{"dependencies":{"express":"4"}}',
      }),
    );
    // Catastrophic backtracking would not finish: the test's timeout is the guard.
    for (const rule of securityRules) {
      const result = evaluateRule(rule, facts, DEFAULT_RULE_SETTINGS);
      expect({ rule: rule.id, status: result.status === 'error' ? result.message : 'ok' }).toEqual({ rule: rule.id, status: 'ok' });
    }
  }, 60_000);
});
