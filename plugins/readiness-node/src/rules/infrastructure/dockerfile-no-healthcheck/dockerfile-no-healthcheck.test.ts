import { describeRule, runRule } from '../../../testing';
import rule from '.';

const APP = 'FROM python:3.12-slim\nCOPY . /app\nUSER app\nCMD ["python", "/app/main.py"]\n';

describeRule(rule, {
  fails: [
    {
      name: 'a production variant without one, beside a development Dockerfile (a note)',
      files: { 'app/Dockerfile': APP, 'app/Dockerfile.prod': APP },
      findings: ['app/Dockerfile:1', 'app/Dockerfile.prod:1'],
    },
    {
      name: 'no HEALTHCHECK and no compose file',
      files: { Dockerfile: APP },
      findings: ['Dockerfile:1'],
    },
    {
      name: 'HEALTHCHECK only in the build stage of a multi-stage build',
      files: {
        Dockerfile:
          'FROM node:22 AS build\nHEALTHCHECK CMD true\nRUN npm ci\n\nFROM node:22-slim\nCOPY --from=build /app /app\n',
      },
      findings: ['Dockerfile:5'],
    },
    {
      name: 'an image built for a job and for a long-running service',
      files: {
        Dockerfile: APP,
        'docker-compose.yml':
          'services:\n  api:\n    build: .\n  migrate:\n    build: .\n    command: python manage.py migrate\n',
      },
      findings: ['Dockerfile:1'],
    },
    {
      name: 'HEALTHCHECK NONE',
      files: { Dockerfile: 'FROM alpine:3.20\nHEALTHCHECK NONE\n' },
      findings: ['Dockerfile:2'],
    },
    {
      name: 'a later HEALTHCHECK NONE overrides an earlier check',
      files: { Dockerfile: 'FROM alpine:3.20\nHEALTHCHECK CMD true\nHEALTHCHECK none\n' },
      findings: ['Dockerfile:3'],
    },
    {
      name: 'the compose service building it disables its healthcheck',
      files: {
        'api/Dockerfile': APP,
        'docker-compose.yml':
          'services:\n  api:\n    build: ./api\n    healthcheck:\n      disable: true\n',
      },
      findings: ['api/Dockerfile:1'],
    },
    {
      name: 'the healthcheck is on a different service than the one building it',
      files: {
        'api/Dockerfile': APP,
        'docker-compose.yml':
          'services:\n  api:\n    build: ./api\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n',
      },
      findings: ['api/Dockerfile:1'],
    },
    {
      name: 'each Dockerfile of a monorepo on its own; examples with low confidence',
      files: {
        'services/api/Dockerfile': `${APP}HEALTHCHECK CMD curl -f http://localhost/health\n`,
        'services/worker/Dockerfile': APP,
        'examples/demo/Dockerfile': APP,
        'node_modules/pkg/Dockerfile': APP,
      },
      findings: ['examples/demo/Dockerfile:1', 'services/worker/Dockerfile:1'],
    },
  ],
  passes: [
    {
      name: 'a development Dockerfile beside its production variant that has one (low-confidence note)',
      files: {
        'app/Dockerfile': APP,
        'app/Dockerfile.production': `${APP}HEALTHCHECK CMD curl -fsS http://localhost:8000/health || exit 1\n`,
        'Dockerfile.dev': APP,
      },
    },
    {
      name: 'HEALTHCHECK in the final stage',
      files: {
        Dockerfile:
          'FROM golang:1.23 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\nHEALTHCHECK --interval=30s CMD ["/app", "health"]\n',
      },
    },
    {
      name: 'final stage builds on a stage that has the HEALTHCHECK',
      files: {
        Dockerfile:
          'FROM node:22-slim AS base\nHEALTHCHECK CMD node healthcheck.js\nFROM base AS prod\nCOPY . /app\n',
      },
    },
    {
      name: 'a compose service built from it defines a healthcheck',
      files: {
        'api/Dockerfile': APP,
        'docker-compose.yml':
          'services:\n  api:\n    build:\n      context: ./api\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]\n',
      },
    },
    {
      name: 'a compose service with a custom Dockerfile name defines a healthcheck',
      files: {
        'docker/api.Dockerfile': APP,
        'compose.yaml':
          'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/api.Dockerfile\n    healthcheck:\n      test: curl -f http://localhost/health\n',
      },
    },
    {
      name: 'the healthcheck comes from an override file of the same directory',
      files: {
        Dockerfile: APP,
        'docker-compose.yml': 'services:\n  web:\n    build: .\n',
        'docker-compose.override.yml':
          'services:\n  web:\n    healthcheck:\n      test: ["CMD", "true"]\n',
      },
    },
    {
      name: 'an image compose only runs as a one-off job',
      files: {
        'seed/Dockerfile': 'FROM python:3.12-slim\nCOPY seed.py /\nCMD ["python", "/seed.py"]\n',
        'docker-compose.yml': 'services:\n  seed:\n    build: ./seed\n    profiles: ["tools"]\n',
      },
    },
    {
      name: 'the healthcheck comes from a merge key',
      files: {
        Dockerfile: APP,
        'docker-compose.yml':
          'x-health: &health\n  healthcheck:\n    test: ["CMD", "true"]\nservices:\n  web:\n    <<: *health\n    build: .\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'development-workspace images only (Gitpod, CodeSandbox)',
      files: { '.gitpod.Dockerfile': 'FROM gitpod/workspace-full\n', '.codesandbox/Dockerfile': 'FROM node:22\n' },
    },
    { name: 'no Dockerfile', files: { 'main.go': 'package main' } },
    {
      name: 'only a compose file with images',
      files: { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n' },
    },
    { name: 'only a vendored Dockerfile', files: { 'vendor/lib/Dockerfile': APP } },
    { name: 'notes named after a Dockerfile', files: { 'Dockerfile.md': 'FROM x' } },
  ],
});

describe('infrastructure/dockerfile-no-healthcheck findings', () => {
  it('mark example Dockerfiles with low confidence and explain the compose service', () => {
    const result = runRule(rule, {
      'examples/Dockerfile': APP,
      'api/Dockerfile': APP,
      'docker-compose.yml': 'services:\n  api:\n    build: ./api\n',
    });
    expect(result.findings).toEqual([
      expect.objectContaining({
        path: 'api/Dockerfile',
        excerpt: 'FROM python:3.12-slim',
        confidence: 'high',
        message: expect.stringContaining('`api`'),
      }),
      expect.objectContaining({ path: 'examples/Dockerfile', confidence: 'low' }),
    ]);
  });
});
