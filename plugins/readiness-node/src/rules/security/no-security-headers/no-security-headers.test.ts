import { describeRule, runRule } from '../../../testing';
import rule from '.';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps }, null, 2);
const springPom = (extra = '') =>
  `<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>${extra}</dependencies></project>`;

/** An ASP.NET Core server with its endpoints in several files. */
const aspnet = (dir: string, pipeline: string) => ({
  [`${dir}/${dir}.csproj`]: '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
  [`${dir}/Program.cs`]: `var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\n${pipeline}app.MapOrders();\napp.Run();\n`,
  [`${dir}/Endpoints/Orders.cs`]: 'public static class Orders { public static void MapOrders(this WebApplication app) { app.MapGet("/orders", () => Results.Ok()); } }\n',
  [`${dir}/Endpoints/Invoices.cs`]: 'public static class Invoices { public static void Map(WebApplication app) { app.MapGet("/invoices", () => Results.Ok()); } }\n',
});

/** Go services in modules of their own that share an in-repo module (`replace … => ../common`). */
const goService = (name: string, main = 'package main\n\nimport "example.com/shop/common/server"\n\nfunc main() { server.Run() }\n') => ({
  [`internal/${name}/go.mod`]: `module example.com/shop/${name}\n\ngo 1.22\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.0.12\n\texample.com/shop/common v0.0.0\n)\n\nreplace example.com/shop/common => ../common/\n`,
  [`internal/${name}/main.go`]: main,
});
const goCommon = (headers: string) => ({
  'internal/common/go.mod': 'module example.com/shop/common\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n',
  'internal/common/server/http.go': `package server\n\nimport (\n\t"net/http"\n\n\t"github.com/go-chi/chi/v5"\n\t"github.com/go-chi/chi/v5/middleware"\n)\n\nfunc Run() {\n\trouter := chi.NewRouter()\n${headers}\thttp.ListenAndServe(":8080", router)\n}\n`,
});

/**
 * A Flask app factory that applies Flask-SSLify (or Talisman) only when `guard` holds, and a config module of
 * classes selected by name whose settings `base`, `production` and `heroku` hold.
 */
const flaskSwitched = (guard: string, settings: { base?: string; production?: string; heroku?: string }, extension = 'SSLify') => ({
  'requirements.txt': `flask==3.0.3\n${extension === 'SSLify' ? 'Flask-SSLify==0.1.5' : 'flask-talisman==1.1.0'}\n`,
  'app/__init__.py': [
    'import os',
    'from flask import Flask',
    'from config import config',
    '',
    'def create_app():',
    '    app = Flask(__name__)',
    "    app.config.from_object(config[os.getenv('APP_CONFIG') or 'default'])",
    `    # ${extension}(app) also sends HSTS`,
    `    if ${guard}:`,
    `        from ${extension === 'SSLify' ? 'flask_sslify import SSLify' : 'flask_talisman import Talisman'}`,
    `        ${extension}(app)`,
    '    return app',
    '',
  ].join('\n'),
  'config.py': [
    'import os',
    '',
    'class Config:',
    `    ${settings.base ?? 'SECRET_KEY = os.environ.get("SECRET_KEY")'}`,
    '',
    'class DevelopmentConfig(Config):',
    '    DEBUG = True',
    '',
    'class ProductionConfig(Config):',
    `    ${settings.production ?? 'DEBUG = False'}`,
    '',
    'class HerokuConfig(ProductionConfig):',
    `    ${settings.heroku ?? 'DEBUG = False'}`,
    '',
    "config = {'development': DevelopmentConfig, 'production': ProductionConfig, 'heroku': HerokuConfig, 'default': DevelopmentConfig}",
    '',
  ].join('\n'),
});

