import { describeRule, runRule } from '../../../testing';
import rule from '.';
import { codeLines } from './shapes';

/** Python, JavaScript, Go and C# code with logic of its own: more lines than a tiny shim, so a folder of it can be a test gap. */
const logicPy = (name: string, call = 'save') =>
  [
    `def ${name}(items, limit=10):`,
    '    total = 0',
    '    for item in items:',
    '        if not item.active:',
    '            continue',
    '        if total + item.amount > limit:',
    '            break',
    '        total += item.amount',
    '    if total == 0:',
    '        return None',
    '    report = {"total": total, "count": len(items)}',
    `    ${call}(report)`,
    '    notify(report)',
    '    return report',
    '',
  ].join('\n');
const logicJs = (name: string, call = 'save') =>
  [
    `export function ${name}(items, limit = 10) {`,
    '  let total = 0;',
    '  for (const item of items) {',
    '    if (!item.active) continue;',
    '    if (total + item.amount > limit) break;',
    '    total += item.amount;',
    '  }',
    '  if (total === 0) return null;',
    '  const report = { total, count: items.length };',
    `  ${call}(report);`,
    '  notify(report);',
    '  audit.write(report);',
    '  metrics.count(report.count);',
    '  return report;',
    '}',
    '',
  ].join('\n');
const logicGo = (name: string, call = 'save') =>
  [
    `func ${name}(items []Item, limit int) *Report {`,
    '\ttotal := 0',
    '\tfor _, item := range items {',
    '\t\tif !item.Active {',
    '\t\t\tcontinue',
    '\t\t}',
    '\t\tif total+item.Amount > limit {',
    '\t\t\tbreak',
    '\t\t}',
    '\t\ttotal += item.Amount',
    '\t}',
    '\tif total == 0 {',
    '\t\treturn nil',
    '\t}',
    '\treport := &Report{Total: total, Count: len(items)}',
    `\t${call}(report)`,
    '\tnotify(report)',
    '\treturn report',
    '}',
    '',
  ].join('\n');

const py = (name: string) => logicPy(name);

const flaskRepo = {
  'requirements.txt': 'flask==3.0.3\n',
  'app/main.py': py('main'),
  'app/db.py': py('db'),
  'app/auth.py': py('auth'),
  'app/orders/create.py': py('create'),
  'app/orders/list.py': py('list_'),
  'app/orders/cancel.py': py('cancel'),
  'app/payments/charge.py': py('charge'),
  'app/payments/refund.py': py('refund'),
  'app/payments/webhook.py': py('webhook'),
  'app/payments/ledger.py': py('ledger'),
  'tests/test_auth.py': 'from app.auth import auth\n\ndef test_auth():\n    assert auth() == 1\n',
};

const monorepo = {
  'services/api/package.json': '{"name":"api"}',
  'services/api/src/a.ts': 'export const a = 1;\nexport const a2 = 2;\n',
  'services/api/src/b.ts': 'export const b = 1;\nexport const b2 = 2;\n',
  'services/api/src/a.test.ts': 'import { a } from "./a";\ntest("a", () => expect(a).toBe(1));\n',
  'services/api/src/b.test.ts': 'import { b } from "./b";\ntest("b", () => expect(b).toBe(1));\n',
  'services/billing/package.json': '{"name":"billing"}',
  'services/billing/src/invoice.ts': logicJs('total'),
  'services/billing/src/tax.ts': logicJs('tax'),
};

const reachRepo = {
  'requirements.txt': 'flask==3.0.3\n',
  'app/auth/views.py': logicPy('login', 'render_template'),
  'app/auth/forms.py': logicPy('validate'),
  'app/api/posts.py': logicPy('get_posts'),
  'app/billing/charge.py': logicPy('charge', 'gateway.charge'),
  'app/billing/refund.py': logicPy('refund', 'gateway.refund'),
  'app/schemas/user.py': `class User:\n${['name', 'email', 'phone', 'street', 'city', 'zip_code', 'country'].map(f => `    ${f}: str\n`).join('')}\n    def __init__(self, name):\n        self.name = name\n`,
  'app/schemas/post.py':
    'from dataclasses import dataclass, field\n\n@dataclass(frozen=True)\nclass Post:\n    title: str = ""\n    body: str = ""\n    author: str = ""\n    tags: list = field(default_factory=list)\n',
  'web/src/dto/order.input.ts': [
    "import { Field, InputType, registerEnumType } from '@nestjs/graphql';",
    "export enum OrderField { id = 'id', title = 'title' }",
    "registerEnumType(OrderField, { name: 'OrderField' });",
    '@InputType()',
    'export class OrderInput {',
    '  @Field(() => OrderField)',
    '  field: OrderField;',
    '  @Field()',
    '  title: string;',
    '  @Field()',
    '  customer: string;',
    '  @Field()',
    '  total: number;',
    '  @Field()',
    '  currency: string;',
    '}',
    '',
  ].join('\n'),
  'app/reports/monthly.py': logicPy('build', 'summarise'),
  'app/reports/yearly.py': logicPy('build', 'summarise'),
  'tests/test_client.py': [
    'from app.reports.monthly import build',
    '',
    'def test_pages(client):',
    "    client.post('/auth/login', data={})",
    "    client.get('/api/v1/posts/')",
    "    assert 'billing' in 'the billing page'",
    '',
  ].join('\n'),
};

