import { buildFacts } from '../../../facts';
import { snapshotFromFiles } from '../../../snapshot';
import { DEFAULT_RULE_SETTINGS } from '../../types';
import { describeRule, runRule } from '../../../testing';
import rule from '.';

describeRule(rule, {
  fails: [
    {
      name: 'a variant for the package manager the repository uses',
      files: {
        'apps/web/package.json': '{"name":"web"}',
        'pnpm-lock.yaml': 'lockfileVersion: 9.0\n',
        'apps/web/Dockerfile': 'FROM node:22\nCOPY . .\nUSER node\n',
        'apps/web/Dockerfile.pnpm': 'FROM node:22\nCOPY pnpm-lock.yaml .\n',
      },
      findings: ['apps/web/Dockerfile.pnpm:1'],
    },
    {
      name: 'a production variant without USER, beside a development Dockerfile (a note)',
      files: {
        'app/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\n',
        'app/prod.Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\nCMD ["gunicorn", "app:app"]\n',
      },
      findings: ['app/Dockerfile:1', 'app/prod.Dockerfile:1'],
    },
    {
      name: 'a Dockerfile beside another image of the same folder (Dockerfile.worker is no production variant of it)',
      files: {
        Dockerfile: 'FROM python:3.12-slim\nCOPY . /app\n',
        'Dockerfile.worker': 'FROM python:3.12-slim\nUSER app\n',
      },
      findings: ['Dockerfile:1'],
    },
    {
      name: 'a production variant in another folder says nothing about this one',
      files: {
        'api/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\n',
        'web/Dockerfile.prod': 'FROM node:22-slim\nUSER node\n',
      },
      findings: ['api/Dockerfile:1'],
    },
    {
      name: 'the unqualified Dockerfile is the one a production compose file builds',
      files: {
        'app/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\n',
        'app/Dockerfile.prod': 'FROM python:3.12-slim\nUSER app\n',
        'docker-compose.prod.yml': 'services:\n  web:\n    build: ./app\n',
      },
      findings: ['app/Dockerfile:1'],
    },
    {
      name: 'a development Dockerfile beside its production variant that the main compose file builds and runs',
      files: {
        'go.mod': 'module example.com/app\n',
        Dockerfile: 'FROM golang:1.23-alpine\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/bin/app ./cmd/app\nCMD ["/app/bin/app"]\n',
        'prod.Dockerfile': 'FROM golang:1.23-alpine AS build\nCOPY . .\nRUN go build -o /app ./cmd/app\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nUSER 65532:65532\n',
        'compose.yml': 'services:\n  app:\n    build: .\n    restart: always\n  db:\n    image: postgres:16\n',
      },
      findings: ['Dockerfile:1'],
    },
    {
      name: 'the service image beside a test-runner image',
      files: {
        'Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\nCMD ["gunicorn", "app:app"]\n',
        'Dockerfile.test': 'FROM python:3.12-slim\nCOPY . /app\nCMD ["pytest", "-q"]\n',
      },
      findings: ['Dockerfile:1', 'Dockerfile.test:1'],
    },
    {
      name: 'no USER at all',
      files: { Dockerfile: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "app.py"]\n' },
      findings: ['Dockerfile:1'],
    },
    {
      name: 'USER only in the build stage',
      files: {
        Dockerfile:
          'FROM node:22 AS build\nUSER node\nRUN npm ci\n\nFROM node:22-slim\nCOPY --from=build /app /app\nCMD ["node", "/app"]\n',
      },
      findings: ['Dockerfile:5'],
    },
    {
      name: 'switches back to root at the end',
      files: { 'api/Dockerfile': 'FROM alpine:3.20\nUSER app\nRUN true\nUSER root\n' },
      findings: ['api/Dockerfile:4'],
    },
    {
      name: 'numeric root',
      files: { 'Dockerfile.prod': 'FROM alpine:3.20\nUSER 0\n' },
      findings: ['Dockerfile.prod:2'],
    },
    {
      name: 'root with a group',
      files: { Dockerfile: 'FROM alpine:3.20\nUSER 0:1000\n' },
      findings: ['Dockerfile:2'],
    },
    {
      name: 'an image that runs unprivileged, switched to root by the Dockerfile',
      files: { 'grafana/Dockerfile': 'FROM grafana/grafana:11.1.0\nUSER root\nRUN apk add --no-cache curl\n' },
      findings: ['grafana/Dockerfile:2'],
    },
    {
      name: 'a stage built on an unprivileged image that switched to root',
      files: { Dockerfile: 'FROM prom/prometheus:v2.53.0 AS base\nUSER root\n\nFROM base\nCOPY prometheus.yml /etc/prometheus/\n' },
      findings: ['Dockerfile:2'],
    },
    {
      name: 'near misses: releases from before the image set its user, look-alike names, other registries',
      files: {
        'old-grafana/Dockerfile': 'FROM grafana/grafana:4.6.3\nADD grafana.ini /etc/grafana/\n',
        'old-prometheus/Dockerfile': 'FROM prom/prometheus:v1.8.2\nADD prometheus.yml /etc/prometheus/\n',
        'team-grafana/Dockerfile': 'FROM example/grafana:11.1.0\nADD grafana.ini /etc/grafana/\n',
        'mirror/Dockerfile': 'FROM registry.example.com/prom/prometheus:v2.53.0\nADD prometheus.yml /etc/prometheus/\n',
      },
      findings: ['mirror/Dockerfile:1', 'old-grafana/Dockerfile:1', 'old-prometheus/Dockerfile:1', 'team-grafana/Dockerfile:1'],
      fix: 'none',
    },
    {
      name: 'near misses: a distroless tag without nonroot, and an image that ships a user without switching to it',
      files: {
        'distroless/Dockerfile': 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\n',
        'node/Dockerfile': 'FROM node:22-alpine\nCOPY . .\nCMD ["node", "index.js"]\n',
      },
      findings: ['distroless/Dockerfile:1', 'node/Dockerfile:1'],
    },
    {
      name: 'near misses for Kubernetes: a manifest of another image, one that runs as uid 0, one in an examples folder',
      files: {
        'services/api/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\n',
        'services/worker/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\n',
        'services/mailer/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\n',
        'k8s/other.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: frontend\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: server\n          image: registry.example.com/frontend:1.0\n',
        'k8s/worker.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsUser: 0\n      containers:\n        - name: server\n          image: worker\n',
        'examples/k8s/mailer.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: mailer\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: server\n          image: mailer\n',
      },
      findings: ['services/api/Dockerfile:1', 'services/mailer/Dockerfile:1', 'services/worker/Dockerfile:1'],
    },
    {
      name: 'images whose Kubernetes workloads run them unprivileged still default to root (matched by folder or by skaffold artifact)',
      files: {
        'src/cartservice/src/Dockerfile': 'FROM gcr.io/distroless/static-debian12\nCOPY server /server\n',
        Dockerfile: 'FROM node:22-slim\nCOPY . /app\n',
        'skaffold.yaml': 'apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: gateway\n      context: .\n',
        'kubernetes-manifests/cart.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cartservice\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n      containers:\n        - name: server\n          image: us-docker.pkg.dev/project/cartservice:v1@sha256:abc\n',
        'kubernetes-manifests/gateway.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: gateway\nspec:\n  template:\n    spec:\n      containers:\n        - name: server\n          image: gateway\n          securityContext:\n            runAsUser: 10001\n',
      },
      findings: ['Dockerfile:1', 'src/cartservice/src/Dockerfile:1'],
    },
  ],
  passes: [
    {
      name: 'a load-testing image (Locust) is a test runner',
      files: {
        'src/loadgenerator/Dockerfile': 'FROM python:3.12-alpine\nCOPY locustfile.py .\nENTRYPOINT locust --host="http://${FRONTEND_ADDR}" --headless\n',
      },
    },
    {
      name: 'test-runner images: named for tests or CI, or whose command runs the test suite',
      files: {
        'Dockerfile.test': 'FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r requirements.txt\n',
        'ci/e2e.Dockerfile': 'FROM mcr.microsoft.com/playwright:v1.45.0\nCOPY . .\nCMD ["npx", "playwright", "test"]\n',
        'tester/Dockerfile': 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nCMD go test ./...\n',
      },
    },
    {
      name: 'non-root user in the final stage',
      files: {
        Dockerfile:
          'FROM golang:1.23 AS build\nRUN go build -o /out/app\nFROM alpine:3.20\nRUN adduser -D app\nUSER app\nCOPY --from=build /out/app /app\n',
      },
    },
    {
      name: 'distroless nonroot base',
      files: { Dockerfile: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n' },
    },
    {
      name: 'published images that already run as an unprivileged user, configured without a USER of their own',
      files: {
        'docker/grafana/Dockerfile': 'FROM grafana/grafana:5.2.4\nADD ./provisioning /etc/grafana/provisioning\nADD ./grafana.ini /etc/grafana/grafana.ini\n',
        'docker/prometheus/Dockerfile': 'FROM prom/prometheus:v2.4.2\nADD prometheus.yml /etc/prometheus/\n',
        'docker/alertmanager/Dockerfile': 'FROM prom/alertmanager\nCOPY alertmanager.yml /etc/alertmanager/\n',
        'docker/node-exporter/Dockerfile': 'FROM quay.io/prometheus/node-exporter:v1.8.1\n',
        'web/Dockerfile': 'FROM nginxinc/nginx-unprivileged:1.27-alpine\nCOPY dist /usr/share/nginx/html\n',
        'api/Dockerfile':
          'FROM golang:1.23 AS build\nRUN go build -o /out/app .\n\nFROM cgr.dev/chainguard/static:latest\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
        'debug/Dockerfile': 'FROM gcr.io/distroless/base-debian12:debug-nonroot\nCOPY app /app\n',
      },
    },
    {
      name: 'a final stage built on an earlier stage inherits its USER, or its unprivileged image',
      files: {
        'api/Dockerfile': 'FROM python:3.12-slim AS base\nRUN useradd --system app\nUSER app\n\nFROM base\nCOPY . /app\n',
        'grafana/Dockerfile': 'FROM grafana/grafana:11.1.0 AS base\nCOPY grafana.ini /etc/grafana/\n\nFROM base\n',
        'prometheus/Dockerfile': 'FROM prom/prometheus:v2.53.0\nUSER root\nRUN chown -R nobody /prometheus\nUSER nobody\n',
      },
    },
    {
      name: 'a development Dockerfile beside its production variant that sets USER (low-confidence note)',
      files: {
        'app/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\n',
        'app/Dockerfile.prod': 'FROM python:3.12-slim\nRUN adduser app\nUSER app\n',
        'docker-compose.yml': 'services:\n  web:\n    build: ./app\n',
        'docker-compose.prod.yml': 'services:\n  web:\n    build:\n      context: ./app\n      dockerfile: Dockerfile.prod\n',
      },
    },
    {
      name: 'near misses: a development Dockerfile built only by test and example compose files (notes)',
      files: {
        Dockerfile: 'FROM golang:1.23-alpine\nCOPY . .\n',
        'prod.Dockerfile': 'FROM gcr.io/distroless/static-debian12\nUSER 65532:65532\n',
        'docker-compose.test.yml': 'services:\n  app:\n    build: .\n',
        'examples/compose.yaml': 'services:\n  app:\n    build: ..\n',
      },
    },
    {
      name: 'template variants for package managers the repository does not use (low-confidence notes)',
      files: {
        'apps/web/package.json': '{"name":"web"}',
        'apps/web/package-lock.json': '{}',
        'apps/web/Dockerfile': 'FROM node:22\nCOPY . .\nUSER node\n',
        'apps/web/Dockerfile.pnpm': 'FROM node:22\nCOPY pnpm-lock.yaml .\n',
        'apps/web/Dockerfile.bun': 'FROM oven/bun:1\nCOPY bun.lockb .\n',
      },
    },
    {
      name: 'Dockerfiles named for development (low-confidence notes)',
      files: {
        'Dockerfile.dev': 'FROM node:22\nCOPY . .\n',
        'web/development.Dockerfile': 'FROM node:22\nCOPY . .\n',
        'api/Dockerfile-local': 'FROM node:22\nCOPY . .\n',
      },
    },
    {
      name: 'numeric uid with group',
      files: { Dockerfile: 'FROM alpine:3.20\nUSER 10001:10001\n' },
    },
  ],
  notApplicable: [
    {
      name: 'development-workspace images only: dev container, Gitpod, CodeSandbox',
      files: {
        '.devcontainer/Dockerfile': 'ARG VARIANT=21\nFROM mcr.microsoft.com/devcontainers/java:${VARIANT}\nRUN apt-get update\n',
        '.devcontainer/devcontainer.json': '{ "build": { "dockerfile": "Dockerfile" } }',
        '.gitpod.Dockerfile': 'FROM gitpod/workspace-full\nRUN brew install gh\n',
        '.gitpod/Dockerfile': 'FROM gitpod/workspace-full\n',
        '.codesandbox/Dockerfile': 'FROM node:22\n',
      },
    },
    { name: 'no Dockerfile', files: { 'main.go': 'package main' } },
    { name: 'a file that only mentions docker', files: { 'docs/docker.md': 'FROM x' } },
  ],
});

describe('infrastructure/dockerfile-runs-as-root findings', () => {
  it('say a development Dockerfile is one and name its production variant', () => {
    const result = runRule(rule, {
      'app/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\n',
      'app/Dockerfile.production': 'FROM python:3.12-slim\nCOPY . /app\n',
      'Dockerfile.dev': 'FROM python:3.12-slim\n',
      'docker/api/Dockerfile': 'FROM golang:1.22\nCMD ["air"]\n',
      'docker/api-prod/Dockerfile': 'FROM golang:1.22\nCOPY . .\n',
      'docker/worker/Dockerfile': 'FROM golang:1.22\nCOPY . .\n',
    });
    expect(result.findings.map(f => [f.path, f.confidence, f.message])).toEqual([
      [
        'app/Dockerfile',
        'low',
        'The final stage sets no USER, so the container runs as root (a development file beside its production variant app/Dockerfile.production)',
      ],
      ['app/Dockerfile.production', 'high', 'The final stage sets no USER, so the container runs as root'],
      ['docker/api-prod/Dockerfile', 'high', 'The final stage sets no USER, so the container runs as root'],
      [
        'docker/api/Dockerfile',
        'low',
        'The final stage sets no USER, so the container runs as root (a development file beside its production variant docker/api-prod/Dockerfile)',
      ],
      ['docker/worker/Dockerfile', 'high', 'The final stage sets no USER, so the container runs as root'],
      ['Dockerfile.dev', 'low', 'The final stage sets no USER, so the container runs as root (a development file by its name)'],
    ]);
  });
});

describe('infrastructure/dockerfile-runs-as-root fix', () => {
  /** The Dockerfile as the fix leaves it, or nothing when it offers none. */
  const fixed = (dockerfile: string) =>
    rule.fix!(buildFacts(snapshotFromFiles({ Dockerfile: dockerfile })), DEFAULT_RULE_SETTINGS)?.edits.find(e => e.path === 'Dockerfile')?.content;

  it('creates a system user with addgroup and adduser on Alpine, after the set-up steps', () => {
    expect(fixed('FROM python:3.12-alpine\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n')).toBe(
      [
        'FROM python:3.12-alpine',
        'WORKDIR /app',
        'COPY . .',
        'RUN pip install -r requirements.txt',
        'RUN addgroup -S app && adduser -S -G app -H app',
        'USER app',
        'CMD ["python", "app.py"]',
        '',
      ].join('\n'),
    );
  });

  it('creates a system user with groupadd and useradd on Debian', () => {
    expect(fixed('FROM python:3.12-slim-bookworm\nCOPY . /app\nCMD ["python", "/app/main.py"]\n')).toBe(
      'FROM python:3.12-slim-bookworm\nCOPY . /app\nRUN groupadd --system app && useradd --system --gid app --no-create-home app\nUSER app\nCMD ["python", "/app/main.py"]\n',
    );
  });

  it("switches to distroless's nonroot uid without creating a user (no shell to run one)", () => {
    expect(
      fixed('FROM golang:1.23 AS build\nRUN go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n'),
    ).toBe(
      'FROM golang:1.23 AS build\nRUN go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n',
    );
  });

  it("uses the Node image's own node user, on its Debian and Alpine tags alike", () => {
    for (const image of ['node:22-slim', 'node:22-alpine']) {
      expect(fixed(`FROM ${image}\nCOPY . .\nRUN npm ci\nCMD ["node", "index.js"]\n`)).toBe(
        `FROM ${image}\nCOPY . .\nRUN npm ci\nUSER node\nCMD ["node", "index.js"]\n`,
      );
    }
  });

  it("switches back to the image's own user when the Dockerfile turned an unprivileged image to root", () => {
    expect(fixed('FROM grafana/grafana:11.1.0\nUSER root\nRUN apk add --no-cache curl\n')).toBe(
      'FROM grafana/grafana:11.1.0\nUSER root\nRUN apk add --no-cache curl\nUSER 472\n',
    );
  });

  it('offers nothing for a base image whose family it cannot tell', () => {
    expect(fixed('FROM registry.example.com/team/base:1.0\nCOPY . /app\n')).toBeUndefined();
  });
});

describe('infrastructure/dockerfile-runs-as-root and Kubernetes', () => {
  it('keeps the finding for an image that every workload running it runs unprivileged, naming the manifest', () => {
    const result = runRule(rule, {
      'services/api/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\n',
      'deploy/api.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.2.3\n',
    });
    expect(result.findings.map(f => [f.path, f.confidence, f.message])).toEqual([
      [
        'services/api/Dockerfile',
        'high',
        'The final stage sets no USER, so the container runs as root unless its runtime sets a user; the Kubernetes manifest deploy/api.yaml (Deployment api) runs it with runAsNonRoot: true, which covers that deployment only',
      ],
    ]);
  });

  it('keeps the finding when a compose service also builds and runs the image', () => {
    const result = runRule(rule, {
      'api/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\n',
      'docker-compose.yml': 'services:\n  api:\n    build: ./api\n',
      'k8s/api.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsUser: 1000\n      containers:\n        - name: api\n          image: api\n',
    });
    expect(result.findings.map(f => [f.path, f.confidence])).toEqual([['api/Dockerfile', 'high']]);
  });

  it('keeps the finding when one of the workloads running the image sets no user', () => {
    const workload = (name: string, context: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n${context}      containers:\n        - name: api\n          image: api\n`;
    const result = runRule(rule, {
      'api/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\n',
      'k8s/a.yaml': workload('a', '      securityContext:\n        runAsUser: 1000\n'),
      'k8s/b.yaml': workload('b', ''),
    });
    expect(result.findings.map(f => [f.path, f.confidence])).toEqual([['api/Dockerfile', 'high']]);
  });
});
