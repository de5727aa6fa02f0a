import { describeRule, runRule } from '../../../testing';
import rule from '.';

const DOCKERFILE = 'FROM python:3.12-slim\nCOPY . /app\n';
const WITH_CHECK = `${DOCKERFILE}HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1\n`;

describeRule(rule, {
  fails: [
    {
      name: 'a production compose file without one, beside a development compose file (a note)',
      files: {
        'app/Dockerfile': DOCKERFILE,
        'app/Dockerfile.prod': DOCKERFILE,
        'docker-compose.yml': 'services:\n  web:\n    build: ./app\n',
        'docker-compose.prod.yml': 'services:\n  web:\n    build:\n      context: ./app\n      dockerfile: Dockerfile.prod\n    env_file: .env.prod\n  db:\n    image: postgres:16\n    env_file: .env.prod.db\n',
      },
      findings: ['docker-compose.prod.yml:2', 'docker-compose.yml:2'],
    },
    {
      name: 'a built service with no healthcheck anywhere',
      files: {
        Dockerfile: DOCKERFILE,
        'docker-compose.yml':
          'services:\n  api:\n    build: .\n    ports: ["8000:8000"]\n  db:\n    image: postgres:16\n',
      },
      findings: ['docker-compose.yml:2'],
    },
    {
      name: 'healthcheck disabled with disable: true, even though the image has one',
      files: {
        Dockerfile: WITH_CHECK,
        'compose.yaml': 'services:\n  api:\n    build: .\n    healthcheck:\n      disable: true\n',
      },
      findings: ['compose.yaml:4'],
    },
    {
      name: 'healthcheck test NONE',
      files: {
        'compose.yaml': 'services:\n  worker:\n    build: ./worker\n    healthcheck:\n      test: ["NONE"]\n',
      },
      findings: ['compose.yaml:4'],
    },
    {
      name: 'the Dockerfile has HEALTHCHECK NONE',
      files: {
        'api/Dockerfile': `${DOCKERFILE}HEALTHCHECK NONE\n`,
        'docker-compose.yml': 'services:\n  api:\n    build: ./api\n',
      },
      findings: ['docker-compose.yml:2'],
    },
    {
      name: 'the HEALTHCHECK belongs to another Dockerfile than the one built',
      files: {
        Dockerfile: WITH_CHECK,
        'Dockerfile.worker': DOCKERFILE,
        'docker-compose.yml':
          'services:\n  worker:\n    build:\n      context: .\n      dockerfile: Dockerfile.worker\n',
      },
      findings: ['docker-compose.yml:2'],
    },
    {
      name: 'a long-running service in an optional profile is still judged',
      files: {
        'compose.yaml': 'services:\n  metrics:\n    build: ./metrics\n    profiles: ["monitoring"]\n',
      },
      findings: ['compose.yaml:2'],
    },
    {
      name: 'each service of a monorepo on its own',
      files: {
        'docker-compose.yml': [
          'services:',
          '  api:',
          '    build: ./api',
          '    healthcheck:',
          '      test: ["CMD", "true"]',
          '  web:',
          '    build: ./web',
          '  worker:',
          '    build: ./worker',
        ].join('\n'),
        'examples/compose.yaml': 'services:\n  demo:\n    build: .\n',
      },
      findings: ['docker-compose.yml:6', 'docker-compose.yml:8', 'examples/compose.yaml:2'],
    },
  ],
  passes: [
    {
      name: 'development compose files: beside a standalone production one that has healthchecks, or named for development (notes)',
      files: {
        'app/Dockerfile': DOCKERFILE,
        'app/Dockerfile.prod': WITH_CHECK,
        'docker-compose.yml': 'services:\n  web:\n    build: ./app\n',
        'docker-compose.prod.yml': 'services:\n  web:\n    build:\n      context: ./app\n      dockerfile: Dockerfile.prod\n    env_file: .env.prod\n  db:\n    image: postgres:16\n    env_file: .env.prod.db\n',
        'tools/compose.dev.yaml': 'services:\n  api:\n    build: .\n',
        'tools/Dockerfile': DOCKERFILE,
      },
    },
    {
      name: 'test compose files and test-runner services exit after the run',
      files: {
        'docker-compose.test.yml': 'services:\n  api:\n    build: .\n',
        'docker-compose.yml': 'services:\n  api:\n    build: .\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/health"]\n  e2e:\n    build: ./e2e-runner\n',
      },
    },
    {
      name: 'a healthcheck on the service',
      files: {
        'docker-compose.yml':
          'services:\n  api:\n    build: .\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/health"]\n      interval: 30s\n',
      },
    },
    {
      name: 'the Dockerfile it builds has a HEALTHCHECK',
      files: {
        'api/Dockerfile': WITH_CHECK,
        'docker-compose.yml': 'services:\n  api:\n    build:\n      context: ./api\n',
      },
    },
    {
      name: 'a custom Dockerfile with a HEALTHCHECK in the stage the final stage builds on',
      files: {
        'docker/api.Dockerfile': `FROM node:22 AS base\nHEALTHCHECK CMD node health.js\nFROM base\nCOPY . .\n`,
        'compose.yaml':
          'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/api.Dockerfile\n',
      },
    },
    {
      name: 'the healthcheck is added by an override file',
      files: {
        'docker-compose.yml': 'services:\n  api:\n    build: .\n',
        'docker-compose.override.yml': 'services:\n  api:\n    healthcheck:\n      test: curl -f http://localhost/health\n',
      },
    },
    {
      name: 'the healthcheck comes from a merge key',
      files: {
        'docker-compose.yml':
          'x-svc: &svc\n  healthcheck:\n    test: ["CMD", "true"]\nservices:\n  api:\n    <<: *svc\n    build: .\n',
      },
    },
    {
      name: 'one-off jobs are not judged',
      files: {
        'docker-compose.yml': [
          'services:',
          '  api:',
          '    build: .',
          '    healthcheck:',
          '      test: ["CMD", "true"]',
          '  seed:',
          '    build: ./seed',
          '  db-migrate:',
          '    build: .',
          '    command: alembic upgrade head',
          '  report:',
          '    build: ./tools/report',
          '    profiles: ["tools"]',
        ].join('\n'),
      },
    },
    {
      name: 'image-only services are not judged',
      files: {
        'docker-compose.yml':
          'services:\n  api:\n    build: .\n    healthcheck:\n      test: ["CMD", "true"]\n  db:\n    image: postgres:16\n  cache:\n    image: redis:7\n',
      },
    },
  ],
  notApplicable: [
    { name: 'no compose file', files: { Dockerfile: DOCKERFILE } },
    {
      name: 'compose runs images only',
      files: { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n' },
    },
    {
      name: 'only a vendored compose file',
      files: { 'node_modules/x/docker-compose.yml': 'services:\n  a:\n    build: .\n' },
    },
    {
      name: 'only one-off jobs are built',
      files: {
        'docker-compose.yml':
          'services:\n  db:\n    image: postgres:16\n  migrate:\n    build: .\n    profiles: [setup]\n',
      },
    },
    { name: 'an invalid compose file', files: { 'docker-compose.yml': 'services:\n  - api\n' } },
  ],
});

describe('infrastructure/compose-no-healthcheck findings', () => {
  it('name the service and mark example compose files with low confidence', () => {
    const result = runRule(rule, {
      'docker-compose.yml': 'services:\n  api:\n    build: .\n',
      'examples/compose.yaml': 'services:\n  demo:\n    build: .\n',
    });
    expect(result.findings).toEqual([
      expect.objectContaining({
        path: 'docker-compose.yml',
        line: 2,
        excerpt: 'api:',
        confidence: 'high',
        message: expect.stringContaining('`api`'),
      }),
      expect.objectContaining({ path: 'examples/compose.yaml', confidence: 'low' }),
    ]);
  });
});
