import { describeRule, findingsOf, runRule } from '../../../testing';
import rule from '.';

const APP = { 'app/main.py': 'print("hi")\n', 'app/__init__.py': '' };

/** A Go server whose image copies a binary built outside Docker; a Makefile tags it `shop:latest`. */
const GO_BINARY = {
  'go.mod': 'module example.com/shop\n',
  'main.go': 'package main\n\nfunc main() {}\n',
  'internal/api/router.go': 'package api\n',
  'config/settings.yml': 'settings:\n  port: 8000\n',
  'config/extend.go': 'package config\n\ntype Extend struct{}\n',
  'config/db.sql': 'CREATE TABLE t (id int);\n',
  'static/app/js/chunk-vendors.3f2a1b.js': `!function(e){${'var a=1;'.repeat(400)}}();\n`,
  'static/app/index.html': '<html></html>\n',
  Dockerfile: 'FROM alpine:3.20\nCOPY ./main /main\nCOPY ./config/settings.yml /config/settings.yml\nCMD ["/main", "server"]\n',
  Makefile: 'build-linux:\n\t@docker build -t shop:latest .\n',
};
const GO_MOUNTS = [
  'services:',
  '  shop:',
  '    image: shop:latest',
  '    volumes:',
  '      - ./config/:/app/config/',
  '      - ./static/:/app/static/',
  '      - ./temp/:/app/temp/',
].join('\n');

