import { describeRule } from '../../../testing';
import rule from '.';

const pkg = (deps: Record<string, string>, name?: string) =>
  JSON.stringify({ ...(name ? { name } : {}), dependencies: deps });

describeRule(rule, {
  fails: [
    {
      name: 'Flask reads SENTRY_DSN without the SDK',
      files: {
        'requirements.txt': 'flask==3.0.3\n',
        'app.py':
          'import os\nfrom flask import Flask\n\nSENTRY_DSN = os.getenv("SENTRY_DSN")\napp = Flask(__name__)\n',
      },
      findings: ['app.py:4'],
    },
    {
      name: 'Express has the SDK but never calls Sentry.init',
      files: {
        'package.json': pkg({ express: '^4', '@sentry/node': '^8' }),
        'src/config.ts':
          'export const sentryDsn = process.env.SENTRY_DSN ?? "";\n',
        'src/server.ts':
          "import express from 'express';\nimport * as Sentry from '@sentry/node';\nSentry.captureException(new Error('x'));\n",
      },
      findings: ['src/config.ts:1'],
    },
    {
      name: 'Go service with sentry-go that never calls sentry.Init',
      files: {
        'go.mod':
          'module x\n\nrequire github.com/getsentry/sentry-go v0.28.0\n',
        'main.go':
          'package main\n\nimport (\n\t"net/http"\n\t"os"\n)\n\nvar dsn = os.Getenv("SENTRY_DSN")\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n',
      },
      findings: ['main.go:8'],
    },
    {
      name: 'the node gateway reads the DSN, only the Python worker has Sentry',
      files: {
        'gateway/package.json': pkg({ express: '^4' }),
        'gateway/server.js':
          "const express = require('express');\nconst dsn = process.env.SENTRY_DSN;\n",
        'worker/Dockerfile': 'FROM python:3.12\n',
        'worker/requirements.txt': 'sentry-sdk==2.0.0\n',
        'worker/worker.py':
          'import os, sentry_sdk\nsentry_sdk.init(dsn=os.environ["SENTRY_DSN"])\n',
      },
      findings: ['gateway/server.js:2'],
    },
    {
      name: 'Spring configuration with a Sentry DSN and no Sentry starter',
      files: {
        'pom.xml':
          '<project><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>',
        'src/main/resources/application.yml':
          'sentry:\n  dsn: ${SENTRY_DSN:}\n',
      },
      findings: ['src/main/resources/application.yml:1'],
    },
    {
      name: 'Django settings read through django-environ',
      files: {
        'requirements.txt': 'django==5.0\ndjango-environ==0.11\n',
        'config/settings.py':
          'import environ\nenv = environ.Env()\nSENTRY_DSN = env("SENTRY_DSN", default="")\n',
      },
      findings: ['config/settings.py:3'],
    },
    {
      name: 'Rollbar token read, SDK present, never configured',
      files: {
        'package.json': pkg({ fastify: '^4', rollbar: '^2' }),
        'index.js':
          "const token = process.env.ROLLBAR_ACCESS_TOKEN;\nrequire('fastify')();\n",
      },
      findings: ['index.js:1'],
    },
    {
      name: 'a pydantic settings class declaring a Sentry setting other than the DSN, and no SDK',
      files: {
        'pyproject.toml': '[project]\nname = "api"\ndependencies = ["fastapi>=0.110", "pydantic-settings>=2"]\n',
        'app/settings.py':
          'from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    PORT: int = 8080\n    SENTRY_ENVIRONMENT: str = ""\n',
        'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      },
      findings: ['app/settings.py:6'],
    },
    {
      name: 'a Rollbar environment read by an Express service without the SDK',
      files: {
        'package.json': pkg({ express: '^4' }),
        'src/server.js': "const express = require('express');\nconst env = process.env.ROLLBAR_ENVIRONMENT || 'dev';\n",
      },
      findings: ['src/server.js:2'],
    },
  ],
  passes: [
    {
      name: 'Python with sentry_sdk.init',
      files: {
        'requirements.txt': 'fastapi\nsentry-sdk[fastapi]==2.0.0\n',
        'main.py':
          'import os\nimport sentry_sdk\nfrom fastapi import FastAPI\nsentry_sdk.init(dsn=os.getenv("SENTRY_DSN"))\napp = FastAPI()\n',
      },
    },
    {
      name: 'Node with Sentry.init in an instrument file',
      files: {
        'package.json': pkg({ express: '^4', '@sentry/node': '^8' }),
        'src/instrument.ts':
          "import * as Sentry from '@sentry/node';\nSentry.init({ dsn: process.env.SENTRY_DSN });\n",
        'src/server.ts':
          "import './instrument';\nimport express from 'express';\n",
      },
    },
    {
      name: 'named init import',
      files: {
        'package.json': pkg({ koa: '^2', '@sentry/node': '^8' }),
        'app.js':
          "import { init } from '@sentry/node';\ninit({\n  dsn: process.env.SENTRY_DSN,\n});\n",
      },
    },
    {
      name: 'Spring Boot Sentry starter initialises from configuration',
      files: {
        'pom.xml':
          '<project><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><groupId>io.sentry</groupId><artifactId>sentry-spring-boot-starter-jakarta</artifactId></dependency></dependencies></project>',
        'src/main/resources/application.properties':
          'sentry.dsn=${SENTRY_DSN:}\n',
      },
    },
    {
      name: '.NET UseSentry with an appsettings section',
      files: {
        'Api/Api.csproj':
          '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Sentry.AspNetCore" Version="4.0.0" /></ItemGroup></Project>',
        'Api/appsettings.json': '{\n  "Sentry": {\n    "Dsn": ""\n  }\n}\n',
        'Api/Program.cs':
          'var builder = WebApplication.CreateBuilder(args);\nbuilder.WebHost.UseSentry();\n',
      },
    },
    {
      name: 'Go with sentry.Init',
      files: {
        'go.mod':
          'module x\n\nrequire github.com/getsentry/sentry-go v0.28.0\n',
        'main.go':
          'package main\n\nimport (\n\t"net/http"\n\t"os"\n\t"github.com/getsentry/sentry-go"\n)\n\nfunc main() {\n\tsentry.Init(sentry.ClientOptions{Dsn: os.Getenv("SENTRY_DSN")})\n\thttp.ListenAndServe(":8080", nil)\n}\n',
      },
    },
    {
      name: 'initialised in a shared workspace package',
      files: {
        'package.json': JSON.stringify({
          private: true,
          workspaces: ['services/*', 'packages/*'],
        }),
        'services/api/package.json': pkg(
          { express: '^4', '@acme/observability': 'workspace:*' },
          '@acme/api',
        ),
        'services/api/src/server.ts':
          "import '@acme/observability';\nconst dsn = process.env.SENTRY_DSN;\n",
        'packages/observability/package.json': pkg(
          { '@sentry/node': '^8' },
          '@acme/observability',
        ),
        'packages/observability/src/index.ts':
          "import * as Sentry from '@sentry/node';\nSentry.init({ dsn: process.env.SENTRY_DSN });\n",
      },
    },
    {
      name: 'Sentry settings beside the DSN, with the SDK initialised',
      files: {
        'requirements.txt': 'fastapi\nsentry-sdk==2.0.0\n',
        'main.py':
          'import os\nimport sentry_sdk\nsentry_sdk.init(dsn=os.getenv("SENTRY_DSN"), environment=os.getenv("SENTRY_ENVIRONMENT"))\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'SENTRY_DSN only documented, never read by code',
      files: {
        'requirements.txt': 'flask\n',
        'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
        '.env.example': 'SENTRY_DSN=\n',
        'README.md': 'Set `SENTRY_DSN` to report errors.\n',
      },
    },
    {
      name: 'read only in a test and in a comment',
      files: {
        'requirements.txt': 'flask\n',
        'app.py':
          'from flask import Flask\n# os.getenv("SENTRY_DSN") later\napp = Flask(__name__)\n',
        'tests/test_app.py': 'import os\nos.environ["SENTRY_DSN"] = "x"\n',
      },
    },
    {
      name: 'only the release tooling settings, read by the build to upload source maps',
      files: {
        'package.json': pkg({ next: '^14', react: '^18' }),
        'next.config.js':
          'module.exports = { env: { org: process.env.SENTRY_ORG, project: process.env.SENTRY_PROJECT, token: process.env.SENTRY_AUTH_TOKEN } };\n',
        'app/page.tsx': 'export default function Page() { return null; }\n',
      },
    },
    {
      name: 'names that only contain the tracker word: a settings field without the tracker prefix, a partial name',
      files: {
        'requirements.txt': 'fastapi\npydantic-settings\n',
        'settings.py': 'from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    error_sentry: bool = False\n',
        'main.py': 'import os\nfrom fastapi import FastAPI\napp = FastAPI()\nlabel = os.getenv("SENTRY_")\n',
      },
    },
    {
      name: 'a library',
      files: {
        'package.json': pkg({ lodash: '^4' }),
        'index.js': 'process.env.SENTRY_DSN',
      },
    },
  ],
});
