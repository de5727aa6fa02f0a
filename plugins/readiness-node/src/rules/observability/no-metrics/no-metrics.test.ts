import { describeRule } from '../../../testing';
import rule from '.';
import { serviceDefaults } from '../serviceDefaults.testutil';
import { managedParent, springCloud } from '../springCloud.testutil';

const pom = (...artifacts: string[]) =>
  `<project><dependencies>${artifacts
    .map(a => `<dependency><artifactId>${a}</artifactId></dependency>`)
    .join('')}</dependencies></project>`;

/** A Gradle Spring Boot app with Actuator, built with the given Boot version line, and its application.yml. */
const gradleBoot = (bootLine: string, yml: string) => ({
  'build.gradle': `buildscript {\n    dependencies {\n        ${bootLine}\n    }\n}\napply plugin: 'org.springframework.boot'\ndependencies {\n    compile 'org.springframework.boot:spring-boot-starter-web'\n    compile 'org.springframework.boot:spring-boot-starter-actuator'\n}\n`,
  'src/main/java/org/acme/BlogApplication.java':
    'package org.acme;\n\n@SpringBootApplication\npublic class BlogApplication {\n    public static void main(String[] args) { SpringApplication.run(BlogApplication.class, args); }\n}\n',
  'src/main/resources/application.yml': yml,
});
/** A Maven Spring Boot app with Actuator under the given parent version. */
const mavenBoot = (version: string) => ({
  'pom.xml': `<project><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><relativePath/><version>${version}</version></parent><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><artifactId>spring-boot-starter-actuator</artifactId></dependency></dependencies></project>`,
  'src/main/resources/application.properties': 'server.port=8080\n',
});

