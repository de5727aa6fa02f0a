import { describeRule, runRule } from '../../../testing';
import rule from '.';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps }, null, 2);

/** A React app that declares express in devDependencies to serve a mock API to its end-to-end tests. */
const appWithMockApi = (devDependencies: Record<string, string>, dependencies: Record<string, string> = {}) => ({
  'apps/web/package.json': JSON.stringify({
    name: 'web',
    scripts: { dev: 'vite', build: 'vite build', 'test:e2e': 'pm2 start "yarn mock-api" && playwright test', 'mock-api': 'tsx ./mock-server.ts' },
    dependencies: { react: '18.3.0', 'react-dom': '18.3.0', ...dependencies },
    devDependencies: { vite: '5.0.0', ...devDependencies },
  }),
  'apps/web/index.html': '<div id="root"></div>\n',
  'apps/web/src/main.tsx': "import { createRoot } from 'react-dom/client';\n",
  'apps/web/mock-server.ts': "import express from 'express';\nconst app = express();\napp.listen(process.env.MOCK_API_PORT);\n",
});

/** An ASP.NET Core server with its endpoints in several files. */
const aspnet = (dir: string, program: string) => ({
  [`${dir}/${dir}.csproj`]: '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
  [`${dir}/Program.cs`]: `var builder = WebApplication.CreateBuilder(args);\n${program}var app = builder.Build();\napp.MapOrders();\napp.Run();\n`,
  [`${dir}/Endpoints/Orders.cs`]: 'public static class Orders { public static void MapOrders(this WebApplication app) { app.MapGet("/orders", () => Results.Ok()); } }\n',
  [`${dir}/Endpoints/Invoices.cs`]: 'public static class Invoices { public static void Map(WebApplication app) { app.MapGet("/invoices", () => Results.Ok()); } }\n',
});

const ginMod = (extra: string) => `module example.com/api\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.10.0\n${extra})\n`;
const ginMain = (imports: string[], setup: string) =>
  `package main\n\nimport (\n\t"github.com/gin-gonic/gin"\n${imports.map(i => `\t${i}\n`).join('')})\n\nfunc main() {\n\tr := gin.New()\n${setup}\tr.Run(":8080")\n}\n`;
const springPom = (artifact: string) =>
  `<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><artifactId>${artifact}</artifactId></dependency></dependencies></project>`;

/** A Django site with a scheduled command that calls another service's API, pacing its own calls. */
const djangoSite = (extra: Record<string, string>) => ({
  'requirements.txt': 'django==5.0.6\ndjangorestframework==3.15.1\nrequests==2.32.3\n',
  'manage.py': 'import os\nfrom django.core.management import execute_from_command_line\nexecute_from_command_line()\n',
  'site/settings.py': 'INSTALLED_APPS = ["rest_framework", "catalog"]\nREST_FRAMEWORK = {"PAGE_SIZE": 20}\n',
  'catalog/views.py': 'from rest_framework import viewsets\nclass ItemViewSet(viewsets.ModelViewSet):\n    pass\n',
  'catalog/management/commands/_throttle.py':
    'import time\n\nclass RateLimiter:\n    """Paces outbound calls of the refresh job."""\n    def wait(self):\n        time.sleep(1)\n',
  'catalog/management/commands/refresh_items.py':
    'from django.core.management.base import BaseCommand\nfrom ._throttle import RateLimiter\n\nclass Command(BaseCommand):\n    def handle(self, *a, **k):\n        RateLimiter().wait()\n',
  'catalog/upstream.py':
    'import requests\n\nclass UpstreamRateLimitError(Exception):\n    pass\n\nclass UpstreamClient:\n    def check_ratelimit(self):\n        if self.api.ratelimit_remaining < 10:\n            raise UpstreamRateLimitError("upstream rate limit reached")\n',
  ...extra,
});

