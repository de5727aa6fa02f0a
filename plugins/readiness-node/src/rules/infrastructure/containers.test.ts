import { snapshotFromFiles } from '../../snapshot';
import { buildFacts } from '../../facts';
import { parseDockerfile } from '../../facts/dockerfiles';
import { declaredBuildsOf, isOneOffService, isTestOnlyContainerPath, isVendored, runsTestSuite } from './containers';

const buildsOf = (files: Record<string, string>) => declaredBuildsOf(buildFacts(snapshotFromFiles(files)));

describe('declaredBuildsOf', () => {
  it('reads docker build commands from CI, Makefiles and scripts', () => {
    expect(
      buildsOf({
        '.gitlab-ci.yml':
          'build:\n  script:\n    - docker build -f docker/Dockerfile -t $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA .\n    - docker compose build\n',
        Makefile:
          'image:\n\tpodman build -t api ./api && docker buildx build --label "title=my app" --target=prod -o type=docker services/web\n',
        'scripts/release.sh':
          '#!/bin/sh\ndocker build \\\n  --build-arg SHA=$(git rev-parse HEAD) \\\n  --file worker/Dockerfile.prod \\\n  worker\n',
      }),
    ).toEqual([
      { dockerfile: 'docker/Dockerfile', context: '', tags: ['$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA'], source: '.gitlab-ci.yml' },
      { dockerfile: 'api/Dockerfile', context: 'api', tags: ['api'], source: 'Makefile' },
      { dockerfile: 'services/web/Dockerfile', context: 'services/web', tags: [], source: 'Makefile' },
      { dockerfile: 'worker/Dockerfile.prod', context: 'worker', tags: [], source: 'scripts/release.sh' },
    ]);
  });

  it('reads command substitutions that hold pipes or other substitutions as one word', () => {
    expect(
      buildsOf({
        Makefile: [
          'image:',
          '\tdocker buildx build $(if $(PUSH),--push) \\',
          "\t\t-t acme/app:$(shell echo $(VERSION) | cut -d '.' -f -2) \\",
          '\t\t--build-arg LD_FLAGS="$$LD_FLAGS" -f docker/Dockerfile .',
          '',
        ].join('\n'),
      }),
    ).toEqual([{ dockerfile: 'docker/Dockerfile', context: '', tags: ['acme/app:$EXPR'], source: 'Makefile' }]);
  });

  it("expands a Makefile's own variables in its docker build commands, leaving functions and unassigned ones", () => {
    expect(
      buildsOf({
        'mk/images.mk':
          'REGISTRY ?= localhost/acme\nAPI_IMAGE := $(REGISTRY)/api:${VERSION}\nVERSION = 1.2\n\napi:\n\tdocker build -t $(API_IMAGE) -t $(OTHER) .\n\tdocker build -f $(DOCKERFILE) .\n',
        Makefile: 'DIR := services/web\nweb:\n\tdocker build -t web:$(shell git rev-parse --short HEAD) $(DIR)\n',
      }),
    ).toEqual([
      { dockerfile: 'services/web/Dockerfile', context: 'services/web', tags: ['web:$EXPR'], source: 'Makefile' },
      { dockerfile: 'Dockerfile', context: '', tags: ['localhost/acme/api:1.2', '$EXPR'], source: 'mk/images.mk' },
    ]);
  });

  it('reads the docker_build calls of a Tiltfile, relative to it, and skips those it cannot resolve', () => {
    expect(
      buildsOf({
        'dev/Tiltfile': [
          "docker_build('api', '../api')",
          "docker_build(ref='web', context='..', dockerfile='../web/Dockerfile.dev', live_update=[sync('../web', '/app')])",
          '# docker_build("old", "../old")',
          "docker_build('job', job_dir)",
          "docker_build('worker', '../worker', dockerfile=worker_dockerfile)",
          '',
        ].join('\n'),
      }),
    ).toEqual([
      { dockerfile: 'api/Dockerfile', context: 'api', tags: ['api'], source: 'dev/Tiltfile' },
      { dockerfile: 'web/Dockerfile.dev', context: '', tags: ['web'], source: 'dev/Tiltfile' },
    ]);
  });

  it('reads tags given after the context, and skips commented-out builds', () => {
    expect(
      buildsOf({
        Makefile: 'image:\n\t@docker build . -t shop:latest\n\n#old-image:\n#\tdocker build ./legacy -t shop-legacy\n',
      }),
    ).toEqual([{ dockerfile: 'Dockerfile', context: '', tags: ['shop:latest'], source: 'Makefile' }]);
  });

  it('reads docker/build-push-action steps, with their defaults', () => {
    expect(
      buildsOf({
        '.github/workflows/ci.yml': [
          'on: push',
          'jobs:',
          '  build:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - uses: docker/build-push-action@v6',
          '      - uses: docker/build-push-action@v6',
          '        with:',
          '          context: "{{defaultContext}}:app"',
          '      - uses: docker/build-push-action@v6',
          '        with:',
          '          context: ./svc',
          '          file: ./svc/Containerfile',
          '          tags: ghcr.io/acme/svc:latest,ghcr.io/acme/svc:1.0',
          '      - run: docker build --tag app:${{ github.sha }} --build-arg X=${{ github.ref }} ./gha',
        ].join('\n'),
      }),
    ).toEqual([
      { dockerfile: 'gha/Dockerfile', context: 'gha', tags: ['app:$EXPR'], source: '.github/workflows/ci.yml' },
      { dockerfile: 'Dockerfile', context: '', tags: [], source: '.github/workflows/ci.yml' },
      { dockerfile: 'Dockerfile', context: '', tags: [], source: '.github/workflows/ci.yml' },
      { dockerfile: 'svc/Containerfile', context: 'svc', tags: ['ghcr.io/acme/svc:latest', 'ghcr.io/acme/svc:1.0'], source: '.github/workflows/ci.yml' },
    ]);
  });

  it('leaves out builds it cannot place', () => {
    expect(
      buildsOf({
        'build.sh': [
          'docker build - < Dockerfile',
          'docker build https://github.com/acme/app.git#main',
          'docker build -f $DOCKERFILE .',
          'docker build -t x $CONTEXT',
          'docker build',
          'echo docker images',
        ].join('\n'),
        'node_modules/pkg/build.sh': 'docker build -f other/Dockerfile .\n',
      }),
    ).toEqual([]);
  });
});

