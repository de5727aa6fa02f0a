import { describeRule, runRule } from '../../../testing';
import rule from '.';

const flaskPrint = [
  'from flask import Flask',
  '',
  'app = Flask(__name__)',
  '',
  '@app.route("/orders")',
  'def orders():',
  '    try:',
  '        return load()',
  '    except Exception as e:',
  '        print("failed", e)',
  '        return "error", 500',
  '',
].join('\n');

const echoMod = 'module example.com/api\n\ngo 1.22\n\nrequire github.com/labstack/echo/v4 v4.12.0\n';
/** An Echo server's main.go: `setup` lines go after `echo.New()`; `gommon` imports Echo's log package. */
const echoMain = (setup: string[], gommon = false) =>
  [
    'package main',
    '',
    'import (',
    '\t"fmt"',
    '',
    '\t"github.com/labstack/echo/v4"',
    '\t"github.com/labstack/echo/v4/middleware"',
    ...(gommon ? ['\t"github.com/labstack/gommon/log"'] : []),
    ')',
    '',
    'func main() {',
    '\te := echo.New()',
    ...setup,
    '\te.Use(middleware.Recover())',
    '\tfmt.Println("starting")',
    '\te.Logger.Fatal(e.Start(":8080"))',
    '}',
    '',
  ].join('\n');

/** A Flask app factory selecting a configuration class by name, and a config module whose classes `handlers` fills in. */
const flaskConfigured = (handlers: Record<string, string>, extra: Record<string, string> = {}) => {
  const init = (name: string) =>
    handlers[name]
      ? ['    @classmethod', '    def init_app(cls, app):', '        import logging', `        app.logger.addHandler(${handlers[name]})`]
      : ['    DEBUG = False'];
  return {
    'requirements.txt': 'flask==3.0.3\n',
    'app/__init__.py': [
      'import os',
      'from flask import Flask',
      'from config import config',
      '',
      'def create_app():',
      '    app = Flask(__name__)',
      "    name = os.getenv('APP_CONFIG', 'default')",
      '    app.config.from_object(config[name])',
      '    config[name].init_app(app)',
      '    print("started")',
      '    return app',
      '',
    ].join('\n'),
    'config.py': [
      'class Config:',
      '    @staticmethod',
      '    def init_app(app):',
      '        pass',
      '',
      'class DevelopmentConfig(Config):',
      '    DEBUG = True',
      '',
      'class ProductionConfig(Config):',
      ...init('production'),
      '',
      'class DockerConfig(ProductionConfig):',
      ...init('docker'),
      '',
      'class UnixConfig(ProductionConfig):',
      ...init('unix'),
      '',
      'config = {',
      "    'development': DevelopmentConfig,",
      "    'production': ProductionConfig,",
      "    'docker': DockerConfig,",
      "    'unix': UnixConfig,",
      "    'default': DevelopmentConfig,",
      '}',
      '',
    ].join('\n'),
    ...extra,
  };
};