describeRule(rule, {
  fails: [
    {
      name: 'folders that tests import or drive through routes, and folders of declarations, are not called untested',
      files: reachRepo,
      findings: ['app/billing'],
    },
    {
      name: 'copied libraries, generated code, generator-owned components, runners, constants and framework wiring are not untested code',
      files: {
        'requirements.txt': 'flask==3.0.3\n',
        'app/views.py': 'def index():\n    return render_template("index.html")\n',
        'app/billing/charge.py': logicPy('charge', 'gateway.charge'),
        'app/billing/refund.py': logicPy('refund', 'gateway.refund'),
        'app/billing/invoice.py': logicPy('invoice', 'gateway.invoice'),
        'app/static/ckeditor/LICENSE.md': 'Copyright (c) 2003-2015, CKSource\n',
        'app/static/ckeditor/config.js': 'CKEDITOR.editorConfig = function (config) {\n  config.language = "en";\n};\n',
        'app/static/ckeditor/plugins/a11yhelp/lang/en.js': 'CKEDITOR.plugins.setLang("a11yhelp", "en", { title: "Help" });\nwindow.x = 1;\n',
        'app/static/ckeditor/plugins/a11yhelp/lang/fr.js': 'CKEDITOR.plugins.setLang("a11yhelp", "fr", { title: "Aide" });\nwindow.x = 1;\n',
        'app/static/editor/plugins/about/dialog.js':
          '\uFEFF/*\n Copyright (c) 2003-2015, CKSource - Frederico Knabben. All rights reserved.\n For licensing, see LICENSE.md\n*/\nCKEDITOR.dialog.add("about", function (editor) { return {}; });\n',
        'app/static/editor/plugins/link/dialog.js':
          '/*\n Copyright (c) 2003-2015, CKSource. For licensing, see LICENSE.md\n*/\nCKEDITOR.dialog.add("link", function (editor) { return {}; });\n',
        'internal/book/repo/queries.go': '// Code generated by gorm.io/gen. DO NOT EDIT.\npackage repo\n\nfunc (q *Query) Find() error { return q.db.Find() }\n',
        'internal/book/repo/model.go': '// Code generated by gorm.io/gen. DO NOT EDIT.\npackage repo\n\nfunc (m *Model) Save() error { return m.db.Save(m) }\n',
        'cmd/migrate/main.go': 'package main\n\nfunc main() {\n\tgoose.Up(db, "migrations")\n}\n',
        'web/components.json': JSON.stringify({ $schema: 'https://ui.shadcn.com/schema.json', aliases: { components: '@/components', ui: '@/components/ui' } }),
        'web/package.json': '{"name":"web"}',
        'web/components/ui/button.tsx': 'export function Button(props) {\n  return <button className={cn(props.className)} {...props} />;\n}\n',
        'web/components/ui/card.tsx': 'export function Card(props) {\n  return <div className={cn("card")} {...props} />;\n}\n',
        'web/src/config/index.tsx': [
          "export const BASE_URL: string = 'http://localhost:8000';",
          'export const API_URL: string = `${BASE_URL}/api/v1`;',
          ...['USERS', 'ORDERS', 'ITEMS', 'CARTS', 'PAYMENTS', 'REFUNDS', 'INVOICES', 'REPORTS', 'SETTINGS', 'SESSIONS', 'TOKENS', 'AUDIT'].map(
            (n, i) => `export const ${n}_PAGE_SIZE: number = ${10 + i};`,
          ),
          '',
        ].join('\n'),
        'web/src/pages/Home.tsx': `${logicJs('summary', 'load')}export function Home() {\n  return <main>{summary(load())}</main>;\n}\n`,
        'web/src/pages/Login.tsx': 'export function Login() {\n  return <form onSubmit={submit} />;\n}\n',
        'web/src/app/[locale]/(auth)/layout.tsx': 'export default function AuthLayout({ children }) {\n  return <ClerkProvider>{children}</ClerkProvider>;\n}\n',
        'web/src/app/[locale]/layout.tsx': [
          'export default function RootLayout({ children }) {',
          '  return (',
          '    <html lang="en">',
          '      <head>',
          '        <meta charSet="utf-8" />',
          '        <meta name="viewport" content="width=device-width" />',
          '        <link rel="icon" href="/favicon.ico" />',
          '      </head>',
          '      <body className="min-h-screen">',
          '        <Header />',
          '        <main className="container">{children}</main>',
          '        <Footer />',
          '      </body>',
          '    </html>',
          '  );',
          '}',
          '',
        ].join('\n'),
        'web/src/app/[locale]/loading.tsx': 'export default function Loading() {\n  return <Spinner />;\n}\n',
        'web/src/bootstrap/main.ts': 'platformBrowserDynamic().bootstrapModule(AppModule);\n',
        'web/src/bootstrap/app.module.ts': [
          '@NgModule({',
          '  declarations: [',
          ...['App', 'Header', 'Footer', 'Menu', 'Cart', 'Checkout', 'Orders', 'Profile', 'Login', 'Signup', 'Search'].map(c => `    ${c}Component,`),
          '  ],',
          '  imports: [BrowserModule, HttpClientModule],',
          '  bootstrap: [AppComponent],',
          '})',
          'export class AppModule {}',
          '',
        ].join('\n'),
        'tests/test_views.py': 'from app.views import index\n\ndef test_index():\n    assert index()\n',
      },
      findings: ['.', 'app/billing', 'web', 'web/src/pages'],
    },
    {
      name: 'in a repository of several projects, untested folders are named only in the projects below the target',
      files: {
        'go.mod': 'module example.com/notify\n\ngo 1.22\n',
        'api/messages.go': 'package api\n\nfunc Messages() error {\n\tif db == nil {\n\t\treturn errNoDB\n\t}\n\treturn db.Find()\n}\n',
        'api/messages_test.go': 'package api\n\nfunc TestMessages(t *testing.T) {}\n',
        'runner/runner.go': logicGo('Run'),
        'runner/schedule.go': logicGo('Schedule'),
        'ui/package.json': '{"name":"ui"}',
        'ui/src/common/format.ts': logicJs('format', 'pad'),
        'ui/src/common/dates.ts': logicJs('dates', 'parse'),
        'ui/src/common/numbers.ts': logicJs('numbers', 'round'),
        'ui/src/pages/home.ts': logicJs('home', 'render'),
        'ui/src/pages/home.test.ts': "import { home } from './home';\ntest('home', () => expect(home()).toBeTruthy());\n",
      },
      findings: ['ui', 'ui/src/common'],
    },
    {
      name: 'one test for ten source files',
      files: flaskRepo,
      findings: ['app/orders', 'app/payments'],
      score: 0.333,
    },
    {
      name: 'a monorepo where one package has no tests, whatever the other has',
      files: monorepo,
      findings: ['services/billing', 'services/billing/src'],
      score: 0.5,
    },
    {
      name: 'a project whose only folder is its root is reported once',
      files: {
        'gateway/package.json': '{"name":"gateway"}',
        'gateway/server.js': 'const http = require("http");\nhttp.createServer().listen(8080);\n',
        'catalog/go.mod': 'module catalog\n',
        'catalog/main.go': 'package main\n\nfunc main() {}\n',
        'catalog/main_test.go': 'package main\n\nfunc TestMain(t *testing.T) {}\n',
      },
      findings: ['gateway'],
      score: 0.5,
    },
    {
      name: 'a stricter target from settings',
      files: {
        'go.mod': 'module x\n',
        'a.go': 'package x\n\nfunc A() {}\n',
        'b.go': 'package x\n\nfunc B() {}\n',
        'c.go': 'package x\n\nfunc C() {}\n',
        'd.go': 'package x\n\nfunc D() {}\n',
        'a_test.go': 'package x\n\nfunc TestA(t *testing.T) {}\n',
      },
      settings: { testRatioTarget: 0.5 },
      findings: ['.'],
      score: 0.5,
    },
  ],
  passes: [
    {
      name: 'JUnit tests mirroring src/main/java',
      files: {
        'pom.xml': '<project/>',
        'src/main/java/com/acme/orders/Order.java': 'package com.acme.orders;\n\nclass Order {}\n',
        'src/main/java/com/acme/orders/OrderService.java': 'package com.acme.orders;\n\nclass OrderService {}\n',
        'src/main/java/com/acme/Ledger.java': 'package com.acme;\n\nclass Ledger {}\n',
        'src/test/java/com/acme/orders/OrderServiceTest.java': 'package com.acme.orders;\n\nclass OrderServiceTest {}\n',
      },
      score: 1,
    },
    {
      name: 'migrations, generated stubs, fixtures and empty files are not source files',
      files: {
        'requirements.txt': 'django==5.0.6\n',
        'shop/models.py': py('models'),
        'shop/views.py': py('views'),
        'shop/__init__.py': '',
        'shop/migrations/0001_initial.py': py('m1'),
        'shop/migrations/0002_more.py': py('m2'),
        'shop/migrations/0003_more.py': py('m3'),
        'proto/orders_pb2.py': py('pb'),
        'proto/orders_pb2_grpc.py': py('pbg'),
        'tests/fixtures/app.py': py('fixture'),
        'tests/test_views.py': 'def test_views():\n    assert True\n',
      },
    },
    {
      name: 'a lower target from settings',
      files: flaskRepo,
      settings: { testRatioTarget: 0.1 },
    },
  ],
  notApplicable: [
    { name: 'no source code', files: { 'README.md': '# docs only', 'docs/conf.py': 'x = 1\ny = 2\n' } },
  ],
});

