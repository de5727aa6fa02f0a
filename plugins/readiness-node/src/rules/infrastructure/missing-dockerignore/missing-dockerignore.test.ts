import { describeRule, runRule } from '../../../testing';
import rule from '.';

const DOCKERFILE = 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nUSER node\n';

describeRule(rule, {
  fails: [
    {
      name: 'small build folders that hold a project or an env file',
      files: {
        'svc/Dockerfile': 'FROM golang:1.22\nCOPY . .\nRUN go build -o /app\n',
        'svc/go.mod': 'module svc\n',
        'svc/main.go': 'package main\n',
        'proxy/Dockerfile': 'FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/\n',
        'proxy/nginx.conf': 'events {}\n',
        'proxy/.env': 'UPSTREAM=api\n',
        'worker/Dockerfile': 'FROM alpine:3.20\nCOPY . /opt/worker/\n',
        'worker/run.sh': '#!/bin/sh\n',
      },
      findings: ['proxy/Dockerfile:1', 'svc/Dockerfile:1', 'worker/Dockerfile:1'],
    },
    {
      name: 'the production variant without one (the development Dockerfile beside it is a note)',
      files: { 'app/Dockerfile': DOCKERFILE, 'app/Dockerfile.prod': DOCKERFILE },
      findings: ['app/Dockerfile:1', 'app/Dockerfile.prod:1'],
    },
    {
      name: 'a Dockerfile at the root without .dockerignore',
      files: { Dockerfile: DOCKERFILE, 'package.json': '{}' },
      findings: ['Dockerfile:1'],
    },
    {
      name: 'the ignore file sits in another service of a monorepo',
      files: {
        'services/api/Dockerfile': DOCKERFILE,
        'services/web/Dockerfile': DOCKERFILE,
        'services/web/.dockerignore': 'node_modules\n',
      },
      findings: ['services/api/Dockerfile:1'],
    },
    {
      name: 'the ignore file is next to the Dockerfile but compose builds from the root',
      files: {
        'docker/api/Dockerfile': DOCKERFILE,
        'docker/api/.dockerignore': '.git\n',
        'docker-compose.yml':
          'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/api/Dockerfile\n',
      },
      findings: ['docker/api/Dockerfile:1'],
    },
    {
      name: 'a multi-stage build points at its final stage',
      files: { Dockerfile: 'FROM golang:1.23 AS build\nRUN go build\n\nFROM alpine:3.20\nCOPY --from=build /app /app\n' },
      findings: ['Dockerfile:4'],
    },
    {
      name: 'CI builds from the root, but the ignore file sits next to the Dockerfile',
      files: {
        'docker/Dockerfile': DOCKERFILE,
        'docker/.dockerignore': '.git\n',
        '.gitlab-ci.yml': 'build:\n  script:\n    - docker build -f docker/Dockerfile -t $CI_REGISTRY_IMAGE .\n',
      },
      findings: ['docker/Dockerfile:1'],
    },
    {
      name: 'an image folder whose COPY sources lie in the project folder above it, which has no ignore file',
      files: {
        'svc/docker/backend.dockerfile': 'FROM python:3.12-slim\nCOPY ./requirements.txt /app/\nCOPY ./app /app/app\n',
        'svc/docker/worker.dockerfile': 'FROM python:3.12-slim\nCOPY ./requirements.txt /app/\nCOPY ./scripts /app/scripts\n',
        'svc/requirements.txt': 'fastapi==0.110.0\n',
        'svc/app/main.py': 'app = None\n',
        'svc/scripts/start.sh': '#!/bin/sh\n',
      },
      findings: ['svc/docker/backend.dockerfile:1', 'svc/docker/worker.dockerfile:1'],
    },
    {
      name: 'a Tiltfile builds an image folder from the project folder above it, which has no ignore file',
      files: {
        'svc/docker/Dockerfile': 'FROM alpine:3.20\nCOPY start.sh /start.sh\n',
        'svc/docker/start.sh': '#!/bin/sh\n',
        'svc/docker/.dockerignore': '*\n',
        Tiltfile: "k8s_yaml('k8s/svc.yaml')\ndocker_build('svc', 'svc', dockerfile='svc/docker/Dockerfile')\n",
      },
      findings: ['svc/docker/Dockerfile:1'],
    },
    {
      name: 'a COPY source present in its own folder keeps the context there, though the root (with an ignore file) has it too',
      files: {
        'api/Dockerfile': 'FROM node:22-slim\nCOPY package.json ./\nCOPY dist ./dist\n',
        'api/package.json': '{}',
        'package.json': '{}',
        '.dockerignore': '.git\n',
      },
      findings: ['api/Dockerfile:1'],
    },
  ],
  passes: [
    {
      name: 'a Dockerfile nothing builds whose COPY sources only lie at the root, which has the ignore file',
      files: {
        'docker/django/Dockerfile':
          'FROM python:3.12-slim\nCOPY pyproject.toml uv.lock ./\nCOPY . .\nCOPY ./docker/django/start.sh /start.sh\nCOPY --from=builder /wheels /wheels\n',
        'docker/django/start.sh': '#!/bin/sh\n',
        'pyproject.toml': '[project]\nname = "site"\n',
        'uv.lock': '',
        '.dockerignore': '.git\n.env\n',
      },
    },
    {
      name: 'a Makefile builds from the root with command substitutions (pipes included) in its options',
      files: {
        'docker/Dockerfile': DOCKERFILE,
        '.dockerignore': '.git\n',
        Makefile: [
          'image:',
          '\tdocker buildx build $(if $(PUSH),--push) \\',
          '\t\t--label org.opencontainers.image.created=$(shell date -u +%Y-%m-%dT%H:%M:%SZ) \\',
          "\t\t-t acme/app:$(shell echo $(VERSION) | cut -d '.' -f -2) \\",
          '\t\t-f docker/Dockerfile .',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'a Tiltfile builds an image folder from the root, which has the ignore file',
      files: {
        'deploy/images/api/Dockerfile': DOCKERFILE,
        '.dockerignore': '.git\n',
        Tiltfile: "docker_build(\n  'api',\n  context='.',\n  dockerfile='deploy/images/api/Dockerfile',\n  only=['./src'],\n)\n",
      },
    },
    {
      name: 'a dedicated build folder holding only the Dockerfile and the scripts it copies',
      files: {
        'docker/web/Dockerfile': 'FROM node:22-alpine\nCOPY start.sh /start.sh\nCMD ["/start.sh"]\n',
        'docker/web/start.sh': '#!/bin/sh\nexec yarn serve\n',
        'docker/app/Dockerfile': 'FROM golang:1.22\nCOPY reflex.conf start.sh /\nCMD ["/start.sh"]\n',
        'docker/app/reflex.conf': '-r \\.go$ -s -- sh -c "go run ."\n',
        'docker/app/start.sh': '#!/bin/sh\nreflex -c /reflex.conf\n',
      },
    },
    {
      name: 'a matrix job builds each app Dockerfile from the root, which has the ignore file',
      files: {
        'apps/api/Dockerfile': DOCKERFILE,
        'apps/web/Dockerfile': DOCKERFILE,
        '.dockerignore': 'node_modules/\n',
        '.github/workflows/docker.yml': [
          'on: push',
          'jobs:',
          '  images:',
          '    runs-on: ubuntu-latest',
          '    strategy:',
          '      matrix:',
          '        include:',
          '          - image_name: api',
          '            dockerfile: apps/api/Dockerfile',
          '          - image_name: web',
          '            dockerfile: apps/web/Dockerfile',
          '    steps:',
          '      - uses: docker/build-push-action@v6',
          '        with:',
          '          context: .',
          '          file: ${{ matrix.dockerfile }}',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'CI builds a nested Dockerfile from the root, which has the ignore file',
      files: {
        'docker/Dockerfile': DOCKERFILE,
        '.dockerignore': '.git\n',
        '.github/workflows/release.yml': [
          'on: push',
          'jobs:',
          '  image:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - uses: actions/checkout@v4',
          '      - run: |',
          '          docker build \\',
          '            --build-arg VERSION=${{ github.sha }} \\',
          '            -t ghcr.io/acme/app:${{ github.sha }} \\',
          '            -f docker/Dockerfile .',
        ].join('\n'),
      },
    },
    {
      name: 'docker/build-push-action with a context and a file',
      files: {
        'api/docker/Dockerfile.prod': DOCKERFILE,
        'api/.dockerignore': 'node_modules\n',
        '.github/workflows/ci.yml': [
          'on: push',
          'jobs:',
          '  build:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - uses: docker/build-push-action@v6',
          '        with:',
          '          context: ./api',
          '          file: ./api/docker/Dockerfile.prod',
          '          push: false',
        ].join('\n'),
      },
    },
    {
      name: 'a Makefile builds from the root',
      files: {
        'deploy/docker/Dockerfile': DOCKERFILE,
        '.dockerignore': '.git\n',
        Makefile: 'image:\n\tdocker buildx build --platform linux/amd64 --label "org.opencontainers.image.title=my app" --file=deploy/docker/Dockerfile --load .\n',
      },
    },
    {
      name: 'a development Dockerfile beside its production variant, or named for development, is only a low-confidence note',
      files: {
        'app/Dockerfile': DOCKERFILE,
        'app/Dockerfile.prod': DOCKERFILE,
        'app/Dockerfile.prod.dockerignore': '.git\n',
        'web/Dockerfile.dev': DOCKERFILE,
      },
    },
    {
      name: 'a Dockerfile in examples without one is only a low-confidence note',
      files: { 'examples/demo/Dockerfile': DOCKERFILE, Dockerfile: DOCKERFILE, '.dockerignore': '.git\n' },
    },
    {
      name: '.dockerignore in the Dockerfile directory',
      files: { Dockerfile: DOCKERFILE, '.dockerignore': '.git\nnode_modules\n' },
    },
    {
      name: 'an empty .dockerignore still counts as present',
      files: { 'api/Dockerfile': DOCKERFILE, 'api/.dockerignore': '' },
    },
    {
      name: 'a per-Dockerfile ignore file',
      files: {
        'Dockerfile.prod': DOCKERFILE,
        'Dockerfile.prod.dockerignore': '.git\n',
      },
    },
    {
      name: 'compose builds a nested Dockerfile from the root, which has the ignore file',
      files: {
        'docker/api.Dockerfile': DOCKERFILE,
        '.dockerignore': '.git\n',
        'deploy/compose.yaml':
          'services:\n  api:\n    build:\n      context: ..\n      dockerfile: docker/api.Dockerfile\n',
      },
    },
    {
      name: 'vendored Dockerfiles are not judged',
      files: {
        Dockerfile: DOCKERFILE,
        '.dockerignore': '.git\n',
        'node_modules/some-lib/Dockerfile': DOCKERFILE,
      },
    },
  ],
  notApplicable: [
    { name: 'no Dockerfile', files: { 'index.js': '', '.dockerignore': '.git\n' } },
    {
      name: 'only development-workspace images (dev container, Gitpod, CodeSandbox)',
      files: {
        '.devcontainer/Dockerfile': DOCKERFILE,
        '.gitpod.Dockerfile': 'FROM gitpod/workspace-full\n',
        '.codesandbox/Dockerfile': DOCKERFILE,
      },
    },
    {
      name: 'only compose services running images',
      files: { 'docker-compose.yml': 'services:\n  redis:\n    image: redis:7\n' },
    },
  ],
});

describe('infrastructure/missing-dockerignore findings', () => {
  it('name the build context and mark examples with low confidence', () => {
    const result = runRule(rule, {
      'examples/Dockerfile': DOCKERFILE,
      'docker/api.Dockerfile': DOCKERFILE,
      'docker-compose.yml':
        'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/api.Dockerfile\n',
    });
    expect(result.findings).toEqual([
      expect.objectContaining({
        path: 'docker/api.Dockerfile',
        confidence: 'high',
        message: expect.stringContaining('the repository root'),
      }),
      expect.objectContaining({ path: 'examples/Dockerfile', confidence: 'low' }),
    ]);
  });
});
