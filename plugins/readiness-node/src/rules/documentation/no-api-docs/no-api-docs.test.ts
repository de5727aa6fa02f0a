import { describeRule } from '../../../testing';
import rule from '.';

const flask = {
  'requirements.txt': 'flask==3.0.3\n',
  'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
};

describeRule(rule, {
  fails: [
    { name: 'a Flask API with no spec', files: flask, findings: ['app.py:1'] },
    {
      name: 'a Flask site that renders pages and also answers JSON',
      files: {
        'requirements.txt': 'Flask==2.2.2\n',
        'app.py':
          "from flask import Flask, render_template, jsonify\napp = Flask(__name__)\n@app.route('/')\ndef home():\n    return render_template('home.html')\n@app.route('/api/items')\ndef items():\n    return jsonify(load())\n",
      },
      findings: ['app.py:1'],
    },
    {
      name: 'an OpenAPI file only in a test fixture',
      files: { ...flask, 'tests/fixtures/openapi.yaml': 'openapi: 3.0.0\n' },
      findings: ['app.py:1'],
    },
    {
      name: 'FastAPI with its docs switched off',
      files: {
        'requirements.txt': 'fastapi\n',
        'main.py':
          'from fastapi import FastAPI\napp = FastAPI(docs_url=None, openapi_url=None)\n',
      },
      findings: ['main.py:1'],
    },
    {
      name: 'the spec belongs to the other service',
      files: {
        'orders/package.json': JSON.stringify({
          dependencies: { express: '^4' },
        }),
        'orders/openapi.yaml': 'openapi: 3.1.0\n',
        'billing/go.mod':
          'module billing\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n',
        'billing/main.go': 'package main\n',
      },
      findings: ['billing/go.mod:3'],
    },
    {
      name: 'a YAML file that is not an API spec',
      files: { ...flask, 'config/app.yaml': 'server:\n  port: 8080\n' },
    },
  ],
  passes: [
    {
      name: 'openapi.yaml at the root',
      files: { ...flask, 'openapi.yaml': 'openapi: 3.0.3\ninfo: {}\n' },
    },
    {
      name: 'a spec found by content',
      files: { ...flask, 'api/orders.yml': 'openapi: "3.1.0"\n' },
    },
    {
      name: 'swagger.json',
      files: { ...flask, 'static/swagger.json': '{"swagger": "2.0"}' },
    },
    {
      name: 'FastAPI serves its own docs',
      files: {
        'requirements.txt': 'fastapi==0.115\n',
        'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      },
    },
    {
      name: 'drf-spectacular',
      files: {
        'requirements.txt':
          'Django==5.0\ndjangorestframework\ndrf-spectacular\n',
      },
    },
    {
      name: 'springdoc',
      files: {
        'pom.xml':
          '<project><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><artifactId>springdoc-openapi-starter-webmvc-ui</artifactId></dependency></dependencies></project>',
      },
    },
    {
      name: '@nestjs/swagger',
      files: {
        'package.json': JSON.stringify({
          dependencies: { '@nestjs/core': '^10', '@nestjs/swagger': '^7' },
        }),
      },
    },
    {
      name: 'swagger-jsdoc with Express',
      files: {
        'package.json': JSON.stringify({
          dependencies: {
            express: '^4',
            'swagger-jsdoc': '^6',
            'swagger-ui-express': '^5',
          },
        }),
      },
    },
    {
      name: 'swaggo',
      files: {
        'go.mod':
          'module x\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.10.0\n\tgithub.com/swaggo/gin-swagger v1.6.0\n)\n',
      },
    },
    {
      name: 'Swashbuckle',
      files: {
        'Api/Api.csproj':
          '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Swashbuckle.AspNetCore" Version="6" /></ItemGroup></Project>',
      },
    },
    {
      name: 'a GraphQL schema',
      files: {
        'package.json': JSON.stringify({
          dependencies: { '@apollo/server': '^4' },
        }),
        'schema.graphql': 'type Query { a: Int }\n',
      },
    },
    {
      name: 'an api-docs folder',
      files: { ...flask, 'api-docs/orders.md': '# Orders\n' },
    },
    {
      name: 'docs/openapi.json shared by every service',
      files: { ...flask, 'docs/openapi.json': '{"openapi": "3.0.0"}' },
    },
  ],
  notApplicable: [
    {
      name: 'a Flask site that only renders templates',
      files: {
        'requirements.txt': 'Flask==2.2.2\n',
        'market/__init__.py': 'from flask import Flask\napp = Flask(__name__)\n',
        'market/views.py':
          "from flask import render_template\n@bp.route('/items')\ndef items():\n    return render_template('items.html', items=load())\n",
      },
    },
    {
      name: 'a library',
      files: { 'package.json': JSON.stringify({ name: 'lib' }) },
    },
    {
      name: 'a Next.js frontend only',
      files: {
        'package.json': JSON.stringify({
          dependencies: { next: '^14', react: '^18' },
        }),
        'app/page.tsx': '',
      },
    },
    {
      name: 'a worker container',
      files: {
        Dockerfile: 'FROM python:3.12\n',
        'worker.py': 'print(1)\n',
        'requirements.txt': 'celery\n',
      },
    },
  ],
});
