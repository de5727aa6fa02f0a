import { buildFacts } from '../../../facts';
import { snapshotFromFiles } from '../../../snapshot';
import { DEFAULT_RULE_SETTINGS } from '../../types';
import { describeRule, runRule } from '../../../testing';
import rule from '.';

const DOCKERFILE = 'FROM python:3.12-slim\nCOPY . /app\n';
const WITH_CHECK = `${DOCKERFILE}HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1\n`;

/** A Flask service with a `/healthz` route in api/, built by compose from api/Dockerfile. */
const flaskApi = (compose: string, dockerfile = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nEXPOSE 5000\nCMD ["gunicorn", "app:app"]\n') => ({
  'api/requirements.txt': 'flask==3.0.3\n',
  'api/app.py': 'from flask import Flask\napp = Flask(__name__)\n\n@app.get("/healthz")\ndef health():\n    return "ok"\n',
  'api/Dockerfile': dockerfile,
  'docker-compose.yml': compose,
});

const COMPOSE = [
  '# Local stack',
  'services:',
  '  api:',
  '    build: ./api # the service',
  '    ports:',
  '      - "8000:8000"',
  '  db:',
  '    image: postgres:16',
  '',
].join('\n');

/** A Spring Boot service whose jar the Gradle build writes to build/libs (not committed). */
const SPRING = {
  'build.gradle': "plugins { id 'org.springframework.boot' version '3.3.0' }\n",
  'src/main/java/com/example/App.java': 'package com.example;\n\npublic class App {}\n',
  'application-prod.yml': 'server:\n  port: 8080\n',
};

/** A Maven service whose image Jib makes (`<to><image>`), and a compose file under another name that runs it. */
const JIB_POM = (image: string) =>
  `<project><artifactId>shop</artifactId><build><plugins><plugin><groupId>com.google.cloud.tools</groupId><artifactId>jib-maven-plugin</artifactId><configuration><from><image>eclipse-temurin:21-jre</image></from><to><image>${image}</image></to></configuration></plugin></plugins></build></project>`;
const JIB_APP = (image: string) => ({
  'pom.xml': JIB_POM(image),
  'src/main/java/com/example/App.java': 'package com.example;\n\npublic class App {}\n',
  'src/main/docker/app.yml': "version: '2'\nservices:\n  shop-app:\n    image: shop\n    ports:\n      - 8080:8080\n  shop-db:\n    image: mysql:8\n",
});