describe('testing/low-test-ratio messages', () => {
  it('names the ratio and the untested folders', () => {
    const result = runRule(rule, flaskRepo);
    expect(result.message).toContain('1 test file(s) for 10 source file(s): 0.10 per source file, target 0.30');
    const payments = result.findings.find(f => f.path === 'app/payments');
    expect(payments?.message).toContain('app/payments/ has 4 source file(s) and no test');
    expect(payments?.message).toContain('0.10 test files per source file');
  });
});

describe('testing/low-test-ratio folders', () => {
  const body = (n: number) => logicPy(`f${n}`);
  const app: Record<string, string> = {
    'requirements.txt': 'flask==3.0.3\n',
    'app/api/posts.py': body(1),
    'app/api/users.py': body(2),
    'app/auth/views.py': body(3),
    'app/auth/forms.py': body(4),
    'app/main/views.py': body(5),
    'app/main/forms.py': body(6),
    'app/models.py': body(7),
    'app/email.py': body(8),
    'app/decorators.py': body(9),
    'app/fake.py': body(10),
    'app/utils.py': body(11),
    'app/cli.py': body(12),
    'tests/test_api.py': 'def test_posts(client):\n    assert client.get("/api/v1/posts").status_code == 200\n',
  };

  it('takes a folder for tested when a test is named after it', () => {
    const result = runRule(rule, app);
    expect(result.status).toBe('fail');
    const paths = result.findings.map(f => f.path);
    expect(paths).toContain('app/auth');
    expect(paths).not.toContain('app/api');
  });

  it('does not count seed scripts, template set-up scripts or local app hosts as code to test', () => {
    const withTooling = {
      ...app,
      'prisma/seed.ts': "import { PrismaClient } from '@prisma/client';\nconst db = new PrismaClient();\nawait db.user.create({ data: {} });\n",
      'remix.init/index.js': "const fs = require('fs');\nmodule.exports = async () => fs.rmSync('x');\n",
      'AppHost/AppHost.csproj': '<Project Sdk="Aspire.AppHost.Sdk/9.0.0"><PropertyGroup /></Project>',
      'AppHost/Program.cs': 'var builder = DistributedApplication.CreateBuilder(args);\nbuilder.Build().Run();\n',
    };
    const paths = runRule(rule, withTooling).findings.map(f => f.path);
    expect(paths).not.toContain('prisma');
    expect(paths).not.toContain('remix.init');
    expect(paths).not.toContain('AppHost');
    expect(runRule(rule, withTooling).message).toBe(runRule(rule, app).message);
  });
});

describe('testing/low-test-ratio: what tests run through the code they import', () => {
  const js = (name: string, body = '') => `${body}${logicJs(`${name}Items`)}module.exports.${name} = input => check(input);\nmodule.exports.version = 1;\n`;
  const paths = (files: Record<string, string>) => runRule(rule, files).findings.map(f => f.path);

  it('an app a test starts reaches the controllers and services its routes import, but not code only a worker imports, mocked code or paths in strings', () => {
    const files = {
      'package.json': '{"name":"api","dependencies":{"express":"^4.19.0"}}',
      'src/app.js': "const routes = require('./routes');\nconst previous = './reports/old';\nmodule.exports = express().use(routes);\n",
      'src/routes/index.js': "const a = require('./orders.route');\nconst b = require('./users.route');\nmodule.exports = router.use(a, b);\n",
      'src/routes/orders.route.js': "const c = require('../controllers/orders.controller');\nmodule.exports = router.get('/x', c.list);\n",
      'src/routes/users.route.js': "const c = require('../controllers/users.controller');\nmodule.exports = router.get('/y', c.list);\n",
      'src/controllers/orders.controller.js': js('list', "const s = require('../services/orders.service');\nconst m = require('../notify/mailer');\n"),
      'src/controllers/users.controller.js': js('list', "const s = require('../services/users.service');\n"),
      'src/services/orders.service.js': js('find'),
      'src/services/users.service.js': js('find'),
      'src/notify/mailer.js': js('send', "const t = require('./template');\n"),
      'src/notify/template.js': js('render'),
      'src/worker.js': "const jobs = require('./jobs/cleanup');\njobs.run();\n",
      'src/jobs/cleanup.js': js('run', "const d = require('./digest');\n"),
      'src/jobs/digest.js': js('build'),
      'src/reports/old.js': js('route'),
      'src/reports/older.js': js('route'),
      'tests/api.test.js': [
        "const request = require('supertest');",
        "const app = require('../src/app');",
        "jest.mock('../src/notify/mailer');",
        "test('lists', async () => { await request(app).get('/api/things').expect(200); });",
        '',
      ].join('\n'),
    };
    const found = paths(files);
    expect(found).not.toContain('src/controllers');
    expect(found).not.toContain('src/services');
    expect(found).not.toContain('src/routes');
    expect(found).toEqual(expect.arrayContaining(['src/jobs', 'src/reports', 'src/notify']));
  });

  it('a page a test renders reaches the feature components and API hooks it imports through tsconfig paths, not features only untested pages import', () => {
    const tsx = (name: string, imports: string[] = []) =>
      `${imports.map((p, i) => `import { x${i} } from '${p}';`).join('\n')}\n${logicJs(`${name}Rows`, 'load')}export function ${name}() {\n  return <div>{load()}</div>;\n}\n`;
    const ts = (name: string, imports: string[] = []) =>
      `${imports.map((p, i) => `import { x${i} } from '${p}';`).join('\n')}\n${logicJs(`${name}Rows`, 'fetchJson')}export function ${name}() {\n  return fetchJson('/api');\n}\n`;
    const files = {
      'web/package.json': '{"name":"web","dependencies":{"react":"^18.3.0"}}',
      'web/tsconfig.json': '{\n  "compilerOptions": {\n    "baseUrl": ".",\n    // the source root\n    "paths": { "@/*": ["./src/*"] },\n  },\n}\n',
      'web/src/app/routes/orders/orders.tsx': tsx('Orders', ['@/features/orders/components/order-list', '@/features/orders/api/get-orders']),
      'web/src/app/routes/orders/__tests__/orders.test.tsx':
        "import { renderApp, screen } from '@/testing/test-utils';\nimport Orders from '../orders';\n\ntest('lists', async () => {\n  await renderApp(<Orders />);\n  expect(screen.getByText('x')).toBeTruthy();\n});\n",
      'web/src/testing/test-utils.tsx': tsx('renderApp'),
      'web/src/features/orders/components/order-list.tsx': tsx('OrderList', ['./order-row']),
      'web/src/features/orders/components/order-row.tsx': tsx('OrderRow'),
      'web/src/features/orders/components/order-form.tsx': tsx('OrderForm', ['../api/create-order']),
      'web/src/features/orders/api/get-orders.ts': ts('getOrders', ['@/lib/api-client']),
      'web/src/features/orders/api/create-order.ts': ts('createOrder', ['@/lib/api-client']),
      'web/src/lib/api-client.ts': ts('fetchJson'),
      'web/src/app/routes/reports/reports.tsx': tsx('Reports', ['@/features/reports/components/chart']),
      'web/src/features/reports/components/chart.tsx': tsx('Chart', ['./legend']),
      'web/src/features/reports/components/legend.tsx': tsx('Legend'),
      'web/src/features/reports/components/axis.tsx': tsx('Axis'),
    };
    const found = paths(files);
    expect(found).not.toContain('web/src/features/orders/components');
    expect(found).not.toContain('web/src/features/orders/api');
    expect(found).not.toContain('web/src/lib');
    expect(found).toEqual(expect.arrayContaining(['web/src/features/reports/components', 'web/src/app/routes/reports']));
  });

  it('tests reach a workspace package they import by name, not an unrelated package of the monorepo', () => {
    const ts = (name: string, imports: string[] = []) =>
      `${imports.map((p, i) => `import { x${i} } from '${p}';`).join('\n')}\n${logicJs(`${name}Rows`, 'round')}export function ${name}(v: number) {\n  return round(v);\n}\n`;
    const files = {
      'package.json': '{"name":"root","private":true,"workspaces":["packages/*"]}',
      'packages/app/package.json': '{"name":"@acme/app"}',
      'packages/app/src/checkout.ts': ts('checkout', ['@acme/pricing']),
      'packages/app/src/checkout.test.ts': "import { checkout } from './checkout';\ntest('total', () => expect(checkout(1)).toBe(1));\n",
      'packages/app/src/cart.ts': ts('cart'),
      'packages/app/src/session.ts': ts('session'),
      'packages/pricing/package.json': '{"name":"@acme/pricing","main":"src/index.ts"}',
      'packages/pricing/src/index.ts': "export * from './rules/discount';\n",
      'packages/pricing/src/rules/discount.ts': ts('discount', ['./tax']),
      'packages/pricing/src/rules/tax.ts': ts('tax'),
      'packages/pricing/src/rules/rounding.ts': ts('rounding'),
      'packages/ledger/package.json': '{"name":"@acme/ledger"}',
      'packages/ledger/src/entries/post.ts': ts('post'),
      'packages/ledger/src/entries/reverse.ts': ts('reverse'),
    };
    const found = paths(files);
    expect(found).not.toContain('packages/pricing/src/rules');
    expect(found).toContain('packages/ledger/src/entries');
  });

  it('pytest fixtures in conftest.py start the app: what its routers import is reached; a job module nothing imports is not', () => {
    const files = {
      'requirements.txt': 'fastapi==0.111.0\n',
      'app/__init__.py': '',
      'app/main.py': 'from fastapi import FastAPI\nfrom app.api.routes import router\n\napp = FastAPI()\napp.include_router(router)\n',
      'app/api/__init__.py': '',
      'app/api/routes.py': 'from app.services import billing, catalog\n\ndef setup(router):\n    return router.add(billing.charge, catalog.items)\n',
      'app/services/__init__.py': '',
      'app/services/billing.py': logicPy('charge', 'gateway.charge'),
      'app/services/catalog.py': logicPy('items', 'db.query'),
      'app/jobs/cleanup.py': logicPy('run', 'db.purge'),
      'app/jobs/digest.py': logicPy('run', 'mail.send'),
      'tests/conftest.py': 'import pytest\nfrom fastapi.testclient import TestClient\nfrom app.main import app\n\n@pytest.fixture\ndef client():\n    return TestClient(app)\n',
      'tests/test_smoke.py': 'def test_smoke(client):\n    assert client.get("/ping").status_code == 200\n',
    };
    const found = paths(files);
    expect(found).not.toContain('app/services');
    expect(found).toContain('app/jobs');
  });

  it('a Go test that serves the router reaches the handlers the router imports', () => {
    const go = (pkg: string, body: string, imports: string[] = []) =>
      `package ${pkg}\n\n${imports.length ? `import (\n${imports.map(i => `\t"${i}"`).join('\n')}\n)\n\n` : ''}${body}\n\n${logicGo(`${pkg}${body.length}`)}`;
    const files = {
      'go.mod': 'module example.com/shop\n\ngo 1.22\n',
      'internal/router/router.go': go('router', 'func New() *mux.Router { return handlers.Register(mux.New()) }', ['example.com/shop/internal/handlers']),
      'internal/handlers/orders.go': go('handlers', 'func Orders(w http.ResponseWriter) { w.Write(nil) }'),
      'internal/handlers/users.go': go('handlers', 'func Users(w http.ResponseWriter) { w.Write(nil) }'),
      'internal/jobs/cleanup.go': go('jobs', 'func Run() { db.Purge() }'),
      'internal/jobs/digest.go': go('jobs', 'func Digest() { mail.Send() }'),
      'tests/api_test.go': go('tests', 'func TestAPI(t *testing.T) { httptest.NewServer(router.New()) }', ['net/http/httptest', 'example.com/shop/internal/router']),
    };
    const found = paths(files);
    expect(found).not.toContain('internal/handlers');
    expect(found).toContain('internal/jobs');
  });
});

