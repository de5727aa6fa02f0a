import { describeRule, findingsOf, runRule } from '../../../testing';
import rule from '.';

const flaskReq = 'flask==3.0.3\n';

describeRule(rule, {
  fails: [
    {
      name: 'a debug server that listens on every interface',
      files: {
        'wsgi.py': 'from shop import create_app\n\napp = create_app()\n\nif __name__ == "__main__":\n    app.run(debug=True, host="0.0.0.0", port=4000)\n',
      },
      findings: ['wsgi.py:6'],
    },
    {
      name: 'Flask started with debug=True',
      files: {
        'requirements.txt': flaskReq,
        'app.py': 'from flask import Flask\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", debug=True)\n',
      },
      findings: ['app.py:5'],
    },
    {
      name: 'debug=True after nested calls in the arguments, across lines',
      files: {
        'requirements.txt': flaskReq,
        'app.py': 'if __name__ == "__main__":\n    app.run(host="0.0.0.0", port=int(os.getenv("PORT", "5000")), debug=True)\n',
        'wsgi.py': 'app.run(\n    host=os.getenv("HOST", "0.0.0.0"),\n    debug=True,\n)\n',
      },
      findings: ['app.py:2', 'wsgi.py:1'],
    },
    {
      name: 'debug switched on in Flask config and FastAPI',
      files: {
        'app/__init__.py': "from flask import Flask\napp = Flask(__name__)\napp.config['DEBUG'] = True\n",
        'api/main.py': 'from fastapi import FastAPI\napp = FastAPI(title="api", debug=True)\n',
      },
      findings: ['api/main.py:2', 'app/__init__.py:3'],
    },
    {
      name: 'DEBUG = True as the settings default, including a base config class',
      files: {
        'mysite/settings.py': "SECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = True\nALLOWED_HOSTS = ['*']\n",
        'app/config.py': 'class Config:\n    DEBUG = True\n\nclass DevelopmentConfig(Config):\n    DEBUG = True\n\nclass ProductionConfig(Config):\n    DEBUG = False\n',
        'app/core/settings.py': 'class Settings(BaseSettings):\n    debug: bool = True\n',
      },
      findings: ['app/config.py:2', 'app/core/settings.py:2', 'mysite/settings.py:2'],
    },
    {
      name: 'split settings whose production module keeps debug on, or that have no production module',
      files: {
        'shop/settings/base.py': 'DEBUG = True\nALLOWED_HOSTS = []\n',
        'shop/settings/production.py': 'from .base import *\nALLOWED_HOSTS = ["shop.example.com"]\n',
        'blog/settings/base.py': 'DEBUG = True\n',
        'blog/settings/prod.py': 'from .base import *\nDEBUG = env.bool("DEBUG", default=True)\n',
        'wiki/settings/common.py': 'DEBUG = True\n',
        'wiki/settings/dev.py': 'from .common import *\nDEBUG = False\n',
      },
      findings: ['blog/settings/base.py:1', 'blog/settings/prod.py:2', 'shop/settings/base.py:1', 'wiki/settings/common.py:1'],
    },
    {
      name: 'a base settings module that wsgi.py falls back to when no deployment selects the production module',
      files: {
        'config/settings/base.py': 'DEBUG = env.bool("DJANGO_DEBUG", default=True)\n',
        'config/settings/production.py': 'from .base import *\nDEBUG = False\n',
        'config/wsgi.py': 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")\napplication = get_wsgi_application()\n',
        Procfile: 'web: gunicorn config.wsgi:application\n',
      },
      findings: ['config/settings/base.py:1'],
    },
    {
      name: 'a DEBUG read from the environment that defaults to on',
      files: {
        'mysite/settings.py': 'DEBUG = env.bool("DEBUG", default=True)\n',
        'other/settings.py': 'DEBUG = os.getenv("DJANGO_DEBUG", "True") == "True"\n',
      },
      findings: ['mysite/settings.py:1', 'other/settings.py:1'],
    },
    {
      name: 'DEBUG on by default through a project helper, and a setting that follows it',
      files: {
        'requirements.txt': 'django==5.0\n',
        'config/helpers.py': 'import os\n\ndef env_bool(name, default):\n    return os.getenv(name, default).lower() == "true"\n',
        'config/settings.py': 'from config.helpers import env_bool\nDEBUG = env_bool("DEBUG", "True")\n',
        'config/app.py': 'from config.settings import DEBUG\nif __name__ == "__main__":\n    app.run(debug=DEBUG)\n',
      },
      findings: ['config/app.py:3', 'config/settings.py:2'],
    },
    {
      name: 'DEBUG on by default through a helper defined in the settings module, whatever its name',
      files: {
        'requirements.txt': 'django==5.0\n',
        'site/settings.py': [
          'import os',
          '',
          'def envflag(s: str, default: str) -> bool:',
          '    v = os.getenv(s, default=default)',
          '    if v not in ("", "True", "False"):',
          '        raise ValueError(s)',
          '    return v == "True"',
          '',
          'DEBUG = envflag("DEBUG", "True")',
          'PAYMENTS = envflag("PAYMENTS", "False")',
        ].join('\n'),
        'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")\n',
      },
      findings: ['site/settings.py:9'],
    },
    {
      name: 'a GraphQL playground, GraphiQL and debug errors on in the only configuration',
      files: {
        'package.json': JSON.stringify({ dependencies: { '@nestjs/core': '^10.0.0', '@nestjs/graphql': '^12.0.0' } }),
        'src/app.module.ts': [
          "import { GraphQLModule } from '@nestjs/graphql';",
          "import { settings } from './settings';",
          'GraphQLModule.forRoot({',
          '  autoSchemaFile: true,',
          '  playground: settings.playground,',
          '  debug: true,',
          '});',
        ].join('\n'),
        'src/settings.ts': "export const settings = { playground: process.env.GRAPHQL_PLAYGROUND || true };\n",
        'api/urls.py': 'from graphene_django.views import GraphQLView\nurlpatterns = [path("graphql", GraphQLView.as_view(graphiql=True))]\n',
      },
      findings: ['api/urls.py:2', 'src/app.module.ts:5', 'src/app.module.ts:6'],
    },
    {
      name: 'GraphQL debug and playground on in the NestJS configuration the ConfigService reads',
      files: {
        'package.json': JSON.stringify({ dependencies: { '@nestjs/core': '^10.0.0', '@nestjs/config': '^3.0.0', '@nestjs/graphql': '^12.0.0', '@nestjs/apollo': '^12.0.0' } }),
        'src/app.module.ts': [
          "import { ConfigModule } from '@nestjs/config';",
          "import config from './common/configs/config';",
          "import apiConfig from './common/configs/api.config';",
          '@Module({',
          '  imports: [',
          '    ConfigModule.forRoot({ isGlobal: true, load: [config, apiConfig] }),',
          '    GraphQLModule.forRootAsync<ApolloDriverConfig>({ driver: ApolloDriver, useClass: GqlConfigService }),',
          '  ],',
          '})',
          'export class AppModule {}',
        ].join('\n'),
        'src/common/configs/config.ts': [
          "import type { Config } from './config.interface';",
          'const config: Config = {',
          '  graphql: {',
          '    playgroundEnabled: true,',
          '    debug: true,',
          '  },',
          '};',
          'export default (): Config => config;',
        ].join('\n'),
        'src/common/configs/api.config.ts': "import { registerAs } from '@nestjs/config';\nexport default registerAs('api', () => ({\n  graphiql: true,\n}));\n",
        'src/gql-config.service.ts': [
          "import { ConfigService } from '@nestjs/config';",
          "import { ApolloDriverConfig } from '@nestjs/apollo';",
          "import { GqlOptionsFactory } from '@nestjs/graphql';",
          'export class GqlConfigService implements GqlOptionsFactory {',
          '  constructor(private configService: ConfigService) {}',
          '  createGqlOptions(): ApolloDriverConfig {',
          "    const graphqlConfig = this.configService.get<GraphqlConfig>('graphql');",
          '    return {',
          '      includeStacktraceInErrorResponses: graphqlConfig.debug,',
          '      playground: graphqlConfig.playgroundEnabled,',
          '    };',
          '  }',
          '}',
        ].join('\n'),
        'src/yoga.ts': "import { createYoga } from 'graphql-yoga';\nexport const yoga = (config: ConfigService) => createYoga({ graphiql: config.get('api.graphiql') });\n",
      },
      findings: ['src/gql-config.service.ts:9', 'src/gql-config.service.ts:10', 'src/yoga.ts:2'],
    },
    {
      name: 'DEBUG read as the truthiness of an environment string that the repository switches off with 0 or false',
      files: {
        'requirements.txt': 'Django==5.0\n',
        'app/mysite/settings.py': 'import os\nDEBUG = bool(os.environ.get("DEBUG", default=0))\n',
        '.env.prod.example': 'DEBUG=0\nSECRET_KEY=change_me\n',
        'blog/settings.py': 'import os\nDEBUG = bool(os.getenv("BLOG_DEBUG", "False"))\n',
        'api/package.json': JSON.stringify({ dependencies: { '@apollo/server': '^4.0.0' } }),
        'api/src/server.ts': "import { ApolloServer } from '@apollo/server';\nconst server = new ApolloServer({\n  schema,\n  includeStacktraceInErrorResponses: !!process.env.GRAPHQL_TRACES,\n});\n",
        'docker-compose.prod.yml': 'services:\n  api:\n    build: ./api\n    environment:\n      GRAPHQL_TRACES: "false"\n',
      },
      findings: ['api/src/server.ts:4', 'app/mysite/settings.py:2', 'blog/settings.py:2'],
    },
    {
      name: 'a Flask configuration mapping whose fallback is a development class with DEBUG on, and a Procfile that selects none',
      files: {
        'requirements.txt': flaskReq,
        'config.py': [
          'class Config:',
          "    SECRET_KEY = os.environ.get('SECRET_KEY')",
          '',
          'class DevelopmentConfig(Config):',
          '    DEBUG = True',
          '',
          'class ProductionConfig(Config):',
          '    pass',
          '',
          'config = {',
          "    'development': DevelopmentConfig,",
          "    'production': ProductionConfig,",
          "    'default': DevelopmentConfig",
          '}',
        ].join('\n'),
        'shop.py': "import os\nfrom app import create_app\napp = create_app(os.getenv('SHOP_CONFIG') or 'default')\n",
        Dockerfile: 'FROM python:3.12-slim\nENV SHOP_CONFIG production\nUSER app\nCMD ["gunicorn", "shop:app"]\n',
        Procfile: 'web: gunicorn shop:app\n',
      },
      findings: ['config.py:5'],
    },
    {
      name: "gin's mode set from a config value that is debug in the only committed config",
      files: {
        'go.mod': 'module example.com/blog\n\nrequire github.com/gin-gonic/gin v1.9.1\n',
        'conf/app.ini': '[server]\n# debug or release\nRunMode = debug\nHttpPort = 8000\n',
        'pkg/setting/setting.go': 'package setting\n\ntype Server struct {\n\tRunMode string\n}\n\nvar ServerSetting = &Server{}\n',
        'main.go': 'package main\n\nfunc main() {\n\tgin.SetMode(setting.ServerSetting.RunMode)\n}\n',
      },
      findings: ['main.go:4'],
    },
    {
      name: 'Spring GraphiQL switched on, and the DGS GraphiQL left on by default',
      files: {
        'build.gradle': "dependencies {\n  implementation 'com.netflix.graphql.dgs:graphql-dgs-spring-boot-starter:4.9.21'\n}\n",
        'src/main/resources/application.properties': 'spring.graphql.graphiql.enabled=true\n',
      },
      findings: ['build.gradle:2', 'src/main/resources/application.properties:1'],
    },
    {
      name: 'a production image that bakes an env template with NODE_ENV=development in as its .env',
      files: {
        'package.json': JSON.stringify({ dependencies: { '@nestjs/core': '^10.0.0' }, scripts: { 'start:prod': 'node dist/main' } }),
        'env-example-relational': 'NODE_ENV=development\nAPP_PORT=3000\n',
        '.env.example': 'APP_DEBUG=true\n',
        'Dockerfile': 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN if [ ! -f .env ]; then cp env-example-relational .env; fi\nRUN npm run build\nCMD ["npm", "run", "start:prod"]\n',
        'api/Dockerfile': 'FROM node:22-alpine\nCOPY .env.example ./.env\nCMD ["node", "dist/main.js"]\n',
        'api/.env.example': 'NODE_ENV=development\n',
      },
      findings: ['api/Dockerfile:2', 'Dockerfile:4'],
    },
    {
      name: 'debug flags switched on by the Kubernetes manifests of production: a kustomize base and the prod overlay',
      files: {
        'go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n',
        'k8s/base/kustomization.yaml':
          'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\nconfigMapGenerator:\n  - name: app-config\n    literals:\n      - SERVER_PORT=8080\n      - SERVER_DEBUG=true\n      - DB_DEBUG=false\n',
        'k8s/overlays/prod/kustomization.yaml':
          'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\nconfigMapGenerator:\n  - name: app-config\n    behavior: merge\n    literals:\n      - DB_DEBUG=true\n',
        'deploy/api.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api:1.0\n          env:\n            - name: NODE_ENV\n              value: development\n            - name: LOG_LEVEL\n              value: info\n',
      },
      findings: ['deploy/api.yaml:12', 'k8s/base/kustomization.yaml:9', 'k8s/overlays/prod/kustomization.yaml:9'],
    },
    {
      name: 'NODE_ENV forced to development in the final stage of a Dockerfile',
      files: {
        'package.json': JSON.stringify({ dependencies: { express: '^4.0.0' } }),
        'Dockerfile': 'FROM node:22 AS build\nENV NODE_ENV=production\nRUN npm ci\n\nFROM node:22-slim\nENV NODE_ENV=development PORT=3000\nCMD ["node", "server.js"]\n',
        'api/Dockerfile': 'FROM node:22\nARG NODE_ENV=development\nENV NODE_ENV=${NODE_ENV}\n',
        'py/Dockerfile': 'FROM python:3.12\nENV FLASK_DEBUG 1\nCMD ["flask", "run", "--host=0.0.0.0", "--debug"]\n',
        'web/Dockerfile-prod': 'FROM node:22\nENV NODE_ENV development\nCMD ["node", "dist/main.js"]\n',
        'web/Dockerfile-nginx': 'FROM nginx:1.27\n',
      },
      findings: ['api/Dockerfile:3', 'Dockerfile:6', 'py/Dockerfile:2', 'py/Dockerfile:3', 'web/Dockerfile-prod:2'],
    },
    {
      name: 'a production image whose start command runs a development server, directly or through its scripts',
      files: {
        'Dockerfile': 'FROM python:3.13-slim\nUSER app\nCMD ["uv", "run", "fastapi", "dev", "--host", "0.0.0.0"]\n',
        'api/Dockerfile': 'FROM node:22-alpine\nCOPY . /usr/src/app\nRUN yarn install\nCMD npm start serve\n',
        'api/package.json': JSON.stringify({ scripts: { start: 'nps', build: 'tsc' }, dependencies: { express: '^4.0.0' } }),
        'api/package-scripts.js': [
          "const { series } = require('nps-utils');",
          'module.exports = {',
          '  scripts: {',
          "    default: 'nps start',",
          "    start: { script: 'node dist/app.js' },",
          "    serve: { script: series('nps banner', 'nodemon --watch src'), description: 'Serves and watches' },",
          '  },',
          '};',
        ].join('\n'),
        'web/Dockerfile': 'FROM node:22\nCMD ["npm", "run", "dev"]\n',
        'web/package.json': JSON.stringify({ scripts: { dev: 'next dev -p 3000', build: 'next build', start: 'next start' } }),
        'svc/Dockerfile': 'FROM python:3.12\nCMD uvicorn app.main:app --host 0.0.0.0 --reload\n',
        'gosvc/Dockerfile': 'FROM golang:1.22\nCMD ["air", "-c", ".air.toml"]\n',
        'docker/worker/Dockerfile': 'FROM golang:1.22\nENTRYPOINT ["reflex", "-c", "/reflex.conf"]\n',
        'docker/web-prod/Dockerfile': 'FROM nginx:1.27\nCOPY dist /usr/share/nginx/html\n',
        'dotnet/Dockerfile': 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nENTRYPOINT ["dotnet", "watch", "run"]\n',
        'django/Dockerfile': 'FROM python:3.12\nCMD ["sh", "-c", "python manage.py migrate && python manage.py runserver 0.0.0.0:8000"]\n',
        'Procfile': 'web: python manage.py runserver 0.0.0.0:$PORT\n',
      },
      findings: ['api/Dockerfile:4', 'django/Dockerfile:2', 'docker/worker/Dockerfile:2', 'Dockerfile:3', 'dotnet/Dockerfile:2', 'gosvc/Dockerfile:2', 'svc/Dockerfile:2', 'web/Dockerfile:2'],
    },
    {
      name: 'Gin debug mode and an unguarded developer exception page',
      files: {
        'main.go': 'package main\nfunc main() {\n\tgin.SetMode(gin.DebugMode)\n}\n',
        'Program.cs': 'var app = builder.Build();\napp.UseDeveloperExceptionPage();\napp.Run();\n',
      },
      findings: ['main.go:3', 'Program.cs:2'],
    },
    {
      name: 'production env and compose files that switch debug on',
      files: {
        '.env.production': 'APP_DEBUG=true\nAPP_ENV=production\n',
        'docker-compose.prod.yml': 'services:\n  web:\n    build: .\n    environment:\n      FLASK_ENV: development\n',
      },
      findings: ['.env.production:1', 'docker-compose.prod.yml:5'],
    },
  ],
  passes: [
    {
      name: 'a debug server bound to the loopback address only leaves a low-confidence note',
      files: {
        'wsgi.py': 'from shop import create_app\n\napp = create_app()\n\nif __name__ == "__main__":\n    app.run(debug=True, threaded=True, host="127.0.0.1", port=4000)\n',
      },
    },
    {
      name: 'debug read from the environment, off by default',
      files: {
        'requirements.txt': flaskReq,
        'mysite/settings.py': 'DEBUG = env.bool("DEBUG", default=False)\nTEMPLATE_DEBUG = env.bool("DEBUG")\n',
        'app.py': 'import os\nfrom flask import Flask\napp = Flask(__name__)\napp.run(debug=os.getenv("FLASK_DEBUG") == "1")\n',
        'other/settings.py': 'DEBUG = os.getenv("DJANGO_DEBUG", "False") == "True"\n',
      },
    },
    {
      name: 'helpers and settings that default debug to off, playgrounds gated on the environment',
      files: {
        'requirements.txt': 'django==5.0\n',
        'config/settings.py': 'DEBUG = env_bool("DEBUG", "False")\nCORS_DEBUG = DEBUG\n',
        // A helper of the project that defaults to off, and a function that reads no environment at all.
        'web/settings.py': [
          'import os',
          'def envflag(s, default):',
          '    return os.getenv(s, default=default) == "True"',
          'def pick(s, default):',
          '    return default',
          'DEBUG = envflag("DEBUG", "False")',
          'TEMPLATE_DEBUG = pick("DEBUG", True)',
        ].join('\n'),
        'tests/settings.py': 'import os\ndef envflag(s, default):\n    return os.getenv(s, default)\nDEBUG = envflag("DEBUG", "True")\n',
        'config/app.py': 'from config.settings import DEBUG\napp.run(debug=DEBUG)\n',
        'src/app.module.ts': [
          "import { GraphQLModule } from '@nestjs/graphql';",
          'GraphQLModule.forRoot({',
          "  playground: process.env.NODE_ENV !== 'production',",
          "  debug: process.env.GRAPHQL_DEBUG === 'true',",
          '});',
        ].join('\n'),
        'src/logger.ts': "import { ApolloServer } from '@apollo/server';\nconst logger = pino({ level: 'info' });\n",
      },
    },
    {
      name: 'NestJS configuration that gates the playground on the environment, keys no factory defines, and a test-only configuration',
      files: {
        'package.json': JSON.stringify({ dependencies: { '@nestjs/core': '^10.0.0', '@nestjs/config': '^3.0.0', '@nestjs/graphql': '^12.0.0' } }),
        'src/app.module.ts': "import { ConfigModule } from '@nestjs/config';\nimport config from './config';\nConfigModule.forRoot({ load: [config] });\n",
        'src/config.ts': "export default () => ({\n  graphql: {\n    playground: process.env.GRAPHQL_PLAYGROUND === 'true',\n    debug: process.env.NODE_ENV !== 'production',\n  },\n});\n",
        'src/gql.ts': [
          "import { GraphQLModule } from '@nestjs/graphql';",
          'GraphQLModule.forRootAsync({',
          '  useFactory: (config: ConfigService) => ({',
          "    playground: config.get('graphql.playground'),",
          "    debug: config.get<boolean>('graphql.debug'),",
          "    includeStacktraceInErrorResponses: config.get('graphql.traces'),",
          '  }),',
          '});',
        ].join('\n'),
        'test/app.e2e-spec.ts': "import { ConfigModule } from '@nestjs/config';\nConfigModule.forRoot({ load: [() => ({ graphql: { traces: true } })] });\n",
      },
    },
    {
      name: 'environment flags parsed properly, switched off only in test env files, or truthy only where debug is meant',
      files: {
        'requirements.txt': 'Django==5.0\n',
        'app/settings.py': 'import os\nDEBUG = bool(int(os.environ.get("DEBUG", 0)))\nTEMPLATE_DEBUG = bool(os.environ.get("DEBUG"))\n',
        'site/settings.py': 'import os\nDEBUG = bool(os.environ.get("SITE_DEBUG"))\n',
        'other/settings.py': 'import os\nDEBUG = os.environ.get("OTHER_DEBUG", "0") == "1"\n',
        '.env.dev': 'SITE_DEBUG=1\nDEBUG=0\n',
        '.env.test': 'SITE_DEBUG=0\nOTHER_DEBUG=0\n',
        'tests/docker-compose.yml': 'services:\n  web:\n    build: .\n    environment:\n      SITE_DEBUG: "false"\n',
      },
    },
    {
      name: 'a Flask configuration mapping whose development fallback every deployment overrides, or whose fallback is production',
      files: {
        'requirements.txt': flaskReq,
        'config.py': [
          'class DevelopmentConfig:',
          '    DEBUG = True',
          '',
          'class ProductionConfig:',
          '    DEBUG = False',
          '',
          "config = {'development': DevelopmentConfig, 'production': ProductionConfig, 'default': DevelopmentConfig}",
        ].join('\n'),
        'shop.py': "import os\napp = create_app(os.getenv('SHOP_CONFIG') or 'default')\n",
        'admin.py': "import os\napp = create_app(os.environ.get('ADMIN_CONFIG', 'production'))\n",
        Dockerfile: 'FROM python:3.12-slim\nENV SHOP_CONFIG=production\nCMD ["gunicorn", "shop:app"]\n',
        Procfile: 'web: gunicorn shop:app\n',
        'app.json': JSON.stringify({ env: { SHOP_CONFIG: { value: 'production' } } }),
        'nginx/Dockerfile': 'FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/conf.d/default.conf\n',
      },
    },
    {
      name: "gin's mode from config that is release in production, debug only in a development config",
      files: {
        'go.mod': 'module example.com/blog\n\nrequire github.com/gin-gonic/gin v1.9.1\n',
        'conf/app.ini': '[server]\nRunMode = release\n',
        'conf/app.dev.ini': '[server]\nRunMode = debug\n',
        'main.go': 'package main\n\nfunc main() {\n\tgin.SetMode(setting.ServerSetting.RunMode)\n\tgin.SetMode(gin.ReleaseMode)\n}\n',
      },
    },
    {
      name: 'the DGS GraphiQL turned off in the application configuration, on only in a development profile',
      files: {
        'build.gradle':
          "dependencies {\n  implementation 'org.springframework.boot:spring-boot-starter-web'\n  implementation 'com.netflix.graphql.dgs:graphql-dgs-spring-boot-starter:4.9.21'\n}\n",
        'src/main/resources/application.yml': 'dgs:\n  graphql:\n    graphiql:\n      enabled: false\n',
        'src/main/resources/application-dev.yml': 'dgs:\n  graphql:\n    graphiql:\n      enabled: true\n',
      },
    },
    {
      name: 'a base settings module whose production module switches debug off',
      files: {
        'requirements.txt': 'Django==5.0.6\n',
        'shop/settings/base.py': 'DEBUG = True\nALLOWED_HOSTS = []\n',
        'shop/settings/dev.py': 'from .base import *\n',
        'shop/settings/production.py': 'from .base import *\nDEBUG = False\n',
        'shop/wsgi.py': 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.dev")\n',
        'blog/settings/common.py': 'DEBUG = True\n',
        'blog/settings/live.py': 'from blog.settings.common import *\nDEBUG = env.bool("DJANGO_DEBUG", default=False)\n',
      },
    },
    {
      name: 'a base settings module under a chain the Dockerfile selects with DJANGO_SETTINGS_MODULE',
      files: {
        'site/config/defaults.py': 'DEBUG = True\n',
        'site/config/hardened.py': 'from .defaults import *\nDEBUG = os.getenv("DEBUG", "off") == "on"\n',
        'site/config/cloud.py': 'from .hardened import *\nALLOWED_HOSTS = ["*"]\n',
        'site/wsgi.py': 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.config.defaults")\n',
        Dockerfile: 'FROM python:3.12-slim\nENV DJANGO_SETTINGS_MODULE=site.config.cloud\nUSER app\n',
      },
    },
    {
      name: 'development-only settings, classes and Dockerfiles',
      files: {
        'requirements.txt': flaskReq,
        'mysite/settings/dev.py': 'from .base import *\nDEBUG = True\n',
        'mysite/settings/local.py': 'DEBUG = True\n',
        'app/config.py': 'class Config:\n    DEBUG = False\n\nclass DevelopmentConfig(Config):\n    DEBUG = True\n\nclass TestingConfig(Config):\n    DEBUG = True\n',
        'Dockerfile.dev': 'FROM node:22\nENV NODE_ENV=development\n',
        'docker/dev/Dockerfile': 'FROM node:22\nENV NODE_ENV=development\n',
        'Dockerfile': 'FROM node:22 AS dev\nENV NODE_ENV=development\nFROM node:22-slim\nENV NODE_ENV=production\n',
        'api/Dockerfile': 'FROM node:22\nENV NODE_ENV development\nCMD ["yarn", "start:dev"]\n',
        'api/Dockerfile-prod': 'FROM node:22\nENV NODE_ENV production\nCMD ["node", "dist/main.js"]\n',
      },
    },
    {
      name: 'env templates baked only into development and test images, or copied from a build stage, or set to production',
      files: {
        'package.json': JSON.stringify({ dependencies: { express: '^4.0.0' } }),
        '.env.example': 'NODE_ENV=development\nDEBUG=true\n',
        '.env.production.example': 'NODE_ENV=production\n',
        'Dockerfile.dev': 'FROM node:22\nRUN cp .env.example .env\n',
        'relational.test.Dockerfile': 'FROM node:22\nCOPY .env.example .env\n',
        'Dockerfile': 'FROM node:22 AS build\nRUN cp .env.example .env\nFROM node:22-slim\nCOPY --from=build /app/.env .env\nCOPY .env.production.example .env\nCMD ["node", "server.js"]\n',
      },
    },
    {
      name: 'debug flags only in development, staging and local Kubernetes overlays, or switched off in production',
      files: {
        'go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n',
        'k8s/base/kustomization.yaml':
          'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nconfigMapGenerator:\n  - name: app-config\n    literals:\n      - SERVER_DEBUG=false\n      - NODE_ENV=production\n',
        'k8s/overlays/dev/kustomization.yaml':
          'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nconfigMapGenerator:\n  - name: app-config\n    literals:\n      - SERVER_DEBUG=true\n',
        'k8s/overlays/staging/kustomization.yaml':
          'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nconfigMapGenerator:\n  - name: app-config\n    literals:\n      - DB_DEBUG=true\n',
        'deploy/local/api.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          env:\n            - name: NODE_ENV\n              value: development\n',
        'examples/k8s/app.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata:\n  DEBUG: "true"\n',
      },
    },
    {
      name: 'development servers only in development images, earlier stages, development targets and examples',
      files: {
        'package.json': JSON.stringify({ scripts: { dev: 'nodemon src/app.js', start: 'node dist/app.js', serve: 'vite preview' } }),
        'Dockerfile.dev': 'FROM node:22\nCMD ["npm", "run", "dev"]\n',
        'Dockerfile': 'FROM node:22 AS dev\nCMD ["nodemon", "src/app.js"]\nFROM node:22-slim\nUSER node\nCMD ["npm", "start"]\n',
        'py/Dockerfile': 'FROM python:3.12\nCMD ["fastapi", "dev"]\n',
        'py/Dockerfile.prod': 'FROM python:3.12\nCMD ["fastapi", "run", "--workers", "4"]\n',
        'targets/Dockerfile': 'FROM node:22 AS production\nCMD ["node", "server.js"]\nFROM production AS development\nCMD ["npx", "nodemon", "server.js"]\n',
        'preview/Dockerfile': 'FROM node:22\nCMD ["npm", "run", "serve"]\n',
        'examples/demo/Dockerfile': 'FROM node:22\nCMD ["nodemon", "app.js"]\n',
        'gunicorn/Dockerfile': 'FROM python:3.12\nCMD ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]\n',
        'docker/api/Dockerfile': 'FROM golang:1.22\nENTRYPOINT ["reflex", "-c", "/reflex.conf"]\n',
        'docker/api-prod/Dockerfile': 'FROM golang:1.22\nRUN go build -o /app .\nCMD ["/app"]\n',
      },
    },
    {
      name: 'a reloading server in the image of a repository that production runs natively (Render, Procfile)',
      files: {
        'backend/Dockerfile': 'FROM python:3.12\nUSER app\nCMD gunicorn site.wsgi -b 0.0.0.0:8000 --reload\n',
        'render.yaml': 'services:\n  - type: web\n    name: site\n    runtime: python\n    startCommand: "gunicorn site.wsgi:application --chdir backend"\n',
      },
    },
    {
      name: 'debug=True in tests, conditionals and comments',
      files: {
        'requirements.txt': flaskReq,
        'tests/conftest.py': 'app = create_app()\napp.run(debug=True)\n',
        'app/settings.py': 'DEBUG = False\nif os.getenv("LOCAL"):\n    DEBUG = True\n# app.run(debug=True)\n',
        'app/run.py': 'app.run(port=5000, options=dict(debug=True))\nlogger.run(debug=False)\n',
        'Program.cs': 'if (app.Environment.IsDevelopment())\n{\n    app.UseDeveloperExceptionPage();\n}\n',
        'docker-compose.yml': 'services:\n  web:\n    build: .\n    environment:\n      FLASK_ENV: development\n',
      },
    },
    {
      name: 'an example app only leaves a low-confidence note',
      files: {
        'requirements.txt': flaskReq,
        'app.py': 'from flask import Flask\napp = Flask(__name__)\n',
        'examples/hello/app.py': 'app.run(debug=True)\n',
      },
    },
  ],
  notApplicable: [{ name: 'a library without a server or image', files: { 'lib/util.py': 'def f():\n    return 1\n' } }],
});

