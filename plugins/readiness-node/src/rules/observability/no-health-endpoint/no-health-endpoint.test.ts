import { describeRule, runRule } from '../../../testing';
import rule from '.';
import { serviceDefaults } from '../serviceDefaults.testutil';
import { managedParent, springCloud } from '../springCloud.testutil';

/** A defaults project that maps health routes only when the environment is Development. */
const DEVELOPMENT_ONLY_HEALTH = [
  '        var app = (WebApplication)(object)builder;',
  '        if (app.Environment.IsDevelopment())',
  '        {',
  '            app.MapHealthChecks("/healthz");',
  '        }',
].join('\n');

const flask = (code: string) => ({
  'requirements.txt': 'flask==3.0\n',
  'app.py': `from flask import Flask\napp = Flask(__name__)\n${code}\n`,
});

const nextApp = (files: Record<string, string>) => ({
  'package.json': JSON.stringify({ name: 'web', scripts: { build: 'next build' }, dependencies: { next: '14.2.0', react: '18.3.0' } }),
  'app/page.tsx': 'export default function Page() { return <main />; }\n',
  'app/api/posts/route.ts': 'export async function GET() { return Response.json([]); }\n',
  ...files,
});

/** A Vite React app whose package also declares a server framework for development, with the given scripts and files. */
const spaWithDevServer = (scripts: Record<string, string>, files: Record<string, string>) => ({
  'package.json': JSON.stringify({
    name: 'web',
    scripts: { dev: 'vite', build: 'vite build', ...scripts },
    dependencies: { react: '18.3.0', 'react-dom': '18.3.0' },
    devDependencies: { vite: '5.0.0', express: '^4.19.2', msw: '^2.2.0' },
  }),
  'index.html': '<div id="root"></div>\n',
  'src/main.tsx': "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!).render(null);\n",
  ...files,
});

const MOCK_API = "import express from 'express';\nconst app = express();\napp.use(express.json());\napp.listen(8080);\n";

/** A Go 1.22 server whose routes are registered on a ServeMux, each handler wrapped in the project's own adapter. */
const goMux = (routes: string[]) => ({
  'go.mod': 'module x\n\ngo 1.22\n',
  'server.go': [
    'package main',
    '',
    'import "net/http"',
    '',
    'func main() {',
    '\tmux := http.NewServeMux()',
    ...routes.map(r => `\tmux.HandleFunc(${r}, adapt(deps, handlers.Serve))`),
    '\tsrv := &http.Server{Addr: ":8080", Handler: mux}',
    '\tsrv.ListenAndServe()',
    '}',
    '',
  ].join('\n'),
});

/**
 * A defaults project that names its health path in a constant, keeps the route out of its traces in every
 * environment, and maps it only when the environment is Development.
 */
const DEVELOPMENT_ONLY_NAMED_HEALTH = [
  '        const string HealthEndpointPath = "/health";',
  '        builder.Services.Configure<TraceOptions>(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments(HealthEndpointPath));',
  '        var app = (WebApplication)(object)builder;',
  '        if (app.Environment.IsDevelopment())',
  '        {',
  '            app.MapHealthChecks(HealthEndpointPath);',
  '        }',
].join('\n');

/**
 * The defaults project with ASP.NET Core packages of its own and an extension method that maps a route: a class
 * library the server runs, unless `executable` gives it an entry point of its own.
 */
const defaultsWithRoutes = (extra: string, executable = false) => {
  const files = serviceDefaults({ extra });
  const project = 'src/Platform.Defaults/Platform.Defaults.csproj';
  files[project] = files[project].replace(
    '  <ItemGroup>',
    `  <ItemGroup>\n    <PackageReference Include="Microsoft.AspNetCore.OpenApi" />${executable ? '\n    <OutputType>Exe</OutputType>' : ''}`,
  );
  files['src/Platform.Defaults/OpenApiExtensions.cs'] = [
    'public static class OpenApiExtensions',
    '{',
    '    public static WebApplication UseDefaultOpenApi(this WebApplication app)',
    '    {',
    '        app.MapGet("/", () => Results.Redirect("/docs"));',
    '        return app;',
    '    }',
    '}',
    '',
  ].join('\n');
  if (executable) files['src/Platform.Defaults/Program.cs'] = 'var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.Run();\n';
  return files;
};