describeRule(rule, {
  // The cases marked `fix: 'none'` have no server whose health route is known: the fix offers nothing there.
  fails: [
    {
      name: 'an override that only sets build args: the service is named once, where its base compose file defines it',
      files: {
        'web/Dockerfile': DOCKERFILE,
        'deploy/docker-compose.yml': 'services:\n  web:\n    image: acme/web\n    build:\n      context: ../web/\n',
        'deploy/docker-compose.production.yml': 'services:\n  web:\n    build:\n      args:\n        ENV: Production\n',
      },
      findings: ['deploy/docker-compose.yml:2'],
      fix: 'none',
    },
    {
      name: 'a compose file running images that a development compose file of the same folder builds',
      files: {
        'gateway/Dockerfile': DOCKERFILE,
        'config/Dockerfile': WITH_CHECK,
        'docker-compose.yml':
          'services:\n  gateway:\n    image: acme/shop-gateway\n    restart: always\n  config:\n    image: acme/shop-config\n  mongo:\n    image: mongo:7\n',
        'docker-compose.dev.yml': 'services:\n  gateway:\n    build: gateway\n    ports:\n      - 8080:8080\n  config:\n    build: config\n',
      },
      findings: ['docker-compose.yml:2'],
      fix: 'none',
    },
    {
      name: 'near miss: a build with only args and no other file defining the service builds the folder of the compose file',
      files: {
        Dockerfile: DOCKERFILE,
        'docker-compose.yml': 'services:\n  web:\n    build:\n      args:\n        ENV: production\n',
      },
      findings: ['docker-compose.yml:2'],
      fix: 'none',
    },
    {
      name: "a stock runtime image running the repository's built jar, mounted and started by the command",
      files: {
        ...SPRING,
        'docker-compose.yml': [
          'services:',
          '  webapp:',
          '    image: eclipse-temurin:21-jre',
          '    volumes:',
          '      - ./application-prod.yml:/app/application-prod.yml',
          '      - ./build/libs/shop-0.0.1.jar:/app/app.jar',
          '    command: java -jar /app/app.jar --spring.profiles.active=prod',
          '  db:',
          '    image: mysql:8',
        ].join('\n'),
      },
      findings: ['docker-compose.yml:2'],
      fix: 'none',
    },
    {
      name: 'a stock Node image running the mounted project from its working directory',
      files: {
        'package.json': '{"name":"api","scripts":{"start":"node server.js"}}',
        'server.js': 'require("http").createServer().listen(3000);\n',
        'docker-compose.yml': 'services:\n  api:\n    image: node:22\n    working_dir: /usr/src/app\n    volumes:\n      - .:/usr/src/app\n    command: npm start\n',
      },
      findings: ['docker-compose.yml:2'],
      fix: 'none',
    },
    {
      name: 'an image the Maven build makes with Jib, run by a compose file kept under another name (src/main/docker/app.yml)',
      files: JIB_APP('shop:latest'),
      findings: ['src/main/docker/app.yml:3'],
      fix: 'none',
    },
    {
      name: "an image Gradle's Jib or bootBuildImage names",
      files: {
        'build.gradle': "plugins { id 'com.google.cloud.tools.jib' }\njib {\n  to {\n    image = 'ghcr.io/acme/orders:1.0'\n  }\n}\nbootBuildImage {\n  imageName = 'acme/billing'\n}\n",
        'src/main/java/A.java': 'class A {}\n',
        'docker-compose.yml': 'services:\n  orders:\n    image: ghcr.io/acme/orders:2.1\n  billing:\n    image: acme/billing\n',
      },
      findings: ['docker-compose.yml:2', 'docker-compose.yml:4'],
      fix: 'none',
    },
    {
      name: 'development compose files are judged as usual: beside a standalone production one that has healthchecks, or named for development',
      files: {
        'app/Dockerfile': DOCKERFILE,
        'app/Dockerfile.prod': WITH_CHECK,
        'docker-compose.yml': 'services:\n  web:\n    build: ./app\n',
        'docker-compose.prod.yml': 'services:\n  web:\n    build:\n      context: ./app\n      dockerfile: Dockerfile.prod\n    env_file: .env.prod\n  db:\n    image: postgres:16\n    env_file: .env.prod.db\n',
        'tools/compose.dev.yaml': 'services:\n  api:\n    build: .\n',
        'tools/Dockerfile': DOCKERFILE,
      },
      findings: ['docker-compose.yml:2', 'tools/compose.dev.yaml:2'],
      fix: 'none',
    },
    {
      name: 'a production compose file without one, beside a development compose file that has none either',
      files: {
        'app/Dockerfile': DOCKERFILE,
        'app/Dockerfile.prod': DOCKERFILE,
        'docker-compose.yml': 'services:\n  web:\n    build: ./app\n',
        'docker-compose.prod.yml': 'services:\n  web:\n    build:\n      context: ./app\n      dockerfile: Dockerfile.prod\n    env_file: .env.prod\n  db:\n    image: postgres:16\n    env_file: .env.prod.db\n',
      },
      findings: ['docker-compose.prod.yml:2', 'docker-compose.yml:2'],
      fix: 'none',
    },
    {
      name: 'a built service with no healthcheck anywhere',
      files: {
        Dockerfile: DOCKERFILE,
        'docker-compose.yml':
          'services:\n  api:\n    build: .\n    ports: ["8000:8000"]\n  db:\n    image: postgres:16\n',
      },
      findings: ['docker-compose.yml:2'],
      fix: 'none',
    },
    {
      name: 'healthcheck disabled with disable: true, even though the image has one',
      files: {
        Dockerfile: WITH_CHECK,
        'compose.yaml': 'services:\n  api:\n    build: .\n    healthcheck:\n      disable: true\n',
      },
      findings: ['compose.yaml:4'],
      fix: 'none',
    },
    {
      name: 'healthcheck test NONE',
      files: {
        'compose.yaml': 'services:\n  worker:\n    build: ./worker\n    healthcheck:\n      test: ["NONE"]\n',
      },
      findings: ['compose.yaml:4'],
      fix: 'none',
    },
    {
      name: 'the Dockerfile has HEALTHCHECK NONE',
      files: {
        'api/Dockerfile': `${DOCKERFILE}HEALTHCHECK NONE\n`,
        'docker-compose.yml': 'services:\n  api:\n    build: ./api\n',
      },
      findings: ['docker-compose.yml:2'],
      fix: 'none',
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
      fix: 'none',
    },
    {
      name: 'a long-running service in an optional profile is still judged',
      files: {
        'compose.yaml': 'services:\n  metrics:\n    build: ./metrics\n    profiles: ["monitoring"]\n',
      },
      findings: ['compose.yaml:2'],
      fix: 'none',
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
      fix: 'none',
    },
    {
      name: 'a Flask service with a health route, built from this repository',
      files: flaskApi(COMPOSE),
      findings: ['docker-compose.yml:3'],
    },
    {
      name: 'a version 1 compose file, the port from the Dockerfile',
      files: flaskApi('api:\n  build: ./api\n', 'FROM python:3.12-alpine\nCOPY . .\nEXPOSE 5000\n'),
      findings: ['docker-compose.yml:1'],
    },
    {
      name: 'a disabled healthcheck is left to a person even when the route is known',
      files: flaskApi('services:\n  api:\n    build: ./api\n    healthcheck:\n      disable: true\n'),
      findings: ['docker-compose.yml:4'],
      fix: 'none',
    },
    {
      name: 'the image turns its check off with HEALTHCHECK NONE: left to a person too',
      files: flaskApi('services:\n  api:\n    build: ./api\n', 'FROM python:3.12-slim\nEXPOSE 5000\nHEALTHCHECK NONE\n'),
      findings: ['docker-compose.yml:2'],
      fix: 'none',
    },
    {
      name: 'a service whose image has no shell (distroless)',
      files: flaskApi('services:\n  api:\n    build: ./api\n', 'FROM gcr.io/distroless/python3-debian12\nCOPY . /app\nEXPOSE 5000\n'),
      findings: ['docker-compose.yml:2'],
      fix: 'none',
    },
    {
      name: 'an image: service running the image a Makefile builds with docker build -t',
      files: {
        Dockerfile: 'FROM alpine:3.20\nCOPY ./server /server\nCMD ["/server"]\n',
        Makefile: 'image:\n\t@docker build -t shop:latest .\n\nrun:\n\t@docker-compose up -d\n',
        'docker-compose.yml': 'services:\n  shop:\n    image: shop:latest\n    ports:\n      - 8000:8000\n  db:\n    image: postgres:16\n',
      },
      findings: ['docker-compose.yml:2'],
      fix: 'none',
    },
    {
      name: "an image: service running the image a Makefile builds with a tag made of the Makefile's variables",
      files: {
        'deploy/docker/dockerfile.metrics': 'FROM alpine:3.20\nCOPY ./metrics /metrics\nCMD ["/metrics"]\n',
        Makefile: [
          'BASE_IMAGE_NAME := localhost/acme',
          'VERSION         ?= 0.0.1',
          'METRICS_IMAGE   := $(BASE_IMAGE_NAME)/metrics:${VERSION}',
          '',
          'metrics:',
          '\tdocker build \\',
          '\t\t-f deploy/docker/dockerfile.metrics \\',
          '\t\t-t $(METRICS_IMAGE) \\',
          '\t\t--build-arg BUILD_DATE=$(date -u +"%Y-%m-%dT%H:%M:%SZ") \\',
          '\t\t.',
          '',
        ].join('\n'),
        'deploy/compose/docker_compose.yaml':
          'services:\n  metrics:\n    image: localhost/acme/metrics:0.0.1\n    pull_policy: never\n    container_name: metrics\n  db:\n    image: postgres:16\n',
      },
      findings: ['deploy/compose/docker_compose.yaml:2'],
      fix: 'none',
    },
    {
      name: 'an image: service running the image CI pushes, under another tag',
      files: {
        'api/Dockerfile': DOCKERFILE,
        '.github/workflows/release.yml': [
          'on: push',
          'jobs:',
          '  image:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - uses: docker/build-push-action@v6',
          '        with:',
          '          context: ./api',
          '          tags: ghcr.io/acme/api:${{ github.sha }}',
        ].join('\n'),
        'deploy/compose.yaml': 'services:\n  api:\n    image: ghcr.io/acme/api:1.4.0\n',
      },
      findings: ['deploy/compose.yaml:2'],
      fix: 'none',
    },
  ],
  passes: [
    {
      name: 'an image the repository builds whose Dockerfile has a HEALTHCHECK',
      files: {
        Dockerfile: WITH_CHECK,
        Makefile: 'image:\n\tdocker build -t shop .\n',
        'docker-compose.yml': 'services:\n  shop:\n    image: shop:latest\n',
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
    {
      name: 'near misses: stock runtime images mounting config or data, a jar into a Python image, a jar the command does not run',
      files: {
        ...SPRING,
        'docker-compose.yml': [
          'services:',
          '  tools:',
          '    image: eclipse-temurin:21-jre',
          '    volumes:',
          '      - ./application-prod.yml:/app/application-prod.yml',
          '      - ./data:/app/data',
          '    command: java -jar /opt/vendor/tool.jar',
          '  scripts:',
          '    image: python:3.12',
          '    volumes:',
          '      - ./build/libs/shop-0.0.1.jar:/app/app.jar',
          '    command: sh -c "ls -l /app/app.jar"',
          '  idle:',
          '    image: openjdk:21',
          '    volumes:',
          '      - ./build/libs/shop-0.0.1.jar:/app/app.jar',
          '    command: sleep infinity',
        ].join('\n'),
      },
    },
    {
      name: 'near misses: a Jib image under another name, one named by a Maven property, a commented-out Jib plugin',
      files: {
        ...JIB_APP('acme/shop-api'),
        'billing/pom.xml': JIB_POM('${docker.image.prefix}/billing'),
        'billing/src/main/docker/app.yml': "version: '2'\nservices:\n  billing:\n    image: acme/billing\n",
        'ledger/pom.xml': `<!-- ${JIB_POM('ledger')} -->`,
        'ledger/src/main/docker/app.yml': "version: '2'\nservices:\n  ledger:\n    image: ledger\n",
      },
    },
    {
      name: 'a YAML file with a services mapping that is no compose file (Helm values)',
      files: {
        'pom.xml': JIB_POM('shop'),
        'chart/values.yaml': 'replicaCount: 2\nservices:\n  shop:\n    image: shop\n    ports: [8080]\n',
      },
    },
    {
      name: 'third-party images beside a build of another image, and a commented-out build of the same name',
      files: {
        Dockerfile: DOCKERFILE,
        Makefile: 'image:\n\tdocker build -t shop-worker .\n# cache:\n#\tdocker build -t redis ./cache\n',
        'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n  cache:\n    image: redis:7\n  proxy:\n    image: ${REGISTRY}/shop-worker\n',
      },
    },
    {
      name: 'near miss: a Makefile tag made of a variable the Makefile does not assign names no image of the compose file',
      files: {
        Dockerfile: DOCKERFILE,
        Makefile: 'VERSION := 1.0\nimage:\n\tdocker build -t $(REGISTRY)/shop:$(VERSION) .\n',
        'docker-compose.yml': 'services:\n  shop:\n    image: ghcr.io/acme/shop:1.0\n',
      },
    },
  ],
});

describe('infrastructure/compose-no-healthcheck findings', () => {
  it("say how a service without build: runs the repository's code", () => {
    const jib = runRule(rule, JIB_APP('shop:latest'));
    expect(jib.findings.map(f => f.message)).toEqual([
      'Service `shop-app` runs the image `shop` that this repository builds with Jib (pom.xml) but has no healthcheck',
    ]);
    const stock = runRule(rule, {
      ...SPRING,
      'docker-compose.yml': 'services:\n  webapp:\n    image: java:8\n    volumes:\n      - ./build/libs/shop.jar:/app/app.jar\n    command: "java -jar /app/app.jar"\n',
    });
    expect(stock.findings.map(f => f.message)).toEqual([
      "Service `webapp` runs this repository's built archive (`./build/libs/shop.jar`) in the stock image `java:8` but has no healthcheck",
    ]);
  });


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

describe('infrastructure/compose-no-healthcheck fix', () => {
  const fixedCompose = (files: Record<string, string>) =>
    rule.fix!(buildFacts(snapshotFromFiles(files)), DEFAULT_RULE_SETTINGS)?.edits.find(e => e.path === 'docker-compose.yml')?.content;

  it("adds a healthcheck on the service's health route and published port, keeping the comments", () => {
    expect(fixedCompose(flaskApi(COMPOSE))).toBe(
      [
        '# Local stack',
        'services:',
        '  api:',
        '    build: ./api # the service',
        '    ports:',
        '      - "8000:8000"',
        '    healthcheck:',
        `      test: ["CMD", "python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/healthz', timeout=4)"]`,
        '      interval: 30s',
        '      timeout: 5s',
        '      retries: 3',
        '      start_period: 30s',
        '  db:',
        '    image: postgres:16',
        '',
      ].join('\n'),
    );
  });

  it('writes flow lists the way the file does, and leaves the others as they were', () => {
    const tight = 'services:\n  api:\n    build: ./api\n    command: [gunicorn, app:app]\n    ports: ["8000:8000"]\n';
    expect(fixedCompose(flaskApi(tight))).toMatch(/^services:\n {2}api:\n {4}build: \.\/api\n {4}command: \[gunicorn, app:app\]\n {4}ports: \["8000:8000"\]\n {4}healthcheck:\n {6}test: \["CMD"/);
    const padded = 'services:\n  api:\n    build: ./api\n    command: [ gunicorn, app:app ]\n    ports: [ "8000:8000" ]\n';
    expect(fixedCompose(flaskApi(padded))).toMatch(/command: \[ gunicorn, app:app \]\n {4}ports: \[ "8000:8000" \]\n {4}healthcheck:\n {6}test: \[ "CMD"/);
  });

  it('calls the route with the wget of an Alpine image', () => {
    expect(fixedCompose(flaskApi('api:\n  build: ./api\n', 'FROM python:3.12-alpine\nCOPY . .\nEXPOSE 5000\n'))).toContain(
      'test: ["CMD-SHELL", "wget -q -O /dev/null http://localhost:5000/healthz || exit 1"]',
    );
  });

  it('offers nothing for a service without a known health route or port', () => {
    const noRoute = flaskApi(COMPOSE);
    noRoute['api/app.py'] = 'from flask import Flask\napp = Flask(__name__)\n';
    expect(fixedCompose(noRoute)).toBeUndefined();
    expect(fixedCompose(flaskApi('services:\n  api:\n    build: ./api\n', 'FROM python:3.12-slim\nCOPY . .\n'))).toBeUndefined();
  });
});
