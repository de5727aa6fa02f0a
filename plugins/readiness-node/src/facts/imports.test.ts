import { snapshotFromFiles } from '../snapshot';
import { buildFacts } from '.';
import { importGraph, parseJsonWithComments } from './imports';

function graphOf(files: Record<string, string>) {
  const facts = buildFacts(snapshotFromFiles(files));
  const graph = importGraph(facts);
  const file = (path: string) => facts.file(path)!;
  const importsOf = (path: string) => graph.importsOf(file(path)).map(f => f.path).sort();
  return { graph, file, importsOf };
}

describe('parseJsonWithComments', () => {
  it('reads tsconfig-style JSON with comments and trailing commas, leaving strings alone', () => {
    expect(parseJsonWithComments('{\n  // a comment\n  "a": "http://x/*y*/", /* more */\n  "b": [1, 2,],\n}\n')).toEqual({ a: 'http://x/*y*/', b: [1, 2] });
    expect(parseJsonWithComments('{ not json')).toBeUndefined();
  });
});

describe('importGraph: JavaScript and TypeScript', () => {
  const files = {
    'package.json': '{"name":"root","workspaces":["packages/*"]}',
    'apps/web/package.json': '{"name":"web","imports":{"#lib/*":"./src/lib/*"}}',
    'apps/web/tsconfig.base.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"], }, }, }',
    'apps/web/tsconfig.json': '{ // extends the base\n "extends": "./tsconfig.base.json" }',
    'apps/web/src/pages/orders.tsx': [
      "import { OrderList } from '@/features/orders/components';",
      "import { useOrders } from '../features/orders/api/get-orders.js';",
      "import { money } from '#lib/money';",
      "import { Button } from '@acme/ui';",
      "import { theme } from '@acme/ui/theme';",
      "import React from 'react';",
      "const Chart = lazy(() => import('./chart'));",
      "const label = '../features/orders/legacy';",
      'export default function Orders() { return <OrderList items={useOrders()} />; }',
      '',
    ].join('\n'),
    'apps/web/src/pages/chart.tsx': 'export default function Chart() { return <svg />; }\n',
    'apps/web/src/features/orders/components/index.ts': "export * from './order-list';\n",
    'apps/web/src/features/orders/components/order-list.tsx': 'export function OrderList() { return <ul />; }\n',
    'apps/web/src/features/orders/api/get-orders.ts': 'export function useOrders() { return []; }\n',
    'apps/web/src/features/orders/legacy.ts': 'export const old = 1;\n',
    'apps/web/src/lib/money.ts': 'export const money = (n: number) => n.toFixed(2);\n',
    'packages/ui/package.json': '{"name":"@acme/ui","main":"./src/index.ts"}',
    'packages/ui/src/index.ts': "export { Button } from './button';\n",
    'packages/ui/src/button.tsx': 'export function Button() { return <button />; }\n',
    'packages/ui/src/theme.ts': 'export const theme = {};\n',
    'server/app.js': "const routes = require('./routes');\nmodule.exports = require('express')().use(routes);\n",
    'server/routes/index.js': "const orders = require('./orders.route');\nmodule.exports = orders;\n",
    'server/routes/orders.route.js': "const { list } = require('../controllers/orders.controller');\nmodule.exports = list;\n",
    'server/controllers/orders.controller.js': "const app = require('../app');\nexports.list = () => app;\n",
  };

  it('resolves relative paths, index files, emitted extensions, tsconfig paths (through extends), package imports, workspace packages and dynamic imports', () => {
    const { importsOf } = graphOf(files);
    expect(importsOf('apps/web/src/pages/orders.tsx')).toEqual([
      'apps/web/src/features/orders/api/get-orders.ts',
      'apps/web/src/features/orders/components/index.ts',
      'apps/web/src/lib/money.ts',
      'apps/web/src/pages/chart.tsx',
      'packages/ui/src/index.ts',
      'packages/ui/src/theme.ts',
    ]);
    expect(importsOf('apps/web/src/features/orders/components/index.ts')).toEqual(['apps/web/src/features/orders/components/order-list.tsx']);
  });

  it('reaches through imports from the roots, backwards and cycle-safe, and only along real imports', () => {
    const { graph, file } = graphOf({ ...files, 'server/app.test.js': "const app = require('./app');\ntest('x', () => app);\n" });
    const roots = new Set([file('server/app.test.js')]);
    expect(graph.reachedFrom(file('server/controllers/orders.controller.js'), roots)).toBe(true);
    expect(graph.reachedFrom(file('server/controllers/orders.controller.js'), roots, () => false)).toBe(false);
    expect(graph.reachedFrom(file('server/controllers/orders.controller.js'), roots, undefined, 2)).toBe(false);
    const pageRoots = new Set([file('apps/web/src/pages/orders.tsx')]);
    expect(graph.reachedFrom(file('apps/web/src/features/orders/components/order-list.tsx'), pageRoots)).toBe(true);
    expect(graph.reachedFrom(file('packages/ui/src/button.tsx'), pageRoots)).toBe(true);
    // A string that looks like a path is not an import.
    expect(graph.reachedFrom(file('apps/web/src/features/orders/legacy.ts'), pageRoots)).toBe(false);
  });
});

describe('importGraph: Python, Go and Java', () => {
  it('resolves Python relative and absolute imports, modules and packages', () => {
    const { importsOf } = graphOf({
      'app/__init__.py': '',
      'app/main.py': 'from app.api import routes\nfrom .core import config\nimport app.db.session as session\n',
      'app/api/__init__.py': '',
      'app/api/routes.py': 'from ..services import orders\n',
      'app/core/__init__.py': 'from .config import settings\n',
      'app/core/config.py': 'settings = 1\n',
      'app/db/session.py': 'engine = 1\n',
      'app/services/orders.py': 'import os\n',
    });
    // `from .core import config` names the package and its module.
    expect(importsOf('app/main.py')).toEqual(['app/api/__init__.py', 'app/api/routes.py', 'app/core/__init__.py', 'app/core/config.py', 'app/db/session.py']);
    expect(importsOf('app/api/routes.py')).toEqual(['app/services/orders.py']);
  });

  it('resolves Go packages of the module and Java classes, and sees the rest of a package', () => {
    const { importsOf } = graphOf({
      'go.mod': 'module example.com/shop\n\ngo 1.22\n',
      'internal/router/router.go': 'package router\n\nimport (\n\t"net/http"\n\t"example.com/shop/internal/orders"\n)\n\nfunc New() http.Handler { return orders.Handler() }\n',
      'internal/router/health.go': 'package router\n\nfunc health() {}\n',
      'internal/orders/handler.go': 'package orders\n\nfunc Handler() {}\n',
      'internal/orders/handler_test.go': 'package orders\n\nfunc TestHandler(t *testing.T) {}\n',
      'src/main/java/com/acme/web/OrderController.java': 'package com.acme.web;\n\nimport com.acme.orders.OrderService;\nimport com.acme.util.*;\n\nclass OrderController {}\n',
      'src/main/java/com/acme/orders/OrderService.java': 'package com.acme.orders;\n\nclass OrderService {}\n',
      'src/main/java/com/acme/util/Money.java': 'package com.acme.util;\n\nclass Money {}\n',
    });
    expect(importsOf('internal/router/router.go')).toEqual(['internal/orders/handler.go', 'internal/router/health.go']);
    expect(importsOf('src/main/java/com/acme/web/OrderController.java')).toEqual([
      'src/main/java/com/acme/orders/OrderService.java',
      'src/main/java/com/acme/util/Money.java',
    ]);
  });
});
