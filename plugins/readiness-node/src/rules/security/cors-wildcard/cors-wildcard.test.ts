import { describeRule, findingsOf, runRule } from '../../../testing';
import rule from '.';

const expressPkg = JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0', cors: '^2.8.5' } });

const djangoCorsMiddleware = [
  'class OpenOrigins:',
  '    def __init__(self, get_response):',
  '        self.get_response = get_response',
  '',
  '    def __call__(self, request):',
  '        response = self.get_response(request)',
  '        response["Access-Control-Allow-Origin"] = "*"',
  '        return response',
].join('\n');

describeRule(rule, {
  fails: [
    {
      name: 'Flask-CORS created in an application factory and initialised with no origins',
      files: {
        'requirements.txt': 'flask==3.0.3\nflask-cors==4.0.1\n',
        'api/app.py': 'from flask import Flask\nfrom flask_cors import CORS\n\ncors = CORS()\n\ndef create_app():\n    app = Flask(__name__)\n    cors.init_app(app)\n    return app\n',
        'config.py': 'class Config:\n    CORS_SUPPORTS_CREDENTIALS = True\n',
      },
      findings: ['api/app.py:8'],
    },
    {
      name: 'every origin allowed in the default Spring configuration and in a development profile activated by default',
      files: {
        'pom.xml': '<project><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>\n',
        'src/main/resources/application.yml': 'spring:\n  profiles:\n    active: dev\napp:\n  cors:\n    allowed-origins: "*"\n',
        'src/main/resources/application-dev.yml': 'app:\n  cors:\n    allowed-origins: \'*\'\n',
      },
      findings: ['src/main/resources/application-dev.yml:3', 'src/main/resources/application.yml:6'],
    },
    {
      name: 'a * origin header in the server, beside a webpack config whose output is not a dev server',
      files: {
        'package.json': expressPkg,
        'webpack.config.js': "module.exports = {\n  output: { path: 'dist' },\n  server: { headers: {} },\n};\n",
        'src/server.js':
          "const server = {\n  start() {\n    app.use((req, res, next) => { res.setHeader('Access-Control-Allow-Origin', '*'); next(); });\n  },\n};\n",
      },
      findings: ['src/server.js:3'],
    },
    {
      name: 'express cors() with no options',
      files: {
        'package.json': expressPkg,
        'src/server.js': "const express = require('express');\nconst cors = require('cors');\nconst app = express();\napp.use(cors());\n",
      },
      findings: ['src/server.js:4'],
    },
    {
      name: 'origin * or true in cors options, and a hand-set header',
      files: {
        'package.json': expressPkg,
        'src/app.ts': "import corsMiddleware from 'cors';\napp.use(corsMiddleware({ origin: '*', credentials: true }));\n",
        'src/io.ts': "import { Server } from 'socket.io';\nconst io = new Server(http, { cors: { origin: true } });\n",
        'src/raw.js': "res.setHeader('Access-Control-Allow-Origin', '*');\n",
      },
      findings: ['src/app.ts:2', 'src/io.ts:2', 'src/raw.js:1'],
    },
    {
      name: 'NestJS enableCors() and cors: true',
      files: {
        'package.json': JSON.stringify({ dependencies: { '@nestjs/core': '^10.0.0' } }),
        'src/main.ts': "const app = await NestFactory.create(AppModule, { cors: true });\napp.enableCors();\n",
      },
      findings: ['src/main.ts:1', 'src/main.ts:2'],
    },
    {
      name: 'routing-controllers cors: true, NestFactory cors: true and enableCors() with no options',
      files: {
        'package.json': JSON.stringify({ dependencies: { 'routing-controllers': '^0.10.0', '@nestjs/core': '^10.0.0' } }),
        'src/loaders/express.ts': "import { createExpressServer } from 'routing-controllers';\nconst app = createExpressServer({\n  cors: true,\n  controllers: [__dirname + '/controllers/*.ts'],\n});\n",
        'src/koa.ts': "import { useKoaServer } from 'routing-controllers';\nuseKoaServer(app, { cors: true });\n",
        'admin/main.ts': "const app = await NestFactory.create(AppModule, {\n  cors: true,\n});\nawait app.listen(3000);\n",
        'gateway/main.ts': "const app = await NestFactory.create(GatewayModule);\napp.enableCors();\n",
      },
      findings: ['admin/main.ts:2', 'gateway/main.ts:2', 'src/koa.ts:2', 'src/loaders/express.ts:3'],
    },
    {
      name: "a Flask config read whose * fallback stands because only development and test classes set the key, or the base class sets *",
      files: {
        'requirements.txt': 'flask==3.0.3\nflask-cors==4.0.1\n',
        'shop/settings.py': "class Config:\n    SECRET_KEY = 'x'\n\nclass DevConfig(Config):\n    CORS_ORIGINS = ['http://localhost:3000']\n\nclass TestConfig(Config):\n    CORS_ORIGINS = ['http://localhost']\n",
        'shop/app.py': "from flask_cors import CORS\ndef register(app):\n    origins = app.config.get('CORS_ORIGINS', '*')\n    CORS(app, origins=origins)\n",
        'blog/config.py': "class BaseConfig:\n    BLOG_ALLOWED_ORIGINS = '*'\n",
        'blog/app.py': "from flask_cors import CORS\nfrom flask import current_app\ncors = CORS(origins=current_app.config.get('BLOG_ALLOWED_ORIGINS', 'https://blog.example.com'))\n",
      },
      findings: ['blog/app.py:3', 'shop/app.py:3'],
    },
    {
      name: 'FastAPI allow_origins=["*"] and an origins list',
      files: {
        'app/main.py': [
          'from fastapi import FastAPI',
          'from fastapi.middleware.cors import CORSMiddleware',
          'app = FastAPI()',
          'app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)',
        ].join('\n'),
        'app/other.py': 'from fastapi.middleware.cors import CORSMiddleware\norigins = ["*"]\napp.add_middleware(CORSMiddleware, allow_origins=origins)\n',
      },
      findings: ['app/main.py:4', 'app/other.py:2'],
    },
    {
      name: 'Flask-CORS with no origins and Django allow-all',
      files: {
        'app/__init__.py': 'from flask import Flask\nfrom flask_cors import CORS\napp = Flask(__name__)\nCORS(app, supports_credentials=True)\n',
        'mysite/settings.py': 'CORS_ALLOW_ALL_ORIGINS = True\n',
      },
      findings: ['app/__init__.py:4', 'mysite/settings.py:1'],
    },
    {
      name: 'Spring @CrossOrigin, allowedOrigins("*") and YAML config',
      files: {
        'src/main/java/com/acme/web/OrderController.java': '@RestController\n@CrossOrigin\npublic class OrderController {}\n',
        'src/main/java/com/acme/config/WebConfig.java':
          'registry.addMapping("/**")\n    .allowedOrigins("*")\n    .allowedMethods("GET");\n',
        'src/main/resources/application.yml': 'app:\n  cors:\n    allowed-origins: "*"\n',
      },
      findings: [
        'src/main/java/com/acme/config/WebConfig.java:2',
        'src/main/java/com/acme/web/OrderController.java:2',
        'src/main/resources/application.yml:3',
      ],
    },
    {
      name: 'an allow-all flag that follows a setting defaulting to on, and origins from a settings default of ["*"]',
      files: {
        'requirements.txt': 'django==5.0\nfastapi==0.110\n',
        'config/base.py': 'from config.env import env\nDEBUG = env.bool("DJANGO_DEBUG", default=True)\n',
        'config/cors.py': 'from config.base import DEBUG\nCORS_ALLOW_ALL_ORIGINS = DEBUG\n',
        'app/core/settings.py': 'class AppSettings(BaseSettings):\n    allowed_hosts: List[str] = ["*"]\n',
        'app/main.py': [
          'from starlette.middleware.cors import CORSMiddleware',
          'def build():',
          '    settings = get_app_settings()',
          '    app.add_middleware(',
          '        CORSMiddleware,',
          '        allow_origins=settings.allowed_hosts,',
          '        allow_credentials=True,',
          '    )',
        ].join('\n'),
      },
      findings: ['app/main.py:6', 'config/cors.py:2'],
    },
    {
      name: 'Spring origins built with list helpers and constants',
      files: {
        'src/main/java/com/acme/Security.java': [
          'import static java.util.Arrays.asList;',
          'class Security {',
          '  private static final String[] ORIGINS = {"*"};',
          '  CorsConfigurationSource cors() {',
          '    configuration.setAllowedOrigins(asList("*"));',
          '    configuration.setAllowedOriginPatterns(List.of("*"));',
          '    registry.addMapping("/**").allowedOrigins(ORIGINS);',
          '  }',
          '}',
        ].join('\n'),
        'src/main/kotlin/Cors.kt': 'fun cors() = CorsConfiguration().apply {\n    allowedOrigins = listOf("*")\n}\n',
      },
      findings: [
        'src/main/java/com/acme/Security.java:5',
        'src/main/java/com/acme/Security.java:6',
        'src/main/java/com/acme/Security.java:7',
        'src/main/kotlin/Cors.kt:2',
      ],
    },
    {
      name: 'Go and ASP.NET middleware defaults',
      files: {
        'main.go': 'import "github.com/gin-contrib/cors"\nr.Use(cors.Default())\n',
        'Program.cs': 'builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin().AllowAnyHeader()));\n',
      },
      findings: ['main.go:2', 'Program.cs:1'],
    },
    {
      name: 'Go middlewares whose options name no origins, and ozzo-routing cors.AllowAll',
      files: {
        'go.mod': 'module api\n',
        'cmd/server/main.go': [
          'package main',
          '',
          'import (',
          '\trouting "github.com/go-ozzo/ozzo-routing/v2"',
          '\t"github.com/go-ozzo/ozzo-routing/v2/cors"',
          ')',
          '',
          'func build() *routing.Router {',
          '\trouter := routing.New()',
          '\trouter.Use(cors.Handler(cors.AllowAll))',
          '\treturn router',
          '}',
        ].join('\n'),
        'internal/http/rs.go': [
          'package http',
          '',
          'import "github.com/rs/cors"',
          '',
          'func handler() *cors.Cors {',
          '\treturn cors.New(cors.Options{AllowCredentials: true, AllowedMethods: []string{"GET", "POST"}})',
          '}',
        ].join('\n'),
        'internal/http/echo.go': [
          'package http',
          '',
          'import "github.com/labstack/echo/v4/middleware"',
          '',
          'func use(e *echo.Echo) {',
          '\te.Use(middleware.CORSWithConfig(middleware.CORSConfig{',
          '\t\tAllowMethods: []string{"GET"},',
          '\t}))',
          '}',
        ].join('\n'),
        'internal/http/fiber.go': [
          'package http',
          '',
          'import "github.com/gofiber/fiber/v2/middleware/cors"',
          '',
          'func use(app *fiber.App) {',
          '\tapp.Use(cors.New(cors.Config{AllowHeaders: "Origin, Content-Type"}))',
          '}',
        ].join('\n'),
      },
      findings: ['cmd/server/main.go:10', 'internal/http/echo.go:6', 'internal/http/fiber.go:6', 'internal/http/rs.go:6'],
    },
    {
      name: 'nginx config and settings that default to *',
      files: {
        'deploy/nginx.conf': 'location /api {\n  add_header Access-Control-Allow-Origin *;\n}\n',
        'src/config.js': "const express = require('express');\nconst origins = process.env.CORS_ORIGINS || '*';\n",
        'docker-compose.yml': 'services:\n  api:\n    build: .\n    environment:\n      CORS_ORIGINS: "*"\n',
      },
      findings: ['deploy/nginx.conf:2', 'docker-compose.yml:5', 'src/config.js:2'],
    },
    {
      name: 'a CORS origins setting whose env fallback chain ends in *, split and cleaned up, read elsewhere by enableCors',
      files: {
        'package.json': JSON.stringify({ dependencies: { '@nestjs/core': '^10.0.0' } }),
        'src/config/server.config.ts': [
          "export default registerAs('server', () => ({",
          "  port: parseInt(process.env.PORT || '3000', 10),",
          '  corsOrigins: (',
          '    process.env.SERVER_CORS_ORIGINS ||',
          '    process.env.WEB_URL ||',
          "    '*'",
          '  )',
          "    .split(',')",
          '    .map((o) => o.trim())',
          '    .filter(Boolean),',
          '}));',
        ].join('\n'),
        'src/main.ts': [
          "const corsOrigins = config.getOrThrow('server.corsOrigins');",
          "app.enableCors({ origin: corsOrigins.includes('*') ? '*' : corsOrigins });",
        ].join('\n'),
      },
      findings: ['src/config/server.config.ts:3'],
    },
    {
      name: 'a Go middleware whose header value is a field set from the constructor its caller passes ["*"] to',
      files: {
        'go.mod': 'module example.com/app\n',
        'internal/web/headers/cors.go': [
          'package headers',
          '',
          'type OriginPolicy struct {',
          '\torigins []string',
          '}',
          '',
          'func (p *OriginPolicy) Before(w http.ResponseWriter, r *http.Request) {',
          '\tw.Header().Set("Access-Control-Allow-Origin", strings.Join(p.origins, ","))',
          '}',
          '',
          'func NewOriginPolicy(origins []string) *OriginPolicy {',
          '\treturn &OriginPolicy{origins: origins}',
          '}',
        ].join('\n'),
        'internal/web/router.go': 'package web\n\nfunc Routes() {\n\tchain := []Middleware{\n\t\theaders.NewOriginPolicy([]string{"*"}),\n\t}\n\thttp.ListenAndServe(":8080", wrap(chain))\n}\n',
      },
      findings: ['internal/web/headers/cors.go:8'],
    },
    {
      name: 'a Go configuration struct whose allowed origins default to * in a struct tag, read by the web layer',
      files: {
        'go.mod': 'module example.com/app\n',
        'cmd/api/main.go': [
          'package main',
          '',
          'func run() error {',
          '\tcfg := struct {',
          '\t\tWeb struct {',
          '\t\t\tAPIHost            string   `conf:"default:0.0.0.0:3000"`',
          '\t\t\tCORSAllowedOrigins []string `conf:"default:*"`',
          '\t\t}',
          '\t}{}',
          '\tif err := conf.Parse("API", &cfg); err != nil {',
          '\t\treturn err',
          '\t}',
          '\treturn serve(mux.WithCORS(cfg.Web.CORSAllowedOrigins))',
          '}',
        ].join('\n'),
        'internal/config/config.go': 'package config\n\ntype HTTP struct {\n\tAllowedOrigins string `env:"ALLOWED_ORIGINS" envDefault:"*"`\n}\n',
        'internal/server/server.go': 'package server\n\nfunc New(c config.HTTP) *Server {\n\treturn &Server{origins: strings.Split(c.AllowedOrigins, ",")}\n}\n',
      },
      findings: ['cmd/api/main.go:7', 'internal/config/config.go:4'],
    },
    {
      name: 'the header written from a parameter, a constant or a field in Node, Python, Java and C#',
      files: {
        'package.json': expressPkg,
        'src/middleware/headers.js': [
          'function allowOrigin(origin) {',
          '  return (req, res, next) => {',
          "    res.setHeader('Access-Control-Allow-Origin', origin);",
          '    next();',
          '  };',
          '}',
          "app.use(allowOrigin('*'));",
        ].join('\n'),
        'app/middleware.py': [
          'class OriginHeaders:',
          '    def __init__(self, get_response, origin="https://app.example.com"):',
          '        self.get_response = get_response',
          '        self.origin = origin',
          '',
          '    def __call__(self, request):',
          '        response = self.get_response(request)',
          '        response["Access-Control-Allow-Origin"] = self.origin',
          '        return response',
          '',
          'handler = OriginHeaders(app, origin="*")',
        ].join('\n'),
        'src/main/java/com/acme/web/OriginFilter.java': [
          'public class OriginFilter implements Filter {',
          '    private static final String ALLOWED = "*";',
          '    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) {',
          '        ((HttpServletResponse) res).setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED);',
          '    }',
          '}',
        ].join('\n'),
        'src/Api/OriginMiddleware.cs': [
          'public class OriginMiddleware',
          '{',
          '    public async Task InvokeAsync(HttpContext context)',
          '    {',
          '        context.Response.Headers["Access-Control-Allow-Origin"] = "*";',
          '        context.Response.Headers.AccessControlAllowOrigin = "*";',
          '    }',
          '}',
        ].join('\n'),
      },
      findings: [
        'app/middleware.py:8',
        'src/Api/OriginMiddleware.cs:5',
        'src/Api/OriginMiddleware.cs:6',
        'src/main/java/com/acme/web/OriginFilter.java:4',
        'src/middleware/headers.js:3',
      ],
    },
    {
      name: 'a Django middleware setting the header to *, listed in the production settings',
      files: {
        'requirements.txt': 'django==5.0.6\n',
        'site/web/middleware.py': djangoCorsMiddleware,
        'site/settings/base.py': 'MIDDLEWARE = [\n    "django.middleware.common.CommonMiddleware",\n    "web.middleware.OpenOrigins",\n]\n',
        'site/settings/dev.py': 'from .base import *\nDEBUG = True\n',
      },
      findings: ['site/web/middleware.py:7'],
    },
  ],
  passes: [
    {
      name: 'a Django middleware setting the header to *, listed only in the development settings, leaves a low-confidence note',
      files: {
        'requirements.txt': 'django==5.0.6\n',
        'site/web/middleware.py': djangoCorsMiddleware,
        'site/settings/base.py': 'MIDDLEWARE = [\n    "django.middleware.common.CommonMiddleware",\n]\n',
        'site/settings/dev.py': 'from .base import *\nMIDDLEWARE = MIDDLEWARE + ["web.middleware.OpenOrigins"]\n',
      },
    },
    {
      name: 'the same middleware listed only in development settings that the WSGI entry falls back to, beside production settings',
      files: {
        'requirements.txt': 'django==5.0.6\n',
        'site/web/middleware.py': djangoCorsMiddleware,
        'site/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings.dev")\napplication = get_wsgi_application()\n',
        'site/settings/base.py': 'MIDDLEWARE = [\n    "django.middleware.common.CommonMiddleware",\n]\n',
        'site/settings/dev.py': 'from .base import *\nMIDDLEWARE.append("web.middleware.OpenOrigins")\n',
        'site/settings/prod.py': 'from .base import *\nDEBUG = False\n',
      },
    },
    {
      name: 'header values handed over from callers that name origins, from a request checked against a list, or only from tests',
      files: {
        'go.mod': 'module example.com/app\n',
        'internal/web/headers/cors.go': [
          'package headers',
          '',
          'type OriginPolicy struct {',
          '\torigins []string',
          '}',
          '',
          'func (p *OriginPolicy) Before(w http.ResponseWriter, r *http.Request) {',
          '\tw.Header().Set("Access-Control-Allow-Origin", strings.Join(p.origins, ","))',
          '}',
          '',
          'func NewOriginPolicy(origins []string) *OriginPolicy {',
          '\treturn &OriginPolicy{origins: origins}',
          '}',
        ].join('\n'),
        'internal/web/router.go': 'package web\n\nfunc Routes() {\n\tchain := []Middleware{headers.NewOriginPolicy([]string{"https://app.example.com"})}\n\thttp.ListenAndServe(":8080", wrap(chain))\n}\n',
        'internal/web/headers/cors_test.go': 'package headers\n\nfunc TestPolicy(t *testing.T) {\n\tp := NewOriginPolicy([]string{"*"})\n\t_ = p\n}\n',
        'src/middleware/headers.js': [
          "const allowed = ['https://app.example.com'];",
          'module.exports = (req, res, next) => {',
          '  const origin = req.headers.origin;',
          "  if (allowed.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);",
          '  next();',
          '};',
        ].join('\n'),
        'package.json': expressPkg,
      },
    },
    {
      name: 'a header value that is * only on public static files',
      files: {
        'package.json': expressPkg,
        'src/static.js': [
          "const ANY = '*';",
          "app.use('/fonts', express.static('fonts', { setHeaders: (res) => { res.set('Access-Control-Allow-Origin', ANY); } }));",
          "app.use(cors({ origin: 'https://app.example.com' }));",
        ].join('\n'),
      },
    },
    {
      name: 'Flask-CORS initialised in an application factory with origins from the configuration',
      files: {
        'requirements.txt': 'flask==3.0.3\nflask-cors==4.0.1\n',
        'api/app.py': 'from flask import Flask\nfrom flask_cors import CORS\n\ncors = CORS()\n\ndef create_app():\n    app = Flask(__name__)\n    cors.init_app(app)\n    return app\n',
        'config.py': 'import os\nclass Config:\n    CORS_ORIGINS = os.environ.get("CORS_ORIGINS", "https://shop.example.com").split(",")\n',
      },
    },
    {
      name: 'every origin allowed in a Spring profile for development only leaves a low-confidence note',
      files: {
        'pom.xml': '<project><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>\n',
        'src/main/resources/config/application.yml': 'spring:\n  application:\n    name: shop\n',
        'src/main/resources/config/application-dev.yml': 'app:\n  cors:\n    allowed-origins: \'*\'\n    allow-credentials: true\n',
        'src/main/resources/config/application-prod.yml': 'app:\n  cors:\n    allowed-origins: https://shop.example.com\n',
      },
    },
    {
      name: 'the header on public static files only: a static server\'s setHeaders, a Cache-Control: public response',
      files: {
        'server/routes/static.ts':
          'router.get("/static/*", async ctx => {\n  await send(ctx, ctx.path, {\n    root: publicDir,\n    maxAge: WEEK,\n    setHeaders: res => {\n      res.setHeader("Access-Control-Allow-Origin", "*");\n    },\n  });\n});\n',
        'server/routes/locales.ts':
          'export function serveLocale(res) {\n  res.setHeader("Cache-Control", `public, max-age=${7 * DAY}`);\n  res.setHeader("Access-Control-Allow-Origin", "*");\n  res.end(body);\n}\n',
      },
    },
    {
      name: 'a * origin header in a webpack devServer, a Vite server block and a dev proxy',
      files: {
        'package.json': expressPkg,
        'webpack.config.js':
          "module.exports = {\n  mode: 'development',\n  devServer: {\n    port: 3000,\n    // Allow the API dev server to load assets\n    headers: { 'Access-Control-Allow-Origin': '*' },\n  },\n};\n",
        'frontend/vite.config.ts':
          "export default defineConfig({\n  server: {\n    port: 5173,\n    headers: { 'Access-Control-Allow-Origin': '*' },\n    proxy: { '/api': { target: 'http://localhost:8000', headers: { 'Access-Control-Allow-Origin': '*' } } },\n  },\n});\n",
        'src/setupProxy.js':
          "module.exports = app => app.use((req, res, next) => { res.setHeader('Access-Control-Allow-Origin', '*'); next(); });\n",
        'src/server.js': "const express = require('express');\nconst app = express();\napp.use(require('cors')({ origin: ['https://shop.example.org'] }));\n",
      },
    },
    {
      name: "a Flask config read with a * fallback for a key the base configuration class sets to a list",
      files: {
        'requirements.txt': 'flask==3.0.3\nflask-cors==4.0.1\n',
        'conduit/settings.py': "class Config(object):\n    CORS_ORIGIN_WHITELIST = [\n        'http://localhost:4100',\n        'https://app.example.com',\n    ]\n\nclass ProdConfig(Config):\n    DEBUG = False\n\nclass DevConfig(Config):\n    DEBUG = True\n",
        'conduit/app.py': "from flask_cors import CORS\ncors = CORS()\ndef register_blueprints(app):\n    origins = app.config.get('CORS_ORIGIN_WHITELIST', '*')\n    cors.init_app(app, origins=origins)\n",
      },
    },
    {
      name: 'an explicit allow-list',
      files: {
        'package.json': expressPkg,
        'src/server.js': "const cors = require('cors');\napp.use(cors({ origin: ['https://shop.example.com'], credentials: true }));\n",
        'app/main.py': 'from fastapi import FastAPI\napp.add_middleware(CORSMiddleware, allow_origins=settings.CORS_ORIGINS)\n',
        'src/middleware.js': "const cors = require('cors');\nclass MiddlewareFactory {\n  cors() {\n    return cors(readCorsOptions(config));\n  }\n}\nfunction cors2() {}\n",
        'src/main/java/com/acme/Web.java': '@RestController\n@CrossOrigin(origins = "https://shop.example.com")\nclass Web {}\n',
        'app/__init__.py': 'from flask import Flask\nfrom flask_cors import CORS\nCORS(app, origins=["https://shop.example.com"])\n',
      },
    },
    {
      name: 'Go middlewares with an origin list or an origin function, gin-contrib config, ozzo options, Go tests',
      files: {
        'go.mod': 'module api\n',
        'main.go': 'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.ListenAndServe(":8080", nil)\n}\n',
        'internal/http/rs.go': [
          'package http',
          '',
          'import "github.com/rs/cors"',
          '',
          'var a = cors.New(cors.Options{AllowedOrigins: cfg.Origins, AllowCredentials: true})',
          'var b = cors.New(cors.Options{AllowOriginFunc: func(o string) bool { return o == cfg.Site }})',
        ].join('\n'),
        'internal/http/echo.go': [
          'package http',
          '',
          'import "github.com/labstack/echo/v4/middleware"',
          '',
          'var m = middleware.CORSWithConfig(middleware.CORSConfig{AllowOrigins: []string{"https://shop.example.com"}})',
        ].join('\n'),
        'internal/http/gin.go': [
          'package http',
          '',
          'import "github.com/gin-contrib/cors"',
          '',
          'var g = cors.New(cors.Config{AllowMethods: []string{"GET"}})',
        ].join('\n'),
        'internal/http/ozzo.go': [
          'package http',
          '',
          'import "github.com/go-ozzo/ozzo-routing/v2/cors"',
          '',
          'var h = cors.Handler(cors.Options{AllowOrigins: "https://shop.example.com", AllowMethods: "GET"})',
        ].join('\n'),
        'internal/http/server_test.go': 'package http\n\nimport "github.com/go-ozzo/ozzo-routing/v2/cors"\n\nvar t = cors.Handler(cors.AllowAll)\n',
      },
    },
    {
      name: 'settings that default to off or to a list, with a wildcard only in development and test classes',
      files: {
        'requirements.txt': 'django==5.0\nfastapi==0.110\n',
        'config/base.py': 'DEBUG = env.bool("DJANGO_DEBUG", default=False)\n',
        'config/cors.py': 'from config.base import DEBUG\nCORS_ALLOW_ALL_ORIGINS = DEBUG\n',
        'app/core/settings.py': [
          'class AppSettings(BaseSettings):',
          '    allowed_hosts: List[str] = ["https://app.example.com"]',
          'class DevAppSettings(AppSettings):',
          '    allowed_hosts: List[str] = ["*"]',
          'class TestAppSettings(AppSettings):',
          '    allowed_hosts: List[str] = ["*"]',
        ].join('\n'),
        'app/main.py': 'from starlette.middleware.cors import CORSMiddleware\napp.add_middleware(CORSMiddleware, allow_origins=settings.allowed_hosts)\n',
      },
    },
    {
      name: 'an allow-list read from configuration without a wildcard default',
      files: {
        'package.json': expressPkg,
        'src/server.js': "const cors = require('cors');\napp.use(cors({ origin: process.env.CORS_ORIGINS.split(',') }));\nconst fallback = process.env.CORS_ORIGINS || 'http://localhost:3000';\n",
      },
    },
    {
      name: 'CORS origins settings with a concrete fallback, an explicit list, or * only in a development config',
      files: {
        'package.json': JSON.stringify({ dependencies: { '@nestjs/core': '^10.0.0' } }),
        'src/config/server.config.ts': [
          'export default () => ({',
          "  corsOrigins: (process.env.SERVER_CORS_ORIGINS || process.env.WEB_URL || 'http://localhost:3000').split(','),",
          "  allowedOrigins: ['https://shop.example.com', 'https://admin.example.com'],",
          '});',
        ].join('\n'),
        'src/config/development.ts': "export const corsOrigins = (process.env.CORS_ORIGINS || '*').split(',');\n",
        'src/config/dev/cors.ts': "export const allowedOrigins = process.env.ALLOWED_ORIGINS ?? '*';\n",
        'src/config/server.config.spec.ts': "const corsOrigins = (process.env.CORS_ORIGINS || '*').split(',');\n",
        'src/main.ts': "app.enableCors({ origin: config.get('server.corsOrigins') });\n",
      },
    },
    {
      name: 'Go configuration structs whose origins default to a list, or to * where nothing reads the setting or only tests do',
      files: {
        'go.mod': 'module example.com/app\n',
        'cmd/api/main.go': [
          'package main',
          '',
          'type Config struct {',
          '\tCORSAllowedOrigins []string `conf:"default:https://app.example.com"`',
          '\tLegacyOrigins      []string `conf:"default:*"`',
          '\tAssetPattern       string   `conf:"default:*"`',
          '}',
          '',
          'func run(cfg Config) error {',
          '\treturn serve(mux.WithCORS(cfg.CORSAllowedOrigins), cfg.AssetPattern)',
          '}',
        ].join('\n'),
        'cmd/api/main_test.go': 'package main\n\nfunc TestCORS(t *testing.T) {\n\t_ = cfg.LegacyOrigins\n}\n',
        'cmd/api/serve.go': 'package main\n\nimport "net/http"\n\nfunc serve(h http.Handler, p string) error {\n\treturn http.ListenAndServe(":8080", h)\n}\n',
      },
    },
    {
      name: 'wildcards in tests, comments, docs and unrelated code',
      files: {
        'package.json': expressPkg,
        'src/server.js': "// app.use(cors()) is too permissive, so we use an allow-list\napp.use(cors({ origin: allowed }));\nconst glob = '**/*.js';\n",
        'test/cors.test.js': "app.use(cors());\nexpect(res.headers['access-control-allow-origin']).toBe('*');\n",
        'docs/cors.md': 'Never set `Access-Control-Allow-Origin: *` with credentials.\n',
        'src/messages.ts': "// NestFactory.create(AppModule, { cors: true }) is too open\nexport const tip = 'Avoid { cors: true } and app.use(cors()) with NestFactory';\nexport const doc = 'Never send `Access-Control-Allow-Origin: *` with cookies';\n",
      },
    },
    {
      name: 'an example server only leaves a low-confidence note',
      files: {
        'package.json': expressPkg,
        'src/server.js': "const cors = require('cors');\napp.use(cors({ origin: allowed }));\n",
        'examples/quickstart/server.js': "const cors = require('cors');\napp.use(cors());\n",
      },
    },
  ],
  notApplicable: [
    { name: 'no server at all', files: { 'src/lib.ts': 'export const x = 1;\n', 'package.json': '{"name":"lib"}' } },
  ],
});

describe('security/cors-wildcard details', () => {
  it('points at the line and quotes it', () => {
    const result = runRule(rule, {
      'package.json': expressPkg,
      'src/server.js': "const cors = require('cors');\napp.use(cors());\n",
    });
    expect(findingsOf(result)).toEqual([
      {
        path: 'src/server.js',
        line: 2,
        excerpt: 'app.use(cors());',
        message: 'cors() with no options allows every origin',
        confidence: 'high',
      },
    ]);
  });
});
