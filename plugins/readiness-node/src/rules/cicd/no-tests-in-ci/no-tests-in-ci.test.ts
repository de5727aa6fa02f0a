import { describeRule } from '../../../testing';
import rule from '.';

const workflow = (steps: string) =>
  `name: CI\non: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps}`;

const NUKE_BOOTSTRAP = '#!/usr/bin/env bash\nTEMP_DIRECTORY="$SCRIPT_DIR//.nuke/temp"\n"$DOTNET_EXE" run --project "$SCRIPT_DIR/build/_build.csproj" --no-build -- "$@"\n';
const NUKE_BUILD = [
  'partial class Build : NukeBuild',
  '{',
  '    public static int Main () => Execute<Build>(x => x.Compile);',
  '    Target Compile => _ => _',
  '        .Executes(() => DotNetBuild(s => s.SetProjectFile(Solution)));',
  '    Target UnitTests => _ => _',
  '        .DependsOn(Compile)',
  '        .Executes(() => DotNetTest(s => s.SetProjectFile(Solution).SetFilter("UnitTests")));',
  '    Target Ci => _ => _',
  '        .Triggers(UnitTests)',
  '        .Executes(() => { });',
  '}',
  '',
].join('\n');

describeRule(rule, {
  fails: [
    {
      name: 'reported at the build pipeline, not at code scanning, mirroring or release workflows',
      files: {
        '.github/workflows/build.yml': workflow('      - run: go build ./...\n'),
        '.github/workflows/codeql-analysis.yml': 'name: CodeQL\non: push\njobs:\n  analyze:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: github/codeql-action/analyze@v3\n',
        '.github/workflows/mirror.yaml': 'on: push\njobs:\n  mirror:\n    runs-on: ubuntu-latest\n    steps:\n      - run: git push --mirror https://gitee.com/x/y.git\n',
      },
      findings: ['.github/workflows/build.yml'],
    },
    {
      name: 'only auxiliary workflows: each is reported',
      files: {
        '.github/workflows/codeql.yml': 'on: push\njobs:\n  analyze:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: github/codeql-action/analyze@v3\n',
        '.github/workflows/release.yml': 'on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx semantic-release\n',
      },
      findings: ['.github/workflows/codeql.yml', '.github/workflows/release.yml'],
    },
    {
      name: 'a local composite action that only builds, and a local action that is not composite',
      files: {
        '.github/workflows/ci.yml': workflow('      - uses: ./.github/actions/build\n      - uses: ./.github/actions/docker-image\n'),
        '.github/actions/build/action.yml': 'runs:\n  using: composite\n  steps:\n    - run: npm ci && npm run build\n      shell: bash\n',
        '.github/actions/docker-image/action.yml': 'runs:\n  using: docker\n  image: Dockerfile\n',
        'docs/ci.md': 'run `npm test` locally\n',
      },
      findings: ['.github/workflows/ci.yml'],
    },
    {
      name: 'Travis running only an env-prefixed build and a start task that builds',
      files: {
        'package.json': JSON.stringify({ scripts: { start: 'nps' } }),
        '.travis.yml': 'language: node_js\nscript:\n  - env NODE_ENV=production npm run build\n  - npm start build.prod\n  - flask run\n',
      },
      findings: ['.travis.yml'],
    },
    {
      name: 'an extension-less CI entry script that only builds',
      files: {
        '.ci/run': '#!/bin/sh\nyarn install\nyarn build\n',
        'ci/notes': 'yarn test is run by hand\n',
        '.github/workflows/ci.yml': workflow('      - run: ./.ci/run\n      - run: cat ci/notes\n'),
      },
      findings: ['.github/workflows/ci.yml'],
    },
    {
      name: 'a workflow that only lints and builds',
      files: {
        'package.json': JSON.stringify({
          scripts: { lint: 'eslint .', build: 'tsc', test: 'jest' },
        }),
        '.github/workflows/ci.yml': workflow(
          '      - run: npm ci\n      - run: npm run lint\n      - run: npm run build\n',
        ),
      },
      findings: ['.github/workflows/ci.yml'],
    },
    {
      name: 'installing pytest is not running it',
      files: {
        '.github/workflows/ci.yml': workflow(
          '      - run: pip install pytest ruff\n      - run: ruff check .\n',
        ),
      },
      findings: ['.github/workflows/ci.yml'],
    },
    {
      name: 'maven with tests skipped, gradle with tests excluded',
      files: {
        '.gitlab-ci.yml':
          'build:\n  script:\n    - mvn -B package -DskipTests\n    - ./gradlew build -x test\n',
      },
      findings: ['.gitlab-ci.yml'],
    },
    {
      name: 'an npm script named ci that only builds',
      files: {
        'package.json': JSON.stringify({
          scripts: {
            ci: 'npm run lint && npm run build',
            lint: 'eslint .',
            build: 'vite build',
          },
        }),
        '.github/workflows/ci.yml': workflow('      - run: npm run ci\n'),
      },
    },
    {
      name: 'a commented-out test line in a Jenkinsfile',
      files: {
        Jenkinsfile:
          "pipeline {\n  stages {\n    stage('build') {\n      steps {\n        // sh 'mvn test'\n        sh 'mvn -DskipTests package'\n      }\n    }\n  }\n}\n",
      },
      findings: ['Jenkinsfile'],
    },
    {
      name: 'a .NET build program that only builds and formats',
      files: {
        'build/build.csproj': '<Project Sdk="Microsoft.NET.Sdk" />',
        'build/Program.cs':
          'Target("build", () => Run("dotnet", "build App.sln -c Release"));\nTarget("format", () => Run("dotnet", "csharpier format ."));\n',
        'tests/Unit/TestRunner.cs': 'Run("dotnet", "test x.csproj");\n',
        '.github/workflows/ci.yml': workflow('      - run: dotnet run --project build/build.csproj\n'),
      },
      findings: ['.github/workflows/ci.yml'],
    },
    {
      name: 'a NUKE build run for a target that only compiles, and with no target (its default compiles)',
      files: {
        'build.sh': NUKE_BOOTSTRAP,
        'build/_build.csproj': '<Project Sdk="Microsoft.NET.Sdk" />',
        'build/Build.cs': NUKE_BUILD,
        '.github/workflows/ci.yml': workflow('      - run: ./build.sh Compile --configuration Release\n      - run: ./build.sh\n'),
      },
      findings: ['.github/workflows/ci.yml'],
    },
    {
      name: 'Azure Pipelines that build and publish test results, and run dotnet for another command',
      files: {
        'azure-pipelines.yml': [
          'steps:',
          '  - task: VSBuild@1',
          '    inputs:',
          "      solution: '**/*.sln'",
          '  - task: DotNetCoreCLI@2',
          '    inputs:',
          '      command: publish',
          '  - task: Maven@4',
          '    inputs:',
          "      goals: 'package'",
          "      options: '-DskipTests'",
          '',
        ].join('\n'),
      },
      findings: ['azure-pipelines.yml'],
    },
    {
      name: 'tox with a lint environment only',
      files: {
        '.github/workflows/lint.yml': workflow('      - run: tox -e lint\n'),
      },
    },
    {
      name: 'a psake CI task that compiles and publishes, with a Test task it does not depend on',
      files: {
        'psakefile.ps1': [
          'task default -depends Test',
          'task CI -depends Clean, Compile, Publish -description "CI {build}"',
          'task Test -depends Compile { exec { dotnet test --no-build } }',
          'task Compile { exec { dotnet build -c Release } }',
          'task Clean { exec { dotnet clean } }',
          'task Publish -depends Compile {',
          '    exec { dotnet publish -o publish }',
          '}',
          '',
        ].join('\n'),
        '.github/workflows/ci.yml': workflow("      - run: invoke-psake ci -properties ${'version':'1.0.0'}\n        shell: pwsh\n"),
      },
      findings: ['.github/workflows/ci.yml'],
    },
    {
      name: "Travis's implied Go script runs the Makefile's first target, which only builds",
      files: {
        '.travis.yml': 'language: go\ngo:\n  - 1.22.x\n',
        Makefile: 'export APP=svc\n\nbuild:\n\tgo build .\n\ntest:\n\tgo test ./...\n',
      },
      findings: ['.travis.yml'],
    },
    {
      name: 'a Python Travis configuration without a script runs nothing by default',
      files: { '.travis.yml': 'language: python\ninstall:\n  - pip install -r requirements.txt\n', 'tests/test_app.py': '' },
      findings: ['.travis.yml'],
    },
  ],
  passes: [
    {
      name: 'a job that uses a local composite action whose steps run the tests, beside a release workflow run after it',
      files: {
        '.github/workflows/main.yml': workflow('      - uses: ./.github/workflows/shared-build\n'),
        '.github/workflows/shared-build/action.yml':
          'name: Shared build\nruns:\n  using: composite\n  steps:\n    - run: pip install -r requirements.txt\n      shell: bash\n    - run: python manage.py test\n      shell: bash\n',
        '.github/workflows/release.yml':
          'name: release\non:\n  workflow_run:\n    workflows: [main]\n    types: [completed]\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: git push origin release\n',
      },
    },
    {
      name: 'a local composite action that runs the tests through a nested local action',
      files: {
        '.github/workflows/ci.yml': workflow('      - uses: ./.github/actions/check\n'),
        '.github/actions/check/action.yaml': 'runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/go-test\n',
        '.github/actions/go-test/action.yml': 'runs:\n  using: composite\n  steps:\n    - run: go test ./...\n      shell: bash\n',
      },
    },
    {
      name: 'Travis running a make target whose prerequisite runs go test, behind an env prefix',
      files: {
        'go.mod': 'module x\n',
        'Makefile': 'ci: dependencies test\n\ndependencies:\n\tgo mod download\n\ntest:\n\tgo test ./...\n',
        '.travis.yml': 'language: go\nscript: env GO111MODULE=on make ci\n',
      },
    },
    {
      name: "CircleCI running the Flask app's test command",
      files: {
        'requirements.txt': 'flask==1.0.2\n',
        '.circleci/config.yml': 'version: 2\njobs:\n  build:\n    docker:\n      - image: python:3.11\n    steps:\n      - checkout\n      - run:\n          command: flask test\n',
      },
    },
    {
      name: 'Travis running nps test tasks through npm start',
      files: {
        'package.json': JSON.stringify({ scripts: { start: 'nps' } }),
        '.travis.yml': 'language: node_js\nscript:\n  - npm start test\n  - npm start build\n',
      },
    },
    {
      name: 'an extension-less CI entry script that execs the test script',
      files: {
        '.ci/run': '#!/usr/bin/env bash\nset -euo pipefail\nexec bash scripts/check.sh\n',
        'scripts/check.sh': '#!/usr/bin/env bash\nyarn tsc\nyarn backstage-cli repo test --watchAll=false\n',
        '.github/workflows/ci.yml': workflow('      - run: ./.ci/run\n'),
      },
    },
    {
      name: 'a test script launched through uv run from a working directory',
      files: {
        'backend/scripts/tests-start.sh': '#!/bin/bash\nset -e\npython app/pre_start.py\nbash scripts/test.sh "$@"\n',
        '.github/workflows/test-backend.yml': workflow(
          '      - run: uv run bash scripts/tests-start.sh "Coverage"\n        working-directory: backend\n',
        ),
      },
    },
    {
      name: 'a pnpm workspace filter before the e2e script name',
      files: {
        'apps/web/package.json': JSON.stringify({ name: 'web', scripts: { e2e: 'playwright test' } }),
        '.github/workflows/e2e.yml': workflow('      - run: pnpm install\n      - run: pnpm --filter web e2e\n'),
      },
    },
    {
      name: 'Playwright run inside a compose service',
      files: {
        '.github/workflows/e2e.yml': workflow(
          '      - run: docker compose build\n      - run: docker compose run --rm playwright bunx playwright test --shard=1/4\n',
        ),
      },
    },
    {
      name: 'npm test',
      files: {
        '.github/workflows/ci.yml': workflow(
          '      - run: npm ci\n      - run: npm test\n',
        ),
      },
    },
    {
      name: 'pytest through uv',
      files: {
        '.github/workflows/ci.yml': workflow('      - run: uv run pytest -q\n'),
      },
    },
    {
      name: 'python -m pytest in a multi-line run',
      files: {
        '.github/workflows/ci.yml': workflow(
          '      - run: |\n          pip install -r requirements.txt\n          python -m pytest --cov\n',
        ),
      },
    },
    {
      name: 'go test',
      files: {
        '.github/workflows/ci.yml': workflow(
          '      - run: go test -race ./...\n',
        ),
      },
    },
    {
      name: 'mvn verify',
      files: {
        '.github/workflows/ci.yml': workflow('      - run: ./mvnw -B verify\n'),
      },
    },
    {
      name: 'mvn package runs the tests',
      files: { '.gitlab-ci.yml': 'build:\n  script: mvn -B package\n' },
    },
    {
      name: 'gradle build',
      files: {
        'bitbucket-pipelines.yml':
          'pipelines:\n  default:\n    - step:\n        script:\n          - ./gradlew build\n',
      },
    },
    {
      name: 'dotnet test in Azure Pipelines',
      files: {
        'azure-pipelines.yml': 'steps:\n  - script: dotnet test --no-build\n',
      },
    },
    {
      name: 'a .NET build program (Bullseye) whose targets run dotnet test',
      files: {
        'Build/Build.csproj': '<Project Sdk="Microsoft.NET.Sdk" />',
        'Build/Program.cs': [
          'Target("build", () => Run("dotnet", "build App.sln -c Release"));',
          'Target("test", ["build"], () => {',
          '    foreach (var file in Glob.Files(".", "tests/**/*.csproj"))',
          '        Run("dotnet", $"test {file} -c Release --no-build");',
          '});',
          'Target("default", ["test"]);',
          '',
        ].join('\n'),
        'build.sh': '#!/usr/bin/env bash\ndotnet run --project Build/Build.csproj -- "$@"\n',
        '.github/workflows/ci.yml': workflow('      - run: dotnet run --project build/build.csproj\n'),
        '.gitlab-ci.yml': 'test:\n  script:\n    - ./build.sh\n',
      },
    },
    {
      name: 'a NUKE build run through its bootstrapper for a target that triggers the tests, with options after it',
      files: {
        'build.sh': NUKE_BOOTSTRAP,
        'build/_build.csproj': '<Project Sdk="Microsoft.NET.Sdk" />',
        'build/Build.cs': NUKE_BUILD,
        '.github/workflows/ci.yml': workflow('      - run: ./build.sh Ci --configuration Release\n'),
      },
    },
    {
      name: 'the NUKE global tool run for a target that runs the tests, named in kebab case',
      files: {
        'build/_build.csproj': '<Project Sdk="Microsoft.NET.Sdk" />',
        'build/Build.cs': NUKE_BUILD,
        '.gitlab-ci.yml': 'test:\n  script:\n    - dotnet tool restore\n    - nuke unit-tests\n',
      },
    },
    {
      name: 'a NUKE target named after --target that depends on a target of a build component',
      files: {
        'build.ps1': '$TempDirectory = "$PSScriptRoot\\.nuke\\temp"\n& $env:DOTNET_EXE run --project $BuildProjectFile -- $BuildArguments\n',
        'build/_build.csproj': '<Project Sdk="Microsoft.NET.Sdk" />',
        'build/Build.cs': 'class Build : NukeBuild, ITest\n{\n    Target Ci => _ => _\n        .DependsOn<ITest>(x => x.Test);\n}\n',
        'build/Components/ITest.cs': 'interface ITest : INukeBuild\n{\n    Target Test => _ => _\n        .Executes(() => DotNetTest(_ => _));\n}\n',
        '.github/workflows/ci.yml': workflow('      - run: pwsh ./build.ps1 --target Ci\n'),
      },
    },
    {
      name: 'Azure Pipelines VSTest task',
      files: {
        'azure-pipelines.yml': "pool:\n  vmImage: windows-latest\nsteps:\n  - task: VSBuild@1\n  - task: VSTest@2\n    inputs:\n      platform: 'Any CPU'\n",
      },
    },
    {
      name: 'Azure Pipelines DotNetCoreCLI test task inside stages and jobs',
      files: {
        'azure-pipelines.yml': [
          'stages:',
          '  - stage: Build',
          '    jobs:',
          '      - job: Test',
          '        steps:',
          '          - task: DotNetCoreCLI@2',
          '            inputs:',
          '              command: test',
          "              projects: '**/*Tests.csproj'",
          '',
        ].join('\n'),
      },
    },
    {
      name: 'pytest as a module through uv with runner options, and Django tests through manage as a module',
      files: {
        '.github/workflows/ci.yml': workflow('      - run: |\n          uv run --locked -m manage collectstatic --noinput\n          uv run -m pytest\n'),
        '.gitlab-ci.yml': 'test:\n  script:\n    - uv run --frozen python -m manage test\n',
      },
    },
    {
      name: 'a Cake script that runs the tests',
      files: {
        'build.cake': 'Task("Test").Does(() => DotNetTest("./App.sln"));\nRunTarget("Test");\n',
        '.github/workflows/ci.yml': workflow('      - run: dotnet tool restore\n      - run: dotnet cake\n'),
      },
    },
    {
      name: 'cargo test in CircleCI',
      files: {
        '.circleci/config.yml':
          'jobs:\n  test:\n    steps:\n      - run: cargo test\n',
      },
    },
    {
      name: 'make test through a Makefile target with another name',
      files: {
        Makefile: 'ci: lint unit\n\nlint:\n\truff check .\n\nunit:\n\tpytest\n',
        '.github/workflows/ci.yml': workflow('      - run: make ci\n'),
      },
    },
    {
      name: 'an npm script that calls vitest',
      files: {
        'package.json': JSON.stringify({
          scripts: { verify: 'vitest run && tsc' },
        }),
        '.github/workflows/ci.yml': workflow('      - run: pnpm verify\n'),
      },
    },
    {
      name: 'yarn test:unit',
      files: {
        '.github/workflows/ci.yml': workflow('      - run: yarn test:unit\n'),
      },
    },
    {
      name: 'a Jenkinsfile with a multi-line sh block',
      files: {
        Jenkinsfile:
          "pipeline {\n  stages {\n    stage('t') {\n      steps {\n        sh '''\n          npm ci\n          npx jest --ci\n        '''\n      }\n    }\n  }\n}\n",
      },
    },
    {
      name: 'a reusable workflow that runs tests',
      files: {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  call:\n    uses: ./.github/workflows/checks.yml\n',
        '.github/workflows/checks.yml':
          'on: workflow_call\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: tox\n',
      },
    },
    {
      name: 'a test action',
      files: {
        '.github/workflows/e2e.yml': workflow(
          '      - uses: cypress-io/github-action@v6\n',
        ),
      },
    },
    {
      name: 'a script file named for tests',
      files: {
        '.github/workflows/ci.yml': workflow(
          '      - run: ./scripts/run-tests.sh\n',
        ),
      },
    },
    {
      name: 'tests run inside docker compose',
      files: {
        '.github/workflows/ci.yml': workflow(
          '      - run: docker compose run --rm api pytest\n',
        ),
      },
    },
    {
      name: 'gradle action with a check argument',
      files: {
        '.github/workflows/ci.yml': workflow(
          '      - uses: gradle/gradle-build-action@v3\n        with:\n          arguments: check\n',
        ),
      },
    },
    {
      name: 'psake: the CI task named by the workflow depends on a Test task that runs dotnet test',
      files: {
        'psakefile.ps1': [
          'properties { $configuration = "Release" }',
          'task CI -depends Clean, Test, Publish -description "Continuous Integration"',
          'task Test -depends Compile, MigrateTest -description "Run unit tests" {',
          '    exec { dotnet test --configuration $configuration --no-build -l "trx;LogFileName=x.trx" }',
          '}',
          'task Compile { exec { dotnet build } }',
          '',
        ].join('\n'),
        '.github/workflows/ci.yml': workflow(
          "      - run: pwsh .\\setup.ps1\n      - shell: pwsh\n        run: |\n          invoke-psake ci -properties ${'version':'${{ steps.v.outputs.semVer }}'}\n",
        ),
      },
    },
    {
      name: "psake's default task, through the repository's psake.sh helper and a build file named on the command line",
      files: {
        'tools/tasks.ps1': "task default -depends Verify\ntask Verify -depends Test\ntask Test { Exec { dotnet test } }\n",
        'psake.sh': '#!/usr/bin/env pwsh\ninvoke-psake @args\n',
        '.gitlab-ci.yml': 'ci:\n  script:\n    - ./psake.sh tools/tasks.ps1\n',
      },
    },
    {
      name: 'a PowerShell script given with a Windows path',
      files: {
        'eng/ci.ps1': 'dotnet restore\ndotnet test --no-restore\n',
        '.github/workflows/ci.yml': workflow('      - run: pwsh .\\eng\\ci.ps1\n'),
      },
    },
    {
      name: "Travis's implied Go script: make, whose first target depends on test",
      files: {
        '.travis.yml': 'language: go\nenv:\n  - GO111MODULE=on\ngo:\n  - 1.22.x\n',
        Makefile: 'export ROOT=$(realpath .)\nAPP := svc\n\nall: build test\n\nbuild:\n\tgo build .\n\ntest:\n\tgo test -race ./...\n',
      },
    },
    {
      name: 'a bare make whose declared default goal runs the tests',
      files: {
        Makefile: '.DEFAULT_GOAL := ci\n\nbuild:\n\tgo build .\n\nci: build\n\tgo test ./...\n',
        '.github/workflows/ci.yml': workflow('      - run: make\n'),
      },
    },
    {
      name: "Travis's implied Node script is npm test",
      files: { '.travis.yml': 'language: node_js\nnode_js:\n  - 20\n' },
    },
  ],
  notApplicable: [
    { name: 'no CI at all', files: { 'app.py': '' } },
    {
      name: 'the only workflow does not parse',
      files: { '.github/workflows/ci.yml': 'on: [push\n' },
    },
  ],
});
