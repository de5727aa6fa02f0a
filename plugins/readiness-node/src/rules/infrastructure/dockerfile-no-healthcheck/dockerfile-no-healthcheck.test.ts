import { buildFacts } from '../../../facts';
import { snapshotFromFiles } from '../../../snapshot';
import { DEFAULT_RULE_SETTINGS } from '../../types';
import { describeRule, runRule } from '../../../testing';
import rule from '.';

const APP = 'FROM python:3.12-slim\nCOPY . /app\nUSER app\nCMD ["python", "/app/main.py"]\n';

/** A Flask service with a health route, built by the given Dockerfile. */
const flask = (dockerfile: string, route = '/healthz') => ({
  'requirements.txt': 'flask==3.0.3\ngunicorn==22.0.0\n',
  'app.py': `from flask import Flask\napp = Flask(__name__)\n\n@app.get("${route}")\ndef health():\n    return "ok"\n`,
  Dockerfile: dockerfile,
});

/** An Express service with a health route, built by the given Dockerfile. */
const express = (dockerfile: string) => ({
  'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0' } }),
  'src/server.js': "const express = require('express');\nconst app = express();\napp.get('/health', (req, res) => res.send('ok'));\napp.listen(3000);\n",
  Dockerfile: dockerfile,
});

const SLIM = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nEXPOSE 8000\nUSER app\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n';

