import { describeRule } from '../../../testing';
import rule from '.';

const flask = {
  'requirements.txt': 'flask==3.0.3\n',
  'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
};

/** A Next.js app whose route handlers only receive a webhook, finish sign-in redirects and answer a probe; the rest are server actions. */
const nextIncidental = {
  'package.json': JSON.stringify({ dependencies: { next: '^14', react: '^18', stripe: '^14' } }),
  'app/page.tsx': 'export default function Home() { return null; }\n',
  'app/api/webhooks/route.ts':
    "export async function POST(req: Request) {\n  const sig = req.headers.get('stripe-signature');\n  const event = stripe.webhooks.constructEvent(await req.text(), sig, secret);\n  return new Response(JSON.stringify({ received: true }));\n}\n",
  'app/auth/callback/route.ts':
    "import { NextResponse } from 'next/server';\nexport async function GET(request: Request) {\n  await exchangeCodeForSession(new URL(request.url).searchParams.get('code'));\n  return NextResponse.redirect(new URL('/account', request.url));\n}\n",
  'app/auth/reset_password/route.ts':
    "import { NextResponse } from 'next/server';\nexport async function GET(request: Request) {\n  return NextResponse.redirect(new URL('/signin/update_password', request.url));\n}\n",
  'app/api/healthz/route.ts': "export function GET() { return new Response('ok'); }\n",
  'app/billing/actions.ts': "'use server';\nexport async function checkout(priceId: string) { return createSession(priceId); }\n",
};

/** A Django site that renders pages from templates. */
const djangoSite = {
  'requirements.txt': 'Django==5.0\nwagtail==6.0\n',
  'manage.py': 'import django\n',
  'site/views.py': "from django.shortcuts import render\ndef home(request):\n    return render(request, 'home.html')\n",
};