describeRule(rule, {
  fails: [
    {
      name: 'a production compose file that mounts the source, beside the development one that does too',
      files: {
        ...APP,
        'docker-compose.yml': 'services:\n  web:\n    build: ./app\n    volumes:\n      - ./app/:/usr/src/app/\n',
        'docker-compose.production.yml': 'services:\n  web:\n    build: ./app\n    volumes:\n      - ./app:/srv/app\n',
      },
      findings: ['docker-compose.production.yml:5', 'docker-compose.yml:5'],
    },
    {
      name: 'the project directory mounted over /app',
      files: {
        ...APP,
        'docker-compose.yml': 'services:\n  api:\n    build: .\n    volumes:\n      - .:/app\n',
      },
      findings: ['docker-compose.yml:5'],
    },
    {
      name: 'a source folder, read-only, and ${PWD}',
      files: {
        'src/index.ts': 'export {}\n',
        'compose.yaml': [
          'services:',
          '  web:',
          '    image: node:22',
          '    command: npm run start',
          '    volumes:',
          '      - ./src:/app/src:ro',
          '      - ${PWD}:/workspace',
        ].join('\n'),
      },
      findings: ['compose.yaml:6', 'compose.yaml:7'],
    },
    {
      name: 'long syntax bind of the build context',
      files: {
        'api/server.go': 'package main\n',
        'docker-compose.yml': [
          'services:',
          '  api:',
          '    build: ./api',
          '    volumes:',
          '      - type: bind',
          '        source: ./api',
          '        target: /src',
        ].join('\n'),
      },
      findings: ['docker-compose.yml:5'],
    },
    {
      name: 'a compose file in a subfolder mounting the repository root',
      files: {
        ...APP,
        'deploy/docker-compose.yml': 'services:\n  api:\n    build: ..\n    volumes:\n      - ..:/app\n',
      },
      findings: ['deploy/docker-compose.yml:5'],
    },
    {
      name: 'a single source file',
      files: {
        ...APP,
        'docker-compose.yml': 'services:\n  api:\n    image: python:3.12\n    volumes:\n      - ./app/main.py:/main.py\n',
      },
      findings: ['docker-compose.yml:5'],
    },
    {
      name: 'a Go image that runs its source with go run, mounting a source folder',
      files: {
        ...GO_BINARY,
        Dockerfile: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nCMD ["go", "run", "."]\n',
        'docker-compose.yml': 'services:\n  shop:\n    build: .\n    volumes:\n      - ./internal:/src/internal\n',
      },
      findings: ['docker-compose.yml:5'],
    },
    {
      name: 'an image the repository builds, started by compose with a command that runs the source',
      files: {
        ...GO_BINARY,
        'docker-compose.yml': 'services:\n  shop:\n    image: shop:latest\n    command: go run ./internal/api\n    volumes:\n      - ./internal:/go/src/internal\n',
      },
      findings: ['docker-compose.yml:6'],
    },
    {
      name: 'a compiled binary still fails when the whole project is mounted over it',
      files: { ...GO_BINARY, 'docker-compose.yml': 'services:\n  shop:\n    image: shop:latest\n    volumes:\n      - .:/app\n' },
      findings: ['docker-compose.yml:5'],
    },
    {
      name: 'the development compose file beside a standalone production one that mounts named volumes only',
      files: {
        ...APP,
        'docker-compose.yml': 'services:\n  web:\n    build: ./app\n    volumes:\n      - ./app/:/usr/src/app/\n',
        'docker-compose.prod.yml': 'services:\n  web:\n    build: ./app\n    volumes:\n      - static:/srv/static\nvolumes:\n  static:\n',
      },
      findings: ['docker-compose.yml:5'],
    },
    {
      name: 'source mounts in development compose files (an override file, a compose file named for development)',
      files: {
        ...APP,
        'docker-compose.yml': 'services:\n  api:\n    build: .\n',
        'docker-compose.override.yml': 'services:\n  api:\n    volumes:\n      - .:/app\n',
        'compose.dev.yaml': 'services:\n  api:\n    volumes:\n      - ./app:/app/app\n',
      },
      findings: ['compose.dev.yaml:4', 'docker-compose.override.yml:4'],
    },
  ],
  passes: [
    {
      name: 'a Go binary image mounting its config, static assets and data folders',
      files: { ...GO_BINARY, 'docker-compose.yml': GO_MOUNTS },
    },
    {
      name: 'a multi-stage Java image running its jar, mounting a config folder',
      files: {
        'pom.xml': '<project><artifactId>shop</artifactId></project>\n',
        'src/main/java/com/example/App.java': 'package com.example;\n\npublic class App {}\n',
        'src/main/resources/application.yml': 'server:\n  port: 8080\n',
        'ops/Helper.java': 'class Helper {}\n',
        Dockerfile:
          'FROM maven:3.9-eclipse-temurin-21 AS build\nCOPY . .\nRUN mvn -q package\nFROM eclipse-temurin:21-jre\nCOPY --from=build target/app.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar"]\n',
        'docker-compose.yml': 'services:\n  shop:\n    build: .\n    volumes:\n      - ./src/main/resources:/config:ro\n      - ./ops:/ops\n',
      },
    },
    {
      name: 'a Python service mounting a folder of minified browser bundles and another of TypeScript it does not run',
      files: {
        ...APP,
        'app/requirements.txt': 'flask==3.0.3\n',
        'web/src/index.ts': 'export const x = 1;\n',
        'public/js/app.min.js': 'var a=1;\n',
        'docker-compose.yml':
          'services:\n  api:\n    build: ./app\n    volumes:\n      - ./public:/srv/public:ro\n      - ./web/src:/srv/web-src:ro\n',
        'app/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\nCMD ["gunicorn", "main:app"]\n',
      },
    },
    {
      name: 'named volumes for data',
      files: {
        ...APP,
        'docker-compose.yml': [
          'services:',
          '  db:',
          '    image: postgres:16',
          '    volumes:',
          '      - pgdata:/var/lib/postgresql/data',
          '      - type: volume',
          '        source: cache',
          '        target: /cache',
          '  api:',
          '    build: .',
          'volumes:',
          '  pgdata: {}',
          '  cache: {}',
        ].join('\n'),
      },
    },
    {
      name: 'bind mounts of config files, data folders, SQL init scripts and host paths',
      files: {
        ...APP,
        'nginx/nginx.conf': 'events {}\n',
        'db/init.sql': 'CREATE TABLE t (id int);\n',
        'docker-compose.yml': [
          'services:',
          '  proxy:',
          '    image: nginx:1.27',
          '    volumes:',
          '      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro',
          '      - ./certs:/etc/nginx/certs:ro',
          '  db:',
          '    image: postgres:16',
          '    volumes:',
          '      - ./db:/docker-entrypoint-initdb.d',
          '      - ./data/pg:/var/lib/postgresql/data',
          '  agent:',
          '    image: datadog/agent:7',
          '    volumes:',
          '      - /var/run/docker.sock:/var/run/docker.sock:ro',
          '      - ~/.aws:/root/.aws:ro',
          '  api:',
          '    build: .',
          '    tmpfs:',
          '      - /tmp',
        ].join('\n'),
      },
    },
    {
      name: 'source mounts in test and CI compose files (notes), and live reload through Compose Watch instead of a mount',
      files: {
        ...APP,
        'docker-compose.yml': [
          'services:',
          '  api:',
          '    build: .',
          '    develop:',
          '      watch:',
          '        - action: sync',
          '          path: ./app',
          '          target: /app/app',
        ].join('\n'),
        'docker-compose.test.yml': 'services:\n  api:\n    volumes:\n      - .:/app\n',
        'compose.ci.yaml': 'services:\n  api:\n    volumes:\n      - ./app:/app/app\n',
      },
    },
    {
      name: 'a mount that leaves the repository',
      files: {
        ...APP,
        'shared-data/load.py': 'x = 1\n',
        'docker-compose.yml': 'services:\n  api:\n    build: .\n    volumes:\n      - ../shared-data:/data\n',
      },
    },
    {
      name: 'vendored compose files are not read',
      files: {
        ...APP,
        'docker-compose.yml': 'services:\n  api:\n    build: .\n',
        'node_modules/tool/docker-compose.yml': 'services:\n  t:\n    volumes:\n      - .:/app\n',
      },
    },
  ],
  notApplicable: [{ name: 'no compose file', files: { ...APP, Dockerfile: 'FROM python:3.12\n' } }],
});

