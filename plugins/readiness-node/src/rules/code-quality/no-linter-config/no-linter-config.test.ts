import { describeRule, runRule } from '../../../testing';
import rule from '.';

const flask = { 'requirements.txt': 'flask==3.0.3\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n' };
const node = (dir = '', extra = '') => ({
  [`${dir}package.json`]: `{"name":"svc","scripts":{"start":"node server.js"${extra}}}`,
  [`${dir}server.js`]: 'const http = require("http");\n',
});
const go = { 'go.mod': 'module x\n', 'main.go': 'package main\n\nfunc main() {}\n' };

describeRule(rule, {
  fails: [
    { name: 'a Flask app without any linter', files: flask, findings: ['requirements.txt'] },
    {
      name: 'a polyglot repo with nothing configured (tests in CI are not linting)',
      files: {
        'catalog/go.mod': 'module catalog\n',
        'catalog/main.go': 'package main\n',
        ...node('gateway/'),
        'worker/requirements.txt': 'psycopg==3.2.1\n',
        'worker/worker.py': 'import psycopg\n',
        '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: go test ./...\n      - run: npm test\n',
      },
      findings: ['catalog/go.mod', 'gateway/package.json', 'worker/requirements.txt'],
    },
    {
      name: 'ESLint in one package does not cover its sibling',
      files: { ...node('web/'), 'web/.eslintrc.cjs': 'module.exports = {};\n', ...node('api/') },
      findings: ['api/package.json'],
    },
    {
      name: 'Oxlint and Ultracite only installed, an Ultracite set-up script, and an Oxlint config in a sibling package',
      files: {
        'api/package.json': JSON.stringify({
          name: 'api',
          scripts: { start: 'node server.js', 'setup:lint': 'ultracite init' },
          devDependencies: { oxlint: '^1.0.0', ultracite: '^7.0.0' },
        }),
        'api/server.js': 'const http = require("http");\n',
        ...node('web/'),
        'web/oxlint.config.ts': "import { defineConfig } from 'oxlint';\nexport default defineConfig({});\n",
      },
      findings: ['api/package.json'],
    },
    {
      name: 'Flake8 only installed by a CircleCI 1.0 circle.yml, never run',
      files: { ...flask, 'circle.yml': 'dependencies:\n  pre:\n    - pip install -U flake8\ntest:\n  override:\n    - python -m pytest\n' },
      findings: ['requirements.txt'],
    },
    {
      name: 'a Maven build without analysis plugins',
      files: { 'pom.xml': '<project><artifactId>ledger</artifactId></project>', 'src/main/java/A.java': 'class A {}\n' },
      findings: ['pom.xml'],
    },
    {
      name: 'an app with a test-runner config is still linted, and so are scripts beside a manifest of another language in its own folder',
      files: {
        'web/package.json': '{"name":"web","scripts":{"test":"playwright test"}}',
        'web/playwright.config.ts': "import { defineConfig } from '@playwright/test';\nexport default defineConfig({});\n",
        'web/src/app.ts': 'export const app = 1;\n',
        'package.json': '{"name":"site","scripts":{"build":"webpack"}}',
        'pom.xml': '<project><artifactId>site</artifactId><build><plugins><plugin><artifactId>maven-checkstyle-plugin</artifactId></plugin></plugins></build></project>',
        'src/main/resources/static/js/cart.js': 'export function total() {}\n',
      },
      findings: ['package.json', 'web/package.json'],
    },
    {
      name: '.NET with an .editorconfig that only sets whitespace',
      files: { 'Api/Api.csproj': '<Project/>', 'Api/Orders.cs': 'class Orders {}\n', '.editorconfig': 'root = true\n[*]\nindent_style = space\n' },
      findings: ['.'],
    },
    {
      name: 'linters only installed in an image, editor settings and disabled hosted linters',
      files: {
        ...flask,
        Dockerfile: 'FROM python:3.12\nRUN pip install flake8==7.0.0 && pip install -r requirements.txt\nCMD ["gunicorn", "app:app"]\n',
        '.vscode/settings.json': '{"python.linting.pylintEnabled": true}',
        '.codeclimate.yml': 'version: "2"\nplugins:\n  pep8:\n    enabled: false\n',
        ...go,
        '.stickler.yml': 'linters:\n  shellcheck: {}\nfixers:\n  enable: true\n',
        ...node('web/'),
        'web/Dockerfile': 'FROM node:22\nRUN npm ci && npm run build\n',
      },
      findings: ['go.mod', 'requirements.txt', 'web/package.json'],
    },
  ],
  passes: [
    {
      name: 'a Go project whose CI runs a gofmt check script from scripts/',
      files: {
        'go.mod': 'module example.com/app\n',
        'main.go': 'package main\n',
        'scripts/gofmt.sh': '#!/bin/bash\nunformatted=$(govendor fmt +l)\n[ -z "$unformatted" ] || exit 1\n',
        '.travis.yml': 'language: go\nscript:\n  - bash ./scripts/gofmt.sh\n',
      },
    },
    {
      name: 'golint configured for a hosted review service, and a gofmt/goimports make target',
      files: {
        'api/go.mod': 'module api\n',
        'api/main.go': 'package main\n',
        'api/.stickler.yml': 'linters:\n  golint:\n    fixer: true\nfixers:\n  enable: true\n',
        'cli/go.mod': 'module cli\n',
        'cli/main.go': 'package main\n',
        'cli/Makefile': "fmt:\n\tfind . -name '*.go' | while read -r f; do gofmt -w -s \"$$f\"; goimports -w \"$$f\"; done\n",
      },
    },
    {
      name: 'Code Climate and Hound linters',
      files: {
        ...flask,
        '.codeclimate.yml': 'version: "2"\nplugins:\n  pep8:\n    enabled: true\n',
        ...node('web/'),
        'web/.hound.yml': 'eslint:\n  enabled: true\n',
      },
    },
    {
      name: 'a linter run with options while the image builds',
      files: {
        'app/requirements.txt': 'Django==5.0\n',
        'app/manage.py': 'import django\n',
        'app/Dockerfile.prod': 'FROM python:3.12 AS builder\nRUN pip install flake8==7.0.0\nCOPY . .\nRUN flake8 --ignore=E501,F401 .\nFROM python:3.12-slim\n',
        ...node('web/'),
        'web/Dockerfile': 'FROM node:22\nRUN npm ci && npx eslint src\n',
      },
    },
    {
      name: "a Create React App, which lints with its built-in ESLint config",
      files: { 'package.json': '{"name":"shop","dependencies":{"react":"^18.0.0","react-scripts":"5.0.1"},"scripts":{"start":"react-scripts start"}}', 'src/App.js': 'export default 1\n' },
    },
    { name: '.eslintrc.cjs', files: { ...node(), '.eslintrc.cjs': 'module.exports = { extends: ["eslint:recommended"] };\n' } },
    {
      name: 'a root flat config covers workspace packages',
      files: { 'package.json': '{"private":true,"workspaces":["packages/*"]}', 'eslint.config.mjs': 'export default [];\n', ...node('packages/a/') },
    },
    { name: 'eslintConfig in package.json', files: { 'package.json': '{"name":"a","eslintConfig":{"extends":"react-app"}}', 'src/a.js': 'x = 1\n' } },
    { name: 'Prettier alone', files: { ...node(), '.prettierrc.json': '{}' } },
    { name: 'Biome', files: { ...node(), 'biome.json': '{}' } },
    {
      name: 'Oxlint and Oxfmt configured in TypeScript, run through Ultracite by a lint script and a git hook',
      files: {
        'package.json': JSON.stringify({ name: 'web', scripts: { lint: 'ultracite check --type-aware' }, devDependencies: { oxlint: '^1.0.0', oxfmt: '^0.1.0', ultracite: '^7.0.0' } }),
        'src/index.ts': 'export const x = 1;\n',
        'oxlint.config.ts': "import { defineConfig } from 'oxlint';\nexport default defineConfig({ rules: {} });\n",
        'oxfmt.config.ts': "import { defineConfig } from 'oxfmt';\nexport default defineConfig({ singleQuote: true });\n",
      },
    },
    { name: '.oxlintrc.json', files: { ...node(), '.oxlintrc.json': '{"rules":{}}' } },
    { name: 'an Oxfmt config alone', files: { ...node(), '.oxfmtrc.json': '{}' } },
    { name: 'dprint', files: { ...node(), 'dprint.json': '{"plugins":[]}' } },
    { name: 'an Ultracite lint script', files: node('', ',"lint":"ultracite check"') },
    { name: 'an Oxlint script', files: node('', ',"lint":"oxlint --type-aware src"') },
    { name: 'Ultracite run by a lefthook pre-commit hook', files: { ...node(), 'lefthook.yml': 'pre-commit:\n  jobs:\n    - run: npx ultracite fix\n' } },
    {
      name: 'deno lint in CI',
      files: { ...node(), '.github/workflows/ci.yml': 'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: deno lint\n' },
    },
    { name: 'a lint script', files: node('', ',"lint":"backstage-cli package lint"') },
    { name: 'Ruff in pyproject.toml', files: { ...flask, 'pyproject.toml': '[tool.ruff]\nline-length = 100\n' } },
    { name: 'Flake8 in setup.cfg', files: { ...flask, 'setup.cfg': '[metadata]\nname = x\n\n[flake8]\nmax-line-length = 100\n' } },
    { name: 'Ruff as a development requirement', files: { ...flask, 'requirements-dev.txt': 'ruff==0.5.0\n' } },
    {
      name: 'a pre-commit hook running Black',
      files: { ...flask, '.pre-commit-config.yaml': 'repos:\n  - repo: https://github.com/psf/black\n    hooks:\n      - id: black\n' },
    },
    {
      name: 'Flake8 run by a CircleCI 1.0 circle.yml (installed in dependencies, run in test)',
      files: {
        ...flask,
        'circle.yml': 'dependencies:\n  pre:\n    - pip install -U flake8\ntest:\n  override:\n    - find . -name "*.py" | xargs flake8\n    - python -m pytest\n',
      },
    },
    { name: '.golangci.yml', files: { ...go, '.golangci.yml': 'linters:\n  enable: [govet]\n' } },
    {
      name: 'golangci-lint in CI',
      files: { ...go, '.github/workflows/ci.yml': 'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: golangci/golangci-lint-action@v6\n' },
    },
    {
      name: 'Spotless in the Maven build',
      files: {
        'pom.xml': '<project><build><plugins><plugin><groupId>com.diffplug.spotless</groupId><artifactId>spotless-maven-plugin</artifactId></plugin></plugins></build></project>',
        'src/main/java/A.java': 'class A {}\n',
      },
    },
    {
      name: '.NET analyzers in Directory.Build.props',
      files: { 'Api/Api.csproj': '<Project/>', 'Api/Orders.cs': 'class Orders {}\n', 'Directory.Build.props': '<Project><PropertyGroup><AnalysisLevel>latest</AnalysisLevel></PropertyGroup></Project>' },
    },
    {
      name: '.NET rules in .editorconfig',
      files: { 'Api/Api.csproj': '<Project/>', 'Api/Orders.cs': 'class Orders {}\n', '.editorconfig': '[*.cs]\ndotnet_diagnostic.CA2007.severity = warning\n' },
    },
    {
      name: 'a .NET solution with analyzer rules, a root package.json that only runs browser tests, and static scripts of its web projects',
      files: {
        '.editorconfig': '[*.cs]\ndotnet_style_qualification_for_field = false:warning\n',
        'package.json': '{"name":"shop","scripts":{},"devDependencies":{"@playwright/test":"^1.42.1","dotenv":"^16.4.5"}}',
        'playwright.config.ts': "import { defineConfig } from '@playwright/test';\nexport default defineConfig({ testDir: './e2e' });\n",
        'e2e/login.setup.ts': "import { test as setup } from '@playwright/test';\n",
        'e2e/Cart.spec.ts': "import { test } from '@playwright/test';\n",
        'src/Identity.API/Identity.API.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"/>',
        'src/Identity.API/Program.cs': 'var app = WebApplication.Create();\n',
        'src/Identity.API/wwwroot/js/site.js': '// Write your JavaScript code.\n',
        'src/Identity.API/wwwroot/js/signout-redirect.js': 'window.addEventListener("load", () => {});\n',
        'src/WebApp/WebApp.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"/>',
        'src/WebApp/Components/Chat.razor.js': 'export function scrollToEnd(e) { e.scrollTo(0, 0); }\n',
      },
    },
    {
      name: 'a couple of loose Python scripts and docs code in a linted JS repo',
      files: { ...node(), 'eslint.config.js': 'export default [];\n', 'tools/gen.py': 'print(1)\n', 'docs/conf.py': 'x = 1\n' },
    },
  ],
  notApplicable: [
    { name: 'Rust and Terraform', files: { 'Cargo.toml': '[package]\nname="x"\n', 'src/main.rs': 'fn main() {}\n', 'main.tf': '' } },
    { name: 'JavaScript without a package.json', files: { 'static/app.js': 'x = 1\n' } },
  ],
});

describe('code-quality/no-linter-config messages', () => {
  it('names the language, folder and usual tools', () => {
    const result = runRule(rule, { ...node('gateway/') });
    expect(result.findings[0].message).toBe(
      'The 1 JavaScript/TypeScript source file(s) in gateway/ have no linter or formatter configuration (ESLint, Biome, Oxlint, Prettier, Oxfmt or dprint)',
    );
  });
});