describe('security/debug-enabled details', () => {
  it('names the setting and the stage', () => {
    const result = runRule(rule, { 'Dockerfile': 'FROM node:22\nENV NODE_ENV development\n' });
    expect(findingsOf(result)).toEqual([
      {
        path: 'Dockerfile',
        line: 2,
        excerpt: 'ENV NODE_ENV development',
        message: 'NODE_ENV is set to development in the final stage of the image',
        confidence: 'high',
      },
    ]);
  });

  it('says which development server the image starts and through which scripts', () => {
    const result = runRule(rule, {
      'Dockerfile': 'FROM node:22\nCMD npm start serve\n',
      'package.json': JSON.stringify({ scripts: { start: 'nps' } }),
      'package-scripts.js': "module.exports = {\n  scripts: {\n    serve: {\n      script: series('nps banner', 'nodemon --watch src'),\n    },\n  },\n};\n",
    });
    expect(findingsOf(result)).toEqual([
      {
        path: 'Dockerfile',
        line: 2,
        excerpt: 'CMD npm start serve',
        message:
          'The production image starts a file watcher that restarts the server on changes (`nodemon --watch`), through the start script of package.json (nps), then the nps task serve (package-scripts.js:3), not a production server',
        confidence: 'high',
      },
    ]);
  });
});
