import type { Facts } from '../../../facts';
import { createFile, fixOf, modifyFile, RuleFix } from '../../../fixes/edits';

/** The runner a root package.json tests with, and the coverage command line for it. */
function javascriptRunner(facts: Facts): { command: string } | undefined {
  const pkg = facts.manifests.packageJsons.find(p => p.dir === '' && !p.error);
  if (!pkg) return undefined;
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  if ('vitest' in deps) return { command: 'vitest run --coverage' };
  if ('jest' in deps || 'react-scripts' in deps) return { command: 'react-scripts' in deps && !('jest' in deps) ? 'react-scripts test --coverage --watchAll=false' : 'jest --coverage' };
  return undefined;
}

/** package.json with one more script, keeping the file's indentation and key order. */
function withScript(text: string, name: string, command: string): string | undefined {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const scripts = (json.scripts && typeof json.scripts === 'object' ? json.scripts : {}) as Record<string, string>;
  if (name in scripts) return undefined;
  json.scripts = { ...scripts, [name]: command };
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
  return `${JSON.stringify(json, null, indent)}${text.endsWith('\n') ? '\n' : ''}`;
}

const COVERAGERC = [
  '# Coverage settings read by coverage.py and pytest-cov (`pytest --cov`).',
  '[run]',
  'branch = True',
  'source = .',
  'omit =',
  '    tests/*',
  '    */tests/*',
  '    .venv/*',
  '    venv/*',
  '',
  '[report]',
  'show_missing = True',
  'skip_covered = True',
  '',
].join('\n');

const GO_TESTCOVERAGE = [
  '# go-test-coverage settings: CI runs `go test -coverprofile=cover.out ./...` and then checks the profile.',
  'profile: cover.out',
  'threshold:',
  '  total: 0',
  '',
].join('\n');

/** Coverage configuration for the test runner the repository uses: Jest or Vitest, coverage.py, or Go's cover profile. */
export function fixCoverageConfig(facts: Facts): RuleFix | undefined {
  const js = javascriptRunner(facts);
  const pkg = facts.file('package.json');
  if (js && pkg) {
    const text = withScript(pkg.text, 'test:coverage', js.command);
    if (text) {
      return fixOf(`Add a \`test:coverage\` script (\`${js.command}\`)`, [modifyFile(facts, 'package.json', text)], [
        'Run `npm run test:coverage` in CI and publish the report.',
      ]);
    }
  }
  if (facts.files.some(f => f.path.endsWith('.py'))) {
    return fixOf('Add .coveragerc for coverage.py', [createFile(facts, '.coveragerc', COVERAGERC)], [
      'Install pytest-cov and run `pytest --cov` (or `coverage run -m pytest`) in CI.',
    ]);
  }
  if (facts.file('go.mod')) {
    return fixOf('Add .testcoverage.yml for the Go cover profile', [createFile(facts, '.testcoverage.yml', GO_TESTCOVERAGE)], [
      'Run `go test -coverprofile=cover.out ./...` in CI.',
    ]);
  }
  return undefined;
}