describeRule(rule, {
  fails: [
    {
      name: 'a FastAPI backend whose only logging set-up is the migration harness (Alembic env.py)',
      files: {
        'backend/requirements.txt': 'fastapi==0.110.0\nalembic==1.13.1\n',
        'backend/app/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get("/")\ndef root():\n    print("hit")\n    return {}\n',
        'backend/app/alembic/env.py': 'from logging.config import fileConfig\nfrom alembic import context\n\nfileConfig(context.config.config_file_name)\n',
        'backend/migrations/env.py': 'import logging\nlogger = logging.getLogger("alembic.env")\n',
      },
      findings: ['backend/app/main.py:7'],
    },
    {
      name: 'a FastAPI backend whose only logging set-up is in one-shot scripts (a seeder in scripts/ and one run as a program beside the app)',
      files: {
        'users/requirements.txt': 'fastapi==0.110.0\n',
        'users/app/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get("/")\ndef root():\n    return {}\n',
        'users/scripts/initial_data.py':
          'import logging\n\nlogging.basicConfig(level=logging.INFO)\nlogger = logging.getLogger(__name__)\n\ndef main():\n    logger.info("Creating initial data")\n\nif __name__ == "__main__":\n    main()\n',
        'users/app/initial_data.py':
          'import logging\nfrom app.core.db import init_db\n\nlogging.basicConfig(level=logging.INFO)\nlogger = logging.getLogger(__name__)\n\ndef main() -> None:\n    init_db()\n\nif __name__ == "__main__":\n    main()\n',
        'users/app/core/db.py': 'def init_db():\n    pass\n',
      },
      findings: ['users/app/main.py:1'],
    },
    {
      name: 'a Flask app whose only log handler is attached by an optional platform configuration',
      files: flaskConfigured({ unix: 'SysLogHandler()' }),
      findings: ['app/__init__.py:10'],
    },
    {
      name: 'an Echo server that never sets its logger up and prints',
      files: { 'go.mod': echoMod, 'main.go': echoMain([]) },
      findings: ['main.go:13'],
    },
    {
      name: 'a gin server with the plain-text access log and the standard log package',
      files: {
        'go.mod': 'module example.com/api\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.10.0\n',
        'main.go':
          'package main\n\nimport (\n\t"log"\n\n\t"github.com/gin-gonic/gin"\n)\n\nfunc main() {\n\tr := gin.New()\n\tr.Use(gin.Logger())\n\tlog.Printf("[INFO] starting")\n\tr.Run(":8080")\n}\n',
      },
      findings: ['main.go:12'],
    },
    {
      name: 'a net/http server with negroni\'s access log and a standard log.Logger for the server',
      files: {
        'go.mod': 'module example.com/api\n\ngo 1.22\n\nrequire github.com/urfave/negroni v1.0.0\n',
        'main.go': [
          'package main',
          '',
          'import (',
          '\t"log"',
          '\t"net/http"',
          '\t"os"',
          '',
          '\t"github.com/urfave/negroni"',
          ')',
          '',
          'func main() {',
          '\tn := negroni.New(negroni.NewLogger())',
          '\tlogger := log.New(os.Stderr, "api: ", log.Lshortfile)',
          '\tsrv := &http.Server{Addr: ":8080", Handler: n, ErrorLog: logger}',
          '\tlog.Fatal(srv.ListenAndServe())',
          '}',
          '',
        ].join('\n'),
      },
      findings: ['main.go:15'],
    },
    {
      name: 'a Flask app that prints its errors',
      files: { 'requirements.txt': 'flask==3.0.3\n', 'app.py': flaskPrint },
      findings: ['app.py:10'],
    },
    {
      name: 'an Express server with console only',
      files: {
        'package.json': JSON.stringify({
          dependencies: { express: '^4.21.0' },
        }),
        'src/server.js':
          "const express = require('express');\nconst app = express();\napp.listen(3000, () => console.log('listening'));\n",
      },
      findings: ['src/server.js:3'],
    },
    {
      name: 'an Express server with console only, LogTape only in a test, a README and an example',
      files: {
        'package.json': JSON.stringify({ dependencies: { express: '^4.21.0' }, devDependencies: { vitest: '^2.0.0' } }),
        'src/server.js': "const express = require('express');\nconst app = express();\napp.listen(3000, () => console.log('listening'));\n",
        'src/server.test.js': "import { configure } from '@logtape/logtape';\n",
        'examples/logging/index.js': "import { getLogger } from '@logtape/logtape';\n",
        'README.md': 'TODO: log with `@logtape/logtape` instead of console.\n',
      },
      findings: ['src/server.js:3'],
    },
    {
      name: 'the console calls that show it are the server\'s, not a build script\'s or a page component\'s',
      files: {
        'package.json': JSON.stringify({ dependencies: { express: '^4.21.0', react: '^18.3.0' } }),
        'scripts/build-geo.js': "console.log('skipping geo setup');\n",
        'src/components/Dialog.tsx': "export function Dialog() {\n  try { save(); } catch (error) { console.error(error); }\n  return null;\n}\n",
        'src/server.js': "const express = require('express');\nconst app = express();\n\napp.listen(3000, () => console.log('listening'));\n",
      },
      findings: ['src/server.js:4'],
    },
    {
      name: 'a Go net/http server using the standard log package',
      files: {
        'go.mod': 'module example.com/api\n\ngo 1.22\n',
        'main.go':
          'package main\n\nimport (\n\t"log"\n\t"net/http"\n)\n\nfunc main() {\n\tlog.Printf("listening")\n\thttp.ListenAndServe(":8080", nil)\n}\n',
      },
      findings: ['main.go:9'],
    },
    {
      name: 'logging only in a comment and in tests',
      files: {
        'requirements.txt': 'fastapi==0.115.0\n',
        'main.py':
          'from fastapi import FastAPI\n# TODO: logging.getLogger(__name__)\napp = FastAPI()\n',
        'tests/test_main.py': 'import logging\nlogging.basicConfig()\n',
      },
      findings: ['main.py:1'],
    },
    {
      name: 'one of two services in a monorepo',
      files: {
        'gateway/package.json': JSON.stringify({
          dependencies: { express: '^4', pino: '^9' },
        }),
        'gateway/server.js':
          "const express = require('express');\nconst pino = require('pino');\n",
        'catalog/go.mod':
          'module catalog\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n',
        'catalog/main.go':
          'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("start")\n}\n',
      },
      findings: ['catalog/main.go:6'],
    },
  ],
  passes: [
    {
      name: 'a Backstage backend plugin logging through the logger service',
      files: {
        'plugins/x-backend/package.json': JSON.stringify({
          dependencies: {
            '@backstage/backend-plugin-api': '^1.12.0',
            express: '^4',
          },
        }),
        'plugins/x-backend/src/router.ts':
          "import express from 'express';\nexport function createRouter(logger: { info(m: string): void }) {\n  const router = express.Router();\n  router.get('/x', (_req, res) => { logger.info('x'); res.json({}); });\n  return router;\n}\n",
      },
    },
    {
      name: 'logging set up by a module the server imports (with a main guard of its own) and by the entry that starts the server',
      files: {
        'requirements.txt': 'fastapi==0.110.0\nuvicorn==0.29.0\n',
        'app/main.py': 'from fastapi import FastAPI\nfrom app.logs import setup\n\nsetup()\napp = FastAPI()\n',
        'app/logs.py':
          'import logging\n\ndef setup():\n    logging.basicConfig(level=logging.INFO)\n\nif __name__ == "__main__":\n    setup()\n',
      },
    },
    {
      name: 'logging set up by the script that starts the server under uvicorn',
      files: {
        'requirements.txt': 'fastapi==0.110.0\nuvicorn==0.29.0\n',
        'app/api.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
        'run.py':
          'import logging\nimport uvicorn\n\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n    uvicorn.run("app.api:app")\n',
      },
    },
    {
      name: 'Flask with logging.getLogger',
      files: {
        'requirements.txt': 'flask==3.0.3\n',
        'app.py':
          'import logging\nfrom flask import Flask\nlog = logging.getLogger(__name__)\napp = Flask(__name__)\n',
      },
    },
    {
      name: 'a Flask app whose production configuration attaches a log handler (platform variants inherit it)',
      files: flaskConfigured({ production: 'StreamHandler()', unix: 'SysLogHandler()' }),
    },
    {
      name: 'a Flask app whose configuration variant is the one its Dockerfile selects',
      files: flaskConfigured({ docker: 'StreamHandler()' }, { Dockerfile: 'FROM python:3.12-slim\nENV APP_CONFIG docker\nCMD ["gunicorn", "app:create_app()"]\n' }),
    },
    {
      name: 'Flask with app.logger',
      files: {
        'requirements.txt': 'flask\n',
        'app.py':
          'from flask import Flask\napp = Flask(__name__)\napp.logger.info("up")\n',
      },
    },
    {
      name: 'structlog',
      files: {
        'pyproject.toml':
          '[project]\nname="x"\ndependencies=["fastapi", "structlog"]\n',
        'main.py': 'from fastapi import FastAPI\n',
      },
    },
    {
      name: 'Next.js route handlers logging through LogTape',
      files: {
        'package.json': JSON.stringify({ name: 'web', scripts: { build: 'next build' }, dependencies: { next: '15.0.0', react: '19.0.0', '@logtape/logtape': '^1.0.0' } }),
        'app/page.tsx': 'export default function Page() { return <main />; }\n',
        'app/api/orders/route.ts': "import { logger } from '../../../lib/logger';\nexport async function GET() { logger.info('listing'); return Response.json([]); }\n",
        'lib/logger.ts':
          "import { configure, getConsoleSink, getJsonLinesFormatter, getLogger } from '@logtape/logtape';\nawait configure({ sinks: { console: getConsoleSink({ formatter: getJsonLinesFormatter() }) }, loggers: [{ category: ['app'], sinks: ['console'] }] });\nexport const logger = getLogger(['app']);\n",
      },
    },
    {
      name: 'LogTape imported from JSR by a server whose manifest does not list it',
      files: {
        'package.json': JSON.stringify({ dependencies: { hono: '^4.0.0' } }),
        'src/index.ts': "import { Hono } from 'hono';\nimport { getLogger } from 'jsr:@logtape/logtape@^1.0.0';\nconst app = new Hono();\nexport default app;\n",
      },
    },
    {
      name: 'Express with consola',
      files: {
        'package.json': JSON.stringify({ dependencies: { express: '^4', consola: '^3' } }),
        'src/server.js': "const express = require('express');\nconst { consola } = require('consola');\n",
      },
    },
    {
      name: 'Express with pino',
      files: {
        'package.json': JSON.stringify({
          dependencies: { express: '^4', pino: '^9' },
        }),
        'server.js': "require('express')\nconsole.log('x')\n",
      },
    },
    {
      name: 'Express with winston',
      files: {
        'package.json': JSON.stringify({
          dependencies: { express: '^4', winston: '^3' },
        }),
      },
    },
    {
      name: 'NestJS built-in logger',
      files: {
        'package.json': JSON.stringify({
          dependencies: { '@nestjs/core': '^10', '@nestjs/common': '^10' },
        }),
        'src/main.ts':
          "import { Logger } from '@nestjs/common';\nconst logger = new Logger('Bootstrap');\n",
      },
    },
    {
      name: 'Spring Boot counts as configured (Logback through the starters)',
      files: {
        'pom.xml':
          '<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>',
        'src/main/java/App.java':
          '@SpringBootApplication\npublic class App { public static void main(String[] a) { System.out.println("x"); } }\n',
      },
    },
    {
      name: 'Ktor with SLF4J in Gradle',
      files: {
        'build.gradle.kts':
          'dependencies {\n  implementation("io.ktor:ktor-server-core:2.3.0")\n  implementation("ch.qos.logback:logback-classic:1.5.6")\n}\n',
      },
    },
    {
      name: 'Go log/slog',
      files: {
        'go.mod': 'module x\n',
        'main.go':
          'package main\n\nimport (\n\t"log/slog"\n\t"net/http"\n)\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n',
      },
    },
    {
      name: 'Echo with its request-logger middleware',
      files: { 'go.mod': echoMod, 'main.go': echoMain(['\te.Use(middleware.Logger())']) },
    },
    {
      name: 'Echo with its levelled logger given a level',
      files: { 'go.mod': echoMod, 'main.go': echoMain(['\te.Logger.SetLevel(log.INFO)'], true) },
    },
    {
      name: 'Echo with its levelled logger given a prefix',
      files: { 'go.mod': echoMod, 'main.go': echoMain(['\te.Logger.SetPrefix("api")']) },
    },
    {
      name: 'Go zap',
      files: {
        'go.mod':
          'module x\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.10.0\n\tgo.uber.org/zap v1.27.0\n)\n',
      },
    },
    {
      name: 'ASP.NET Core (Microsoft.Extensions.Logging by default)',
      files: {
        'Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
        'Api/Program.cs':
          'var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.MapGet("/", () => "hi");\n',
      },
    },
    {
      name: 'Serilog',
      files: {
        'Api/Api.csproj':
          '<Project><ItemGroup><PackageReference Include="Serilog.AspNetCore" Version="8.0.0" /><PackageReference Include="Microsoft.AspNetCore.OpenApi" Version="8.0.0" /></ItemGroup></Project>',
      },
    },
  ],
  notApplicable: [
    {
      name: 'a library',
      files: {
        'package.json': JSON.stringify({
          name: 'lib',
          dependencies: { lodash: '^4' },
        }),
        'index.js': 'console.log(1)',
      },
    },
    {
      name: 'a worker container without a server',
      files: {
        'worker/Dockerfile': 'FROM python:3.12\nCMD ["python", "worker.py"]\n',
        'worker/worker.py': 'print("tick")\n',
        'worker/requirements.txt': 'psycopg==3.2\n',
      },
    },
    {
      name: 'a server framework only in an example folder',
      files: {
        'examples/demo/app.py': 'from flask import Flask\nprint(1)\n',
        'lib/core.py': 'def f(): pass\n',
      },
    },
  ],
});

