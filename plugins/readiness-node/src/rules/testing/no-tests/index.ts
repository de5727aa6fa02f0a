import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { dirname } from '../../../facts';
import { defineRule, outcome } from '../../types';
import {
  codeInventory,
  GROUP_LABELS,
  LanguageGroup,
  languageGroupOf,
  scopeOf,
  TEST_CONVENTIONS,
} from '../inventory';

export default defineRule({
  id: 'testing/no-tests',
  category: 'testing',
  severity: 'critical',
  title: 'The code has tests',
  description:
    'Fails when the repository has source code but not a single test file by the conventions of its languages (`test_*.py`, `*_test.go`, `*.test.ts`, `*.spec.js`, `src/test/java`, `__tests__/`, `*Tests.cs`, `tests/` folders…).',
  rationale:
    'Without any automated test, every change ships unverified: regressions reach production and are found by users, and nobody can refactor or upgrade dependencies with confidence.',
  remediation:
    'Add a test runner for each language (pytest, Jest or Vitest, JUnit, `go test`, xUnit) and start with tests for the most critical paths: request handlers, business rules and data access. Run them in CI.',
  evaluate(facts) {
    const { sources, tests, projects } = codeInventory(facts);
    if (sources.length === 0) {
      return outcome.notApplicable('no source code');
    }
    if (tests.length > 0) {
      return outcome.pass(`${tests.length} test file(s) for ${sources.length} source file(s)`);
    }
    // One finding per project and language, pointing at where the tests should go.
    const groups = new Map<string, { scope: string; group: LanguageGroup; files: string[] }>();
    for (const file of sources) {
      const group = languageGroupOf(file.path)!;
      const scope = scopeOf(projects, file.path);
      const key = `${scope}\u0000${group}`;
      const entry = groups.get(key) ?? { scope, group, files: [] };
      entry.files.push(file.path);
      groups.set(key, entry);
    }
    const findings: Finding[] = [...groups.values()].map(({ scope, group, files }) => {
      const project = projects.find(p => p.dir === scope);
      const where = scope === '' ? '' : ` in ${scope}/`;
      return {
        path: project?.manifests[0] ?? (scope || commonDir(files)),
        message: `${files.length} ${GROUP_LABELS[group]} source file(s)${where} and no test file (looked for ${TEST_CONVENTIONS[group]})`,
      };
    });
    return outcome.fail(findings);
  },
});

/** The deepest directory shared by all paths, or `.` for the root. */
function commonDir(paths: string[]): string {
  let common = dirname(paths[0]).split('/');
  for (const p of paths.slice(1)) {
    const parts = dirname(p).split('/');
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i += 1;
    common = common.slice(0, i);
  }
  const dir = common.filter(Boolean).join('/');
  return dir || '.';
}