describeRule(rule, {
  fails: [
    {
      name: 'a web server without headers beside a gRPC-only service: only the web server is named',
      files: {
        'src/web/package.json': pkg({ express: '^4.19.0' }),
        'src/web/server.js': "const express = require('express');\nconst app = express();\napp.listen(8080);\n",
        'src/currency/package.json': pkg({ '@grpc/grpc-js': '^1.10.0', '@grpc/proto-loader': '^0.7.0' }),
        'src/currency/server.js':
          "const grpc = require('@grpc/grpc-js');\nconst server = new grpc.Server();\nserver.addService(proto.CurrencyService.service, { convert });\nserver.bindAsync('0.0.0.0:7000', grpc.ServerCredentials.createInsecure(), () => server.start());\n",
      },
      findings: ['src/web/server.js:1'],
    },
    {
      name: 'a gRPC service that also serves HTTP routes with express is a web server',
      files: {
        'src/currency/package.json': pkg({ '@grpc/grpc-js': '^1.10.0', express: '^4.19.0' }),
        'src/currency/server.js': "const grpc = require('@grpc/grpc-js');\nconst express = require('express');\nconst app = express();\napp.get('/rates', (req, res) => res.json({}));\napp.listen(8080);\n",
      },
      findings: ['src/currency/server.js:2'],
    },
    {
      name: 'Flask-SSLify applied only under a setting that only the optional platform configuration turns on',
      files: flaskSwitched("app.config['SSL_REDIRECT']", { base: 'SSL_REDIRECT = False', heroku: "SSL_REDIRECT = True if os.environ.get('DYNO') else False" }),
      findings: ['app/__init__.py:2'],
    },
    {
      name: 'Flask-SSLify switched off by a setting that defaults to on in production and by debug mode in development',
      files: flaskSwitched("not app.debug and not app.config['SSL_DISABLE']", {
        production: "SSL_DISABLE = (os.environ.get('SSL_DISABLE', 'True') == 'True')",
      }),
      findings: ['app/__init__.py:2'],
    },
    {
      name: 'Talisman applied only under a setting no deployed configuration defines',
      files: flaskSwitched("app.config.get('FORCE_HTTPS')", { heroku: 'FORCE_HTTPS = True' }, 'Talisman'),
      findings: ['app/__init__.py:2'],
    },
    {
      name: 'an Express app with a workspace package of security middleware only as a dev dependency',
      files: {
        'package.json': JSON.stringify({ private: true, workspaces: ['apps/*', 'packages/*'] }),
        'packages/security/package.json': JSON.stringify({ name: '@shop/security', main: 'index.js', dependencies: { helmet: '^7' } }),
        'packages/security/index.js': "module.exports = require('helmet');\n",
        'apps/api/index.js': "const express = require('express');\nconst app = express();\napp.use(require('@shop/security')());\napp.listen(3000);\n",
        'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4' }, devDependencies: { '@shop/security': '*' } }),
      },
      findings: ['apps/api/index.js:1'],
    },
    {
      name: 'Go services whose shared server module sets no header; a header set by another service does not count',
      files: {
        ...goService('orders'),
        ...goCommon(''),
        'internal/admin/go.mod': 'module example.com/shop/admin\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n',
        'internal/admin/main.go':
          'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/go-chi/chi/v5"\n\t"github.com/go-chi/chi/v5/middleware"\n)\n\nfunc main() {\n\tr := chi.NewRouter()\n\tr.Use(middleware.SetHeader("X-Frame-Options", "deny"))\n\thttp.ListenAndServe(":8081", r)\n}\n',
      },
      findings: ['internal/orders/go.mod:6'],
    },
    {
      name: 'one finding for a server whose endpoints span several files',
      files: aspnet('Api', ''),
      findings: ['Api/Program.cs:1'],
    },
    {
      name: 'HSTS in one server does not cover another',
      files: { ...aspnet('Api', ''), ...aspnet('Portal', 'app.UseHsts();\n') },
      findings: ['Api/Program.cs:1'],
    },
    {
      name: 'an express server without helmet or headers',
      files: {
        'package.json': pkg({ express: '^4.19.0', cors: '^2.8.5' }),
        'src/server.js': "const express = require('express');\napp.use(cors({ origin: allowed }));\n",
      },
      findings: ['src/server.js:1'],
    },
    {
      name: 'a Flask app without talisman',
      files: { 'requirements.txt': 'flask==3.0.3\nflask-cors==4.0.1\n' },
      findings: ['requirements.txt:1'],
    },
    {
      name: 'a Django project without SecurityMiddleware',
      files: {
        'requirements.txt': 'django==5.0.6\n',
        'mysite/settings.py': "DEBUG = False\nMIDDLEWARE = [\n    'django.middleware.common.CommonMiddleware',\n]\n",
      },
      findings: ['mysite/settings.py:2'],
    },
    {
      name: 'Django SecurityMiddleware with HSTS switched off and nothing else set',
      files: {
        'requirements.txt': 'django==5.0.6\n',
        'mysite/settings.py': "MIDDLEWARE = [\n    'django.middleware.security.SecurityMiddleware',\n]\nSECURE_HSTS_SECONDS = 0\n",
      },
      findings: ['mysite/settings.py:1'],
    },
    {
      name: 'Flask-SSLify mentioned only in a test and the README',
      files: {
        'requirements.txt': 'flask==3.0.3\n',
        'README.md': 'Add Flask-SSLify: `SSLify(app)`\n',
        'tests/test_https.py': 'from flask_sslify import SSLify\nSSLify(app)\n',
      },
      findings: ['requirements.txt:1'],
    },
    {
      name: 'a module with Spring Security that disables its headers, under a parent pom that only manages the starters',
      files: {
        'pom.xml':
          '<project><packaging>pom</packaging><modules><module>shop</module></modules><dependencyManagement><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></dependencyManagement></project>\n',
        'shop/pom.xml': springPom('<dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-security</artifactId></dependency>'),
        'shop/src/main/java/com/acme/SecurityConfig.java': 'http\n  .headers().disable();\n',
      },
      findings: ['shop/src/main/java/com/acme/SecurityConfig.java:2'],
    },
    {
      name: 'Spring Security with its headers disabled',
      files: {
        'pom.xml': springPom('<dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-security</artifactId></dependency>'),
        'src/main/java/com/acme/SecurityConfig.java': 'http\n  .csrf(AbstractHttpConfigurer::disable)\n  .headers(AbstractHttpConfigurer::disable);\n',
      },
      findings: ['src/main/java/com/acme/SecurityConfig.java:3'],
    },
    {
      name: 'headers mentioned only in docs and tests',
      files: {
        'package.json': pkg({ express: '^4.19.0' }),
        'src/server.js': "const express = require('express');\n",
        'docs/security.md': 'We should send Content-Security-Policy and Strict-Transport-Security.\n',
        'test/headers.test.js': "expect(res.headers['x-frame-options']).toBe('DENY');\n",
      },
      findings: ['src/server.js:1'],
    },
  ],
  passes: [
    {
      name: 'a gRPC-only service beside a web server that sets headers (gRPC answers no browser)',
      files: {
        'src/web/package.json': pkg({ express: '^4.19.0', helmet: '^7.1.0' }),
        'src/web/server.js': "const express = require('express');\nconst helmet = require('helmet');\nconst app = express();\napp.use(helmet());\napp.listen(8080);\n",
        'src/currency/package.json': pkg({ '@grpc/grpc-js': '^1.10.0', '@grpc/proto-loader': '^0.7.0' }),
        'src/currency/server.js':
          "const grpc = require('@grpc/grpc-js');\nconst server = new grpc.Server();\nserver.addService(proto.CurrencyService.service, { convert });\nserver.bindAsync('0.0.0.0:7000', grpc.ServerCredentials.createInsecure(), () => server.start());\n",
      },
    },
    {
      name: 'Flask-SSLify under a setting the production configuration turns on',
      files: flaskSwitched("app.config['SSL_REDIRECT']", { base: 'SSL_REDIRECT = False', production: 'SSL_REDIRECT = True' }),
    },
    {
      name: 'Flask-SSLify switched off by a setting that defaults to off in production',
      files: flaskSwitched("not app.debug and not app.config['SSL_DISABLE']", {
        production: "SSL_DISABLE = (os.environ.get('SSL_DISABLE', 'False') == 'True')",
      }),
    },
    {
      name: 'Flask-SSLify under a setting read from the environment with no default',
      files: flaskSwitched("app.config['SSL_REDIRECT']", { base: "SSL_REDIRECT = os.environ['SSL_REDIRECT']" }),
    },
    {
      name: 'Flask-SSLify applied unconditionally beside a configuration map',
      files: flaskSwitched('True', {}),
    },
    {
      name: 'an Express app using the workspace package that brings helmet',
      files: {
        'package.json': JSON.stringify({ private: true, workspaces: ['apps/*', 'packages/*'] }),
        'packages/security/package.json': JSON.stringify({ name: '@shop/security', main: 'index.js', dependencies: { helmet: '^7' } }),
        'packages/security/index.js': "module.exports = require('helmet');\n",
        'apps/api/index.js': "const express = require('express');\nconst app = express();\napp.use(require('@shop/security')());\napp.listen(3000);\n",
        'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4', '@shop/security': 'workspace:*' } }),
      },
    },
    {
      name: 'Go services in modules of their own, headers set by the in-repo server module they require',
      files: {
        ...goService('orders'),
        ...goService('billing'),
        ...goCommon('\trouter.Use(middleware.SetHeader("X-Frame-Options", "deny"))\n'),
      },
    },
    {
      name: 'a Backstage backend, whose root router applies helmet to every plugin',
      files: {
        'packages/backend/package.json': JSON.stringify({ name: 'backend', backstage: { role: 'backend' }, dependencies: { '@backstage/backend-defaults': '^0.5.0' } }),
        'plugins/orders-backend/package.json': JSON.stringify({ name: '@internal/plugin-orders-backend', backstage: { role: 'backend-plugin' }, dependencies: { express: '^4.21.0' } }),
        'plugins/orders-backend/src/router.ts': "import express from 'express';\nexport const router = express.Router();\n",
      },
    },
    {
      name: 'helmet declared',
      files: { 'package.json': pkg({ express: '^4.19.0', helmet: '^7.1.0' }) },
    },
    {
      name: 'flask-talisman',
      files: { 'requirements.txt': 'flask==3.0.3\nflask-talisman==1.1.0\n' },
    },
    {
      name: 'Flask-SSLify declared',
      files: { 'requirements.txt': 'flask==3.0.3\nFlask-SSLify==0.1.5\n' },
    },
    {
      name: 'Flask-SSLify set up in the app factory',
      files: {
        'requirements.txt': 'flask==3.0.3\n',
        'app/__init__.py': 'from flask import Flask\nfrom flask_sslify import SSLify\n\ndef create_app():\n    app = Flask(__name__)\n    SSLify(app)\n    return app\n',
      },
    },
    {
      name: 'Django SecurityMiddleware with HSTS on',
      files: {
        'requirements.txt': 'django==5.0.6\n',
        'mysite/settings.py': "MIDDLEWARE = [\n    'django.middleware.security.SecurityMiddleware',\n]\nSECURE_HSTS_SECONDS = 3600\n",
      },
    },
    {
      name: 'the default Django middleware stack',
      files: {
        'requirements.txt': 'django==5.0.6\n',
        'mysite/settings.py': [
          'MIDDLEWARE = [',
          "    'django.middleware.security.SecurityMiddleware',",
          "    'django.middleware.clickjacking.XFrameOptionsMiddleware',",
          ']',
          'SECURE_HSTS_SECONDS = 31536000',
        ].join('\n'),
      },
    },
    {
      name: 'a module with Spring Security and its default headers, under a parent pom that only manages the web and security starters',
      files: {
        'pom.xml':
          '<project><packaging>pom</packaging><modules><module>shop</module></modules><dependencyManagement><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-security</artifactId></dependency></dependencies></dependencyManagement></project>\n',
        'shop/pom.xml': springPom('<dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-security</artifactId></dependency>'),
        'shop/src/main/java/com/acme/SecurityConfig.java': 'http.csrf(AbstractHttpConfigurer::disable);\n',
      },
    },
    {
      name: 'Spring Security with default headers',
      files: {
        'pom.xml': springPom('<dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-security</artifactId></dependency>'),
        'src/main/java/com/acme/SecurityConfig.java': 'http.csrf(AbstractHttpConfigurer::disable);\n',
      },
    },
    {
      name: 'headers set at the nginx proxy',
      files: {
        'package.json': pkg({ express: '^4.19.0' }),
        'deploy/nginx.conf': 'add_header Strict-Transport-Security "max-age=31536000" always;\nadd_header X-Frame-Options DENY;\n',
      },
    },
    {
      name: 'headers set by hand in a Go server',
      files: {
        'main.go': 'package main\nfunc h(w http.ResponseWriter, r *http.Request) {\n\tw.Header().Set("Content-Security-Policy", "default-src \'self\'")\n}\nfunc main() { http.ListenAndServe(":8080", nil) }\n',
      },
    },
    {
      name: 'two servers, each sending HSTS',
      files: { ...aspnet('Api', 'app.UseHsts();\n'), ...aspnet('Portal', 'app.UseHsts();\n') },
    },
    {
      name: 'ASP.NET Core HSTS',
      files: { 'Program.cs': 'var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.UseHsts();\n' },
    },
  ],
  notApplicable: [
    { name: 'no server application', files: { 'package.json': pkg({ react: '^18.0.0' }), 'src/App.tsx': 'export {};\n' } },
  ],
});

describe('security/no-security-headers details', () => {
  it('names the server that sends no headers', () => {
    const result = runRule(rule, { ...aspnet('Api', ''), ...aspnet('Portal', 'app.UseHsts();\n') });
    expect(result.findings.map(f => f.message)).toEqual([
      'The aspnet service in Api/ sets no security headers: no helmet-style middleware and no CSP, HSTS or X-Frame-Options configuration in its code, its dependencies or the proxy in front of it',
    ]);
  });

  it('says where the headers come from', () => {
    const result = runRule(rule, { 'package.json': pkg({ fastify: '^4.0.0', '@fastify/helmet': '^11.0.0' }) });
    expect(result).toEqual(expect.objectContaining({ status: 'pass', message: 'security headers through helmet' }));
  });
});