describe('infrastructure/compose-source-bind-mount findings', () => {
  it('name the service and the mount, with low confidence in examples', () => {
    const result = runRule(rule, {
      ...APP,
      'docker-compose.yml': 'services:\n  api:\n    build: .\n    volumes:\n      - .:/app\n',
      'examples/demo/compose.yaml': 'services:\n  demo:\n    build: .\n    volumes:\n      - .:/demo\n',
    });
    expect(findingsOf(result)).toEqual([
      {
        path: 'docker-compose.yml',
        line: 5,
        excerpt: '- .:/app',
        message:
          "Service `api` bind-mounts the whole project directory (`.`) over `/app`, so it runs the host's files instead of the image's",
        confidence: 'high',
      },
      expect.objectContaining({ path: 'examples/demo/compose.yaml', confidence: 'low' }),
    ]);
  });

  it('judge a development compose file as usual and say what it is', () => {
    const result = runRule(rule, {
      ...APP,
      'docker-compose.yml': 'services:\n  web:\n    build: ./app\n    volumes:\n      - ./app/:/usr/src/app/\n',
      'docker-compose.prod.yml': 'services:\n  web:\n    build: ./app\n',
    });
    expect(result.status).toBe('fail');
    expect(findingsOf(result)).toEqual([
      {
        path: 'docker-compose.yml',
        line: 5,
        excerpt: '- ./app/:/usr/src/app/',
        message:
          "Service `web` bind-mounts the build context of the service (`./app/`) over `/usr/src/app/`, so it runs the host's files instead of the image's (a development file beside its production variant docker-compose.prod.yml)",
        confidence: 'high',
      },
    ]);
  });
});