describe('isOneOffService', () => {
  const service = (name: string, profiles: string[] = []) => ({
    name,
    environment: [],
    volumes: [],
    profiles,
  });
  it.each([
    [service('seed'), true],
    [service('db-migrate'), true],
    [service('minio_init'), true],
    [service('report', ['tools']), true],
    [service('api'), false],
    [service('worker'), false],
    [service('initiator'), false],
    [service('metrics', ['monitoring']), false],
  ])('%o → %s', (svc, expected) => {
    expect(isOneOffService(svc)).toBe(expected);
  });
});

describe('isVendored', () => {
  it.each([
    ['node_modules/x/Dockerfile', true],
    ['a/vendor/b/compose.yaml', true],
    ['vendor', false],
    ['src/vendors/Dockerfile', false],
  ])('%s → %s', (path, expected) => {
    expect(isVendored(path)).toBe(expected);
  });
});

describe('test-only containers', () => {
  it.each([
    ['Dockerfile.test', true],
    ['ci.Dockerfile', true],
    ['docker/e2e.Dockerfile', true],
    ['docker-compose.test.yml', true],
    ['compose.ci.yaml', true],
    ['.ci/Dockerfile.cypress', true],
    ['compose.playwright.yaml', true],
    ['.ci/compose.yaml', true],
    ['.ci/Dockerfile', true],
    ['.ci/deploy.sh', false],
    ['ci/Dockerfile', false],
    ['cypress.config.ts', false],
    ['Dockerfile', false],
    ['docker-compose.yml', false],
    ['Dockerfile.prod', false],
    ['latest.Dockerfile', false],
    ['docker-compose.override.yml', false],
  ])('%s is test-only: %s', (path, expected) => {
    expect(isTestOnlyContainerPath(path)).toBe(expected);
  });

  it('tells a test-runner image by the command of its final stage', () => {
    const parse = (text: string) => parseDockerfile({ path: 'Dockerfile', text, size: text.length });
    expect(runsTestSuite(parse('FROM node:22\nCMD ["npm", "test"]\n'))).toBe(true);
    expect(runsTestSuite(parse('FROM python:3.12 AS test\nCMD pytest\nFROM python:3.12\nCMD ["gunicorn", "app:app"]\n'))).toBe(false);
    expect(runsTestSuite(parse('FROM python:3.12\nCMD ["python", "-m", "pytest", "-q"]\n'))).toBe(true);
    expect(runsTestSuite(parse('FROM node:22\nCMD ["node", "server.js", "--attest"]\n'))).toBe(false);
  });
});
