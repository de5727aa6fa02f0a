import { describeRule, runRule } from '../../../testing';
import rule from '.';

const flask = {
  'requirements.txt': 'flask==3.0.3\npytest==8.2.0\n',
  'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
  'tests/test_app.py': 'def test_ok():\n    assert True\n',
};
const node = {
  'package.json': '{"name":"api","scripts":{"test":"vitest run"},"devDependencies":{"vitest":"^2.0.0"}}',
  'src/server.ts': 'export const port = 3000;\nexport const host = "0.0.0.0";\n',
};
const go = {
  'go.mod': 'module x\n',
  'main.go': 'package main\n\nfunc main() {}\n',
};

/** An Angular CLI app from the template: karma-coverage declared, Karma run by the CLI's built-in configuration. */
const angularApp = (test = 'ng test') => ({
  'web/package.json': JSON.stringify(
    {
      name: 'web',
      scripts: { build: 'ng build', test },
      dependencies: { '@angular/core': '^17.0.0' },
      devDependencies: { '@angular-devkit/build-angular': '^17.0.0', karma: '~6.4.0', 'karma-coverage': '~2.2.0', 'karma-jasmine': '~5.1.0' },
    },
    null,
    2,
  ),
  'web/angular.json': '{"projects": {"web": {"architect": {"test": {"builder": "@angular-devkit/build-angular:karma"}}}}}',
  'web/src/main.ts': 'import { bootstrapApplication } from "@angular/platform-browser";\nbootstrapApplication(AppComponent);\n',
});

