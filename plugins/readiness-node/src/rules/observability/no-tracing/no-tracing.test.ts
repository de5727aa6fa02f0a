import { describeRule, runRule } from '../../../testing';
import rule from '.';
import { serviceDefaults } from '../serviceDefaults.testutil';
import { springCloud } from '../springCloud.testutil';

/** A Config Server, a Eureka registry and an admin console beside a traced gateway and a business service. */
const platformAndTracedServices = {
  'config-server': { deps: ['spring-cloud-config-server'], annotations: ['@EnableConfigServer'] },
  'discovery-server': { deps: ['spring-cloud-starter-netflix-eureka-server'], annotations: ['@EnableEurekaServer'] },
  'admin-server': { deps: ['spring-boot-admin-starter-server'], annotations: ['@EnableAdminServer'] },
  'api-gateway': { deps: ['spring-cloud-starter-gateway-server-webflux', 'spring-boot-starter-zipkin'] },
  'orders-service': { deps: ['spring-boot-starter-webmvc', 'spring-boot-starter-opentelemetry'], annotations: ['@RestController'] },
};

describeRule(rule, {
  fails: [
    {
      name: 'several services, none traced: each is named',
      files: springCloud({
        'config-server': platformAndTracedServices['config-server'],
        'api-gateway': { deps: ['spring-cloud-starter-gateway-server-webflux'] },
        'orders-service': { deps: ['spring-boot-starter-web'], annotations: ['@RestController'] },
      }),
      findings: ['api-gateway/src/main/java/org/acme/ApiGatewayApplication.java:3', 'orders-service/src/main/java/org/acme/OrdersServiceApplication.java:3'],
    },
    {
      name: 'Sentry with tracing switched off records no traces',
      files: {
        'requirements.txt': 'flask==3.0\nsentry-sdk==2.0.0\n',
        'app.py': 'import sentry_sdk\nfrom flask import Flask\nsentry_sdk.init(dsn=DSN, traces_sample_rate=0.0)\napp = Flask(__name__)\n',
      },
    },
    {
      name: 'Sentry sampling rates read from settings that default to zero or have no default, one only in a comment and one only in tests',
      files: {
        'requirements.txt': 'django==5.0\nsentry-sdk==2.0.0\ndjango-environ==0.11\n',
        'manage.py': 'import django\n',
        'settings.py':
          'import os\nimport environ\nimport sentry_sdk\nenv = environ.Env()\nsentry_sdk.init(dsn=env("SENTRY_DSN"), traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0))\n# sentry_sdk.init(traces_sample_rate=float(os.getenv("RATE", "0.5")))\nsentry_sdk.init(traces_sample_rate=float(os.environ["SENTRY_RATE"]))\n',
        'tests/test_sentry.py': 'import os\nimport sentry_sdk\nsentry_sdk.init(traces_sample_rate=float(os.getenv("RATE", "1.0")))\n',
      },
      findings: ['manage.py:1'],
    },
    {
      name: 'Sentry with enable_tracing switched off',
      files: {
        'requirements.txt': 'fastapi==0.110\nsentry-sdk==2.0.0\n',
        'app/main.py': 'import sentry_sdk\nfrom fastapi import FastAPI\nsentry_sdk.init(dsn=DSN, enable_tracing=False)\napp = FastAPI()\n',
      },
    },
    {
      name: 'OpenTelemetry metrics only',
      files: {
        'package.json': JSON.stringify({
          dependencies: { express: '^4', '@opentelemetry/sdk-metrics': '^1' },
        }),
        'app.js': "require('express')\n",
      },
      findings: ['app.js:1'],
    },
    {
      name: 'a Go service with OpenTelemetry only as an indirect dependency of another library',
      files: {
        'go.mod':
          'module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.0.12\n\tgithub.com/acme/sqlkit v1.2.0\n)\n\nrequire (\n\tgo.opentelemetry.io/otel v1.28.0 // indirect\n\tgo.opentelemetry.io/otel/trace v1.28.0 // indirect\n)\n',
        'main.go': 'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/go-chi/chi/v5"\n)\n\nfunc main() { http.ListenAndServe(":3000", chi.NewRouter()) }\n',
      },
      findings: ['main.go:9'],
    },
    {
      name: 'a Go service with OTel only in a commented import',
      files: {
        'go.mod': 'module x\n\nrequire github.com/labstack/echo/v4 v4.12.0\n',
        'main.go': 'package main\n\n// import "go.opentelemetry.io/otel"\n',
      },
    },
    {
      name: '.NET OpenTelemetry packages referenced by a shared defaults project that never sets them up',
      files: serviceDefaults({ configured: false }),
      findings: ['src/Shipping.Api/Program.cs:1'],
    },
    {
      name: 'a .NET server that declares its own extension method of the same name as another project\'s',
      files: {
        ...serviceDefaults({ reference: false }),
        'src/Shipping.Api/Defaults.cs':
          'public static class Defaults\n{\n    public static WebApplicationBuilder AddPlatformDefaults(this WebApplicationBuilder builder) => builder;\n}\n',
      },
      findings: ['src/Shipping.Api/Program.cs:1'],
    },
    {
      name: '.NET OpenTelemetry set up only in a test project',
      files: serviceDefaults({ inTests: true }),
    },
    {
      name: '.NET OpenTelemetry packages without any set-up',
      files: {
        'Api/Api.csproj':
          '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="OpenTelemetry.Extensions.Hosting" Version="1.9.0" /></ItemGroup></Project>',
      },
    },
  ],
  passes: [
    {
      name: "Spring Boot's Zipkin and OpenTelemetry starters in the gateway and the services, platform servers without tracing",
      files: springCloud(platformAndTracedServices),
    },
    {
      name: "Sleuth's Zipkin starter",
      files: springCloud({ 'orders-service': { deps: ['spring-boot-starter-web', 'spring-cloud-starter-zipkin'], annotations: ['@RestController'] } }),
    },
    {
      name: 'Sentry with enable_tracing on (every transaction traced)',
      files: {
        'requirements.txt': 'fastapi==0.110\nsentry-sdk==2.0.0\n',
        'app/main.py': 'import sentry_sdk\nfrom fastapi import FastAPI\nif settings.SENTRY_DSN:\n    sentry_sdk.init(dsn=str(settings.SENTRY_DSN), enable_tracing=True)\napp = FastAPI()\n',
      },
    },
    {
      name: 'Sentry sampling rate read from a setting with a default above zero (django-environ)',
      files: {
        'requirements.txt': 'django==5.0\nsentry-sdk==2.0.0\ndjango-environ==0.11\n',
        'manage.py': 'import django\n',
        'settings.py':
          'import environ\nimport sentry_sdk\nenv = environ.Env()\nSENTRY_DSN = env("SENTRY_DSN", default=None)\nif SENTRY_DSN:\n    sentry_sdk.init(\n        dsn=SENTRY_DSN,\n        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.025),\n    )\n',
      },
    },
    {
      name: 'Sentry sampling rates from an environment variable with a default and from a constant (Node, Python)',
      files: {
        'api/package.json': JSON.stringify({ dependencies: { express: '^4.0.0', '@sentry/node': '^8.0.0' } }),
        'api/server.js': "const Sentry = require('@sentry/node');\nSentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: Number(process.env.SENTRY_TRACES ?? 0.1) });\n",
        'worker/requirements.txt': 'fastapi==0.110\nsentry-sdk==2.0.0\n',
        'worker/main.py': 'import sentry_sdk\nfrom fastapi import FastAPI\nTRACES_RATE = 0.2\nsentry_sdk.init(dsn=DSN, traces_sample_rate=TRACES_RATE)\napp = FastAPI()\n',
      },
    },
    {
      name: 'Sentry performance monitoring with a sampling rate or sampler',
      files: {
        'requirements.txt': 'django==5.0\nsentry-sdk==2.0.0\n',
        'config/settings/sentry.py': 'import sentry_sdk\n\ndef traces_sampler(ctx):\n    return 0.5\n\nsentry_sdk.init(dsn=DSN, traces_sampler=traces_sampler)\n',
        'api/package.json': JSON.stringify({ dependencies: { express: '^4.0.0', '@sentry/node': '^8.0.0' } }),
        'api/server.js': "const Sentry = require('@sentry/node');\nSentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 0.2 });\n",
      },
    },
    {
      name: 'OpenTelemetry Node SDK',
      files: {
        'package.json': JSON.stringify({
          dependencies: { express: '^4', '@opentelemetry/sdk-node': '^0.57' },
        }),
      },
    },
    {
      name: 'dd-trace',
      files: {
        'package.json': JSON.stringify({
          dependencies: { fastify: '^4', 'dd-trace': '^5' },
        }),
      },
    },
    {
      name: 'ddtrace-run in the Dockerfile',
      files: {
        'requirements.txt': 'flask\n',
        'app.py': 'from flask import Flask\n',
        Dockerfile:
          'FROM python:3.12\nCMD ["ddtrace-run", "gunicorn", "app:app"]\n',
      },
    },
    {
      name: 'opentelemetry-instrument',
      files: { 'requirements.txt': 'flask\nopentelemetry-distro\n' },
    },
    {
      name: 'Micrometer tracing bridge',
      files: {
        'pom.xml':
          '<project><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><artifactId>micrometer-tracing-bridge-otel</artifactId></dependency></dependencies></project>',
      },
    },
    {
      name: 'Go OTel',
      files: {
        'go.mod':
          'module x\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.10.0\n\tgo.opentelemetry.io/otel v1.28.0\n)\n',
      },
    },
    {
      name: 'Go OTel required directly, next to indirect requirements',
      files: {
        'go.mod':
          'module x\n\nrequire github.com/gin-gonic/gin v1.10.0\nrequire go.opentelemetry.io/otel/sdk v1.28.0\n\nrequire (\n\tgo.opentelemetry.io/otel v1.28.0 // indirect\n)\n',
      },
    },
    {
      name: 'Jaeger client',
      files: {
        'go.mod':
          'module x\n\nrequire (\n\tgithub.com/gorilla/mux v1.8.1\n\tgithub.com/uber/jaeger-client-go v2.30.0\n)\n',
      },
    },
    {
      name: 'Zipkin',
      files: {
        'pom.xml':
          '<project><dependencies><dependency><artifactId>spring-boot-starter-webflux</artifactId></dependency><dependency><artifactId>zipkin-reporter-brave</artifactId></dependency></dependencies></project>',
      },
    },
    {
      name: '.NET OpenTelemetry',
      files: {
        'Api/Api.csproj':
          '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="OpenTelemetry.Extensions.Hosting" Version="1.9.0" /></ItemGroup></Project>',
        'Api/Program.cs': 'builder.Services.AddOpenTelemetry().WithTracing(t => t.AddAspNetCoreInstrumentation());\n',
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
  ],
  notApplicable: [
    {
      name: 'only platform servers: a Config Server and a Eureka registry',
      files: springCloud({
        'config-server': platformAndTracedServices['config-server'],
        'discovery-server': platformAndTracedServices['discovery-server'],
      }),
    },
    {
      name: 'a frontend app only',
      files: {
        'package.json': JSON.stringify({ dependencies: { react: '^18' }, devDependencies: { vite: '^5' } }),
        'src/main.tsx': '',
      },
    },
    {
      name: 'a library',
      files: { 'go.mod': 'module lib\n', 'lib.go': 'package lib\n' },
    },
  ],
});

/** Repositories whose other services are traced: the service left out is a low-confidence note, not a failure. */
const GAPS = [
    {
      name: 'a business service without tracing beside platform servers and a traced gateway',
      files: springCloud({ ...platformAndTracedServices, 'orders-service': { deps: ['spring-boot-starter-web'], annotations: ['@RestController'] } }),
      findings: ['orders-service/src/main/java/org/acme/OrdersServiceApplication.java:3'],
    },
    {
      name: 'a Config Server that also declares endpoints of its own is an application service',
      files: springCloud({
        ...platformAndTracedServices,
        'config-server': { deps: ['spring-cloud-config-server'], annotations: ['@EnableConfigServer', '@RestController'] },
      }),
      findings: ['config-server/src/main/java/org/acme/ConfigServerApplication.java:4'],
    },
    {
      name: 'a platform starter declared without its enabling annotation does not make a platform server',
      files: springCloud({ ...platformAndTracedServices, 'discovery-server': { deps: ['spring-cloud-starter-netflix-eureka-server'] } }),
      findings: ['discovery-server/src/main/java/org/acme/DiscoveryServerApplication.java:3'],
    },
    {
      name: 'a .NET server calling a framework method that another server project also declares as an extension',
      files: {
        'Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
        'Api/Program.cs': 'var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddAuthentication();\nvar app = builder.Build();\napp.Run();\n',
        'Portal/Portal.csproj':
          '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="OpenTelemetry.Extensions.Hosting" /></ItemGroup></Project>',
        'Portal/Program.cs': 'var builder = WebApplication.CreateBuilder(args);\nbuilder.AddAuthentication();\nvar app = builder.Build();\napp.Run();\n',
        'Portal/Setup.cs':
          'public static class Setup\n{\n    public static WebApplicationBuilder AddAuthentication(this WebApplicationBuilder builder)\n    {\n        builder.Services.AddOpenTelemetry().WithTracing(t => t.AddAspNetCoreInstrumentation());\n        return builder;\n    }\n}\n',
      },
      findings: ['Api/Program.cs:1'],
    },
];

describe('observability/no-tracing gaps in traced repositories', () => {
  it.each(GAPS.map(c => [c.name, c] as const))('notes: %s', (_name, c) => {
    const result = runRule(rule, c.files);
    expect(result.status).toBe('pass');
    expect(result.findings.map(f => `${f.path}:${f.line}`)).toEqual(c.findings);
    expect(result.findings.every(f => f.confidence === 'low' && /other services? of the repository/.test(f.message))).toBe(true);
  });
});