/** An ASP.NET Core web project in the Program/Startup style, with no minimal-API call. */
const startupApi = (configure: string) => ({
  'src/Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Serilog" Version="3.1.1" /></ItemGroup></Project>',
  'src/Api/Program.cs':
    'public class Program {\n  public static void Main(string[] args) => CreateHostBuilder(args).Build().Run();\n  public static IHostBuilder CreateHostBuilder(string[] args) =>\n    Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => { web.UseStartup<Startup>(); });\n}\n',
  'src/Api/Startup.cs': `public class Startup {\n  public void ConfigureServices(IServiceCollection services) { services.AddControllers();${configure} }\n  public void Configure(IApplicationBuilder app) { app.UseRouting(); app.UseEndpoints(e => e.MapControllers()); }\n}\n`,
  'src/Api/Controllers/OrdersController.cs': '[ApiController]\n[Route("api/orders")]\npublic class OrdersController : ControllerBase { }\n',
});

describeRule(rule, {
  fails: [
    {
      name: 'a Django site whose only limiters pace its own outgoing calls: a management command, an error type, a client reading a remote quota',
      files: djangoSite({}),
      findings: ['manage.py:2'],
    },
    {
      name: 'an ASP.NET Core web project started through UseStartup<Startup> without a limiter',
      files: startupApi(''),
      findings: ['src/Api/Program.cs:4'],
    },
    {
      name: '@nestjs/throttler configured but its guard never bound',
      files: {
        'package.json': pkg({ '@nestjs/core': '^10.0.0', '@nestjs/throttler': '^5.0.0' }),
        'src/main.ts': "import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule);\nawait app.listen(3000);\n",
        'src/app.module.ts': "import { ThrottlerModule } from '@nestjs/throttler';\n@Module({ imports: [ThrottlerModule.forRoot([{ ttl: 60000, limit: 10 }])] })\nexport class AppModule {}\n",
      },
      findings: ['package.json:4'],
    },
    {
      name: 'one finding for a server whose endpoints span several files',
      files: aspnet('Api', ''),
      findings: ['Api/Program.cs:1'],
    },
    {
      name: 'a limiter in one server does not cover another',
      files: {
        ...aspnet('Api', 'builder.Services.AddRateLimiter(o => o.AddFixedWindowLimiter("api", _ => {}));\n'),
        ...aspnet('Portal', ''),
      },
      findings: ['Portal/Program.cs:1'],
    },
    {
      name: 'an express server without a limiter',
      files: {
        'package.json': pkg({ express: '^4.19.0' }),
        'src/server.js': "const express = require('express');\nconst app = express();\napp.post('/login', login);\n",
      },
      findings: ['src/server.js:1'],
    },
    {
      name: 'a package whose production code imports the express it declares only in devDependencies (a bundled server)',
      files: {
        ...appWithMockApi({ express: '^4.19.2' }),
        'apps/web/server/index.ts': "import express from 'express';\nconst app = express();\napp.listen(3000);\n",
      },
      findings: ['apps/web/package.json:1'],
    },
    {
      name: 'a Flask app declared only in requirements',
      files: { 'requirements.txt': 'gunicorn==22.0.0\nflask==3.0.3\n' },
      findings: ['requirements.txt:2'],
    },
    {
      name: 'a Go server with golang.org/x/time only as an indirect dependency',
      files: {
        'go.mod': 'module example.com/api\n\nrequire (\n\tgolang.org/x/time v0.5.0 // indirect\n)\n',
        'main.go': 'package main\nimport "net/http"\nfunc main() { http.ListenAndServe(":8080", nil) }\n',
      },
      findings: ['main.go:3'],
    },
    {
      name: 'a Gin server with sentinel-golang used only as a circuit breaker, and Go limiters only as indirect dependencies',
      files: {
        'go.mod': ginMod('\tgithub.com/alibaba/sentinel-golang v1.0.4\n\tgo.uber.org/ratelimit v0.3.1 // indirect\n\tgithub.com/juju/ratelimit v1.0.2 // indirect\n'),
        'main.go': ginMain(['"github.com/alibaba/sentinel-golang/core/circuitbreaker"'], '\t_, _ = circuitbreaker.LoadRules(nil)\n'),
      },
      findings: ['go.mod:6'],
    },
    {
      name: 'a Spring service with Sentinel only in an example and resilience4j configured for circuit breaking only',
      files: {
        'pom.xml': springPom('resilience4j-spring-boot3'),
        'src/main/java/com/acme/App.java': '@SpringBootApplication\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n',
        'src/main/resources/application.yml': 'resilience4j:\n  circuitbreaker:\n    instances:\n      payments:\n        slidingWindowSize: 10\n',
        'examples/sentinel/Limits.java': 'class Limits { static { FlowRuleManager.loadRules(rules); } }\n',
      },
      findings: ['src/main/java/com/acme/App.java:1'],
    },
    {
      name: 'a limiter mentioned only in docs, tests and examples',
      files: {
        'package.json': pkg({ express: '^4.19.0' }),
        'src/server.js': "const express = require('express');\n",
        'README.md': 'TODO: add express-rate-limit and `limit_req` in nginx\n',
        'test/limits.test.js': 'const rateLimit = require("express-rate-limit");\nrateLimit({ max: 1 });\n',
        'examples/limited/server.js': 'app.use(rateLimit({ windowMs: 60000, max: 100 }));\n',
      },
      findings: ['src/server.js:1'],
    },
    {
      name: 'pyrate-limiter only in tests, and a project module named limits that is not the library',
      files: {
        'requirements.txt': 'fastapi==0.111.0\nuvicorn==0.30.0\n',
        'app/main.py': 'from fastapi import FastAPI\nfrom limits import MAX_UPLOAD_BYTES\napp = FastAPI()\n',
        'app/limits.py': 'MAX_UPLOAD_BYTES = 10_000_000\n',
        'tests/test_limits.py': 'from pyrate_limiter import Duration, Rate\n\ndef test_rate():\n    assert Rate(5, Duration.MINUTE)\n',
      },
      findings: ['app/main.py:1'],
    },
  ],
  passes: [
    {
      name: 'pyrate-limiter in the dependencies of a FastAPI app, and imported by the routes of a plugin with requirements of its own',
      files: {
        'requirements.txt': 'fastapi==0.111.0\npyrate-limiter==3.7.0\n',
        'backend/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
        'backend/plugins/social/requirements.txt': 'httpx==0.27.0\n',
        'backend/plugins/social/api.py': [
          'from fastapi import APIRouter, Depends',
          'from pyrate_limiter import Duration, Rate',
          'from backend.utils.limiter import RequestLimiter',
          '',
          'router = APIRouter()',
          '',
          "@router.get('/callback', dependencies=[Depends(RequestLimiter(Rate(5, Duration.MINUTE)))])",
          'async def callback():',
          '    return {}',
        ].join('\n'),
      },
    },
    {
      name: 'limits used on its own in a Starlette middleware, and asgi-ratelimit declared',
      files: {
        'requirements.txt': 'starlette==0.37.2\nlimits==3.12.0\n',
        'app/server.py': 'from starlette.applications import Starlette\nfrom limits import parse, storage, strategies\nlimiter = strategies.MovingWindowRateLimiter(storage.MemoryStorage())\n',
        'svc/requirements.txt': 'fastapi==0.111.0\nasgi-ratelimit==0.10.0\n',
        'svc/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      },
    },
    {
      name: 'every server limited, one of them through a referenced project',
      files: {
        ...aspnet('Api', 'builder.Services.AddRateLimiter(o => o.AddFixedWindowLimiter("api", _ => {}));\n'),
        ...aspnet('Portal', 'builder.AddLimits();\n'),
        'Portal/Portal.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><ProjectReference Include="..\\Shared\\Shared.csproj" /></ItemGroup></Project>',
        'Shared/Shared.csproj': '<Project Sdk="Microsoft.NET.Sdk"></Project>',
        'Shared/Limits.cs': 'public static class Limits { public static void AddLimits(this WebApplicationBuilder b) { b.Services.AddRateLimiter(o => { }); } }\n',
      },
    },
    {
      name: 'express-rate-limit declared',
      files: {
        'package.json': pkg({ express: '^4.19.0', 'express-rate-limit': '^7.0.0' }),
        'src/server.js': "const express = require('express');\n",
      },
    },
    {
      name: '@nestjs/throttler with its guard bound globally',
      files: {
        'package.json': pkg({ '@nestjs/core': '^10.0.0', '@nestjs/throttler': '^5.0.0' }),
        'src/app.module.ts': [
          "import { APP_GUARD } from '@nestjs/core';",
          "import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';",
          '@Module({',
          '  imports: [ThrottlerModule.forRoot([{ ttl: 60000, limit: 10 }])],',
          '  providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],',
          '})',
          'export class AppModule {}',
        ].join('\n'),
      },
    },
    {
      name: '@nestjs/throttler used through @Throttle on a controller',
      files: {
        'package.json': pkg({ '@nestjs/core': '^10.0.0', '@nestjs/throttler': '^5.0.0' }),
        'src/auth/auth.controller.ts': "import { Throttle } from '@nestjs/throttler';\n@Controller('auth')\nexport class AuthController {\n  @Throttle({ default: { limit: 3, ttl: 60000 } })\n  @Post('login') login() {}\n}\n",
      },
    },
    {
      name: 'django-defender limiting login attempts',
      files: { 'requirements.txt': 'django==5.0.6\ndjango-defender==0.9.8\n' },
    },
    {
      name: 'slowapi in a FastAPI app',
      files: { 'requirements.txt': 'fastapi==0.111.0\nslowapi==0.1.9\n' },
    },
    {
      name: 'DRF throttling configured in settings',
      files: {
        'requirements.txt': 'django==5.0.6\ndjangorestframework==3.15.1\n',
        'mysite/settings.py': "REST_FRAMEWORK = {\n    'DEFAULT_THROTTLE_CLASSES': ['rest_framework.throttling.UserRateThrottle'],\n}\n",
      },
    },
    {
      name: 'bucket4j in a Spring Boot service',
      files: {
        'pom.xml': '<project><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><groupId>com.bucket4j</groupId><artifactId>bucket4j_jdk17-core</artifactId></dependency></dependencies></project>',
      },
    },
    {
      name: 'golang.org/x/time/rate imported by a Go server',
      files: {
        'main.go': 'package main\nimport (\n\t"net/http"\n\t"golang.org/x/time/rate"\n)\nvar limiter = rate.NewLimiter(10, 20)\nfunc main() { http.ListenAndServe(":8080", nil) }\n',
      },
    },
    {
      name: 'sentinel-golang flow-control middleware with an inbound QPS rule on a Gin server',
      files: {
        'go.mod': ginMod('\tgithub.com/alibaba/sentinel-golang v1.0.4\n\tgithub.com/alibaba/sentinel-golang/pkg/adapters/gin v0.0.0-20241224061304-f4c2c5964666\n'),
        'main.go': ginMain(['"example.com/api/middleware"'], '\tr.Use(middleware.Throttle())\n'),
        'middleware/throttle.go':
          'package middleware\n\nimport (\n\t"github.com/alibaba/sentinel-golang/core/system"\n\tsentinel "github.com/alibaba/sentinel-golang/pkg/adapters/gin"\n\t"github.com/gin-gonic/gin"\n)\n\nfunc Throttle() gin.HandlerFunc {\n\t_, _ = system.LoadRules([]*system.Rule{{MetricType: system.InboundQPS, TriggerCount: 200}})\n\treturn sentinel.SentinelMiddleware()\n}\n',
      },
    },
    {
      name: 'juju/ratelimit imported by a Gin middleware',
      files: {
        'go.mod': ginMod('\tgithub.com/juju/ratelimit v1.0.2\n'),
        'main.go': ginMain(['"github.com/juju/ratelimit"'], '\tbucket := ratelimit.NewBucketWithRate(100, 100)\n\tr.Use(func(c *gin.Context) { if bucket.TakeAvailable(1) == 0 { c.AbortWithStatus(429) } })\n'),
      },
    },
    {
      name: 'Sentinel through the Spring Cloud Alibaba starter',
      files: {
        'pom.xml': springPom('spring-cloud-starter-alibaba-sentinel'),
        'src/main/java/com/acme/App.java': '@SpringBootApplication\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n',
      },
    },
    {
      name: 'resilience4j rate limiter instances configured in application.yml',
      files: {
        'pom.xml': springPom('resilience4j-spring-boot3'),
        'src/main/java/com/acme/App.java': '@SpringBootApplication\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n',
        'src/main/resources/application.yml':
          'resilience4j:\n  circuitbreaker:\n    instances:\n      payments: {}\n\n  ratelimiter:\n    instances:\n      login:\n        limitForPeriod: 10\n',
      },
    },
    {
      name: 'System.Threading.RateLimiting referenced by an ASP.NET Core service',
      files: {
        ...aspnet('Api', ''),
        'Api/Api.csproj':
          '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="System.Threading.RateLimiting" Version="8.0.0" /></ItemGroup></Project>',
      },
    },
    {
      name: 'limits at the nginx proxy in front of the app',
      files: {
        'package.json': pkg({ express: '^4.19.0' }),
        'deploy/nginx.conf': 'limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;\nserver { location / { limit_req zone=api burst=20; } }\n',
      },
    },
    {
      name: 'ASP.NET Core built-in rate limiting',
      files: {
        'Program.cs': 'var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddRateLimiter(o => o.AddFixedWindowLimiter("api", _ => {}));\n',
      },
    },
    {
      name: 'a hand-written limiter middleware',
      files: {
        'package.json': pkg({ express: '^4.19.0' }),
        'src/middleware/rateLimiter.js': 'module.exports = async function rateLimiter(req, res, next) { /* redis INCR */ next(); };\n',
      },
    },
    {
      name: 'a Django site whose login form checks a token bucket of its own',
      files: djangoSite({
        'accounts/models.py': 'from django.db import models\n\nclass TokenBucket(models.Model):\n    value = models.CharField(max_length=80)\n',
        'accounts/forms.py': 'from .models import TokenBucket\n\ndef clean(self):\n    if not TokenBucket.authorize_login(self.request):\n        raise ValidationError("Too many attempts")\n',
      }),
    },
    {
      name: 'an ASP.NET Core web project started through UseStartup<Startup> with AddRateLimiter',
      files: startupApi(' services.AddRateLimiter(o => o.AddFixedWindowLimiter("api", _ => {}));'),
    },
  ],
  notApplicable: [
    { name: 'a frontend app whose only server is the mock API of its end-to-end tests (express in devDependencies)', files: appWithMockApi({ express: '^4.19.2' }) },
    { name: 'a library without a server', files: { 'package.json': pkg({ lodash: '^4.0.0' }), 'src/index.js': 'module.exports = {};\n' } },
    {
      name: 'a Python library whose FastAPI apps are documentation tutorials, FastAPI only in its test requirements',
      files: {
        'pyproject.toml': '[project]\nname = "ormlib"\ndependencies = ["sqlalchemy >=2.0"]\n',
        'requirements-tests.txt': 'pytest >=7\nfastapi >=0.103.2\nhttpx ==0.28.1\n',
        'ormlib/__init__.py': 'from .main import Model\n',
        'docs_src/tutorial/fastapi/tutorial001.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/heroes/")\ndef read_heroes():\n    return []\n',
        'tests/test_tutorial/test_fastapi.py': 'from fastapi.testclient import TestClient\n',
      },
    },
  ],
});

describe('security/no-rate-limiting details', () => {
  it('names the server that lacks a limiter', () => {
    const result = runRule(rule, aspnet('Api', ''));
    expect(result.findings.map(f => f.message)).toEqual([
      'The aspnet service in Api/ has no rate limiting: no limiter library or middleware in its code or dependencies, and no proxy or gateway limit in front of it',
    ]);
  });

  it('says which limiter it found', () => {
    const result = runRule(rule, { 'requirements.txt': 'flask==3.0.3\nFlask-Limiter==3.7.0\n' });
    expect(result).toEqual(expect.objectContaining({ status: 'pass', message: 'rate limiting through flask-limiter' }));
  });
});