describeRule(rule, {
  fails: [
    {
      name: 'the test template\'s coverlet.collector package that nothing asks to collect',
      files: {
        'Api/Api.csproj': '<Project/>',
        'Api/Orders.cs': 'namespace Api;\npublic class Orders {}\n',
        'Api.Tests/Api.Tests.csproj':
          '<Project><ItemGroup><PackageReference Include="coverlet.collector" Version="6.0.2" /><PackageReference Include="xunit" Version="2.9.0" /></ItemGroup></Project>',
        '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: dotnet test\n',
      },
      fix: 'none',
    },
    {
      name: 'a Jest config whose coverage options are all commented out',
      files: {
        'package.json': '{"name":"a","scripts":{"test":"jest"},"devDependencies":{"jest":"^29.7.0"}}',
        'src/a.js': 'module.exports = 1;\nexports.b = 2;\n',
        'jest.config.js': [
          'module.exports = {',
          '  // Indicates whether the coverage information should be collected',
          '  // collectCoverage: false,',
          '  /* coverageDirectory: "coverage", */',
          '  // coverageReporters: ["json", "text"],',
          '  testEnvironment: "node",',
          '};',
          '',
        ].join('\n'),
      },
    },
    { name: 'a Python service with pytest but no coverage', files: flask, findings: ['requirements.txt'] },
    {
      name: 'a polyglot repo, one finding per language',
      files: {
        ...go,
        'web/package.json': node['package.json'],
        'web/src/server.ts': node['src/server.ts'],
        '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: go test ./...\n',
      },
      findings: ['go.mod', 'web/package.json'],
    },
    {
      name: 'coverage set up only in examples, docs and fixtures does not count',
      files: {
        ...flask,
        'examples/demo/.coveragerc': '[run]\n',
        'docs/sample/package.json': '{"scripts":{"test":"jest --coverage"}}',
        'tests/fixtures/proj/requirements.txt': 'pytest-cov==5.0.0\n',
      },
      findings: ['requirements.txt'],
    },
    {
      name: 'a README that talks about coverage does not count',
      files: { ...node, 'README.md': 'Run `npm test -- --coverage` to see coverage.\n', 'vitest.config.ts': 'export default { test: { environment: "node" } };\n' },
      findings: ['package.json'],
    },
    {
      name: 'an nps task file without coverage, and go test flags outside the build files',
      files: {
        ...node,
        'package.json': '{"name":"api","scripts":{"start":"nps","test":"nps test"},"devDependencies":{"jest":"^29.0.0"}}',
        'package-scripts.js': "module.exports = { scripts: { test: { script: 'jest --runInBand' }, lint: 'eslint src' } };\n",
        'docs/testing.md': 'Run `gotestsum -- -test.coverprofile coverage.out ./...` for a report.\n',
      },
      findings: ['package.json'],
    },
    {
      name: 'coverage steps that are commented out: a Makefile target, a CI line, a JaCoCo plugin in an XML comment',
      files: {
        ...go,
        Makefile: 'build:\n\tgo build -o app .\n\n#test:\n#\tgo test -v ./... -cover\n',
        'scripts/test.sh': '#!/bin/sh\n# go test -coverprofile=coverage.out ./...\ngo test ./...\n',
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          go test ./...\n          # go tool cover -html=coverage.out\n          # codecov upload\n',
      },
      findings: ['go.mod'],
    },
    {
      name: 'a JaCoCo plugin inside an XML comment of the Maven build',
      files: {
        'pom.xml': '<project>\n  <artifactId>app</artifactId>\n  <!-- <plugin><artifactId>jacoco-maven-plugin</artifactId></plugin> -->\n</project>\n',
        'src/main/java/com/example/App.java': 'package com.example;\n\npublic class App {\n  public static void main(String[] args) {}\n}\n',
      },
      findings: ['pom.xml'],
      fix: 'none',
    },
    {
      name: "the Angular CLI template's karma-coverage, which its built-in Karma setup uses only when asked",
      files: angularApp(),
      findings: ['web/package.json'],
      fix: 'none',
    },
  ],
  passes: [
    { name: 'an Angular CLI app tested with --code-coverage', files: angularApp('ng test --code-coverage --watch=false') },
    {
      name: 'karma-coverage in a Karma project of its own',
      files: {
        'package.json': '{"name":"lib","scripts":{"test":"karma start"},"devDependencies":{"karma":"^6.4.0","karma-coverage":"^2.2.0"}}',
        'src/index.js': 'module.exports = 1;\nexports.b = 2;\n',
      },
    },
    { name: 'pytest-cov in requirements', files: { ...flask, 'requirements-dev.txt': 'pytest-cov==5.0.0\n' } },
    { name: '.coveragerc', files: { ...flask, '.coveragerc': '[run]\nsource = app\n' } },
    { name: '[tool.coverage] in pyproject', files: { ...flask, 'pyproject.toml': '[tool.coverage.run]\nbranch = true\n' } },
    { name: 'vitest coverage settings', files: { ...node, 'vitest.config.ts': 'export default { test: { coverage: { provider: "v8" } } };\n' } },
    {
      name: 'jest coverage in package.json',
      files: { 'package.json': '{"name":"a","jest":{"collectCoverage":true}}', 'src/a.js': 'module.exports = 1;\nexports.b = 2;\n' },
    },
    {
      name: '--coverage in a package script',
      files: { ...node, 'package.json': '{"name":"api","scripts":{"test":"jest --coverage"}}' },
    },
    {
      name: 'go test -coverprofile in CI',
      files: {
        ...go,
        '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: go test -race -coverprofile=coverage.out ./...\n',
      },
    },
    {
      name: 'go test -cover in a Makefile',
      files: { ...go, Makefile: '# test runs the suite with coverage\ntest:\n\tgo test -cover ./... # and a comment after it\n' },
    },
    {
      name: 'coverage flags passed to the test binary through gotestsum in a Makefile variable',
      files: { ...go, Makefile: 'TESTS_ARGS := --format testname --\nTESTS_ARGS += -test.coverprofile   coverage.out\n\ntests:\n\tgotestsum $(TESTS_ARGS) -short\n' },
    },
    {
      name: 'a coverage task in an nps task file',
      files: {
        ...node,
        'package.json': '{"name":"api","scripts":{"start":"nps","test":"npm start test"}}',
        'package-scripts.js': "module.exports = { scripts: { test: { default: 'jest', coverage: { script: 'nps \"test --coverage\"' } } } };\n",
      },
    },
    {
      name: 'the Codecov action',
      files: {
        ...go,
        '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: codecov/codecov-action@v4\n',
      },
    },
    {
      name: 'JaCoCo in the Maven build',
      files: {
        'pom.xml': '<project><build><plugins><plugin><groupId>org.jacoco</groupId><artifactId>jacoco-maven-plugin</artifactId></plugin></plugins></build></project>',
        'src/main/java/A.java': 'class A {\n}\n',
      },
    },
    {
      name: 'coverlet in a .NET test project that CI asks to collect',
      files: {
        'Api/Api.csproj': '<Project/>',
        'Api/Orders.cs': 'namespace Api;\npublic class Orders {}\n',
        'Api.Tests/Api.Tests.csproj': '<Project><ItemGroup><PackageReference Include="coverlet.collector" Version="6.0.2" /></ItemGroup></Project>',
        '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: dotnet test --collect:"XPlat Code Coverage"\n',
      },
    },
    {
      name: 'coverage switched on in the test project',
      files: {
        'Api/Api.csproj': '<Project/>',
        'Api/Orders.cs': 'namespace Api;\npublic class Orders {}\n',
        'Api.Tests/Api.Tests.csproj': '<Project><PropertyGroup><CollectCoverage>true</CollectCoverage></PropertyGroup></Project>',
      },
    },
    {
      name: 'coverlet.msbuild added to the test project',
      files: {
        'Api/Api.csproj': '<Project/>',
        'Api/Orders.cs': 'namespace Api;\npublic class Orders {}\n',
        'Api.Tests/Api.Tests.csproj': '<Project><ItemGroup><PackageReference Include="coverlet.msbuild" Version="6.0.2" /></ItemGroup></Project>',
      },
    },
    {
      name: 'a Jest config with coverage settings beside commented-out ones',
      files: {
        'package.json': '{"name":"a"}',
        'src/a.js': 'module.exports = 1;\nexports.b = 2;\n',
        'jest.config.js': 'module.exports = {\n  // coverageDirectory: "coverage",\n  collectCoverage: true,\n};\n',
      },
    },
    {
      name: 'a Vitest config whose coverage block follows a glob',
      files: {
        'package.json': '{"name":"a"}',
        'src/a.ts': 'export const a = 1;\nexport const b = 2;\n',
        'vitest.config.ts': "export default {\n  test: {\n    include: ['src/**/*.test.ts'],\n    coverage: { include: ['src/**'] },\n  },\n};\n",
      },
    },
    { name: 'codecov.yml', files: { ...go, 'codecov.yml': 'coverage:\n  status:\n    project: on\n' } },
  ],
  notApplicable: [{ name: 'no source code', files: { 'README.md': '# x', 'deploy.yaml': 'kind: Deployment\n' } }],
});

describe('testing/no-coverage-config messages', () => {
  it('suggests the tool of the language', () => {
    const result = runRule(rule, flask);
    expect(result.findings[0].message).toBe(
      'No test coverage is measured for the 1 Python source file(s): run pytest with pytest-cov (`pytest --cov`) and configure it in [tool.coverage] or .coveragerc',
    );
  });
});
