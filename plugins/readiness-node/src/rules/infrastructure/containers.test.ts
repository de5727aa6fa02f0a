import { snapshotFromFiles } from '../../engine/snapshot';
import { buildFacts } from '../../facts';
import { declaredBuildsOf, isOneOffService, isVendored } from './containers';

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
      { dockerfile: 'docker/Dockerfile', context: '' },
      { dockerfile: 'api/Dockerfile', context: 'api' },
      { dockerfile: 'services/web/Dockerfile', context: 'services/web' },
      { dockerfile: 'worker/Dockerfile.prod', context: 'worker' },
    ]);
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
          '      - run: docker build --tag app:${{ github.sha }} --build-arg X=${{ github.ref }} ./gha',
        ].join('\n'),
      }),
    ).toEqual([
      { dockerfile: 'gha/Dockerfile', context: 'gha' },
      { dockerfile: 'Dockerfile', context: '' },
      { dockerfile: 'Dockerfile', context: '' },
      { dockerfile: 'svc/Containerfile', context: 'svc' },
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
