import { Finding } from '@readiness/backstage-plugin-readiness-common';
import type { Facts } from '../../../facts';
import { basename, extname, lineOf } from '../../../facts';
import { defineRule, outcome } from '../../types';
import {
  capitalise,
  Ecosystem,
  evidenceOf,
  findInCode,
  isAsidePath,
  isUnder,
  serviceUnits,
  ServiceUnit,
  Signal,
  unitLabel,
} from '../../observability/services';

/** Libraries that generate or serve API documentation, per ecosystem. */
const API_DOC_LIBRARIES: Record<Ecosystem, Signal> = {
  python: {
    deps: [
      'drf-spectacular',
      'drf-yasg',
      'flasgger',
      'flask-smorest',
      'flask-restx',
      'flask-restplus',
      'apispec',
      'connexion',
      'django-ninja',
      'litestar',
      'sanic-ext',
      'spectree',
      'flask-openapi3',
      'apiflask',
      'fastapi-versioning',
    ],
  },
  node: {
    deps: [
      '@nestjs/swagger',
      'swagger-jsdoc',
      'swagger-ui-express',
      'tsoa',
      '@fastify/swagger',
      'fastify-swagger',
      'express-openapi',
      'express-openapi-validator',
      'hapi-swagger',
      '@hono/zod-openapi',
      '@hono/swagger-ui',
      '@asteasolutions/zod-to-openapi',
      'openapi-backend',
      'express-oas-generator',
      '@ts-rest/open-api',
      'routing-controllers-openapi',
      '@elysiajs/swagger',
      'trpc-openapi',
      '@scalar/express-api-reference',
    ],
  },
  jvm: {
    deps: [
      /^springdoc-openapi/,
      /^springfox/,
      /^swagger-(?:annotations|core|jaxrs|ui)/,
      /^smallrye-open-api/,
      /^quarkus-smallrye-openapi/,
      /^micronaut-openapi/,
      /^javalin-openapi/,
      'ktor-server-openapi',
      'ktor-server-swagger',
      /^openapi-generator/,
      'spring-restdocs-mockmvc',
      'spring-restdocs-webtestclient',
    ],
  },
  go: {
    deps: [
      /^github\.com\/swaggo\//,
      /^goa\.design\/goa/,
      /^github\.com\/ogen-go\/ogen/,
      /oapi-codegen/,
      /^github\.com\/danielgtaylor\/huma/,
      /^github\.com\/grpc-ecosystem\/grpc-gateway/,
      /^github\.com\/go-swagger\//,
      /^github\.com\/getkin\/kin-openapi/,
      /^github\.com\/swaggest\//,
    ],
    code: [/^\/\/\s*@(?:title|BasePath|Router)\s/m],
  },
  dotnet: {
    deps: [
      /^swashbuckle/,
      /^nswag/,
      'microsoft.aspnetcore.openapi',
      /^scalar\.aspnetcore/,
    ],
    code: [/\bAddSwaggerGen\(|\bAddOpenApi\(|\bAddOpenApiDocument\(/],
  },
  ruby: {
    deps: [
      /^rswag/,
      'grape-swagger',
      'apipie-rails',
      'rspec_api_documentation',
    ],
  },
};

const SPEC_NAME =
  /^(?:openapi|swagger|api-?spec|api-?docs?)(?:[._-][\w.-]*)?\.(?:ya?ml|json)$/i;
const SPEC_CONTENT =
  /^\s*(?:openapi|swagger)\s*:\s*['"]?\d|^\s*\{?\s*"(?:openapi|swagger)"\s*:\s*"\d/m;
const CONTRACT_EXT = new Set([
  '.graphql',
  '.graphqls',
  '.gql',
  '.proto',
  '.raml',
  '.apib',
  '.tsp',
]);
const DOC_FOLDER =
  /(?:^|\/)(?:api-docs|apidocs|docs\/api|docs\/openapi|openapi|swagger)\//i;

/** API descriptions in the tree: OpenAPI/Swagger files, GraphQL schemas, protobuf, RAML, API docs folders. */
function apiDocuments(facts: Facts): string[] {
  const out: string[] = [];
  for (const file of facts.files) {
    const name = basename(file.path);
    const ext = extname(file.path);
    if (/(^|\/)(node_modules|vendor|third_party)\//.test(file.path)) continue;
    if (SPEC_NAME.test(name)) out.push(file.path);
    else if (CONTRACT_EXT.has(ext)) out.push(file.path);
    else if (/\.postman_collection\.json$/i.test(name)) out.push(file.path);
    else if (
      ['.yaml', '.yml', '.json'].includes(ext) &&
      SPEC_CONTENT.test(file.text.slice(0, 1000))
    )
      out.push(file.path);
    else if (
      DOC_FOLDER.test(file.path) &&
      /\.(md|mdx|html|ya?ml|json|rst|adoc)$/i.test(name)
    )
      out.push(file.path);
  }
  return out;
}

/** Code that renders server-side pages, and code that answers with data, per ecosystem. */
const PAGE_SIGNALS: Partial<Record<Ecosystem, RegExp>> = {
  python: /\brender_template(?:_string)?\(|\brender\(\s*request\b|\bTemplateResponse\(/,
  node: /\bres\.render\(/,
  jvm: /@Controller\b/,
};
const DATA_SIGNALS: Partial<Record<Ecosystem, RegExp>> = {
  python:
    /\bjsonify\(|\bJsonResponse\(|\bJSONResponse\(|\bapplication\/json\b|\bmake_response\(\s*json|@api_view\b|\bAPIView\b|\bViewSet\b|\bflask_restful\b|\bResource\)|\breturn\s+json\.dumps\(/,
  node: /\bres\.(?:json|jsonp)\(|\bapplication\/json\b|\bctx\.body\s*=|\breply\.send\(/,
  jvm: /@RestController\b|@ResponseBody\b|\bResponseEntity\b/,
};

/** A server that only renders pages (templates) and answers with no data has no HTTP API to document. */
function rendersPagesOnly(unit: ServiceUnit): boolean {
  const page = PAGE_SIGNALS[unit.ecosystem];
  const data = DATA_SIGNALS[unit.ecosystem];
  if (!page || !data) return false;
  return !!findInCode(unit.files, page) && !findInCode(unit.files, data);
}

/** FastAPI serves its own OpenAPI docs unless they are switched off. */
function fastapiDocs(unit: ServiceUnit): boolean {
  const uses = unit.deps.has('fastapi') || unit.frameworks.includes('fastapi');
  if (!uses) return false;
  return !findInCode(unit.files, /\bopenapi_url\s*=\s*None\b/);
}

export default defineRule({
  id: 'documentation/no-api-docs',
  category: 'documentation',
  severity: 'medium',
  title: 'HTTP APIs are documented',
  description:
    'Fails for each server application with no API description: no OpenAPI/Swagger file (by name or content), GraphQL schema, protobuf, RAML or API docs folder belonging to it, and no library that generates one (FastAPI, drf-spectacular, springdoc, @nestjs/swagger, swagger-jsdoc, swaggo, Swashbuckle…). A server that only renders HTML pages from templates and answers with no JSON has no API to document.',
  rationale:
    'Without a contract, every consumer reverse-engineers the API from code or traffic, breaking changes go unnoticed in review, and client code, mocks and contract tests cannot be generated.',
  remediation:
    'Publish an OpenAPI document: write `openapi.yaml` next to the service, or generate it from code (FastAPI does this by itself; add springdoc-openapi, @nestjs/swagger, drf-spectacular, swaggo or Swashbuckle) and serve it at `/docs` or `/openapi.json`.',
  evaluate(facts) {
    const servers = serviceUnits(facts).filter(u => u.kind === 'server');
    if (servers.length === 0)
      return outcome.notApplicable(
        'no HTTP API: no server application (a library, CLI, worker or frontend only)',
      );
    const documents = apiDocuments(facts).filter(
      p => !isAsidePath(p) || DOC_FOLDER.test(p) || /^docs\//.test(p),
    );
    const apis = servers.filter(u => !rendersPagesOnly(u));
    if (apis.length === 0)
      return outcome.notApplicable(
        'no HTTP API: the server only renders HTML pages from templates',
      );
    const findings: Finding[] = [];
    for (const unit of apis) {
      // A document belongs to the server it sits under, or to all when it sits outside every server.
      const owned = documents.filter(
        p =>
          isUnder(p, unit.dir) ||
          !servers.some(other => other.dir !== '' && isUnder(p, other.dir)),
      );
      if (owned.length > 0) continue;
      if (fastapiDocs(unit)) continue;
      if (evidenceOf(unit, API_DOC_LIBRARIES[unit.ecosystem])) continue;
      const file = facts.file(unit.path);
      findings.push({
        path: unit.path,
        ...(unit.line ? { line: unit.line } : {}),
        ...(file && unit.line ? { excerpt: lineOf(file, unit.line) } : {}),
        message: `${capitalise(
          unitLabel(unit),
        )} has no API documentation: no OpenAPI/Swagger spec${
          unit.dir ? ` in ${unit.dir}/ or at the root` : ''
        } and no generator library`,
      });
    }
    return outcome.fromFindings(findings);
  },
});