const express = (code: string) => ({
  'package.json': JSON.stringify({ dependencies: { express: '^4' } }),
  'src/server.js': `const express = require('express');\nconst app = express();\n${code}\napp.listen(3000);\n`,
});

describeRule(rule, {
  fails: [
    {
      name: 'ASP.NET Core health routes mapped only in development by a referenced defaults project',
      files: serviceDefaults({ extra: DEVELOPMENT_ONLY_HEALTH }),
      findings: ['src/Shipping.Api/Program.cs:1'],
    },
    {
      name: 'a defaults class library with ASP.NET Core packages and routes of its own is run by the server, not deployed',
      files: defaultsWithRoutes(DEVELOPMENT_ONLY_HEALTH),
      findings: ['src/Shipping.Api/Program.cs:1'],
    },
    {
      name: 'a referenced project with an entry point of its own is a server too',
      files: defaultsWithRoutes(DEVELOPMENT_ONLY_HEALTH, true),
      findings: ['src/Platform.Defaults/Program.cs:1', 'src/Shipping.Api/Program.cs:1'],
    },
    {
      name: 'ASP.NET Core health route named by a constant that is mapped only in development',
      files: serviceDefaults({ extra: DEVELOPMENT_ONLY_NAMED_HEALTH }),
      findings: ['src/Shipping.Api/Program.cs:1'],
    },
    {
      name: 'a status segment under a business path, and a health segment after a path parameter, are a resource\'s',
      files: goMux(['"GET /api/orders/status"', '"GET /devices/{id}/health"', '"GET /users/:id/liveness"']),
      findings: ['server.go:10'],
    },
    {
      name: 'an ASP.NET Core gRPC service that maps only its own services (a health class that is never mapped does not count)',
      files: {
        'Cart/Cart.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Grpc.AspNetCore" Version="2.60.0" /></ItemGroup></Project>',
        'Cart/Program.cs':
          'var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.MapGrpcService<CartService>();\napp.Run();\n// class HealthCheckService : Health.HealthBase is registered elsewhere\n',
      },
      findings: ['Cart/Program.cs:1'],
    },
    {
      name: 'ASP.NET Core health-check packages and registrations without a mapped route',
      files: {
        'Api/Api.csproj':
          '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Microsoft.Extensions.Diagnostics.HealthChecks.EntityFrameworkCore" /></ItemGroup></Project>',
        'Api/Program.cs': 'var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHealthChecks();\nvar app = builder.Build();\napp.Run();\n',
      },
      findings: ['Api/Program.cs:1'],
    },
    {
      name: 'an Express health route only when NODE_ENV is not production',
      files: express("if (process.env.NODE_ENV !== 'production') {\n  app.get('/health', (req, res) => res.send('ok'));\n}"),
      findings: ['src/server.js:1'],
    },
    {
      name: 'a Flask health route only in debug mode',
      files: flask('if app.debug:\n    app.add_url_rule("/health", "health", lambda: "ok")'),
      findings: ['app.py:1'],
    },
    {
      name: 'a frontend app with an express server in its dependencies is served by it',
      files: {
        ...spaWithDevServer({ start: 'node server.js' }, { 'server.js': MOCK_API }),
        'package.json': JSON.stringify({
          name: 'web',
          scripts: { build: 'vite build', start: 'node server.js' },
          dependencies: { react: '18.3.0', 'react-dom': '18.3.0', express: '^4.19.2' },
          devDependencies: { vite: '5.0.0' },
        }),
      },
      findings: ['server.js:1'],
    },
    {
      name: 'express in devDependencies bundled into a server that the dev script runs is still a server',
      files: spaWithDevServer({ 'dev:server': 'tsx watch src/server.ts', 'build:server': 'esbuild src/server.ts --bundle --outfile=dist/server.js', start: 'node dist/server.js' }, {
        'src/server.ts': MOCK_API,
      }),
      findings: ['src/server.ts:1'],
    },
    {
      name: 'a module without Actuator under a parent pom that only manages the web and Actuator starters (the parent is no server)',
      files: managedParent(['spring-boot-starter-web']),
      findings: ['shop/src/main/java/org/acme/ShopApplication.java:3'],
    },
    {
      name: 'a Eureka client (not the server starter) brings no Actuator',
      files: springCloud({
        'config-server': { deps: ['spring-cloud-config-server'], annotations: ['@EnableConfigServer'] },
        'orders-service': { deps: ['spring-boot-starter-web', 'spring-cloud-starter-netflix-eureka-client'], annotations: ['@RestController'] },
      }),
      findings: ['orders-service/src/main/java/org/acme/OrdersServiceApplication.java:3'],
    },
    {
      name: 'a Next.js page named health is not a route',
      files: nextApp({ 'app/health/page.tsx': 'export default function Health() { return <p>ok</p>; }\n' }),
      findings: ['app/api/posts/route.ts:1'],
    },
    {
      name: 'a Next.js app whose route handlers serve an API',
      files: {
        'package.json': JSON.stringify({ name: 'web', scripts: { build: 'next build' }, dependencies: { next: '14.2.0', react: '18.3.0' } }),
        'app/page.tsx': 'export default function Page() { return <main />; }\n',
        'app/api/posts/route.ts': 'export async function GET() { return Response.json([]); }\n',
        'pages/api/auth/[...nextauth].ts': 'export default function handler(req, res) { res.json({}); }\n',
      },
      findings: ['app/api/posts/route.ts:1'],
    },
    {
      name: 'a Flask API with only business routes (a status sub-resource is not health)',
      files: {
        'requirements.txt': 'flask==3.0.3\n',
        'app.py':
          'from flask import Flask\napp = Flask(__name__)\n\n@app.route("/orders/<int:id>/status")\ndef status(id):\n    return "ok"\n',
      },
      findings: ['app.py:1'],
    },
    {
      name: '/healthz only in the README',
      files: {
        ...express("app.get('/api/items', list);"),
        'README.md': 'Probe `GET /healthz` for liveness.\n',
      },
      findings: ['src/server.js:1'],
    },
    {
      name: '/health only in a test and a comment',
      files: {
        'go.mod': 'module x\n',
        'main.go':
          'package main\n\nimport "net/http"\n\n// TODO: mux.HandleFunc("/health", health)\nfunc main() { http.ListenAndServe(":8080", nil) }\n',
        'main_test.go': 'package main\n\nvar path = "/health"\n',
      },
      findings: ['main.go:6'],
    },
    {
      name: 'Spring Boot without Actuator',
      files: {
        'pom.xml':
          '<project><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>',
        'src/main/java/App.java':
          '@RestController\nclass Api { @GetMapping("/accounts") String all() { return ""; } }\n',
      },
    },
    {
      name: 'a root route whose handler is named index or root, returning a greeting',
      files: {
        'requirements.txt': 'fastapi==0.115.0\n',
        'main.py':
          'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/")\ndef index():\n    return {"message": "Hello World"}\n\n@app.get("/about")\nasync def root():\n    return {}\n',
      },
      findings: ['main.py:1'],
    },
    {
      name: 'a function named health that is no route, a health handler only in tests, and a settings lookup',
      files: {
        ...express("function health() { return db.ping(); }\nconst fallback = config.get('HEALTH_MODE', healthCheck);\napp.get('/items', list);"),
        'test/server.test.js': "app.get('/', health);\n",
      },
      findings: ['src/server.js:1'],
    },
    {
      name: 'a health handler mapped only in development',
      files: express("if (process.env.NODE_ENV !== 'production') {\n  app.get('/', healthCheck);\n}"),
      findings: ['src/server.js:1'],
    },
    {
      name: 'one of two servers has none',
      files: {
        'api/package.json': JSON.stringify({ dependencies: { fastify: '^4' } }),
        'api/index.js':
          "const app = require('fastify')();\napp.get('/health', async () => 'ok');\n",
        'admin/requirements.txt': 'fastapi==0.115.0\n',
        'admin/main.py':
          'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/users")\ndef users(): return []\n',
      },
      findings: ['admin/main.py:1'],
    },
  ],
  passes: [
    {
      name: 'a module with Actuator under a parent pom that only manages the web starter',
      files: managedParent(['spring-boot-starter-web', 'spring-boot-starter-actuator']),
    },
    {
      name: 'a FastAPI root route whose handler is named health',
      files: {
        'requirements.txt': 'fastapi==0.115.0\n',
        'app/main.py':
          'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/", include_in_schema=False)\nasync def health() -> dict:\n    return {"message": "It worked"}\n',
      },
    },
    { name: 'an Express route registered with a handler named healthCheck', files: express("app.get('/', healthCheck);") },
    { name: 'an Express route with an inline function named liveness', files: express("app.get('/', function liveness(req, res) { res.sendStatus(200); });") },
    {
      name: 'a NestJS controller method named health on the root route',
      files: {
        'package.json': JSON.stringify({ dependencies: { '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0' } }),
        'src/main.ts': "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(3000); }\nbootstrap();\n",
        'src/app.controller.ts': "@Controller()\nexport class AppController {\n  @Get()\n  health(): string {\n    return 'ok';\n  }\n}\n",
      },
    },
    {
      name: 'a Spring controller method named healthCheck on the root route',
      files: {
        'pom.xml':
          '<project><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>',
        'src/main/java/App.java': '@RestController\nclass Api { @GetMapping("/") String healthCheck() { return "ok"; } }\n',
      },
    },
    {
      name: 'a Gin route registered with a handler named Readiness',
      files: {
        'go.mod': 'module x\n\nrequire github.com/gin-gonic/gin v1.10.0\n',
        'main.go': 'package main\n\nimport "github.com/gin-gonic/gin"\n\nfunc main() {\n\tr := gin.Default()\n\tr.GET("/", handlers.Readiness)\n\tr.Run()\n}\n',
      },
    },
    {
      name: 'a Config Server, a Eureka registry and an admin console whose starters bring Actuator, beside a service declaring it',
      files: springCloud({
        'config-server': { deps: ['spring-cloud-config-server'], annotations: ['@EnableConfigServer'] },
        'discovery-server': { deps: ['spring-cloud-starter-netflix-eureka-server'], annotations: ['@EnableEurekaServer'] },
        'admin-server': { deps: ['spring-boot-starter', 'spring-boot-admin-starter-server'], annotations: ['@EnableAdminServer'] },
        'orders-service': { deps: ['spring-boot-starter-web', 'spring-boot-starter-actuator'], annotations: ['@RestController'] },
      }),
    },
    {
      name: 'ASP.NET Core health routes mapped by a referenced defaults project in every environment',
      files: serviceDefaults({ extra: '        ((WebApplication)(object)builder).MapHealthChecks("/healthz");' }),
    },
    {
      name: 'a Go 1.22 liveness route under a system folder, its handler wrapped in an adapter',
      files: goMux(['"GET /api/v1/bookmarks"', '"GET /system/liveness"']),
    },
    { name: 'a ping route under an internal folder', files: goMux(['"GET /internal/ping"']) },
    {
      name: 'a health path named by a constant that every environment maps',
      files: flask('HEALTH_PATH = "/healthz"\n\n@app.get(HEALTH_PATH)\ndef alive():\n    return "ok"'),
    },
    {
      name: 'a development-only route next to one mapped in every environment',
      files: express("if (process.env.NODE_ENV === 'development') {\n  app.get('/debug/health', h);\n}\napp.get('/healthz', h);"),
    },
    {
      name: 'a Flask health route in the production branch of a debug check',
      files: flask('if app.debug:\n    pass\nelse:\n    app.add_url_rule("/health", "health", lambda: "ok")'),
    },
    {
      name: 'a Next.js route handler at app/api/health',
      files: nextApp({ 'app/api/health/route.ts': "export function GET() { return new Response('ok'); }\n" }),
    },
    {
      name: 'a Next.js API route at pages/api/healthz',
      files: nextApp({ 'pages/api/healthz.ts': "export default function handler(req, res) { res.status(200).end(); }\n" }),
    },
    {
      name: 'a Remix resource route answering health checks',
      files: {
        'package.json': JSON.stringify({ name: 'web', scripts: { build: 'remix build' }, dependencies: { '@remix-run/node': '^2', '@remix-run/react': '^2', react: '^18' } }),
        'app/root.tsx': 'export default function App() { return <html />; }\n',
        'app/routes/notes.tsx': 'export const loader = async () => json([]);\nexport default function Notes() { return <ul />; }\n',
        'app/routes/healthcheck.tsx': 'export const loader = async () => new Response("OK");\n',
      },
    },
    {
      name: 'a SvelteKit endpoint at src/routes/health',
      files: {
        'package.json': JSON.stringify({ name: 'web', devDependencies: { '@sveltejs/kit': '^2', svelte: '^4', vite: '^5' } }),
        'src/routes/+page.svelte': '<h1>Home</h1>\n',
        'src/routes/api/items/+server.ts': 'export async function GET() { return new Response("[]"); }\n',
        'src/routes/health/+server.ts': 'export function GET() { return new Response("ok"); }\n',
      },
    },
    {
      name: 'a Nuxt server route at server/api/health',
      files: {
        'package.json': JSON.stringify({ name: 'web', scripts: { build: 'nuxt build' }, dependencies: { nuxt: '^3', vue: '^3' } }),
        'nuxt.config.ts': 'export default defineNuxtConfig({});\n',
        'app.vue': '<template><NuxtPage /></template>\n',
        'server/api/items.get.ts': 'export default defineEventHandler(() => []);\n',
        'server/api/health.ts': "export default defineEventHandler(() => 'ok');\n",
      },
    },
    {
      name: 'a Backstage backend, which serves its own health routes',
      files: {
        'packages/backend/package.json': JSON.stringify({ name: 'backend', backstage: { role: 'backend' }, dependencies: { '@backstage/backend-defaults': '^0.5.0' } }),
        'packages/backend/src/index.ts': "import { createBackend } from '@backstage/backend-defaults';\nconst backend = createBackend();\nbackend.add(import('@internal/plugin-orders-backend'));\nbackend.start();\n",
        'plugins/orders-backend/package.json': JSON.stringify({ name: '@internal/plugin-orders-backend', backstage: { role: 'backend-plugin' }, dependencies: { express: '^4.21.0', '@backstage/backend-plugin-api': '^1.0.0' } }),
        'plugins/orders-backend/src/router.ts': "import express from 'express';\nexport const router = express.Router();\nrouter.get('/orders', (_req, res) => res.json([]));\n",
      },
    },
    {
      name: 'Flask /health',
      files: {
        'requirements.txt': 'flask\n',
        'app.py':
          'from flask import Flask\napp = Flask(__name__)\n@app.route("/health")\ndef h(): return "ok"\n',
      },
    },
    {
      name: 'Go 1.22 method pattern',
      files: {
        'go.mod': 'module x\n',
        'main.go':
          'package main\n\nimport "net/http"\n\nfunc main() {\n\tmux := http.NewServeMux()\n\tmux.HandleFunc("GET /healthz", health)\n\thttp.ListenAndServe(":8080", mux)\n}\n',
      },
    },
    {
      name: 'versioned API health route',
      files: express(
        "app.get('/api/v1/health', (req, res) => res.send('ok'));",
      ),
    },
    {
      name: 'readiness and liveness',
      files: express("app.get('/readyz', ready);\napp.get('/livez', live);"),
    },
    {
      name: 'Spring Boot Actuator',
      files: {
        'build.gradle.kts':
          'dependencies {\n  implementation("org.springframework.boot:spring-boot-starter-web")\n  implementation("org.springframework.boot:spring-boot-starter-actuator")\n}\n',
      },
    },
    {
      name: 'NestJS Terminus',
      files: {
        'package.json': JSON.stringify({
          dependencies: { '@nestjs/core': '^10', '@nestjs/terminus': '^10' },
        }),
      },
    },
    {
      name: 'NestJS health controller',
      files: {
        'package.json': JSON.stringify({
          dependencies: { '@nestjs/core': '^10' },
        }),
        'src/health.controller.ts':
          "@Controller('health')\nexport class HealthController { @Get() check() { return 'ok'; } }\n",
      },
    },
    {
      name: 'Django URL without a leading slash',
      files: {
        'requirements.txt': 'Django==5.0\n',
        'app/urls.py':
          'from django.urls import path\nurlpatterns = [path("healthz/", views.health)]\n',
      },
    },
    {
      name: 'ASP.NET Core health checks',
      files: {
        'Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
        'Api/Program.cs':
          'var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHealthChecks();\nvar app = builder.Build();\napp.MapHealthChecks("/healthz");\n',
      },
    },
    {
      name: 'an ASP.NET Core gRPC service that maps a grpc.health.v1 health service',
      files: {
        'Cart/Cart.csproj':
          '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Grpc.AspNetCore" Version="2.60.0" /><PackageReference Include="Grpc.HealthCheck" Version="2.60.0" /></ItemGroup></Project>',
        'Cart/Startup.cs':
          'public class Startup {\n  public void Configure(IApplicationBuilder app) {\n    app.UseRouting();\n    app.UseEndpoints(endpoints => {\n      endpoints.MapGrpcService<CartService>();\n      endpoints.MapGrpcService<Services.HealthCheckService>();\n    });\n  }\n}\n',
        'Cart/Program.cs': 'var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\napp.Run();\n',
      },
    },
    {
      name: 'gRPC health service',
      files: {
        'go.mod': 'module x\n\nrequire google.golang.org/grpc v1.64.0\n',
        'server.go':
          'package main\n\nimport (\n\t"google.golang.org/grpc/health"\n\thealthpb "google.golang.org/grpc/health/grpc_health_v1"\n)\n',
      },
    },
  ],
  notApplicable: [
    {
      name: 'a frontend app whose express (a devDependency) only starts its mock API for end-to-end tests',
      files: spaWithDevServer({ 'test-e2e': 'pm2 start "yarn run-mock-server" && playwright test', 'run-mock-server': 'tsx ./mock-server.ts' }, {
        'mock-server.ts': MOCK_API,
      }),
    },
    {
      name: 'a frontend app whose dev-only express is started only by a test script (file not named as a mock)',
      files: spaWithDevServer({ 'test:e2e': 'start-server-and-test "node api-server.js" 8080 "playwright test"' }, { 'api-server.js': MOCK_API }),
    },
    {
      name: 'a frontend app whose dev-only express is imported only by its build tool configuration',
      files: spaWithDevServer({}, { 'vite.config.ts': "import express from 'express';\nexport default { plugins: [] };\n" }),
    },
    {
      name: 'a Next.js app that only renders pages',
      files: {
        'package.json': JSON.stringify({ name: 'web', scripts: { build: 'next build' }, dependencies: { next: '14.2.0', react: '18.3.0' } }),
        'app/page.tsx': 'export default function Page() { return <main />; }\n',
        'app/layout.tsx': 'export default function Layout({ children }) { return <html><body>{children}</body></html>; }\n',
        'app/middleware.ts': 'export function middleware() {}\n',
      },
    },
    {
      name: 'a Backstage backend plugin on its own: the backend that mounts it is elsewhere',
      files: {
        'package.json': JSON.stringify({ name: '@acme/plugin-orders-backend', backstage: { role: 'backend-plugin' }, dependencies: { express: '^4.21.0' } }),
        'src/service/router.ts': "import express from 'express';\nexport const router = express.Router();\n",
      },
    },
    {
      name: 'servers started by scripts, benchmarks and test fixtures are not units',
      files: {
        'package.json': JSON.stringify({ name: 'tool', bin: { tool: 'bin/tool.js' } }),
        'scripts/bench-api.mjs': "import http from 'node:http';\nhttp.createServer((req, res) => res.end()).listen(0);\n",
        'src/report/reportFixture.ts': "import http from 'node:http';\nexport const server = http.createServer(() => {});\n",
        'src/index.ts': 'export const x = 1;\n',
      },
    },
    {
      name: 'a worker container without a server',
      files: {
        Dockerfile: 'FROM python:3.12\n',
        'requirements.txt': 'celery==5.4\n',
        'tasks.py': 'print(1)\n',
      },
    },
    {
      name: 'a library',
      files: {
        'package.json': JSON.stringify({ name: 'lib' }),
        'index.js': '',
      },
    },
  ],
});

describe('observability/no-health-endpoint messages', () => {
  it('says where a named health route is mapped only in development', () => {
    const result = runRule(rule, serviceDefaults({ extra: DEVELOPMENT_ONLY_NAMED_HEALTH }));
    expect(result.findings.map(f => f.message)).toEqual([
      'The aspnet service in src/Shipping.Api/ maps its health route only in development (inside `if (app.Environment.IsDevelopment())` at src/Platform.Defaults/PlatformExtensions.cs:15): in production it exposes no health or readiness route',
    ]);
  });

  it('says when the only health route is mapped in development', () => {
    const result = runRule(rule, serviceDefaults({ extra: DEVELOPMENT_ONLY_HEALTH }));
    expect(result.findings.map(f => f.message)).toEqual([
      'The aspnet service in src/Shipping.Api/ maps its health route only in development (inside `if (app.Environment.IsDevelopment())` at src/Platform.Defaults/PlatformExtensions.cs:13): in production it exposes no health or readiness route',
    ]);
  });
});
