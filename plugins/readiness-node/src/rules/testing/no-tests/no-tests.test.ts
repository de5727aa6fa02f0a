import { describeRule } from '../../../testing';
import rule from '.';

const flaskApp = {
  'requirements.txt': 'flask==3.0.3\n',
  'app.py': 'from flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\ndef index():\n    return "ok"\n',
  'routes/orders.py': 'def list_orders():\n    return []\n',
};

describeRule(rule, {
  fails: [
    { name: 'a Flask app without tests', files: flaskApp, findings: ['requirements.txt'] },
    {
      name: 'only the stub a framework generates: imports and a comment',
      files: {
        'requirements.txt': 'Django==5.0.6\n',
        'manage.py': 'import os\nimport sys\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")\n',
        'upload/views.py': 'from django.shortcuts import render\n\ndef upload(request):\n    return render(request, "upload.html")\n',
        'upload/tests.py': 'from django.test import TestCase\n\n# Create your tests here.\n',
        'web/src/App.test.js': "import React from 'react';\nimport { render } from '@testing-library/react';\n",
      },
      findings: ['requirements.txt'],
    },
    {
      name: 'a monorepo where no service has tests',
      files: {
        'services/api/package.json': '{"name":"api","dependencies":{"express":"^4.19.0"}}',
        'services/api/src/server.ts': 'import express from "express";\nexport const app = express();\n',
        'services/worker/go.mod': 'module example.com/worker\n\ngo 1.22\n',
        'services/worker/main.go': 'package main\n\nfunc main() {\n}\n',
      },
      findings: ['services/api/package.json', 'services/worker/go.mod'],
    },
    {
      name: 'a Maven project with only src/main/java',
      files: {
        'pom.xml': '<project><artifactId>ledger</artifactId></project>',
        'src/main/java/com/acme/Ledger.java': 'package com.acme;\n\npublic class Ledger {\n}\n',
      },
      findings: ['pom.xml'],
    },
    {
      name: 'test-looking files only in fixtures and docs',
      files: {
        ...flaskApp,
        'tests/fixtures/sample_project/test_sample.py': 'def test_x():\n    assert True\n',
        'docs/examples/handler_test.go': 'package docs\n\nfunc TestX(t *testing.T) {}\n',
        'tests/conftest.py': 'import pytest\n\n@pytest.fixture\ndef client():\n    return None\n',
      },
      findings: ['requirements.txt'],
    },
  ],
  passes: [
    {
      name: 'pytest tests in a tests/ folder',
      files: { ...flaskApp, 'tests/test_orders.py': 'from routes.orders import list_orders\n\ndef test_empty():\n    assert list_orders() == []\n' },
    },
    {
      name: 'JUnit tests under src/test/java',
      files: {
        'pom.xml': '<project><artifactId>ledger</artifactId></project>',
        'src/main/java/com/acme/Ledger.java': 'package com.acme;\n\npublic class Ledger {\n}\n',
        'src/test/java/com/acme/LedgerTest.java': 'package com.acme;\n\nclass LedgerTest {\n  @Test void works() {}\n}\n',
      },
    },
    {
      name: 'Go tests next to the code',
      files: {
        'go.mod': 'module x\n',
        'main.go': 'package main\n\nfunc main() {}\n',
        'handler_test.go': 'package main\n\nfunc TestHandler(t *testing.T) {}\n',
      },
    },
    {
      name: 'a .NET test project named like the convention',
      files: {
        'src/Acme.Api/Acme.Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
        'src/Acme.Api/OrdersController.cs': 'namespace Acme.Api;\n\npublic class OrdersController {\n}\n',
        'tests/Acme.Api.Tests/UnitTest1.cs': 'namespace Acme.Api.Tests;\n\npublic class UnitTest1 {\n  [Fact] public void Works() {}\n}\n',
      },
    },
    {
      name: 'a .NET test project recognised by its test SDK reference',
      files: {
        'Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
        'Api/Orders.cs': 'namespace Api;\n\npublic class Orders {\n}\n',
        'QA/QA.csproj': '<Project><ItemGroup><PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.10.0" /><PackageReference Include="xunit" Version="2.9.0" /></ItemGroup></Project>',
        'QA/OrderChecks.cs': 'namespace QA;\n\npublic class OrderChecks {\n  [Fact] public void Works() {}\n}\n',
      },
    },
    {
      name: 'a Django app with tests.py',
      files: {
        'requirements.txt': 'Django==5.0.6\n',
        'shop/models.py': 'from django.db import models\n\nclass Order(models.Model):\n    total = models.IntegerField()\n',
        'shop/tests.py': 'from django.test import TestCase\n\nclass OrderTests(TestCase):\n    pass\n',
      },
    },
    {
      name: 'Rust unit tests inside the source file',
      files: {
        'Cargo.toml': '[package]\nname = "x"\n',
        'src/lib.rs': 'pub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn adds() { assert_eq!(super::add(1, 2), 3); }\n}\n',
      },
    },
    {
      name: 'Jest tests in __tests__',
      files: {
        'package.json': '{"name":"web","devDependencies":{"jest":"^29.7.0"}}',
        'src/cart.js': 'export function total(items) {\n  return items.reduce((a, b) => a + b, 0);\n}\n',
        'src/__tests__/cart.js': 'import { total } from "../cart";\ntest("total", () => expect(total([1])).toBe(1));\n',
      },
    },
  ],
  notApplicable: [
    { name: 'no code at all', files: { 'README.md': '# infra', 'main.tf': 'resource "x" "y" {}\n', Dockerfile: 'FROM nginx:1.27\n' } },
    {
      name: 'code only in docs, examples and scripts',
      files: {
        'docs/conf.py': 'project = "x"\nextensions = []\n',
        'examples/client.py': 'import requests\nprint(requests.get("http://x").status_code)\n',
        'scripts/deploy.py': 'import subprocess\nsubprocess.run(["kubectl", "apply"])\n',
      },
    },
  ],
});