describeRule(rule, {
  // The cases marked `fix: 'none'` have no server whose health route is known: the fix offers nothing there.
  fails: [
    {
      name: 'a production variant without one, beside a development Dockerfile (a note)',
      files: { 'app/Dockerfile': APP, 'app/Dockerfile.prod': APP },
      findings: ['app/Dockerfile:1', 'app/Dockerfile.prod:1'],
      fix: 'none',
    },
    {
      name: 'no HEALTHCHECK and no compose file',
      files: { Dockerfile: APP },
      findings: ['Dockerfile:1'],
      fix: 'none',
    },
    {
      name: 'HEALTHCHECK only in the build stage of a multi-stage build',
      files: {
        Dockerfile:
          'FROM node:22 AS build\nHEALTHCHECK CMD true\nRUN npm ci\n\nFROM node:22-slim\nCOPY --from=build /app /app\n',
      },
      findings: ['Dockerfile:5'],
      fix: 'none',
    },
    {
      name: 'an image built for a job and for a long-running service',
      files: {
        Dockerfile: APP,
        'docker-compose.yml':
          'services:\n  api:\n    build: .\n  migrate:\n    build: .\n    command: python manage.py migrate\n',
      },
      findings: ['Dockerfile:1'],
      fix: 'none',
    },
    {
      name: 'HEALTHCHECK NONE',
      files: { Dockerfile: 'FROM alpine:3.20\nHEALTHCHECK NONE\n' },
      findings: ['Dockerfile:2'],
      fix: 'none',
    },
    {
      name: 'a later HEALTHCHECK NONE overrides an earlier check',
      files: { Dockerfile: 'FROM alpine:3.20\nHEALTHCHECK CMD true\nHEALTHCHECK none\n' },
      findings: ['Dockerfile:3'],
      fix: 'none',
    },
    {
      name: 'the compose service building it disables its healthcheck',
      files: {
        'api/Dockerfile': APP,
        'docker-compose.yml':
          'services:\n  api:\n    build: ./api\n    healthcheck:\n      disable: true\n',
      },
      findings: ['api/Dockerfile:1'],
      fix: 'none',
    },
    {
      name: 'the healthcheck is on a different service than the one building it',
      files: {
        'api/Dockerfile': APP,
        'docker-compose.yml':
          'services:\n  api:\n    build: ./api\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n',
      },
      findings: ['api/Dockerfile:1'],
      fix: 'none',
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
      fix: 'none',
    },
    {
      name: 'a Flask service on a slim Python image: probed with Python on the exposed port',
      files: flask(SLIM),
      findings: ['Dockerfile:1'],
    },
    {
      name: 'an Express service on an Alpine image: probed with BusyBox wget',
      files: express('FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nCMD ["node", "src/server.js"]\n'),
      findings: ['Dockerfile:1'],
    },
    {
      name: 'the port from the compose service that builds the image, the route from the code',
      files: {
        ...flask('FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "app:app"]\n', '/api/health'),
        'docker-compose.yml': 'services:\n  web:\n    build: .\n    ports:\n      - "8080:5000"\n',
      },
      findings: ['Dockerfile:1'],
    },
    {
      name: 'a health route but no port stated anywhere',
      files: flask('FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/app.py"]\n'),
      findings: ['Dockerfile:1'],
      fix: 'none',
    },
    {
      name: 'a distroless final stage has no shell or HTTP client to run a check',
      files: {
        'go.mod': 'module example.com/api\n\ngo 1.22\n',
        'main.go':
          'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {})\n\thttp.ListenAndServe(":8080", nil)\n}\n',
        Dockerfile:
          'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /api .\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /api /api\nEXPOSE 8080\nENTRYPOINT ["/api"]\n',
      },
      findings: ['Dockerfile:6'],
      fix: 'none',
    },
    {
      name: 'HEALTHCHECK NONE is left to a person even when the route is known',
      files: flask(`${SLIM}HEALTHCHECK NONE\n`),
      findings: ['Dockerfile:8'],
      fix: 'none',
    },
    {
      name: 'near misses for Kubernetes: a workload without probes, a probed workload of another image, a probed one in an examples folder',
      files: {
        'services/api/Dockerfile': APP,
        'services/worker/Dockerfile': APP,
        'services/mailer/Dockerfile': APP,
        'k8s/api.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: server\n          image: api\n',
        'k8s/frontend.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: frontend\nspec:\n  template:\n    spec:\n      containers:\n        - name: server\n          image: frontend\n          livenessProbe:\n            httpGet:\n              path: /healthz\n              port: 8080\n',
        'examples/k8s/mailer.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: mailer\nspec:\n  template:\n    spec:\n      containers:\n        - name: server\n          image: mailer\n          livenessProbe:\n            httpGet:\n              path: /healthz\n              port: 8080\n',
      },
      findings: ['services/api/Dockerfile:1', 'services/mailer/Dockerfile:1', 'services/worker/Dockerfile:1'],
      fix: 'none',
    },
  ],
  passes: [
    {
      name: 'images whose Kubernetes workloads define probes, matched by folder, skaffold artifact or docker build -t in CI',
      files: {
        'src/shippingservice/Dockerfile': APP,
        'src/cartservice/src/Dockerfile': APP,
        Dockerfile: APP,
        'skaffold.yaml': 'apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: cartservice\n      context: src/cartservice/src\n',
        'images/Dockerfile.web': APP,
        '.github/workflows/release.yml':
          'on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          docker build -t ghcr.io/acme/gateway:latest .\n          docker build --build-arg X=1 -f images/Dockerfile.web -t acme/web:${{ github.sha }} .\n',
        'kubernetes-manifests/shippingservice.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shippingservice\nspec:\n  template:\n    spec:\n      containers:\n        - name: server\n          image: shippingservice\n          readinessProbe:\n            grpc:\n              port: 50051\n          livenessProbe:\n            grpc:\n              port: 50051\n',
        'kubernetes-manifests/cartservice.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cartservice\nspec:\n  template:\n    spec:\n      containers:\n        - name: server\n          image: cartservice\n          readinessProbe:\n            grpc:\n              port: 50051\n          livenessProbe:\n            grpc:\n              port: 50051\n',
        'deploy/gateway.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: gateway\nspec:\n  template:\n    spec:\n      containers:\n        - name: server\n          image: registry.example.com/acme/gateway:2.0\n          livenessProbe:\n            httpGet:\n              path: /healthz\n              port: 8080\n',
        'deploy/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: server\n          image: acme/web:1.0\n          livenessProbe:\n            httpGet:\n              path: /healthz\n              port: 8080\n',
      },
    },
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

/** The Dockerfile as the rule's fix leaves it, or nothing when it offers none. */
function fixed(files: Record<string, string>): string | undefined {
  const facts = buildFacts(snapshotFromFiles(files));
  const fix = rule.fix!(facts, DEFAULT_RULE_SETTINGS);
  return fix?.edits.find(e => e.path === 'Dockerfile')?.content;
}

describe('infrastructure/dockerfile-no-healthcheck fix', () => {
  const TIMING = '--interval=30s --timeout=5s --start-period=30s --retries=3';

  it('probes a slim Python image with Python, after USER and before CMD', () => {
    expect(fixed(flask(SLIM))).toBe(
      [
        'FROM python:3.12-slim',
        'WORKDIR /app',
        'COPY . .',
        'RUN pip install -r requirements.txt',
        'EXPOSE 8000',
        'USER app',
        `HEALTHCHECK ${TIMING} CMD ["python","-c","import urllib.request; urllib.request.urlopen('http://localhost:8000/healthz', timeout=4)"]`,
        'CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]',
        '',
      ].join('\n'),
    );
  });

  it('probes an Alpine image with BusyBox wget', () => {
    expect(fixed(express('FROM node:22-alpine\nCOPY . .\nEXPOSE 3000\nCMD ["node", "src/server.js"]\n'))).toContain(
      `\nHEALTHCHECK ${TIMING} CMD wget -q -O /dev/null http://localhost:3000/health || exit 1\nCMD ["node", "src/server.js"]\n`,
    );
  });

  it('probes a slim Node image with fetch, and a full Debian image with curl', () => {
    expect(fixed(express('FROM node:22-slim\nCOPY . .\nEXPOSE 3000\n'))).toMatch(
      /\nHEALTHCHECK .* CMD \["node","-e","fetch\('http:\/\/localhost:3000\/health'\)\.then\(r => process\.exit\(r\.ok \? 0 : 1\), \(\) => process\.exit\(1\)\)"\]\n$/,
    );
    expect(fixed(express('FROM node:22-bookworm\nCOPY . .\nEXPOSE 3000\n'))).toMatch(
      /\nHEALTHCHECK .* CMD curl -fsS http:\/\/localhost:3000\/health > \/dev\/null \|\| exit 1\n$/,
    );
  });

  it('uses the curl the Dockerfile installs, on an image that has none of its own', () => {
    const spring = {
      'pom.xml':
        '<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>' +
        '<dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-actuator</artifactId></dependency></dependencies></project>',
      'src/main/java/com/example/App.java':
        'package com.example;\n@SpringBootApplication\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n',
      Dockerfile:
        'FROM eclipse-temurin:21-jre\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nCOPY target/app.jar /app.jar\nEXPOSE 8080\nENTRYPOINT ["java", "-jar", "/app.jar"]\n',
    };
    expect(fixed(spring)).toContain(`HEALTHCHECK ${TIMING} CMD curl -fsS http://localhost:8080/actuator/health > /dev/null || exit 1\nENTRYPOINT`);
    // Without curl, this image has nothing to call the route with.
    expect(fixed({ ...spring, Dockerfile: 'FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app.jar\nEXPOSE 8080\n' })).toBeUndefined();
  });

  it('resolves EXPOSE ${PORT} from the ARG default', () => {
    expect(fixed(flask('FROM python:3.12-slim\nARG PORT=9000\nCOPY . .\nEXPOSE ${PORT}\n'))).toContain("'http://localhost:9000/healthz'");
  });

  it('offers nothing for a service without a health route, however complete the image', () => {
    const files = flask(SLIM);
    files['app.py'] = 'from flask import Flask\napp = Flask(__name__)\n\n@app.get("/orders")\ndef orders():\n    return "[]"\n';
    expect(fixed(files)).toBeUndefined();
  });
});
