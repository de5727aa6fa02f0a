import { describeRule } from '../../../testing';
import rule from '.';
import { serviceDefaults } from '../serviceDefaults.testutil';

describeRule(rule, {
  fails: [
    {
      name: 'a Flask service with a locustfile beside its app is still a service',
      files: {
        'requirements.txt': 'flask==3.0.3\nlocust==2.40.0\n',
        'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
        'locustfile.py': 'from locust import HttpUser, task\n\nclass Visitor(HttpUser):\n    @task\n    def home(self):\n        self.client.get("/")\n',
      },
      findings: ['app.py:1'],
    },
    {
      name: 'a Go service with OpenTelemetry and Sentry only as indirect dependencies of other libraries',
      files: {
        'go.mod':
          'module x\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n\nrequire (\n\tgithub.com/getsentry/sentry-go v0.28.0 // indirect\n\tgo.opentelemetry.io/otel v1.28.0 // indirect\n)\n',
        'main.go': 'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/go-chi/chi/v5"\n)\n\nfunc main() { http.ListenAndServe(":3000", chi.NewRouter()) }\n',
      },
      findings: ['main.go:9'],
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
      name: 'a module named setup.py and a requirements/ folder belong to the one Django service',
      files: {
        'requirements.txt': '-r requirements/base.txt\n',
        'requirements/base.txt': 'Django==5.0\n',
        'manage.py': 'import django\n',
        'config/wsgi.py': 'from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n',
        'config/settings/toolbar/setup.py': 'from django.urls import include, path\n\ndef show_toolbar(*args) -> bool:\n    return False\n',
      },
      findings: ['config/wsgi.py:1'],
    },
    {
      name: 'a Spring Boot service whose Java package is called samples',
      files: {
        'pom.xml':
          '<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>',
        'src/main/java/org/acme/samples/shop/ShopApplication.java':
          'package org.acme.samples.shop;\n\n@SpringBootApplication\npublic class ShopApplication {}\n',
      },
      findings: ['src/main/java/org/acme/samples/shop/ShopApplication.java:3'],
    },
    {
      name: 'a Flask service without a tracker',
      files: {
        'requirements.txt': 'flask==3.0.3\n',
        'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
      },
      findings: ['app.py:1'],
    },
    {
      name: 'Sentry named only in the README and .env.example',
      files: {
        'package.json': JSON.stringify({ dependencies: { express: '^4' } }),
        'server.js': "require('express')();\n",
        'README.md': 'We use @sentry/node in production.\n',
        '.env.example': 'SENTRY_DSN=\n',
      },
      findings: ['server.js:1'],
    },
    {
      name: 'a worker container next to a tracked server',
      files: {
        'api/package.json': JSON.stringify({
          dependencies: { express: '^4', '@sentry/node': '^8' },
        }),
        'api/server.js': "require('express');\n",
        'worker/Dockerfile': 'FROM golang:1.23\n',
        'worker/go.mod': 'module worker\n',
        'worker/main.go': 'package main\n',
      },
      findings: ['worker/Dockerfile:1'],
    },
    {
      name: 'a deployed React app without a browser SDK',
      files: {
        'package.json': JSON.stringify({
          dependencies: { react: '^18', 'react-dom': '^18' },
          devDependencies: { vite: '^5' },
        }),
        'index.html': '<div id="root"></div>',
        'src/main.tsx': "import React from 'react';\n",
        Dockerfile: 'FROM nginx:1.27-alpine\nCOPY dist /usr/share/nginx/html\n',
      },
      findings: ['Dockerfile:1'],
    },
    {
      name: 'a React app hosted without a container of its own',
      files: {
        'web/package.json': JSON.stringify({
          dependencies: { react: '^18', 'react-dom': '^18' },
          devDependencies: { vite: '^5' },
        }),
        'web/src/main.tsx': "import React from 'react';\n",
      },
      findings: ['web/package.json'],
    },
    {
      name: 'an untracked server beside a browser app that reports to Sentry: the browser SDK does not cover the server',
      files: {
        'backend/requirements.txt': 'fastapi==0.115.0\n',
        'backend/app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
        'frontend/package.json': JSON.stringify({
          dependencies: { react: '^18', 'react-dom': '^18', '@sentry/react': '^8' },
          devDependencies: { vite: '^5' },
        }),
        'frontend/src/main.tsx': "import * as Sentry from '@sentry/react';\nSentry.init({ dsn: import.meta.env.VITE_SENTRY_DSN });\n",
      },
      findings: ['backend/app/main.py:1'],
    },
  ],
  passes: [
    {
      name: 'a load generator (a Locust locustfile whose requirements pull in Flask) is a test tool, not a unit',
      files: {
        'src/api/requirements.txt': 'flask==3.0.3\nsentry-sdk[flask]==2.10.0\n',
        'src/api/app.py': 'import sentry_sdk\nfrom flask import Flask\nsentry_sdk.init(dsn=os.environ["SENTRY_DSN"])\napp = Flask(__name__)\n',
        'src/loadgenerator/requirements.txt': 'flask==3.1.3\n    # via locust\nlocust==2.40.0\n',
        'src/loadgenerator/locustfile.py':
          'from locust import FastHttpUser, TaskSet, between\n\ndef index(l):\n    l.client.get("/")\n\nclass UserBehavior(TaskSet):\n    tasks = {index: 1}\n\nclass WebsiteUser(FastHttpUser):\n    tasks = [UserBehavior]\n    wait_time = between(1, 10)\n',
        'src/loadgenerator/Dockerfile': 'FROM python:3.12-alpine\nCOPY locustfile.py .\nENTRYPOINT locust --headless\n',
      },
    },
    {
      name: 'a tracked server beside a browser app without an SDK: the backend is what the rule judges',
      files: {
        'backend/requirements.txt': 'fastapi==0.115.0\nsentry-sdk[fastapi]==2.19.0\n',
        'backend/app/main.py': 'import sentry_sdk\nfrom fastapi import FastAPI\nsentry_sdk.init()\napp = FastAPI()\n',
        'frontend/package.json': JSON.stringify({
          dependencies: { react: '^18', 'react-dom': '^18' },
          devDependencies: { vite: '^5' },
        }),
        'frontend/src/main.tsx': "import React from 'react';\n",
        'frontend/Dockerfile': 'FROM nginx:1.27-alpine\nCOPY dist /usr/share/nginx/html\n',
      },
    },
    {
      name: 'a .NET server tracked through a referenced defaults project, hosting two browser apps without an SDK',
      files: {
        ...serviceDefaults(),
        'src/Shipping.Api/ClientApp/package.json': JSON.stringify({
          dependencies: { react: '^18', 'react-dom': '^18' },
          devDependencies: { vite: '^5' },
        }),
        'src/Shipping.Api/ClientApp/src/main.tsx': "import React from 'react';\n",
        'src/Shipping.Api/AdminApp/package.json': JSON.stringify({
          dependencies: { '@angular/core': '^18' },
          devDependencies: { '@angular/cli': '^18' },
        }),
        'src/Shipping.Api/AdminApp/src/main.ts': "import { bootstrapApplication } from '@angular/platform-browser';\n",
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
      name: 'a tracked backend whose Dockerfile compose builds from a root that holds workspace manifests',
      files: {
        'package.json': JSON.stringify({ workspaces: ['frontend'] }),
        'pyproject.toml': '[tool.uv.workspace]\nmembers = ["backend"]\n',
        'backend/pyproject.toml': '[project]\nname = "app"\ndependencies = ["fastapi", "sentry-sdk"]\n',
        'backend/app/main.py': 'import sentry_sdk\nfrom fastapi import FastAPI\nsentry_sdk.init()\napp = FastAPI()\n',
        'backend/Dockerfile': 'FROM python:3.12\nCOPY ./backend /app\nCMD ["fastapi", "run"]\n',
        'compose.yml': 'services:\n  backend:\n    build:\n      context: .\n      dockerfile: backend/Dockerfile\n',
      },
    },
    {
      name: 'Sentry in Python',
      files: { 'requirements.txt': 'django==5.0\nsentry-sdk==2.0\n' },
    },
    {
      name: 'Rollbar in Node',
      files: {
        'package.json': JSON.stringify({
          dependencies: { koa: '^2', rollbar: '^2' },
        }),
      },
    },
    {
      name: 'Sentry required directly by a Go service whose other requirements are indirect',
      files: {
        'go.mod':
          'module x\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.0.12\n\tgithub.com/getsentry/sentry-go v0.28.0\n\tgolang.org/x/sys v0.20.0 // indirect\n)\n',
      },
    },
    {
      name: 'Bugsnag in Go',
      files: {
        'go.mod':
          'module x\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.10.0\n\tgithub.com/bugsnag/bugsnag-go/v2 v2.4.0\n)\n',
      },
    },
    {
      name: 'Datadog in Node',
      files: {
        'package.json': JSON.stringify({
          dependencies: { fastify: '^4', 'dd-trace': '^5' },
        }),
      },
    },
    {
      name: 'OpenTelemetry in Java',
      files: {
        'pom.xml':
          '<project><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><artifactId>opentelemetry-spring-boot-starter</artifactId></dependency></dependencies></project>',
      },
    },
    {
      name: 'Sentry in .NET',
      files: {
        'Api/Api.csproj':
          '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Sentry.AspNetCore" Version="4" /></ItemGroup></Project>',
      },
    },
    {
      name: 'Honeybadger in Ruby',
      files: {
        Gemfile:
          "source 'https://rubygems.org'\ngem 'rails'\ngem 'honeybadger'\n",
      },
    },
    {
      name: 'the Java agent attached in the Dockerfile',
      files: {
        'pom.xml':
          '<project><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>',
        Dockerfile:
          'FROM eclipse-temurin:21\nADD dd-java-agent.jar /dd.jar\nENTRYPOINT ["java", "-javaagent:/dd-java-agent.jar", "-jar", "/app.jar"]\n',
      },
    },
    {
      name: 'a React app with @sentry/react',
      files: {
        'package.json': JSON.stringify({
          dependencies: { react: '^18', '@sentry/react': '^8' },
          devDependencies: { vite: '^5' },
        }),
        Dockerfile: 'FROM nginx:1.27\n',
        'src/main.tsx': '',
      },
    },
  ],
  notApplicable: [
    {
      name: 'a library',
      files: {
        'pyproject.toml':
          '[project]\nname = "lib"\ndependencies = ["requests"]\n',
        'lib/__init__.py': '',
      },
    },
    {
      name: 'a CLI',
      files: {
        'go.mod': 'module cli\n\nrequire github.com/spf13/cobra v1.8.0\n',
        'main.go': 'package main\n',
      },
    },
  ],
});
