import { describeRule, runRule } from '../../../testing';
import rule from '.';

const py = (name: string) => `def ${name}():\n    return 1\n`;

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
  'services/billing/src/invoice.ts': 'export function total(lines: number[]) {\n  return lines.length;\n}\n',
  'services/billing/src/tax.ts': 'export function tax(amount: number) {\n  return amount * 0.2;\n}\n',
};

const reachRepo = {
  'requirements.txt': 'flask==3.0.3\n',
  'app/auth/views.py': 'def login():\n    return render_template("login.html")\n',
  'app/auth/forms.py': 'def validate(form):\n    return form.validate()\n',
  'app/api/posts.py': 'def get_posts():\n    return Post.query.all()\n',
  'app/billing/charge.py': 'def charge(amount):\n    return gateway.charge(amount)\n',
  'app/billing/refund.py': 'def refund(amount):\n    return gateway.refund(amount)\n',
  'app/schemas/user.py': 'class User:\n    name: str\n\n    def __init__(self, name):\n        self.name = name\n',
  'app/schemas/post.py': 'from dataclasses import dataclass, field\n\n@dataclass(frozen=True)\nclass Post:\n    title: str = ""\n    tags: list = field(default_factory=list)\n',
  'web/src/dto/order.input.ts': [
    "import { Field, InputType, registerEnumType } from '@nestjs/graphql';",
    "export enum OrderField { id = 'id', title = 'title' }",
    "registerEnumType(OrderField, { name: 'OrderField' });",
    '@InputType()',
    'export class OrderInput {',
    '  @Field(() => OrderField)',
    '  field: OrderField;',
    '}',
    '',
  ].join('\n'),
  'app/reports/monthly.py': 'def build(rows):\n    return summarise(rows)\n',
  'app/reports/yearly.py': 'def build(rows):\n    return summarise(rows, 12)\n',
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
  const body = (n: number) => `def f${n}(x):\n    return x + ${n}\n`;
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