describe('observability/no-structured-logging and command-line commands', () => {
  const server = {
    'requirements.txt': 'flask==3.0.3\nclick==8.1.7\n',
    'api/app.py': 'from flask import Flask\napp = Flask(__name__)\n\n@app.get("/posts")\ndef posts():\n    return []\n',
  };
  const seeder =
    'import click\nfrom flask import Blueprint\n\nfake = Blueprint("fake", __name__)\n\n@fake.cli.command()\n@click.argument("num", type=int)\ndef users(num):\n    for i in range(num):\n        add_user()\n\n    print(num, "users added.")\n\n\ndef report(error):\n    print("failed:", error)\n';

  it('does not take the output of a Flask CLI command for what the server reports', () => {
    const result = runRule(rule, { ...server, 'api/fake.py': `${seeder.slice(0, seeder.indexOf('\n\ndef report'))}\n` });
    expect(result.findings.map(f => [f.path, f.message])).toEqual([
      ['api/app.py', 'The flask service in the repository root has no logging framework configured; it writes no logs at all'],
    ]);
  });

  it('still counts a print() outside the command (a near miss)', () => {
    const result = runRule(rule, { ...server, 'api/fake.py': seeder });
    expect(result.findings.map(f => [f.path, f.line])).toEqual([['api/fake.py', 16]]);
  });
});