describe('testing/low-test-ratio: code with nothing of its own to test, and where counts belong', () => {
  const body = (n: number) => logicPy(`f${n}`);
  const base: Record<string, string> = {
    'requirements.txt': 'fastapi==0.110.0\n',
    'app/api/posts.py': body(1),
    'app/api/users.py': body(2),
    'app/billing/charge.py': body(3),
    'app/billing/refund.py': body(4),
    'app/core/db.py': body(5),
    'app/core/cache.py': body(6),
    'tests/test_posts.py': 'from app.api.posts import f1\n\ndef test_posts():\n    assert f1(1) == 2\n',
  };
  const paths = (files: Record<string, string>) => runRule(rule, files).findings.map(f => f.path);

  it('a database shell script that seeds data is not source code; a module that computes things beside it is', () => {
    const seed = [
      '/** Creates a demo account */',
      "print('seeding');",
      'db.accounts.update({ _id: "demo" }, { _id: "demo", lastSeen: new Date(), items: [{ amount: 1 }] }, { upsert: true });',
      "db.getSiblingDB('shop').createUser({ user: 'app', roles: ['readWrite'] });",
      '',
    ].join('\n');
    const logic = `const { db } = require('./client');\nfunction total(rows) { return rows.reduce((a, r) => a + r.amount, 0); }\nmodule.exports = () => total(db.rows.find());\n${logicJs('summarise')}`;
    const found = paths({ ...base, 'mongo/init/demo-data.js': seed, 'reports/summary.js': logic });
    expect(found).not.toContain('mongo/init');
    expect(found).toContain('reports');
  });

  it('a module that only builds and configures a framework object, or a launcher that only runs the server, is not named untested', () => {
    const files = {
      ...base,
      'worker/__init__.py': `from celery import Celery\nfrom app.core import config\n\ncelery_app = Celery("worker", broker=config.BROKER)\ncelery_app.conf.update(\n${['task_track_started=True', 'task_acks_late=True', 'task_time_limit=300', 'task_soft_time_limit=240', 'worker_prefetch_multiplier=1', 'result_expires=3600', 'timezone="UTC"', 'enable_utc=True', 'task_default_queue="main"', 'broker_pool_limit=10'].map(o => `    ${o},\n`).join('')})\n`,
      'main.py': [
        'import click',
        'import uvicorn',
        '',
        '@click.command()',
        '@click.option("--env", default="local")',
        'def main(env: str):',
        '    uvicorn.run(',
        '        app="app.server:app",',
        '        host="0.0.0.0",',
        '        port=8000,',
        '        workers=4,',
        '        proxy_headers=True,',
        '        forwarded_allow_ips="*",',
        '        log_level="info",',
        '        access_log=True,',
        '        reload=True if env != "prod" else False,',
        '    )',
        '',
        'if __name__ == "__main__":',
        '    main()',
        '',
      ].join('\n'),
      // Near miss: a module-level script with a loop does work of its own.
      'jobs/export.py': `import csv\nrows = load()\nfor row in rows:\n    write(row)\n\n${logicPy('export_rows', 'csv.write')}`,
    };
    const found = paths(files);
    expect(found).not.toContain('worker');
    expect(found).not.toContain('.');
    expect(found).toContain('jobs');
  });

  it('event records and handlers whose methods only return a completed task hold nothing to test; a handler that sends mail does', () => {
    const cs = (ns: string, members: string) => `using System.Threading.Tasks;\n\nnamespace ${ns}\n{\n${members}\n}\n`;
    const files = {
      'Shop.sln': '',
      'src/Shop.Domain/Shop.Domain.csproj': '<Project Sdk="Microsoft.NET.Sdk"></Project>',
      'src/Shop.Domain/Events/OrderPlaced.cs': cs('Shop.Domain.Events', '    public class OrderPlaced : Event\n    {\n        public OrderPlaced(Guid id) { Id = id; }\n        public Guid Id { get; set; }\n        public string Customer { get; set; }\n        public string Email { get; set; }\n        public decimal Total { get; set; }\n        public string Currency { get; set; }\n        public DateTime PlacedAt { get; set; }\n    }'),
      'src/Shop.Domain/Events/OrderHandler.cs': cs(
        'Shop.Domain.Events',
        '    public class OrderHandler : INotificationHandler<OrderPlaced>\n    {\n        public Task Handle(OrderPlaced message, CancellationToken token)\n        {\n            // send an e-mail some day\n            return Task.CompletedTask;\n        }\n    }',
      ),
      'src/Shop.Domain/Mail/MailHandler.cs': cs(
        'Shop.Domain.Mail',
        '    public class MailHandler\n    {\n        public Task Handle(OrderPlaced message)\n        {\n            if (message.Email == null) throw new ArgumentException("no address");\n            var subject = message.Total > 100 ? "Big order" : "Order";\n            var body = Render(message, subject);\n            _audit.Write(message.Id, subject);\n            return _mailer.SendAsync(message.Email, subject, body);\n        }\n    }',
      ),
      'src/Shop.Domain/Mail/MailOptions.cs': cs('Shop.Domain.Mail', '    public class MailOptions\n    {\n        public string Host => Compute();\n    }'),
      'tests/Shop.Tests/Shop.Tests.csproj': '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="xunit" Version="2.4.2" /></ItemGroup></Project>',
      'tests/Shop.Tests/OtherTests.cs': 'using Xunit;\n\nnamespace Shop.Tests\n{\n    public class OtherTests\n    {\n        [Fact]\n        public void Works() { Assert.True(true); }\n    }\n}\n',
    };
    const found = paths(files);
    expect(found).not.toContain('src/Shop.Domain/Events');
    expect(found).toContain('src/Shop.Domain/Mail');
  });

  it('C# tests that use a namespace and name its classes reach that folder, wherever it sits; a using alone does not', () => {
    const csClass = (ns: string, cls: string) =>
      `namespace ${ns};\n\npublic sealed class ${cls}\n{\n    public int Count(int[] rows)\n    {\n        var total = 0;\n        foreach (var row in rows)\n        {\n            if (row < 0) continue;\n            total += row;\n        }\n        _log.Write(total);\n        return rows.Length > 0 ? Save(rows) : 0;\n    }\n}\n`;
    const files = {
      'Shop.sln': '',
      'api/src/Infrastructure/Infrastructure.csproj': '<Project Sdk="Microsoft.NET.Sdk"></Project>',
      'api/src/Infrastructure/DataAccess/ShopContext.cs': csClass('Infrastructure.DataAccess', 'ShopContext'),
      'api/src/Infrastructure/DataAccess/OrderRepository.cs': csClass('Infrastructure.DataAccess', 'OrderRepository'),
      'api/src/Infrastructure/Mail/Mailer.cs': csClass('Infrastructure.Mail', 'Mailer'),
      'api/src/Infrastructure/Mail/Templates.cs': csClass('Infrastructure.Mail', 'Templates'),
      'api/test/IntegrationTests/IntegrationTests.csproj': '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="xunit" Version="2.4.2" /></ItemGroup></Project>',
      'api/test/IntegrationTests/RepositoryTests.cs':
        'using Infrastructure.DataAccess;\nusing Infrastructure.Mail;\nusing Xunit;\n\nnamespace IntegrationTests;\n\npublic sealed class RepositoryTests\n{\n    [Fact]\n    public void Saves() { var repo = new OrderRepository(); Assert.Equal(0, repo.Count(new int[0])); }\n}\n',
    };
    const found = paths(files);
    expect(found).not.toContain('api/src/Infrastructure/DataAccess');
    expect(found).toContain('api/src/Infrastructure/Mail');
  });

  it('code copied from another project keeps its authors\' copyright notice and is not counted; the owners\' own files are', () => {
    const own = (n: number) => `// Copyright (c) 2021 Jane Owner. All rights reserved.\n\ndef own${n}(x):\n    return x * ${n}\n\n${logicPy(`own_rows${n}`)}`;
    const theirs = (n: number) => `# Copyright (c) Other Vendor Inc. Licensed under the Apache License, Version 2.0.\n\ndef ui${n}(x):\n    return x - ${n}\n\n${logicPy(`ui_rows${n}`)}`;
    const files: Record<string, string> = { 'requirements.txt': 'flask==3.0.3\n', 'tests/test_core.py': 'from core.a import own1\n\ndef test_a():\n    assert own1(1) == 1\n' };
    for (let i = 1; i <= 6; i++) files[`core/${i < 4 ? 'a' : 'b'}${i}.py`] = own(i).replace('//', '#');
    files['core/a.py'] = own(1).replace('//', '#');
    for (let i = 1; i <= 3; i++) files[`quickstart/ui${i}.py`] = theirs(i);
    const found = paths(files);
    expect(found).not.toContain('quickstart');
    // With a single holder nothing is set aside.
    const single = { ...files };
    for (let i = 1; i <= 3; i++) single[`quickstart/ui${i}.py`] = own(10 + i).replace('//', '#');
    expect(paths(single)).toContain('quickstart');
  });

  it('names the folder the root project\'s counts belong to, not the whole repository, when other projects exist', () => {
    const files = {
      'web/package.json': '{"name":"web"}',
      'web/src/a.ts': 'export const a = () => 1;\nexport const b = () => 2;\n',
      'web/src/a.test.ts': 'import { a } from "./a";\ntest("a", () => expect(a()).toBe(1));\n',
      'services/cart/src/cart.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
      'services/cart/src/CartStore.cs': 'namespace Cart;\npublic class CartStore\n{\n    public int Add(int x) { return x > 0 ? Save(x) : 0; }\n}\n',
      'services/cart/src/Program.cs': 'var app = WebApplication.Create(args);\napp.MapGet("/", () => Results.Ok());\napp.Run();\n',
      'services/cart/src/Cache.cs': 'namespace Cart;\npublic class Cache\n{\n    public int Get(int x) { return x > 1 ? Load(x) : 0; }\n}\n',
      'services/cart/src/Queue.cs': 'namespace Cart;\npublic class Queue\n{\n    public int Pop(int x) { return x > 2 ? Take(x) : 0; }\n}\n',
    };
    const result = runRule(rule, files);
    const cart = result.findings.find(f => f.path === 'services/cart/src');
    expect(cart?.message).toMatch(/^services\/cart\/src\/ has 0 test file\(s\) for 4 source file\(s\)/);
    expect(result.findings.some(f => /repository has/i.test(f.message))).toBe(false);
  });
});