const koaApi = {
  'package.json': JSON.stringify({ dependencies: { koa: '^2', 'koa-router': '^7' }, scripts: { start: 'node src/index.js' } }),
  'src/routes/users.js': "router.post('/api/users/login', async ctx => {\n  ctx.body = { user: await login(ctx.request.body) };\n});\n",
};
const collection = (description: string) =>
  JSON.stringify({
    info: { name: 'Shop', description, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: [{ name: 'Login', request: { method: 'POST', url: '{{APIURL}}/users/login' } }],
  });

/** An HTTP request file (Visual Studio / JetBrains / REST Client format) with the given requests. */
const requestFile = (...requests: string[]) =>
  ['@host = http://localhost:5000', '', ...requests.flatMap(r => [`### ${r}`, r.replace(/^(\w+) /, '$1 {{host}}'), 'Content-Type: application/json', ''])].join('\n');

/** A README whose API section shows one curl example per endpoint. */
const curlReadme = (...commands: string[]) =>
  ['# shop', '', '## Build', '', '    make', '', '## API requests', '', ...commands.flatMap((c, i) => [`### Request ${i + 1}`, '', '```', c, '```', ''])].join('\n');

/** A Django project whose views are class-based template views, with extra files. */
const djangoTemplateSite = (files: Record<string, string>) => ({
  'requirements.txt': 'Django==5.0.6\ndjango-allauth==0.63.3\n',
  'manage.py': 'import django\n',
  'site_project/urls.py': 'from django.urls import path, include\nurlpatterns = [path("", include("pages.urls"))]\n',
  'pages/views.py':
    'from django.views.generic import TemplateView\n\n\nclass HomePageView(TemplateView):\n    template_name = "pages/home.html"\n',
  ...files,
});

/** An ASP.NET Core Razor Pages app, with extra files. */
const razorPages = (files: Record<string, string>) => ({
  'Web/Web.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
  'Web/Program.cs':
    'var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddRazorPages();\nvar app = builder.Build();\napp.UseStaticFiles();\napp.MapRazorPages();\napp.Run();\n',
  'Web/Pages/Students/Edit.cshtml.cs':
    'public class Edit : PageModel\n{\n    public async Task<IActionResult> OnPostAsync() { await Save(); return this.RedirectToPageJson("Index"); }\n}\n',
  'Web/Pages/PageModelExtensions.cs':
    'public static class PageModelExtensions\n{\n    public static ContentResult RedirectToPageJson(this PageModel page, string name) =>\n        new ContentResult { Content = JsonConvert.SerializeObject(new { redirect = page.Url.Page(name) }), ContentType = "application/json" };\n}\n',
  ...files,
});

const mvcWithAjax = (view: string) => ({
  'Web/Web.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
  'Web/Program.cs':
    'var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddControllersWithViews();\nvar app = builder.Build();\napp.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");\napp.Run();\n',
  'Web/Controllers/CustomerController.cs': [
    'public class CustomerController : Controller',
    '{',
    '    [HttpGet("customer-management/list-all")]',
    '    public async Task<IActionResult> Index() { return View(await _service.GetAll()); }',
    '',
    '    [HttpGet("customer-management/customer-history/{id:guid}")]',
    '    public async Task<JsonResult> History(Guid id)',
    '    {',
    '        var data = await _service.GetAllHistory(id);',
    '        return Json(data);',
    '    }',
    '}',
    '',
  ].join('\n'),
  'Web/Views/Customer/Index.cshtml': view,
});

/** A Flask app that renders its pages from templates and answers one route with JSON, with its own static script. */
const flaskPagesWithJson = (script: string) => ({
  'requirements.txt': 'Flask==3.0.0\nFlask-SQLAlchemy==3.1.1\n',
  'blog/app.py': [
    'from flask import Flask, render_template, jsonify, session',
    'from functools import wraps',
    '',
    'app = Flask(__name__)',
    '',
    '',
    'def login_required(f):',
    '    @wraps(f)',
    '    def inner(*args, **kwargs):',
    '        if not session.get("user"):',
    '            return jsonify({"ok": False}), 401',
    '        return f(*args, **kwargs)',
    '    return inner',
    '',
    '',
    '@app.route("/")',
    'def index():',
    '    return render_template("index.html", notes=load_notes())',
    '',
    '',
    '@app.route("/notes/<int:note_id>/archive", methods=["POST"])',
    '@login_required',
    'def archive(note_id):',
    '    archive_note(note_id)',
    '    return jsonify({"ok": True})',
    '',
  ].join('\n'),
  'blog/templates/index.html': '<ul>{% for n in notes %}<li data-id="{{ n.id }}">{{ n.title }}</li>{% endfor %}</ul>\n<script src="/static/notes.js"></script>\n',
  'blog/static/notes.js': script,
});

describeRule(rule, {
  fails: [
    {
      name: 'a Flask site whose JSON route no script or page of its own requests',
      files: flaskPagesWithJson('document.querySelectorAll("li").forEach(li => li.classList.add("note"));\n'),
      findings: ['blog/app.py:1'],
    },
    {
      name: 'an MVC app whose JSON action no page of its own requests',
      files: mvcWithAjax('<table id="customers"></table>\n'),
      findings: ['Web/Program.cs:1'],
    },
    {
      name: 'a Postman collection that a script runs with Newman is a test suite',
      files: {
        ...koaApi,
        'Shop.postman_collection.json': collection('Requests for the Shop API'),
        'run-api-tests.sh': '#!/usr/bin/env bash\nDIR="$(dirname "$0")"\nnpx newman run $DIR/Shop.postman_collection.json --global-var "APIURL=$APIURL"\n',
      },
      findings: ['package.json:1'],
    },
    {
      name: 'collections run by a package.json script and by a CI workflow through a variable',
      files: {
        ...koaApi,
        'package.json': JSON.stringify({
          dependencies: { koa: '^2', 'koa-router': '^7' },
          scripts: { 'test:api': 'newman run postman/api.json -e postman/local.json' },
        }),
        'postman/api.json': collection('Checks'),
        'collections/flows.json': collection('Flows'),
        '.github/workflows/e2e.yml':
          'on: push\njobs:\n  api:\n    runs-on: x\n    env:\n      COLLECTION: collections/flows.json\n    steps:\n      - run: npx newman run "$COLLECTION"\n',
      },
      findings: ['package.json:1'],
    },
    { name: 'a Flask API with no spec', files: flask, findings: ['app.py:1'] },
    {
      name: 'a routes document that lists middleware and paths but no method, and a README table of paths without methods',
      files: {
        ...flask,
        'routes.md': '# svc\n\n- [Logger](/middleware/logger.py#L10)\n- **/v1/***\n\t- **/orders/***\n\t\t- [list_orders](/app.py#L20)\n',
        'README.md': '# svc\n\n| Page | Path |\n| --- | --- |\n| Home | /home |\n| About | /about |\n| Blog | /blog |\n',
      },
      findings: ['app.py:1'],
    },
    {
      name: 'a request file with one request, one that CI runs as tests with httpyac, and one in a test folder',
      files: {
        ...flask,
        'requests/health.http': requestFile('GET /health'),
        'e2e/orders.http': requestFile('GET /orders', 'POST /orders'),
        'tests/api/users.http': requestFile('GET /users', 'POST /users'),
        '.github/workflows/e2e.yml': 'on: push\njobs:\n  api:\n    runs-on: x\n    steps:\n      - run: npx httpyac send e2e/orders.http --all\n',
      },
      findings: ['app.py:1'],
    },
    {
      name: 'an API section with two curl examples, and curl calls outside any API section',
      files: {
        ...flask,
        'README.md': [
          curlReadme(
            'curl -X "POST" "http://localhost:5000/v1/book" \\\n     -H \'Content-Type: application/json\' \\\n     -d \'{"title": "x"}\'',
            'curl "http://localhost:5000/v1/book?title=ozzy"',
            'curl "http://localhost:5000/v1/book?title=other"',
          ),
          '## Setup',
          '',
          '```sh',
          'curl -fsSL https://example.com/install.sh | sh',
          'curl http://localhost:5000/health',
          'curl -X DELETE http://localhost:5000/cache',
          '```',
          '',
        ].join('\n'),
      },
      findings: ['app.py:1'],
    },
    {
      name: 'a SvelteKit app with a JSON endpoint beside its page actions',
      files: {
        'package.json': JSON.stringify({ scripts: { dev: 'vite dev', build: 'vite build' }, devDependencies: { '@sveltejs/kit': '^2', svelte: '^5', vite: '^5' } }),
        'src/routes/+page.server.js': 'export const actions = { default: async () => {} };\n',
        'src/routes/api/articles/+server.js': 'export async function GET() { return json(await list()); }\n',
      },
      findings: ['src/routes/api/articles/+server.js:1'],
    },
    {
      name: 'a Remix app with a resource route that answers JSON',
      files: {
        'package.json': JSON.stringify({ scripts: { build: 'remix vite:build', dev: 'remix vite:dev' }, dependencies: { '@remix-run/node': '^2', '@remix-run/react': '^2', react: '^18' }, devDependencies: { vite: '^5' } }),
        'app/root.tsx': 'export default function App() { return null; }\n',
        'app/routes/api.notes.ts': 'export async function loader() { return json(await listNotes()); }\n',
      },
      findings: ['app/routes/api.notes.ts:1'],
    },
    {
      name: 'a Django site of template views that also mounts a DRF API',
      files: djangoTemplateSite({
        'pages/api.py': 'from rest_framework import viewsets\n\n\nclass ItemViewSet(viewsets.ModelViewSet):\n    queryset = Item.objects.all()\n',
      }),
      findings: ['manage.py:1'],
    },
    {
      name: 'a Django site of template views with a view answering JSON',
      files: djangoTemplateSite({
        'pages/feeds.py': 'from django.http import JsonResponse\n\n\ndef items(request):\n    return JsonResponse({"items": []})\n',
      }),
      findings: ['manage.py:1'],
    },
    {
      name: 'a Razor Pages app that also declares an API controller',
      files: razorPages({
        'Web/Controllers/StudentsController.cs': '[ApiController]\n[Route("api/[controller]")]\npublic class StudentsController : ControllerBase { }\n',
      }),
      findings: ['Web/Program.cs:1'],
    },
    {
      name: 'a Razor Pages app that also maps minimal-API endpoints',
      files: razorPages({ 'Web/Endpoints.cs': 'public static class Endpoints { public static void Map(WebApplication app) { app.MapGet("/students", () => List()); } }\n' }),
      findings: ['Web/Program.cs:1'],
    },
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
      name: 'an API section that only points elsewhere, and an api.md without endpoints',
      files: {
        ...flask,
        'README.md': '# svc\n\n## API\n\nThe API follows the public spec at https://example.com/spec.\n\n```sh\ncurl -X GET http://localhost:5000/health\n```\n',
        'docs/api.md': '# API\n\nWe will write this later.\n',
        'CHANGELOG.md': '# Changelog\n\n## API\n\n- GET /a\n- GET /b\n- POST /c\n',
      },
      findings: ['app.py:1'],
    },
    {
      name: 'an Express server that serves static files and also answers JSON',
      files: {
        'package.json': JSON.stringify({ dependencies: { express: '^4' } }),
        'server.js':
          "const express = require('express');\nconst app = express();\napp.use(express.static('public'));\napp.get('/scores', (req, res) => res.json(scores));\napp.listen(80);\n",
      },
      findings: ['server.js:1'],
    },
    {
      name: 'a protobuf beside Go routes registered with net/http method constants, and a doc generator required only indirectly',
      files: {
        'go.mod':
          'module x\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.0.12\n\tgoogle.golang.org/grpc v1.64.0\n\tgithub.com/grpc-ecosystem/grpc-gateway/v2 v2.20.0 // indirect\n)\n',
        'main.go': 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":3000", routes()) }\n',
        'app/orders/route.go':
          'package orders\n\nimport "net/http"\n\nfunc Routes(app *web.App) {\n\tapp.HandlerFunc(http.MethodGet, version, "/orders", api.query)\n\tapp.HandlerFunc(http.MethodPost, version, "/orders", api.create)\n}\n',
        'app/auth/auth.proto': 'syntax = "proto3";\nservice Auth { rpc Token (TokenRequest) returns (TokenReply); }\n',
      },
      findings: ['main.go:5'],
    },
    {
      name: 'a reference page of an example app inside the docs tree',
      files: {
        ...flask,
        'examples/shop/docs/api.md': '# Shop API\n\n`GET SITE_ROOT/api/orders/`\n\n`POST SITE_ROOT/api/orders/`\n',
      },
      findings: ['app.py:1'],
    },
    {
      name: 'a GraphQL schema beside REST controllers',
      files: {
        'build.gradle': "dependencies {\n  implementation 'org.springframework.boot:spring-boot-starter-web'\n  implementation 'com.netflix.graphql.dgs:graphql-dgs-spring-boot-starter'\n}\n",
        'src/main/resources/schema/schema.graphqls': 'type Query { article(slug: String!): Article }\n',
        'src/main/java/io/acme/api/ArticlesApi.java':
          '@RestController\n@RequestMapping(path = "/articles")\npublic class ArticlesApi {\n  @GetMapping\n  public ResponseEntity<?> list() { return ResponseEntity.ok(service.list()); }\n}\n',
      },
    },
    {
      name: 'a Next.js app with a webhook receiver beside a route that answers clients',
      files: {
        ...nextIncidental,
        'app/api/posts/route.ts': 'export async function GET() { return Response.json(await listPosts()); }\n',
      },
      findings: ['app/api/posts/route.ts:1'],
    },
    {
      name: 'a route under webhooks/ that lists and deletes subscriptions for clients is an API',
      files: {
        ...nextIncidental,
        'app/api/webhooks/subscriptions/route.ts':
          'export async function GET() { return Response.json(await list()); }\nexport async function DELETE() { return new Response(null); }\n',
      },
      findings: ['app/api/webhooks/subscriptions/route.ts:1'],
    },
    {
      name: 'a Next.js sign-in route that answers with a token is an API',
      files: {
        ...nextIncidental,
        'app/api/auth/login/route.ts':
          "import { NextResponse } from 'next/server';\nexport async function POST(req: Request) {\n  if (!ok) return NextResponse.redirect('/');\n  return NextResponse.json({ token });\n}\n",
      },
      findings: ['app/api/auth/login/route.ts:1'],
    },
    {
      name: 'a Django site that also mounts Wagtail API v2',
      files: {
        ...djangoSite,
        'site/api.py':
          "from wagtail.api.v2.router import WagtailAPIRouter\nfrom wagtail.api.v2.views import PagesAPIViewSet\napi_router = WagtailAPIRouter('wagtailapi')\napi_router.register_endpoint('pages', PagesAPIViewSet)\n",
        'site/urls.py': "from django.urls import path\nfrom .api import api_router\nurlpatterns = [path('api/v2/', api_router.urls)]\n",
      },
      findings: ['manage.py:1'],
    },
    {
      name: 'a Django site with a Django REST Framework router',
      files: {
        ...djangoSite,
        'requirements.txt': 'Django==5.0\ndjangorestframework==3.15\n',
        'shop/api.py':
          'from rest_framework import routers, viewsets\nclass ItemViewSet(viewsets.ModelViewSet):\n    queryset = Item.objects.all()\nrouter = routers.DefaultRouter()\nrouter.register("items", ItemViewSet)\n',
      },
      findings: ['manage.py:1'],
    },
    {
      name: 'a Django site with Tastypie resources',
      files: {
        ...djangoSite,
        'shop/api.py': 'from tastypie.resources import ModelResource\nclass ItemResource(ModelResource):\n    pass\n',
      },
      findings: ['manage.py:1'],
    },
    {
      name: 'a Django site with a graphene-django endpoint and no schema file',
      files: {
        ...djangoSite,
        'site/urls.py': "from django.urls import path\nfrom graphene_django.views import GraphQLView\nurlpatterns = [path('graphql', GraphQLView.as_view())]\n",
      },
      findings: ['manage.py:1'],
    },
    {
      name: 'a GraphQL schema beside a Django REST Framework API',
      files: {
        ...djangoSite,
        'schema.graphql': 'type Query { items: [Item] }\n',
        'shop/api.py': 'from rest_framework.decorators import action\n',
      },
      findings: ['manage.py:1'],
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
      name: 'django-ninja serves its own OpenAPI docs',
      files: {
        ...djangoSite,
        'requirements.txt': 'Django==5.0\ndjango-ninja==1.1\n',
        'site/api.py': 'from ninja import NinjaAPI\napi = NinjaAPI()\n',
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
      name: 'a Postman collection published as the API reference, by name or by its schema',
      files: {
        ...koaApi,
        'docs/Shop.postman_collection.json': collection('Every endpoint of the Shop API with example bodies'),
        'run-api-tests.sh': '#!/usr/bin/env bash\nnpx newman run tests/smoke.postman_collection.json\n',
      },
    },
    {
      name: 'a Postman collection found by its schema, not run by any script',
      files: { ...koaApi, 'api/shop.json': collection('Shop API') },
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
      name: 'apidoc comments on Express routes, built by a docs script',
      files: {
        'package.json': JSON.stringify({
          scripts: { docs: 'apidoc -i src -o docs' },
          dependencies: { express: '^4' },
          devDependencies: { apidoc: '^0.28' },
        }),
        'src/routes/users.js':
          "const router = require('express').Router();\n/**\n * @api {get} v1/users List users\n * @apiName ListUsers\n */\nrouter.get('/users', list);\nmodule.exports = router;\n",
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
      name: 'a GraphQL schema for a GraphQL-only server, with a JSON health check',
      files: {
        'package.json': JSON.stringify({ dependencies: { '@apollo/server': '^4', express: '^4' } }),
        'schema.graphql': 'type Query { a: Int }\n',
        'server.js': "app.use('/graphql', expressMiddleware(server));\napp.get('/health', (req, res) => res.json({ ok: true }));\n",
      },
    },
    {
      name: 'a protobuf for a gRPC Go server whose code only builds HTTP requests to another service',
      files: {
        'go.mod': 'module x\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.0.12\n\tgoogle.golang.org/grpc v1.64.0\n)\n',
        'main.go': 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":3000", routes()) }\n',
        'client/billing.go':
          'package client\n\nfunc Invoice(ctx context.Context) error {\n\treq, err := http.NewRequestWithContext(ctx, http.MethodGet, "/invoices", nil)\n\t_ = req\n\treturn err\n}\n',
        'app/auth/auth.proto': 'syntax = "proto3";\nservice Auth { rpc Token (TokenRequest) returns (TokenReply); }\n',
      },
    },
    {
      name: 'an api-docs folder',
      files: { ...flask, 'api-docs/orders.md': '# Orders\n' },
    },
    {
      name: 'a hand-written docs/api.md listing endpoints',
      files: {
        ...flask,
        'docs/api.md': '# Orders API\n\n### `GET /orders`\nLists orders.\n\n### `POST /orders`\nCreates one.\n',
      },
    },
    {
      name: 'README tables of methods and paths under each service\'s own heading',
      files: {
        ...flask,
        'README.md': [
          '# Shop',
          '',
          '## Functional services',
          '',
          '#### Account service',
          '',
          'Method\t| Path\t| Description\t| User authenticated',
          '------------- | ------------------------- | ------------- |:-------------:|',
          'GET\t| /accounts/{account}\t| Get specified account data\t|  ',
          'GET\t| /accounts/current\t| Get current account data\t| ×',
          'PUT\t| /accounts/current\t| Save current account data\t| ×',
          '',
          '#### Statistics service',
          '',
          'GET\t| /statistics/current\t| Get current statistics\t| ×',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'a README API section with a table of methods and paths',
      files: {
        ...flask,
        'README.md': [
          '# svc',
          '',
          '## 📚 API endpoints',
          '',
          '| Method | Path | Description |',
          '|---|---|---|',
          '| GET | /api/users | list users |',
          '| POST | /api/users | create a user |',
          '| DELETE | /api/users/{id} | delete a user |',
          '',
          '## License',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'a README table giving each endpoint\'s path before its method',
      files: {
        ...flask,
        'README.md': [
          '# svc',
          '',
          '## Sign-in',
          '',
          '| Path | Method | Body | Description |',
          '| ---- | ------ | ---- | ----------- |',
          '| /auth/login | POST | email | sends a sign-in link |',
          '| /auth/token | POST | token | exchanges the link token for a session |',
          '| `/auth/logout` | `POST` | | ends the session |',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'a generated route tree (a path per nested list item, each method a list item under its path)',
      files: {
        ...flask,
        'routes.md': [
          '# svc',
          '',
          '<details>',
          '<summary>`/v1/*`</summary>',
          '',
          '- [Logger](/middleware/logger.py#L10)',
          '- **/v1/***',
          '\t- **/orders/***',
          '\t\t- **/**',
          '\t\t\t- _GET_',
          '\t\t\t\t- [list_orders](/app.py#L20)',
          '\t\t\t- _POST_',
          '\t\t\t\t- [create_order](/app.py#L30)',
          '\t\t- **/{orderID}**',
          '\t\t\t- _DELETE_',
          '\t\t\t\t- [delete_order](/app.py#L40)',
          '',
          '</details>',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'an HTTP request file beside the services, outside every one of them',
      files: {
        ...flask,
        'Requests/shop.http': requestFile('POST /users/login', 'GET /orders', 'DELETE /orders/1'),
      },
    },
    {
      name: 'a README API section with a curl example per endpoint (continued lines, quoted method, data implying POST)',
      files: {
        ...flask,
        'README.md': curlReadme(
          'curl -X "POST" "http://localhost:5000/v1/book" \\\n     -H \'Content-Type: application/json\' \\\n     -d $\'{"title": "x"}\'',
          'curl "http://localhost:5000/v1/book?title=ozzy" \\\n     -H \'Accept: application/json\'',
          'curl http://localhost:5000/v1/user -d \'{"email": "a@b.c"}\'',
          'curl "http://localhost:5000/v1/loan/return/42"',
        ),
      },
    },
    {
      name: 'reference pages in a docs folder beside the templates, their endpoints and curl examples written after the site\'s address placeholder',
      files: {
        ...flask,
        'templates/docs/api.md':
          '# Management API\n\nEndpoint Name | Endpoint Address\n------|------\n[List checks](#list) | `GET SITE_ROOT/api/v3/checks/`\n[Create a check](#create) | `POST SITE_ROOT/api/v3/checks/`\n\n```bash\ncurl --header "X-Api-Key: your-api-key" SITE_ROOT/api/v3/checks/\n```\n',
      },
    },
    {
      name: 'a docs/api.md whose curl examples use a {{host}} variable',
      files: {
        ...flask,
        'docs/api.md': '# API\n\n```sh\ncurl {{host}}/orders\ncurl -X DELETE {{host}}/orders/42\n```\n',
      },
    },
    {
      name: 'a Go server routing by net/http method constants with an OpenAPI file',
      files: {
        'go.mod': 'module x\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n',
        'main.go': 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":3000", routes()) }\n',
        'app/orders/route.go': 'package orders\n\nfunc Routes(app *web.App) {\n\tapp.HandlerFunc(http.MethodGet, version, "/orders", api.query)\n}\n',
        'openapi.yaml': 'openapi: 3.1.0\n',
      },
    },
    {
      name: 'a docs/api.md giving raw requests with URLs',
      files: {
        ...flask,
        'docs/api.md': '# API\n\n```http\nPOST http://localhost:5000/orders\n```\n\n```http\nGET https://shop.example.com/orders/42\n```\n',
      },
    },
    {
      name: 'docs/openapi.json shared by every service',
      files: { ...flask, 'docs/openapi.json': '{"openapi": "3.0.0"}' },
    },
  ],
  notApplicable: [
    {
      name: 'a Flask site whose one JSON route (declared by a decorator) is fetched by its own static script',
      files: flaskPagesWithJson(
        'document.querySelectorAll("li").forEach(li => li.addEventListener("click", () =>\n  fetch(`/notes/${li.dataset.id}/archive`, { method: "POST" }).then(r => r.json()).then(() => li.remove())));\n',
      ),
    },
    {
      name: 'an MVC app whose one JSON action answers its own view\'s AJAX call',
      files: mvcWithAjax('<table id="customers"></table>\n<script>\n  $.ajax({ url: "/customer-management/customer-history/" + id });\n</script>\n'),
    },
    { name: 'a Django site whose views are class-based template views (and the admin)', files: djangoTemplateSite({}) },
    { name: 'a Razor Pages app whose page handlers answer their own form posts with JSON', files: razorPages({}) },
    {
      name: 'an MVC app with views only',
      files: {
        'Web/Web.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>',
        'Web/Program.cs':
          'var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddControllersWithViews();\nvar app = builder.Build();\napp.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");\napp.Run();\n',
        'Web/Controllers/HomeController.cs': 'public class HomeController : Controller\n{\n    public IActionResult Index() { return View(); }\n}\n',
      },
    },
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
      name: 'an Express server that serves a static page and pushes over socket.io, next to copied browser libraries',
      files: {
        'package.json': JSON.stringify({ dependencies: { express: '^4', 'socket.io': '^4' } }),
        'server.js': [
          "var express = require('express'),",
          '    app = express(),',
          "    server = require('http').Server(app),",
          "    io = require('socket.io')(server);",
          "io.on('connection', socket => socket.emit('message', { text: 'hi' }));",
          "app.use(express.static(__dirname + '/views'));",
          "app.get('/', (req, res) => res.sendFile(__dirname + '/views/index.html'));",
          'server.listen(80);',
          '',
        ].join('\n'),
        'views/app.js': "var socket = io.connect();\nsocket.on('scores', render);\n",
        'views/lib.min.js': 'x.headers["Content-Type"]="application/json";res.json(a)',
        'views/client.js': `/*! client v4.7.2 | (c) Someone | MIT License */\n${'var t={"Content-Type":"application/json"};'.repeat(80)}\n`,
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
      name: 'a Next.js app whose routes only receive webhooks, finish sign-in redirects and answer health checks',
      files: nextIncidental,
    },
    {
      name: 'a SvelteKit app whose server code is page loads and form actions only',
      files: {
        'package.json': JSON.stringify({ scripts: { dev: 'vite dev', build: 'vite build' }, devDependencies: { '@sveltejs/kit': '^2', svelte: '^5', vite: '^5' } }),
        'src/routes/+page.svelte': '<h1>Home</h1>\n',
        'src/routes/+layout.server.js': 'export function load({ locals }) { return { user: locals.user }; }\n',
        'src/routes/article/[slug]/+page.server.js':
          "export async function load({ params }) { return { article: await api.get(`articles/${params.slug}`) }; }\nexport const actions = { comment: async ({ request }) => { await api.post('comments', await request.formData()); } };\n",
      },
    },
    {
      name: 'a Remix app whose loaders and actions serve their own pages',
      files: {
        'package.json': JSON.stringify({ scripts: { build: 'remix vite:build', dev: 'remix vite:dev' }, dependencies: { '@remix-run/node': '^2', '@remix-run/react': '^2', react: '^18' }, devDependencies: { vite: '^5' } }),
        'app/root.tsx': 'export default function App() { return null; }\n',
        'app/routes/notes.$noteId.tsx':
          "export async function loader({ params }) { return json(await getNote(params.noteId)); }\nexport async function action({ request }) { await deleteNote(request); return redirect('/notes'); }\nexport default function NotePage() { return null; }\n",
      },
    },
    {
      name: 'a Next.js app with server actions and Auth.js sign-in routes only',
      files: {
        'package.json': JSON.stringify({ dependencies: { next: '^15', react: '^19', 'next-auth': '^5' } }),
        'app/page.tsx': '',
        'app/api/auth/[...nextauth]/route.ts': "import { handlers } from '@/auth';\nexport const { GET, POST } = handlers;\n",
        'app/actions.ts': "'use server';\nexport async function save(form: FormData) { await db.save(form); }\n",
      },
    },
    {
      name: 'a Django site with admin view sets, a REST import only in tests and a comment naming rest_framework',
      files: {
        ...djangoSite,
        'site/wagtail_hooks.py':
          '# rest_framework might come later\nfrom wagtail.admin.viewsets.model import ModelViewSet\nfrom wagtail.snippets.views.snippets import SnippetViewSet\nclass CountryViewSet(ModelViewSet):\n    model = Country\n',
        'site/tests/test_api.py': 'from rest_framework.test import APIClient\n',
        'examples/api_demo/api.py': 'from wagtail.api.v2.router import WagtailAPIRouter\n',
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
