/**
 * Test support code: helpers that only tests call, wherever they sit. A value written there (a mock keystore's
 * key, a test database's password) configures test runs, not the application.
 * - a test-helper folder: `testutil/`, `test_helpers/`, `testsupport/`;
 * - Go code outside `_test.go` that imports `testing` (it takes a `*testing.T`, so only tests can call it);
 * - a Go package of the repository that test files import and no other code does (`apitest`, `dbtest`: the
 *   `httptest` convention), found through the import graph (facts/imports.ts).
 */
import type { SourceFile } from '../snapshot';
import type { Facts } from './index';
import { importGraph } from './imports';
import { memo } from './memo';
import { dirname, isTestFile } from './paths';

/** Folders of test helpers that only tests call: `testutil/`, `test_helpers/`, `testsupport/`. */
const TEST_SUPPORT_DIR = /(^|\/)test[-_]?(?:utils?|helpers?|support)\//i;
/** A Go import of the standard `testing` package, alone or in an import block. */
const GO_TESTING_IMPORT = /^\s*(?:import\s+)?(?:[\w.]+\s+)?"testing"\s*\)?\s*$/m;
/** A Go file of a `main` package: a program, which nothing imports. */
const GO_MAIN_PACKAGE = /^\s*package\s+main\b/m;

/** Whether a Go file outside `_test.go` imports `testing`. */
function importsTesting(file: SourceFile): boolean {
  return file.path.endsWith('.go') && file.text.includes('"testing"') && GO_TESTING_IMPORT.test(file.text);
}

/** Whether a file is test support by where it sits or what it imports, without the import graph. */
export function isTestSupportPath(file: SourceFile): boolean {
  return TEST_SUPPORT_DIR.test(file.path) || importsTesting(file);
}

/** The Go files of the audit, split into test files and the rest (test support by path or import left out of both). */
function goFiles(facts: Facts): { tests: Set<SourceFile>; code: SourceFile[] } {
  return memo(facts, 'facts.testSupport.goFiles', () => {
    const tests = new Set<SourceFile>();
    const code: SourceFile[] = [];
    for (const file of facts.files) {
      if (!file.path.endsWith('.go')) continue;
      if (isTestFile(file.path)) tests.add(file);
      else if (!isTestSupportPath(file)) code.push(file);
    }
    return { tests, code };
  });
}

/**
 * Whether a Go file's package is imported by test files of other packages and by no other code of the
 * repository. Answered once per package folder.
 */
function goPackageOnlyTestsImport(facts: Facts, file: SourceFile): boolean {
  const dir = dirname(file.path);
  return memo(facts, `facts.testSupport.goPackage:${dir}`, () => {
    if (GO_MAIN_PACKAGE.test(file.text)) return false;
    const { tests, code } = goFiles(facts);
    if (tests.size === 0) return false;
    const graph = importGraph(facts);
    const fromElsewhere = (root: SourceFile) => dirname(root.path) !== dir;
    const others = new Set(code.filter(fromElsewhere));
    if (graph.reachedFrom(file, others, fromElsewhere, 1)) return false;
    return graph.reachedFrom(file, tests, fromElsewhere, 1);
  });
}

/** Whether a source file is test support code that only tests call. */
export function isTestSupportCode(facts: Facts, file: SourceFile): boolean {
  if (isTestSupportPath(file)) return true;
  if (!file.path.endsWith('.go') || isTestFile(file.path)) return false;
  return goPackageOnlyTestsImport(facts, file);
}