describeRule(rule, {
  fails: [
    {
      name: 'a module without Actuator under a parent pom that only manages the Actuator starter (the parent is no server)',
      files: managedParent(['spring-boot-starter-web']),
      findings: ['shop/src/main/java/org/acme/ShopApplication.java:3'],
    },
    {
      name: 'Spring Boot 1.x Actuator whose configuration switches the metrics endpoint off',
      files: gradleBoot("classpath('org.springframework.boot:spring-boot-gradle-plugin:1.5.10.RELEASE')", 'endpoints:\n  metrics:\n    enabled: false\n'),
      findings: ['src/main/java/org/acme/BlogApplication.java:3'],
    },
    {
      name: 'Spring Boot 2 Actuator (Maven parent) with no registry and nothing but health exposed',
      files: mavenBoot('2.7.18'),
      findings: ['pom.xml:1'],
    },
    {
      name: 'Spring Boot 3 Actuator (Gradle plugin) on its own management port, no registry and no exposure',
      files: gradleBoot("id 'org.springframework.boot' version '3.2.4'", 'management:\n  server:\n    port: 8081\n'),
      findings: ['src/main/java/org/acme/BlogApplication.java:3'],
    },
    {
      name: 'a Config Server whose starter brings Actuator, with no registry and its metrics endpoint not exposed',
      files: springCloud({
        'config-server': { deps: ['spring-cloud-config-server'], annotations: ['@EnableConfigServer'] },
        'orders-service': { deps: ['spring-boot-starter-web', 'spring-boot-starter-actuator', 'micrometer-registry-prometheus'] },
      }),
      findings: ['config-server/src/main/java/org/acme/ConfigServerApplication.java:4'],
    },
    {
      name: '.NET OpenTelemetry packages referenced by a shared defaults project that never sets them up',
      files: serviceDefaults({ configured: false }),
      findings: ['src/Shipping.Api/Program.cs:1'],
    },
    {
      name: '.NET OpenTelemetry set up only in a test project',
      files: serviceDefaults({ inTests: true }),
    },
    {
      name: 'an Express server without metrics',
      files: {
        'package.json': JSON.stringify({
          dependencies: { express: '^4', pino: '^9' },
        }),
        'server.js': "require('express')();\n",
      },
      findings: ['server.js:1'],
    },
    {
      name: 'an in-process status dashboard is not metrics a monitoring system can collect',
      files: {
        'package.json': JSON.stringify({
          dependencies: { express: '^4', 'express-status-monitor': '^1.3.4' },
        }),
        'server.js': "const app = require('express')();\napp.use(require('express-status-monitor')({ path: '/monitor' }));\n",
      },
      findings: ['server.js:1'],
    },
    {
      name: 'Actuator without a registry or exposure',
      files: {
        'pom.xml': pom(
          'spring-boot-starter-web',
          'spring-boot-starter-actuator',
        ),
        'src/main/resources/application.yml': 'server:\n  port: 8080\n',
      },
      findings: ['pom.xml:1'],
    },
    {
      name: 'a Python worker container without metrics',
      files: {
        'worker/Dockerfile': 'FROM python:3.12\n',
        'worker/requirements.txt': 'psycopg==3.2\n',
        'worker/worker.py': 'import time\n',
      },
      findings: ['worker/Dockerfile:1'],
    },
    {
      name: 'a Go service with the OpenTelemetry metric API only as an indirect requirement of an instrumentation library',
      files: {
        'go.mod':
          'module x\n\ngo 1.22\n\nrequire github.com/julienschmidt/httprouter v1.3.0\n\nrequire (\n\tgo.opentelemetry.io/contrib/instrumentation/net/http/otelhttp v0.61.0 // indirect\n\tgo.opentelemetry.io/otel/metric v1.36.0 // indirect\n\tgithub.com/prometheus/client_golang v1.19.0 // indirect\n)\n',
        'main.go': 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n',
      },
      findings: ['main.go:5'],
    },
    {
      name: 'a metrics library only in a test helper',
      files: {
        'go.mod': 'module x\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n',
        'main.go': 'package main\n',
        'metrics_test.go':
          'package main\n\nimport "github.com/prometheus/client_golang/prometheus"\n',
      },
    },
  ],
  passes: [
    {
      name: 'a module with Actuator, all endpoints exposed, under a parent pom that only manages the web starter',
      files: managedParent(['spring-boot-starter-web', 'spring-boot-starter-actuator'], {
        'shop/src/main/resources/application.properties': 'management.endpoints.web.exposure.include=*\n',
      }),
    },
    {
      name: 'Spring Boot 1.x Actuator (Gradle plugin on the buildscript classpath) serves /metrics by default, behind management security',
      files: gradleBoot(
        "classpath('org.springframework.boot:spring-boot-gradle-plugin:1.5.10.RELEASE')",
        'management:\n  security:\n    enabled: true\n    roles: ROLE_ADMIN\n',
      ),
    },
    { name: 'Spring Boot 1.x Actuator under a Maven parent', files: mavenBoot('1.5.22.RELEASE') },
    {
      name: 'a Config Server whose starter brings Actuator, with its metrics endpoint exposed',
      files: {
        ...springCloud({ 'config-server': { deps: ['spring-cloud-config-server'], annotations: ['@EnableConfigServer'] } }),
        'config-server/src/main/resources/application.yml': 'management:\n  endpoints:\n    web:\n      exposure:\n        include: health,metrics\n',
      },
    },
    {
      name: '.NET OpenTelemetry set up in a referenced service-defaults project',
      files: serviceDefaults(),
    },
    {
      name: '.NET OpenTelemetry set up by an extension method of another project the server calls',
      files: serviceDefaults({ reference: false }),
    },
    {
      name: 'prom-client',
      files: {
        'package.json': JSON.stringify({
          dependencies: { express: '^4', 'prom-client': '^15' },
        }),
      },
    },
    {
      name: 'prometheus-client in Python',
      files: { 'requirements.txt': 'flask\nprometheus-client==0.20\n' },
    },
    {
      name: 'django-prometheus',
      files: { 'requirements.txt': 'Django==5.0\ndjango-prometheus==2.3\n' },
    },
    {
      name: 'Micrometer registry',
      files: {
        'pom.xml': pom(
          'spring-boot-starter-web',
          'spring-boot-starter-actuator',
          'micrometer-registry-prometheus',
        ),
      },
    },
    {
      name: 'Actuator exposing metrics',
      files: {
        'pom.xml': pom(
          'spring-boot-starter-web',
          'spring-boot-starter-actuator',
        ),
        'src/main/resources/application.yml':
          'management:\n  endpoints:\n    web:\n      exposure:\n        include: health,metrics\n',
      },
    },
    {
      name: 'Actuator exposing every endpoint with a wildcard in application.properties',
      files: {
        'pom.xml': pom(
          'spring-boot-starter-webmvc',
          'spring-boot-starter-actuator',
        ),
        'src/main/java/org/acme/samples/clinic/ClinicApplication.java':
          'package org.acme.samples.clinic;\n@SpringBootApplication\npublic class ClinicApplication {}\n',
        'src/main/resources/application.properties':
          '# Actuator\nmanagement.endpoints.web.exposure.include=*\n',
      },
    },
    {
      name: 'client_golang',
      files: {
        'go.mod':
          'module x\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.10.0\n\tgithub.com/prometheus/client_golang v1.19.0\n)\n',
      },
    },
    {
      name: 'Go OpenTelemetry metrics SDK required directly, next to indirect requirements',
      files: {
        'go.mod':
          'module x\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.10.0\n\tgo.opentelemetry.io/otel/sdk/metric v1.36.0\n)\n\nrequire go.opentelemetry.io/otel/metric v1.36.0 // indirect\n',
      },
    },
    {
      name: 'a Prometheus middleware of the web framework (fiberprometheus)',
      files: {
        'go.mod':
          'module x\n\nrequire (\n\tgithub.com/gofiber/fiber/v2 v2.52.0\n\tgithub.com/ansrivas/fiberprometheus/v2 v2.17.0\n)\n\nrequire github.com/prometheus/client_golang v1.23.2 // indirect\n',
      },
    },
    {
      name: 'Go expvar',
      files: {
        'go.mod': 'module x\n',
        'main.go':
          'package main\n\nimport (\n\t"expvar"\n\t"net/http"\n)\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n',
      },
    },
    {
      name: 'StatsD in Node',
      files: {
        'package.json': JSON.stringify({
          dependencies: { koa: '^2', 'hot-shots': '^10' },
        }),
      },
    },
    {
      name: 'OpenTelemetry metrics in .NET',
      files: {
        'Api/Api.csproj':
          '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="OpenTelemetry.Exporter.Prometheus.AspNetCore" /></ItemGroup></Project>',
        'Api/Program.cs':
          'builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddPrometheusExporter());\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'a library',
      files: {
        'package.json': JSON.stringify({
          name: 'x',
          dependencies: { 'prom-client': '^15' },
        }),
      },
    },
    {
      name: 'a Python library whose tests and docs install a web framework',
      files: {
        'pyproject.toml': '[project]\nname = "orm"\ndependencies = ["sqlalchemy>=2"]\n',
        'requirements-tests.txt': 'pytest==8.2.0\nfastapi==0.111.0\nhttpx==0.27.0\n',
        'requirements/docs.txt': 'mkdocs==1.6.0\nflask==3.0.3\n',
        'orm/main.py': 'class Model:\n    pass\n',
        'tests/test_api.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
        'docs_src/tutorial001.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
        '.github/workflows/publish.yml': [
          'on:',
          '  release:',
          '    types: [created]',
          'jobs:',
          '  publish:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - uses: actions/checkout@v4',
          '      - run: python -m build',
          '      - uses: pypa/gh-action-pypi-publish@release/v1',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'a frontend-only container',
      files: {
        'package.json': JSON.stringify({
          dependencies: { react: '^18' },
          devDependencies: { vite: '^5' },
        }),
        'src/main.tsx': '',
        Dockerfile: 'FROM nginx:1.27\n',
      },
    },
  ],
});