describe('testing/low-test-ratio: shims, stubs and wiring are no test gap; tests reach code through the types and names they use', () => {
  const paths = (files: Record<string, string>) => runRule(rule, files).findings.map(f => f.path);
  const pyBase: Record<string, string> = {
    'requirements.txt': 'fastapi==0.110.0\n',
    'app/api/posts.py': logicPy('posts'),
    'app/api/users.py': logicPy('users'),
    'app/billing/charge.py': logicPy('charge', 'gateway.charge'),
    'app/billing/refund.py': logicPy('refund', 'gateway.refund'),
    'tests/test_posts.py': 'from app.api.posts import posts\n\ndef test_posts():\n    assert posts([]) is None\n',
  };

  it('counts lines of code without comments, docstrings, imports and closing brackets', () => {
    const go = 'package main\n\nimport (\n\t"log"\n\t"example.com/shop/cmd"\n)\n\n// main starts the shop.\nfunc main() {\n\tif err := cmd.Execute(); err != nil {\n\t\tlog.Fatal(err)\n\t}\n}\n';
    expect(codeLines(go)).toBe(3);
    const python = 'from a import (\n    b,\n    c,\n)\n\n\nclass A:\n    """\n    Docs.\n    """\n\n    name = "a"  # the name\n';
    expect(codeLines(python)).toBe(2);
    const ts = "'use client';\nimport {\n  a,\n  b,\n} from './x';\n/**\n * Docs.\n */\nexport const f = () => {\n  return a(b);\n};\n";
    expect(codeLines(ts)).toBe(2);
  });

  it('a folder of a few lines (a one-file patch, an init script) is not named; a small module with more logic is', () => {
    const files = {
      ...pyBase,
      'patches/__init__.py': '',
      'patches/apps.py': [
        'from django.apps import AppConfig',
        'from vendor import encoder',
        '',
        '',
        'class FixedEncoder(encoder.JSONEncoder):',
        '    def default(self, obj):',
        '        if isinstance(obj, Proxy):',
        '            return str(obj)',
        '        return super().default(obj)',
        '',
        '',
        'class PatchConfig(AppConfig):',
        '    """Works around an upstream bug."""',
        '',
        '    name = "patches"',
        '',
        '    def ready(self):',
        '        encoder.JSONEncoder = FixedEncoder',
        '',
      ].join('\n'),
      'web/static/js/app.js': "$(document).ready(function () {\n  $('#tags').tagsInput({\n    height: '60px',\n    width: '280px',\n  });\n});\n",
      // Near miss: one small file, but with more logic than a shim.
      'app/profiles/profile.py': logicPy('validate_profile'),
    };
    const found = paths(files);
    expect(found).not.toContain('patches');
    expect(found).not.toContain('web/static/js');
    expect(found).toEqual(expect.arrayContaining(['app/billing', 'app/profiles']));
  });

  it('a worker whose task only waits and answers, and whose hooks only log, holds nothing to test; a task that does work does', () => {
    const worker = (task: string[]) =>
      [
        'import asyncio',
        'import logging',
        '',
        'asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())',
        'logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")',
        '',
        '',
        ...task,
        '',
        '',
        'async def startup(ctx) -> None:',
        '    logging.info("Worker started")',
        '    logging.info("Queue: %s", ctx)',
        '',
        '',
        'async def shutdown(ctx) -> None:',
        '    logging.info("Worker stopping")',
        '    await asyncio.sleep(1)',
        '    logging.info("Worker stopped")',
        '',
        '',
        'def describe() -> str:',
        '    return "sample worker"',
        '',
      ].join('\n');
    const settings = [
      'from arq.connections import RedisSettings',
      'from .functions import sample_task, shutdown, startup',
      '',
      'REDIS_HOST = settings.REDIS_HOST',
      'REDIS_PORT = settings.REDIS_PORT',
      '',
      '',
      'class WorkerSettings:',
      '    functions = [sample_task]',
      '    redis_settings = RedisSettings(host=REDIS_HOST, port=REDIS_PORT)',
      '    on_startup = startup',
      '    on_shutdown = shutdown',
      '    handle_signals = False',
      '',
    ].join('\n');
    const files = {
      ...pyBase,
      'app/core/worker/functions.py': worker(['async def sample_task(ctx, name: str) -> str:', '    await asyncio.sleep(5)', '    return f"Task {name} is complete!"']),
      'app/core/worker/settings.py': settings,
      // Near miss: the same worker, but its task purges the database.
      'app/core/jobs/functions.py': worker(['async def sample_task(ctx, days: int) -> int:', '    await asyncio.sleep(5)', '    return await ctx["db"].purge(days)']),
      'app/core/jobs/settings.py': settings,
    };
    const found = paths(files);
    expect(found).not.toContain('app/core/worker');
    expect(found).toContain('app/core/jobs');
  });

  const goFile = (pkg: string, imports: string[], body: string) =>
    `package ${pkg}\n\nimport (\n${imports.map(i => `\t"${i}"`).join('\n')}\n)\n\n${body}\n`;
  const cobra = (name: string, run: string, extra = '') =>
    goFile(
      'cmd',
      ['github.com/spf13/cobra', 'github.com/spf13/viper', 'example.com/shop/api'],
      [
        `var ${name}Cmd = &cobra.Command{`,
        `\tUse:   "${name}",`,
        `\tShort: "${name} the shop",`,
        `\tLong:  \`Runs the ${name} command of the shop.\`,`,
        '\tRun: func(cmd *cobra.Command, args []string) {',
        run,
        '\t},',
        '}',
        '',
        'func init() {',
        `\tRootCmd.AddCommand(${name}Cmd)`,
        '\tviper.SetDefault("port", "3000")',
        '\tviper.SetDefault("log_level", "debug")',
        `\t${name}Cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "say more")`,
        '}',
        extra,
      ].join('\n'),
    );
  const goBase: Record<string, string> = {
    'go.mod': 'module example.com/shop\n\ngo 1.22\n',
    'store/orders.go': `package store\n\n${logicGo('Orders')}`,
    'store/orders_test.go': 'package store\n\nfunc TestOrders(t *testing.T) { Orders(nil, 1) }\n',
    'billing/charge.go': `package billing\n\n${logicGo('Charge')}`,
    'billing/refund.go': `package billing\n\n${logicGo('Refund')}`,
  };

  it('command-line commands that hand their work to the code, and a main that only starts them, are wiring; a command that does the work is code', () => {
    const files = {
      ...goBase,
      'main.go': goFile(
        'main',
        ['log', 'example.com/shop/cmd'],
        [
          'func main() {',
          '\tif err := cmd.Execute(cmd.Options{',
          ...['Name', 'Version', 'Commit', 'Date', 'BuiltBy', 'Config', 'Env', 'Region', 'Zone', 'Cluster', 'Owner'].map(f => `\t\t${f}: "${f.toLowerCase()}",`),
          '\t}); err != nil {',
          '\t\tlog.Fatal(err)',
          '\t}',
          '}',
        ].join('\n'),
      ),
      'cmd/serve.go': cobra('serve', '\t\tserver, err := api.NewServer()\n\t\tif err != nil {\n\t\t\tlog.Fatal(err)\n\t\t}\n\t\tserver.Start()'),
      'cmd/migrate.go': cobra('migrate', '\t\tmigrations.Migrate()'),
      'cmd/root.go': goFile(
        'cmd',
        ['fmt', 'os', 'github.com/spf13/cobra', 'github.com/spf13/viper'],
        [
          'var RootCmd = &cobra.Command{Use: "shop", Short: "The shop API"}',
          '',
          'func Execute(o Options) error {',
          '\tif err := RootCmd.Execute(); err != nil {',
          '\t\tfmt.Println(err)',
          '\t\tos.Exit(1)',
          '\t}',
          '\treturn nil',
          '}',
          '',
          'func initConfig() {',
          '\tif cfgFile != "" {',
          '\t\tviper.SetConfigFile(cfgFile)',
          '\t} else {',
          '\t\tviper.AddConfigPath(".")',
          '\t}',
          '\tviper.AutomaticEnv()',
          '}',
        ].join('\n'),
      ),
      // Near miss: a command whose Run computes the report itself.
      'console/report/report.go': cobra(
        'report',
        '\t\tbuildReport(args)',
        `\n${logicGo('buildReport').replace('func buildReport(items []Item, limit int) *Report {', 'func buildReport(args []string) *Report {\n\titems, limit := load(args), 10\n\tif len(args) > 2 {\n\t\tlimit = 20\n\t}')}`,
      ).replace('package cmd', 'package report'),
    };
    const found = paths(files);
    expect(found).not.toContain('cmd');
    expect(found).not.toContain('.');
    expect(found).toEqual(expect.arrayContaining(['billing', 'console/report']));
  });

  it('a main that builds the server itself is code of its own', () => {
    const files = {
      ...goBase,
      'main.go': `package main\n\n${logicGo('main').replace('func main(items []Item, limit int) *Report {', 'func main() {\n\titems, limit := load(), 10')}`,
    };
    expect(paths(files)).toContain('.');
  });

  const csProject = (name: string, test = false) =>
    test
      ? '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="NUnit" Version="3.12.0" /><PackageReference Include="Microsoft.NET.Test.Sdk" Version="16.2.0" /></ItemGroup></Project>'
      : `<Project Sdk="Microsoft.NET.Sdk"><!-- ${name} --></Project>`;
  const csLogic = (ns: string, cls: string, usings: string[] = [], call = 'Save') =>
    [
      ...usings.map(u => `using ${u};`),
      '',
      `namespace ${ns}`,
      '{',
      `    public class ${cls}`,
      '    {',
      '        public int Run(int[] rows)',
      '        {',
      '            var total = 0;',
      '            foreach (var row in rows)',
      '            {',
      '                if (row < 0) continue;',
      '                total += row;',
      '            }',
      '            if (total > 100) _log.Warn(total);',
      `            ${call}(total);`,
      '            return total;',
      '        }',
      '    }',
      '}',
      '',
    ].join('\n');
  const csBase: Record<string, string> = {
    'Shop.sln': '',
    'src/Shop.Infrastructure/Shop.Infrastructure.csproj': csProject('infrastructure'),
    'src/Shop.Application/Shop.Application.csproj': csProject('application'),
    'tests/Shop.IntegrationTests/Shop.IntegrationTests.csproj': csProject('tests', true),
    'src/Shop.Application/Billing/Invoices.cs': csLogic('Shop.Application.Billing', 'Invoices'),
    'src/Shop.Application/Billing/Payments.cs': csLogic('Shop.Application.Billing', 'Payments'),
    'src/Shop.Application/Billing/Refunds.cs': csLogic('Shop.Application.Billing', 'Refunds'),
  };

  it('base classes and interfaces, and entities whose constructors only store values and new identifiers, are declarations; a command that computes its total is not', () => {
    const files = {
      ...csBase,
      'src/Shop.Application/Commands/ICommand.cs':
        'using System;\n\nnamespace Shop.Application.Commands\n{\n    public interface ICommand : IRequest\n    {\n        Guid Id { get; }\n    }\n\n    public interface ICommandHandler<in TCommand> : IRequestHandler<TCommand> where TCommand : ICommand\n    {\n        Task<Result> Handle(TCommand command, CancellationToken token);\n    }\n}\n',
      'src/Shop.Application/Commands/CommandBase.cs': [
        'using System;',
        '',
        'namespace Shop.Application.Commands',
        '{',
        '    public abstract class CommandBase : ICommand',
        '    {',
        '        public Guid Id { get; }',
        '        public DateTime CreatedAt { get; }',
        '',
        '        protected CommandBase()',
        '        {',
        '            this.Id = Guid.NewGuid();',
        '            this.CreatedAt = DateTime.UtcNow;',
        '        }',
        '',
        '        protected CommandBase(Guid id)',
        '        {',
        '            this.Id = id;',
        '        }',
        '',
        '        public abstract string Describe();',
        '',
        '        public void MarkSent()',
        '        {',
        '            this._sent = true;',
        '        }',
        '    }',
        '}',
        '',
      ].join('\n'),
      // Near miss: the constructor computes the total through a call.
      'src/Shop.Application/Pricing/PriceCommand.cs': [
        'using System;',
        '',
        'namespace Shop.Application.Pricing',
        '{',
        '    public class PriceCommand',
        '    {',
        '        public Guid Id { get; }',
        '        public decimal Total { get; }',
        '        public string Currency { get; }',
        '',
        '        public string Customer { get; }',
        '        public string Country { get; }',
        '        public DateTime PricedAt { get; }',
        '',
        '        public PriceCommand(Guid id, decimal[] lines, string currency, string customer, string country)',
        '        {',
        '            this.Id = id;',
        '            this.Total = Calculator.Sum(lines, currency);',
        '            this.Currency = currency;',
        '            this.Customer = customer;',
        '            this.Country = country;',
        '            this.PricedAt = DateTime.UtcNow;',
        '        }',
        '    }',
        '}',
        '',
      ].join('\n'),
      'tests/Shop.IntegrationTests/OtherTests.cs': 'using NUnit.Framework;\n\nnamespace Shop.IntegrationTests\n{\n    public class OtherTests\n    {\n        [Test]\n        public void Works() { Assert.True(true); }\n    }\n}\n',
    };
    const found = paths(files);
    expect(found).not.toContain('src/Shop.Application/Commands');
    expect(found).toContain('src/Shop.Application/Pricing');
  });

  it('a dependency injection module that only registers types is wiring; a class of another kind with the same calls and a branch is code', () => {
    const module = (name: string, base: string, branch = '') =>
      [
        'using Autofac;',
        '',
        'namespace Shop.Infrastructure.Modules',
        '{',
        `    public class ${name} : ${base}`,
        '    {',
        '        private readonly string _connectionString;',
        '',
        `        public ${name}(string connectionString)`,
        '        {',
        '            _connectionString = connectionString;',
        '        }',
        '',
        '        protected override void Load(ContainerBuilder builder)',
        '        {',
        branch,
        '            builder.RegisterType<SqlConnectionFactory>().As<ISqlConnectionFactory>().InstancePerLifetimeScope();',
        '            builder.RegisterType<UnitOfWork>().As<IUnitOfWork>().InstancePerLifetimeScope();',
        '            builder.RegisterType<OrderRepository>().As<IOrderRepository>().InstancePerLifetimeScope();',
        '            builder.Register(c => new ShopContext(_connectionString)).AsSelf().InstancePerLifetimeScope();',
        '        }',
        '    }',
        '}',
        '',
      ].join('\n');
    const files = {
      ...csBase,
      'src/Shop.Infrastructure/Modules/DataAccessModule.cs': module('DataAccessModule', 'Autofac.Module'),
      'src/Shop.Infrastructure/Modules/MessagingModule.cs': module('MessagingModule', 'Module'),
      // Near miss: a hosted service that registers as it goes, and decides what to register.
      'src/Shop.Infrastructure/Hosting/StartupTask.cs': module('StartupTask', 'BackgroundService', '            if (_connectionString == null) throw new InvalidOperationException();')
        .replace('Shop.Infrastructure.Modules', 'Shop.Infrastructure.Hosting')
        .replace('protected override void Load', 'protected override void Execute'),
      'tests/Shop.IntegrationTests/OtherTests.cs': 'using NUnit.Framework;\n\nnamespace Shop.IntegrationTests\n{\n    public class OtherTests\n    {\n        [Test]\n        public void Works() { Assert.True(true); }\n    }\n}\n',
    };
    const found = paths(files);
    expect(found).not.toContain('src/Shop.Infrastructure/Modules');
    expect(found).toContain('src/Shop.Infrastructure/Hosting');
  });

  it('C# integration tests reach what the types they call name in turn; a type named only in typeof() is not run, and handlers nothing names stay untested', () => {
    const files = {
      ...csBase,
      'src/Shop.Infrastructure/ApplicationStartup.cs': csLogic('Shop.Infrastructure', 'ApplicationStartup', ['Shop.Infrastructure.Database'], 'new DataAccessModule'),
      'src/Shop.Infrastructure/Database/DataAccessModule.cs': csLogic('Shop.Infrastructure.Database', 'DataAccessModule', [], 'new SqlConnectionFactory'),
      'src/Shop.Infrastructure/Database/SqlConnectionFactory.cs': csLogic('Shop.Infrastructure.Database', 'SqlConnectionFactory', [], 'Open'),
      'src/Shop.Infrastructure/Reports/ReportBuilder.cs': csLogic('Shop.Infrastructure.Reports', 'ReportBuilder'),
      'src/Shop.Infrastructure/Reports/ReportWriter.cs': csLogic('Shop.Infrastructure.Reports', 'ReportWriter'),
      'src/Shop.Application/Orders/ChangeOrderHandler.cs': csLogic('Shop.Application.Orders', 'ChangeOrderHandler'),
      'src/Shop.Application/Orders/CancelOrderHandler.cs': csLogic('Shop.Application.Orders', 'CancelOrderHandler'),
      'tests/Shop.IntegrationTests/SeedWork/TestBase.cs':
        'using NUnit.Framework;\nusing Shop.Infrastructure;\n\nnamespace Shop.IntegrationTests.SeedWork\n{\n    public class TestBase\n    {\n        [SetUp]\n        public void Start() { ApplicationStartup.Initialize(ConnectionString); }\n    }\n}\n',
      'tests/Shop.IntegrationTests/Architecture/LayerTests.cs':
        'using NUnit.Framework;\nusing Shop.Infrastructure.Reports;\n\nnamespace Shop.IntegrationTests.Architecture\n{\n    public class LayerTests\n    {\n        [Test]\n        public void Layers() { Assert.NotNull(typeof(ReportBuilder).Assembly); }\n    }\n}\n',
    };
    const found = paths(files);
    expect(found).not.toContain('src/Shop.Infrastructure/Database');
    expect(found).toEqual(expect.arrayContaining(['src/Shop.Infrastructure/Reports', 'src/Shop.Application/Orders']));
  });

  it('tests that look a model up by the name its folder registers it under reach that folder; a model no test names does not', () => {
    const model = (name: string) =>
      [
        "const mongoose = require('mongoose');",
        '',
        `const ${name}Schema = new mongoose.Schema({ name: String, email: String, total: Number });`,
        '',
        `${name}Schema.methods = {`,
        '  summary(items) {',
        '    let total = 0;',
        '    for (const item of items) {',
        '      if (!item.active) continue;',
        '      total += item.amount;',
        '    }',
        '    if (total === 0) return null;',
        '    return { total, count: items.length };',
        '  },',
        '};',
        '',
        `mongoose.model('${name}', ${name}Schema);`,
        '',
      ].join('\n');
    const files = {
      'package.json': '{"name":"shop","dependencies":{"express":"^4.19.0","mongoose":"^8.0.0"}}',
      'app/models/user.js': model('User'),
      'app/models/article.js': model('Article'),
      'app/billing/invoice.js': model('Invoice'),
      'app/billing/receipt.js': model('Receipt'),
      'test/test-users-create.js':
        "const mongoose = require('mongoose');\nconst test = require('tape');\nconst User = mongoose.model('User');\n\ntest('creates', async t => {\n  t.same(await User.countDocuments().exec(), 0);\n  t.end();\n});\n",
    };
    const found = paths(files);
    expect(found).not.toContain('app/models');
    expect(found).toContain('app/billing');
  });

  it('components a registry CLI copies in beside the generator\'s ui folder are not counted; first-party components are', () => {
    const primitive = (name: string) =>
      [
        '"use client";',
        '',
        'import type { ComponentProps } from "react";',
        'import { Button } from "@/components/ui/button";',
        'import { cn } from "@/lib/utils";',
        '',
        `export type ${name}Props = ComponentProps<"div">;`,
        '',
        `export const ${name} = ({ className, children, ...props }: ${name}Props) => (`,
        '  <div className={cn("flex items-center gap-1", className)} {...props}>',
        '    {children}',
        '  </div>',
        ');',
        '',
        `export const ${name}Action = ({ className, ...props }: ComponentProps<typeof Button>) => (`,
        '  <Button className={cn("size-9 p-1.5", className)} size="sm" variant="ghost" {...props} />',
        ');',
        '',
      ].join('\n');
    const firstParty = (name: string) =>
      [
        'import { useState } from "react";',
        'import { Button } from "@/components/ui/button";',
        'import { useChat } from "@/hooks/use-chat";',
        '',
        `export function ${name}({ chatId }: { chatId: string }) {`,
        '  const { messages, send } = useChat(chatId);',
        '  const [input, setInput] = useState("");',
        '  const submit = () => {',
        '    if (!input.trim()) return;',
        '    send(input);',
        '    setInput("");',
        '  };',
        '  return (',
        '    <form onSubmit={submit}>',
        '      {messages.map(m => <p key={m.id}>{m.text}</p>)}',
        '      <input value={input} onChange={e => setInput(e.target.value)} />',
        '      <Button type="submit">Send</Button>',
        '    </form>',
        '  );',
        '}',
        '',
      ].join('\n');
    const files = {
      'package.json': '{"name":"chat","dependencies":{"next":"^15.0.0","react":"^19.0.0"}}',
      'components.json': JSON.stringify({
        $schema: 'https://ui.shadcn.com/schema.json',
        aliases: { components: '@/components', utils: '@/lib/utils', ui: '@/components/ui' },
      }),
      'components/ui/button.tsx': primitive('ButtonBase'),
      'components/elements/actions.tsx': primitive('Actions'),
      'components/elements/message.tsx': primitive('Message'),
      'components/elements/suggestion.tsx': primitive('Suggestion'),
      'components/elements/loader.tsx': primitive('Loader'),
      // Near miss: the app's own components use the same primitives but spread no props through.
      'components/chat/chat.tsx': firstParty('Chat'),
      'components/chat/composer.tsx': firstParty('Composer'),
      'lib/utils.ts': 'export function cn(...inputs: string[]) {\n  return inputs.filter(Boolean).join(" ");\n}\n',
      'lib/utils.test.ts': 'import { cn } from "./utils";\ntest("cn", () => expect(cn("a", "b")).toBe("a b"));\n',
    };
    const result = runRule(rule, files);
    expect(result.message).toBe('1 test file(s) for 3 source file(s): 0.33 per source file, target 0.30');
    // With the registry folder's own components in the app's folder, they are the app's code.
    const own = { ...files, 'components/actions.tsx': primitive('Actions'), 'components/message.tsx': primitive('Message') };
    expect(runRule(rule, own).message).toBe('1 test file(s) for 5 source file(s): 0.20 per source file, target 0.30');
    expect(paths(own)).toContain('components/chat');
  });
});
