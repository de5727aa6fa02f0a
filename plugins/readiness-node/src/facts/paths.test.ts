import { isAsidePath, isDevWorkspacePath, isLowConfidencePath, isTestFile } from './paths';

describe('isTestFile', () => {
  it.each([
    'tests/test_orders.py',
    'app/orders/tests.py',
    'pkg/handler_test.go',
    'src/App.test.tsx',
    'src/components/__tests__/Card.tsx',
    'src/components/Card.cy.tsx',
    'test/app.e2e-spec.ts',
    'src/test/java/com/acme/OrderServiceTest.java',
    'src/test/kotlin/com/acme/Orders.kt',
    'app/src/androidTest/java/com/acme/MainActivity.kt',
    'src/integrationTest/java/com/acme/ApiIT.java',
    'Acme.Orders.Tests/UnitTest1.cs',
    'tests/Acme.Orders.IntegrationTests/OrdersApi.cs',
    'src/Acme.Orders/OrderServiceTests.cs',
    'tests/Unit/OrderTest.php',
    'src/OrderTest.php',
    'Tests/AppTests/AppTests.swift',
    'spec/models/order_spec.rb',
  ])('%s is a test file', path => {
    expect(isTestFile(path)).toBe(true);
  });

  it.each([
    'src/orders.py',
    'app/testing_utils.py',
    'src/contest/entry.ts',
    'src/latest/feed.ts',
    'src/main/java/com/acme/TestDataFactory.java',
    'Acme.Orders/OrderService.cs',
    'src/api-spec.ts',
    'tests/README.md',
  ])('%s is not a test file', path => {
    expect(isTestFile(path)).toBe(false);
  });

  it('treats test paths as low confidence', () => {
    expect(isLowConfidencePath('Acme.Orders.Tests/UnitTest1.cs')).toBe(true);
  });
});

describe('isLowConfidencePath', () => {
  it.each([
    'src/main/java/org/acme/samples/shop/OrderController.java',
    'src/main/kotlin/com/acme/demo/App.kt',
    'shop/src/main/java/com/acme/examples/Api.java',
  ])('%s is production code: package folders are not fixture folders', path => {
    expect(isLowConfidencePath(path)).toBe(false);
  });

  it.each([
    'examples/shop/src/main/java/com/acme/App.java',
    'samples/api.py',
    'docs/setup/config.yml',
    'docs_src/advanced/tutorial001.py',
    'docs-src/guide/models.py',
    'doc/examples/app.py',
  ])('%s is low confidence', path => {
    expect(isLowConfidencePath(path)).toBe(true);
  });

  it.each(['docsite/app.py', 'src/docstore/models.py', 'documents/api.py', 'app/demos_service.py'])('%s is no docs or examples folder', path => {
    expect(isLowConfidencePath(path)).toBe(false);
  });

  it.each(['docs_src/tutorial/main.py', 'examples/app/main.py', 'demo/server.js', 'src/test/java/com/acme/AppTest.java'])('%s lies aside', path => {
    expect(isAsidePath(path)).toBe(true);
  });

  it.each(['src/main/java/org/acme/samples/shop/App.java', 'api/src/main/kotlin/com/acme/demo/Main.kt'])('%s is production code in a JVM package', path => {
    expect(isAsidePath(path)).toBe(false);
  });
});

describe('isDevWorkspacePath', () => {
  it.each(['.devcontainer/Dockerfile', '.gitpod.Dockerfile', '.gitpod/Dockerfile', '.codesandbox/Dockerfile', 'web/.devcontainer.json'])(
    '%s sets up a development workspace, and lies aside',
    path => {
      expect(isDevWorkspacePath(path)).toBe(true);
      expect(isAsidePath(path)).toBe(true);
    },
  );

  it.each(['Dockerfile', 'gitpod/Dockerfile', 'src/codesandbox.ts', 'docker/dev/Dockerfile'])('%s is no workspace definition', path => {
    expect(isDevWorkspacePath(path)).toBe(false);
  });
});

describe('env templates', () => {
  it.each(['.env.dev-sample', 'deploy/.env.prod.db-sample', '.env.production_template', 'env-example-postgres', 'sample.env', '.env.local.example', 'gotify-server.env.example'])(
    '%s is a template: low confidence',
    path => {
      expect(isLowConfidencePath(path)).toBe(true);
    },
  );

  it.each(['.env', '.env.production', '.env.development', 'src/env_template.py', '.environment'])('%s is no template', path => {
    expect(isLowConfidencePath(path)).toBe(false);
  });
});
