import { snapshotFromFiles } from '../snapshot';
import { buildFacts } from '.';
import { isTestSupportCode } from './testSupport';

function supportOf(files: Record<string, string>) {
  const facts = buildFacts(snapshotFromFiles(files));
  return (path: string) => isTestSupportCode(facts, facts.file(path)!);
}

const GO_MOD = 'module example.com/shop\n\ngo 1.22\n';
const KEYSTORE = 'package apitest\n\ntype KeyStore struct{}\n\nconst privateKeyPEM = `-----BEGIN PRIVATE KEY-----`\n';

describe('test support code', () => {
  it('is a helper folder, or Go code that imports testing', () => {
    const isSupport = supportOf({
      'internal/testutil/db.go': 'package testutil\n\nfunc Password() string { return "postgres" }\n',
      'src/test_helpers/auth.ts': 'export const token = "x";\n',
      'internal/dbtest/dbtest.go': 'package dbtest\n\nimport (\n\t"context"\n\t"testing"\n)\n\nfunc New(t *testing.T) {}\n',
      'internal/orders/orders.go': 'package orders\n\nfunc List() {}\n',
    });
    expect(isSupport('internal/testutil/db.go')).toBe(true);
    expect(isSupport('src/test_helpers/auth.ts')).toBe(true);
    expect(isSupport('internal/dbtest/dbtest.go')).toBe(true);
    expect(isSupport('internal/orders/orders.go')).toBe(false);
  });

  it('is a Go package that only test files of other packages import', () => {
    const isSupport = supportOf({
      'go.mod': GO_MOD,
      'app/sdk/apitest/keystore.go': KEYSTORE,
      'app/sdk/apitest/apitest.go': 'package apitest\n\nfunc Run() {}\n',
      'api/services/sales/tests/homeapi/home_test.go':
        'package homeapi_test\n\nimport (\n\t"testing"\n\n\t"example.com/shop/app/sdk/apitest"\n)\n\nfunc TestHome(t *testing.T) { apitest.Run() }\n',
      'app/sdk/auth/auth.go': 'package auth\n\nfunc New() {}\n',
      'api/services/sales/main.go': 'package main\n\nimport "example.com/shop/app/sdk/auth"\n\nfunc main() { auth.New() }\n',
    });
    expect(isSupport('app/sdk/apitest/keystore.go')).toBe(true);
    expect(isSupport('app/sdk/apitest/apitest.go')).toBe(true);
    // Imported by the program: application code, whatever tests do with it.
    expect(isSupport('app/sdk/auth/auth.go')).toBe(false);
    expect(isSupport('api/services/sales/main.go')).toBe(false);
  });

  it('is not a package that production code imports too, nor one only its own tests read', () => {
    const isSupport = supportOf({
      'go.mod': GO_MOD,
      'app/sdk/keys/keystore.go': KEYSTORE.replace('package apitest', 'package keys'),
      'app/sdk/keys/keystore_test.go': 'package keys\n\nimport "testing"\n\nfunc TestKeys(t *testing.T) {}\n',
      'api/auth/auth_test.go': 'package auth_test\n\nimport (\n\t"testing"\n\n\t"example.com/shop/app/sdk/keys"\n)\n\nfunc TestAuth(t *testing.T) { _ = keys.KeyStore{} }\n',
      'api/auth/auth.go': 'package auth\n\nimport "example.com/shop/app/sdk/keys"\n\nvar store = keys.KeyStore{}\n',
      'app/sdk/unused/unused.go': 'package unused\n\nfunc Nothing() {}\n',
      'app/sdk/unused/unused_test.go': 'package unused\n\nimport "testing"\n\nfunc TestNothing(t *testing.T) {}\n',
    });
    expect(isSupport('app/sdk/keys/keystore.go')).toBe(false);
    expect(isSupport('app/sdk/unused/unused.go')).toBe(false);
  });
});
