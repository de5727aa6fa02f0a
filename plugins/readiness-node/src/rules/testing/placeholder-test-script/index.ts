import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { isLowConfidencePath, lineOf, lineOfOffset } from '../../../facts';
import { defineRule, outcome } from '../../types';

/** Splits a shell command on `&&`, `||`, `;` and `|` outside quotes. */
function shellSegments(command: string): string[] {
  const segments: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (quote) {
      if (c === '\\' && quote === '"') {
        current += c + (command[i + 1] ?? '');
        i += 1;
        continue;
      }
      if (c === quote) quote = undefined;
      current += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      current += c;
      continue;
    }
    const two = command.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      segments.push(current);
      current = '';
      i += 1;
      continue;
    }
    // `>&2` and `2>&1` are redirections, not separators.
    if (c === ';' || (c === '|' && command[i - 1] !== '>')) {
      segments.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  segments.push(current);
  return segments.map(s => s.trim()).filter(Boolean);
}

/** Commands that run no test: exit codes, `true`, messages. */
const NO_OP = /^(exit(\s+-?\d+)?|true|false|:|(echo|printf)(\s[\s\S]*)?)$/;

const DELEGATION = /^(?:npm\s+(?:run(?:-script)?\s+)?|yarn\s+(?:run\s+)?|pnpm\s+(?:run\s+)?|bun\s+run\s+)([\w:.-]+)\s*$/;

interface Verdict {
  /** The script chain that leads to nothing, e.g. `test → test:unit`. */
  chain: string[];
  command: string;
  exitsWithError: boolean;
}

/** Whether a script runs no test, following `npm run x` delegation within the same package. */
function runsNothing(
  scripts: Record<string, string>,
  name: string,
  seen: string[] = [],
): Verdict | undefined {
  const command = scripts[name];
  if (command === undefined || seen.includes(name) || seen.length > 5) return undefined;
  const segments = shellSegments(command);
  if (segments.length === 1) {
    const delegated = DELEGATION.exec(segments[0]);
    if (delegated && delegated[1] !== name && delegated[1] in scripts) {
      const inner = runsNothing(scripts, delegated[1], [...seen, name]);
      return inner ? { ...inner, chain: [name, ...inner.chain] } : undefined;
    }
  }
  if (!segments.every(s => NO_OP.test(s))) return undefined;
  const exitsWithError = segments.some(s => /^exit\s+-?[1-9]\d*$/.test(s) || s === 'false');
  return { chain: [name], command, exitsWithError };
}

const NPM_PLACEHOLDER = /no test specified/i;

export default defineRule({
  id: 'testing/placeholder-test-script',
  category: 'testing',
  severity: 'high',
  title: 'The test script runs tests',
  description:
    'Fails when a package.json `test` script is the npm placeholder (`echo "Error: no test specified" && exit 1`) or otherwise runs no test: only `exit`, `true`, `echo` or `printf`, or an empty command, directly or through `npm run` of another script that does so.',
  rationale:
    '`npm test` is what CI, release tooling and other engineers run to check a package. A placeholder either fails every pipeline for no reason or, worse, reports success while nothing was tested.',
  remediation:
    'Point the `test` script at the real test runner (`vitest run`, `jest`, `node --test`, `mocha`), or remove it if the package truly has no tests so that the gap is visible instead of hidden.',
  evaluate(facts) {
    const packages = facts.manifests.packageJsons.filter(
      p => !p.error && Object.keys(p.scripts).length > 0,
    );
    if (packages.length === 0) {
      return outcome.notApplicable('no package.json with scripts');
    }
    const findings: Finding[] = [];
    for (const pkg of packages) {
      if (!('test' in pkg.scripts)) continue;
      const verdict = runsNothing(pkg.scripts, 'test');
      if (!verdict) continue;
      const file = facts.file(pkg.path);
      let line: number | undefined;
      if (file) {
        const scriptsAt = file.text.search(/"scripts"\s*:/);
        const re = /"test"\s*:/g;
        re.lastIndex = Math.max(0, scriptsAt);
        const m = re.exec(file.text);
        if (m) line = lineOfOffset(file, m.index);
      }
      const via =
        verdict.chain.length > 1 ? ` (through ${verdict.chain.map(s => `\`${s}\``).join(' → ')})` : '';
      const effect = verdict.exitsWithError
        ? '`npm test` fails without running anything'
        : '`npm test` reports success without running anything';
      const what = NPM_PLACEHOLDER.test(verdict.command)
        ? 'is the npm placeholder'
        : `runs no test (\`${verdict.command || '<empty>'}\`)`;
      findings.push({
        path: pkg.path,
        ...(line !== undefined && file ? { line, excerpt: lineOf(file, line) } : {}),
        message: `The \`test\` script${via} ${what}: ${effect}`,
        ...(isLowConfidencePath(pkg.path) ? { confidence: 'low' as const } : {}),
      });
    }
    return outcome.fromFindings(findings);
  },
});
