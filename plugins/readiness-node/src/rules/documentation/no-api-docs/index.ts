import { Finding } from '@readiness/backstage-plugin-readiness-common';
import type { Facts } from '../../../facts';
import { basename, extname, lineOf } from '../../../facts';
import type { SourceFile } from '../../../snapshot';
import { isGeneratedOrMinified } from '../../../facts/generated';
import { defineRule, outcome } from '../../types';
import { sectionsOf } from '../markdown';
import { capitalise } from '../../../facts/text';
import { Ecosystem, evidenceOf, fileRoutes, findInCode, IncidentalRoute, isUnder, pythonApiLayer, serviceUnits, ServiceUnit, Signal, unitLabel } from '../../../facts/services';
import { DOCS_DIR, isAsidePath } from '../../../facts/paths';
import { syntaxTree } from '../../../facts/syntax';

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
      // Generates an HTML reference from `@api {get} /path` comments on the routes.
      'apidoc',
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
    // A module required only `// indirect` is a dependency's dependency: the service's own code generates nothing with it.
    directDeps: true,
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

/**
 * A stand-in for the server's address written before a path, as references for self-hosted servers write it: a
 * template or environment variable (`SITE_ROOT`, `BASE_URL`, `{{host}}`, `$API`, `<server>`).
 */
const BASE_PLACEHOLDER = String.raw`(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|\{\{\s*[\w.-]+\s*\}\}|\$\{?\w+\}?|<[\w.-]+>)`;
/** An endpoint as a hand-written reference lists it: a method and a path (`GET /api/users`, `| POST | /login |`, `GET SITE_ROOT/api/v3/checks/`). */
const ENDPOINT = new RegExp(String.raw`\b(GET|POST|PUT|PATCH|DELETE)\b[\s\`*|:]{1,12}${BASE_PLACEHOLDER}?(\/[\w\-.{}:<>$/]*)`, 'g');
/** Documents named as an API reference: `docs/api.md`, `API_REFERENCE.md`, `endpoints.md`. */
const API_DOC_NAME =
  /^(?:api|apis|rest-?api|http-?api|web-?api|endpoints|routes)(?:[-_. ][\w.-]*)?\.(?:md|mdx|rst|adoc)$/i;
/** Section titles of an API reference inside a broader document. */
const API_HEADING = /\b(?:api|apis|endpoints?|routes|rest|resources)\b/i;

/** A table row that starts with a method and a path: `GET | /accounts/{account} | …`, `| \`POST\` | \`/login\` |`. */
const ENDPOINT_TABLE_ROW = /^[ \t]*\|?[ \t]*[`*]*(?:GET|POST|PUT|PATCH|DELETE)[`*]*[ \t]*\|[ \t]*[`*]*\/[\w\-.{}:<>$/]*[`*]*[ \t]*\|/gm;
/** A table row that starts with a path and gives its method in the next column: `| /auth/login | POST | email |`. */
const PATH_FIRST_TABLE_ROW = /^[ \t]*\|?[ \t]*[`*]*(\/[\w\-.{}:<>$/]*)[`*]*[ \t]*\|[ \t]*[`*]*(GET|POST|PUT|PATCH|DELETE)[`*]*[ \t]*\|/gm;
const MIN_TABLE_ENDPOINTS = 3;

/** A list item that is a route path alone, as route-tree generators write them (bold or code: `- \`/users/{id}\``). */
const ROUTE_TREE_PATH = /^([ \t]*)[-*+][ \t]+[*_`]{0,2}(\/[^\s*_`]*(?:\*(?=[*_`]))?)[*_`]{0,2}[ \t]*$/;
/** A list item that is a method alone, under its path (`- _GET_`, `- **POST**`). */
const ROUTE_TREE_METHOD = /^([ \t]*)[-*+][ \t]+[*_`]{0,2}(GET|POST|PUT|PATCH|DELETE)[*_`]{0,2}[ \t]*$/;

/**
 * The endpoints of a route tree, as route documentation generators write it (go-chi's docgen and the like):
 * nested list items of path segments, each method a list item of its own under its path. The full path is the
 * segments above a method joined (`/admin` + `/accounts` + `/{id}` → `/admin/accounts/{id}`).
 */
function routeTreeEndpoints(text: string): string[] {
  const out: string[] = [];
  const stack: { indent: number; path: string }[] = [];
  const width = (indent: string) => indent.replace(/\t/g, '    ').length;
  for (const line of text.split('\n')) {
    const path = ROUTE_TREE_PATH.exec(line);
    const method = path ? undefined : ROUTE_TREE_METHOD.exec(line);
    const m = path ?? method;
    if (!m) continue;
    const indent = width(m[1]);
    while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    if (path) stack.push({ indent, path: path[2].replace(/\/\*$/, '').replace(/\/$/, '') });
    else if (stack.length) out.push(`${m[2]} ${stack.map(s => s.path).join('') || '/'}`);
  }
  return out;
}

/** A request line with a full URL, as in an HTTP request file or a raw request (`POST http://localhost:8080/v1/books`). */
const REQUEST_LINE = /^\s*(GET|POST|PUT|PATCH|DELETE)\s+(?:https?:\/\/|\{\{[\w.-]+\}\})[^\s/'"]*(\/[^\s?#'"]*)/gm;
/** A curl command, its continuation lines joined. */
const CURL_COMMAND = /(?:^|[\s`$])curl\s[^\n]*/g;
/** curl's explicit method, and the options that make it send a body (POST unless told otherwise). */
const CURL_METHOD = /(?:^|\s)(?:-X\s*|--request[=\s]\s*)['"]?([A-Za-z]+)/;
const CURL_BODY = /(?:^|\s)(?:-d|--data(?:-raw|-binary|-urlencode)?|-F|--form|--json)(?=[\s=]|['"$])/;
/** The first URL of a command, with or without a scheme or with a stand-in address: `"http://localhost:8080/v1/book?title=x"`, `localhost:3000/api/users`, `SITE_ROOT/api/v3/checks/`. */
const CURL_URL = new RegExp(String.raw`(?:https?:\/\/[^\s/'"]+|\blocalhost(?::\d+)?|(?<![\w/])${BASE_PLACEHOLDER})(\/[^\s?#'"]*)`);

/**
 * The endpoints a text shows: `GET /api/users` as a reference lists them, request lines with a URL, and curl
 * commands (`curl -X POST http://localhost:8080/v1/book -d …`), by method and path (query strings dropped).
 */
function endpointsOf(text: string): Set<string> {
  const seen = new Set<string>();
  for (const m of text.matchAll(ENDPOINT)) seen.add(`${m[1]} ${m[2]}`);
  for (const m of text.matchAll(REQUEST_LINE)) seen.add(`${m[1]} ${m[2]}`);
  for (const m of text.matchAll(PATH_FIRST_TABLE_ROW)) seen.add(`${m[2]} ${m[1]}`);
  for (const endpoint of routeTreeEndpoints(text)) seen.add(endpoint);
  const joined = text.replace(/\\[ \t]*\r?\n/g, ' ');
  for (const m of joined.matchAll(CURL_COMMAND)) {
    const url = CURL_URL.exec(m[0]);
    if (!url || url[1] === '/') continue;
    const method = CURL_METHOD.exec(m[0])?.[1].toUpperCase() ?? (CURL_BODY.test(m[0]) ? 'POST' : 'GET');
    seen.add(`${method} ${url[1]}`);
  }
  return seen;
}

function endpointCount(text: string): number {
  return endpointsOf(text).size;
}

/**
 * A hand-written API reference: a document named for the API that lists at
 * least two endpoints, or an API / Endpoints / Routes section listing three.
 */
function isMarkdownApiReference(file: SourceFile): boolean {
  if (!/\.(?:md|mdx|rst|adoc)$/i.test(file.path)) return false;
  if (/^(?:changelog|changes|history|release[-_]?notes|news)\b/i.test(basename(file.path))) return false;
  if (!/(?:\b|_)(?:GET|POST|PUT|PATCH|DELETE)(?:\b|_)|\bcurl\s/.test(file.text)) return false;
  if (API_DOC_NAME.test(basename(file.path))) return endpointCount(file.text) >= 2;
  // A table of endpoints (`GET | /accounts/current | Get current account data`, or path then method), whatever the section is called.
  const tableRows = (file.text.match(ENDPOINT_TABLE_ROW) ?? []).length + (file.text.match(PATH_FIRST_TABLE_ROW) ?? []).length;
  if (tableRows >= MIN_TABLE_ENDPOINTS) return true;
  return sectionsOf(file).some(
    section => API_HEADING.test(section.heading.text) && endpointCount(section.body.join('\n')) >= 3,
  );
}

/** A Postman collection: by its export name, or a JSON file declaring Postman's collection schema. */
function isPostmanCollection(file: SourceFile): boolean {
  if (/\.postman_collection\.json$/i.test(basename(file.path))) return true;
  return extname(file.path) === '.json' && /"schema"\s*:\s*"https?:\/\/schema\.(?:getpostman|postman)\.com\/json\/collection\//.test(file.text.slice(0, 2000));
}

/**
 * An HTTP request file (`.http` / `.rest`, the format of Visual Studio, JetBrains' HTTP client and VS Code's REST
 * Client) with at least two requests: a hand-written, runnable list of the API's endpoints.
 */
function isRequestFile(file: SourceFile): boolean {
  if (!/\.(?:http|rest)$/i.test(file.path)) return false;
  return [...file.text.matchAll(/^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\S+/gm)].length >= 2;
}

/** Commands that run a collection or request file as tests: Newman, the Postman CLI, Insomnia's CLI, httpyac, JetBrains' ijhttp. */
const COLLECTION_RUNNER = /\b(?:newman\s+run|postman\s+collection\s+run|inso\s+run\s+(?:test|collection)|httpyac\s+(?:send|run)|ijhttp)\b/;

/**
 * Whether a collection is run as a test suite: a script, package.json script, Makefile or CI workflow runs it
 * with Newman, the Postman CLI or Insomnia's CLI, naming its file. Such a collection checks the API; it is
 * not the reference clients read.
 */
function runAsTests(facts: Facts, collection: SourceFile): boolean {
  const name = basename(collection.path);
  return facts.files.some(file => {
    if (file === collection || !COLLECTION_RUNNER.test(file.text)) return false;
    return file.text.split('\n').some(line => COLLECTION_RUNNER.test(line) && line.includes(name)) || runnerNamesVariable(file.text, name);
  });
}

/**
 * `COLLECTION=…/api.postman_collection.json` (or `COLLECTION: …` in a workflow's `env:`) then `newman run "$COLLECTION"`:
 * the file is named in the script, the runner takes it by variable.
 */
function runnerNamesVariable(text: string, name: string): boolean {
  if (!text.includes(name)) return false;
  for (const m of text.matchAll(/^[ \t]*(?:export[ \t]+)?(\w+)[ \t]*(?:=|:[ \t]).*$/gm)) {
    if (!m[0].includes(name)) continue;
    if (new RegExp(`${COLLECTION_RUNNER.source}[^\\n]*\\$\\{?${m[1]}\\b`).test(text)) return true;
  }
  return false;
}

/** API descriptions in the tree: OpenAPI/Swagger files, GraphQL schemas, protobuf, RAML, API docs folders, hand-written references. */
function apiDocuments(facts: Facts): string[] {
  const out: string[] = [];
  for (const file of facts.files) {
    const name = basename(file.path);
    const ext = extname(file.path);
    if (/(^|\/)(node_modules|vendor|third_party)\//.test(file.path)) continue;
    if (SPEC_NAME.test(name)) out.push(file.path);
    else if (CONTRACT_EXT.has(ext)) out.push(file.path);
    else if (isPostmanCollection(file) || isRequestFile(file)) {
      if (!runAsTests(facts, file)) out.push(file.path);
    }
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
    else if (isMarkdownApiReference(file)) out.push(file.path);
  }
  return out;
}

/** Code that renders server-side pages, serves static files or pushes over websockets, and code that answers with data, per ecosystem. */
const PAGE_SIGNALS: Partial<Record<Ecosystem, RegExp>> = {
  python:
    /\brender_template(?:_string)?\(|\brender\(\s*request\b|\bTemplateResponse\(|\bsend_from_directory\(|\bsend_file\(|\bStaticFiles\(|\bflask_socketio\b|@\w+\.websocket\(|^\s+template_name\s*=|\bclass\s+\w+\([^)]*\b(?:TemplateView|ListView|DetailView|FormView|CreateView|UpdateView|DeleteView)\b/m,
  node: /\bres\.(?:render|sendFile)\(|\bexpress\.static\(|\bserveStatic\(|['"](?:socket\.io|ws|koa-static|@fastify\/static|@fastify\/websocket)['"]|\bnew\s+WebSocket(?:\.Server|Server)\(/,
  jvm: /@Controller\b/,
  // Razor Pages, MVC views and server-side Blazor: a page model's handlers answer that page's own form posts.
  dotnet:
    /\bAddRazorPages\(|\bMapRazorPages\(|\bAddControllersWithViews\(|:\s*PageModel\b|\breturn\s+View\(|\bAddServerSideBlazor\(|\bMapRazorComponents<|\bMapBlazorHub\(/,
};
const DATA_SIGNALS: Partial<Record<Ecosystem, RegExp>> = {
  python:
    /\bjsonify\(|\bJsonResponse\(|\bJSONResponse\(|\bapplication\/json\b|\bmake_response\(\s*json|@api_view\b|\bAPIView\b|\bViewSet\b|\bflask_restful\b|\bResource\)|\breturn\s+json\.dumps\(|\.route\(\s*['"]\/api\b/,
  node: /\bres\.(?:json|jsonp)\(|\bapplication\/json\b|\bctx\.body\s*=|\breply\.send\(|\.send\(\s*[{[]|\.(?:get|post|put|patch|delete|all|use)\(\s*['"`]\/api\b/,
  jvm: /@RestController\b|@ResponseBody\b|\bResponseEntity\b/,
  // API controllers, minimal-API endpoints and an MVC action answering with JSON are routes any client can address.
  dotnet:
    /\[ApiController\]|:\s*ControllerBase\b|\.Map(?:Get|Post|Put|Patch|Delete|Methods)\(|\bTypedResults\.|\bResults\.(?:Json|Ok|Created)\b|\breturn\s+Json\(|\bMapGraphQL\(/,
};

/**
 * A server that only renders pages from templates, serves static files or
 * pushes over websockets, and answers no request with data, has no HTTP API to
 * document. Generated and minified files (bundled browser libraries) are not
 * the server's code.
 */
function servesPagesOnly(facts: Facts, unit: ServiceUnit): boolean {
  const page = PAGE_SIGNALS[unit.ecosystem];
  const data = DATA_SIGNALS[unit.ecosystem];
  if (!page || !data) return false;
  const files = [...unit.files, ...(unit.linked?.files ?? [])].filter(f => !isGeneratedOrMinified(f));
  // A mounted REST or GraphQL layer (Django REST Framework, django-ninja, Wagtail API v2, Tastypie, graphene-django) answers with data.
  return !!findInCode(files, page) && !findInCode(files, data) && !pythonApiLayer(facts, unit);
}

/** Where a server file declares an endpoint: ASP.NET attributes and minimal APIs, Spring mappings, Express-style and Flask routes. */
const ENDPOINT_DECLARATION = /\[Http(?:Get|Post|Put|Patch|Delete)\b|@(?:Get|Post|Put|Patch|Delete|Request)Mapping\b|\.(?:Map(?:Get|Post|Put|Patch|Delete)|get|post|put|patch|delete|route)\(\s*['"`]/;
/** The route templates written in a server file; a call's template starts with `/` (`session.get("user")` is no route). */
const ROUTE_TEMPLATE =
  /\[(?:Route|Http(?:Get|Post|Put|Patch|Delete))\(\s*"([^"]*)"|@(?:Request|Get|Post|Put|Patch|Delete)Mapping\(\s*(?:(?:value|path)\s*=\s*)?"([^"]*)"|\.(?:Map(?:Get|Post|Put|Patch|Delete)|get|post|put|patch|delete|route)\(\s*['"`](\/[^'"`]*)/g;
/** Sources of the application's own front end: views, templates, browser scripts, Blazor components. */
const CLIENT_SOURCE = /\.(?:cshtml|razor|html?|jinja2?|j2|ejs|hbs|pug|erb|[cm]?[jt]sx?|vue|svelte)$/i;
/** The fewest files answering with data for a page-rendering server to still count as serving pages, its JSON being for itself. */
const MAX_OWN_DATA_FILES = 2;

/** The fixed part of a route template (`customer-management/customer-history/{id:guid}` → `customer-management/customer-history`), lower-case. */
function staticRoute(template: string, file: SourceFile): string {
  const controller = basename(file.path).replace(/\.\w+$/, '').replace(/Controller$/, '');
  const parts: string[] = [];
  for (const part of template.replace(/\[controller\]/gi, controller).split('/')) {
    if (!part) continue;
    if (/[{<:[*]/.test(part)) break;
    parts.push(part);
  }
  return parts.join('/').toLowerCase();
}

/**
 * A server that renders its own pages and answers with data only to them: at most two of its files answer with
 * data, and every route template they declare is requested by the repository's own front end (a view's AJAX call
 * to `/customer-management/customer-history/`, a Blazor client's `GetFromJsonAsync("User")`). Such JSON endpoints
 * serve the pages, not outside clients. In a file that renders pages too, only the methods that answer with data
 * are read.
 */
function dataOnlyForOwnPages(facts: Facts, unit: ServiceUnit): boolean {
  const page = PAGE_SIGNALS[unit.ecosystem];
  const data = DATA_SIGNALS[unit.ecosystem];
  if (!page || !data) return false;
  const files = [...unit.files, ...(unit.linked?.files ?? [])].filter(f => !isGeneratedOrMinified(f));
  if (!findInCode(files, page)) return false;
  const dataFiles = files.filter(f => data.test(f.text) && ENDPOINT_DECLARATION.test(f.text));
  if (dataFiles.length === 0 || dataFiles.length > MAX_OWN_DATA_FILES) return false;
  const routes: string[] = [];
  for (const file of dataFiles) {
    let texts = [file.text];
    if (page.test(file.text)) {
      const tree = syntaxTree(facts, file);
      // A Python function's decorators (`@app.route(…)`) sit on the definition that wraps it.
      texts = (tree?.functions() ?? [])
        .map(fn => (fn.node.parent()?.kind() === 'decorated_definition' ? fn.node.parent()! : fn.node).text())
        .filter(text => data.test(text));
    }
    for (const text of texts) {
      for (const m of text.matchAll(ROUTE_TEMPLATE)) routes.push(staticRoute(m[1] ?? m[2] ?? m[3] ?? '', file));
    }
  }
  const wanted = routes.filter(Boolean);
  if (wanted.length === 0) return false;
  const clients = facts.files
    .filter(f => CLIENT_SOURCE.test(f.path) || (extname(f.path) === extname(dataFiles[0].path) && !isUnder(f.path, unit.dir)))
    .filter(f => !unit.files.includes(f) || /\.(?:cshtml|razor|html?|jinja2?|j2|ejs|hbs|pug|erb)$/i.test(f.path))
    .filter(f => !isGeneratedOrMinified(f) && !/(?:^|\/)(?:tests?|__tests__|spec)\//i.test(f.path));
  const texts = clients.map(f => f.text.toLowerCase());
  // The route as whole path segments: `/notes/` or `/notes\`` is a request to it, `/static/notes.js` is not.
  const requested = (route: string) => new RegExp(`/${route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`);
  return wanted.every(route => texts.some(t => requested(route).test(t) || t.includes(`"${route}"`) || t.includes(`'${route}'`) || t.includes(`"${route}/`)));
}

/** ` (API layer rest_framework at shop/api.py:1)` when a Python unit's API is a mounted layer, for messages. */
function layerNote(facts: Facts, unit: ServiceUnit): string {
  const layer = pythonApiLayer(facts, unit);
  return layer ? ` (API layer ${layer.module.split('.').slice(0, 3).join('.')} at ${layer.path}:${layer.line})` : '';
}

const INCIDENTAL_LABEL: Record<IncidentalRoute, string> = {
  webhook: 'receive webhooks',
  'auth-redirect': 'complete sign-in redirects',
  health: 'answer health checks',
};

/**
 * What the routes of a full-stack unit do when none of them serves a client (webhook receivers, sign-in
 * redirects, health probes; server actions are no routes), or undefined when one does or routes are in code.
 */
function incidentalRoutesOnly(facts: Facts, unit: ServiceUnit): string | undefined {
  const routes = fileRoutes(facts, unit);
  if (!routes || routes.some(r => !r.incidental)) return undefined;
  const kinds = [...new Set(routes.map(r => INCIDENTAL_LABEL[r.incidental!]))];
  return kinds.length > 0 ? `its routes only ${kinds.join(', ')}` : 'it has no routes, only server actions';
}

const DOCS_FOLDERS = new RegExp(DOCS_DIR.source, 'gi');

/**
 * A page of the repository's own documentation wherever its docs folder sits (`templates/docs/api.md`, the pages a
 * server renders as its help): in a docs folder, and in no test, fixture or example folder besides.
 */
function documentationPage(path: string): boolean {
  return DOCS_DIR.test(path) && !isAsidePath(path.replace(DOCS_FOLDERS, '$1'));
}

/** FastAPI serves its own OpenAPI docs unless they are switched off. */
function fastapiDocs(unit: ServiceUnit): boolean {
  const uses = unit.deps.has('fastapi') || unit.frameworks.includes('fastapi');
  if (!uses) return false;
  return !findInCode(unit.files, /\bopenapi_url\s*=\s*None\b/);
}

/** GraphQL schemas and protobuf files describe their own protocol, not the server's REST routes. */
const PROTOCOL_CONTRACT = /\.(?:graphqls?|gql|proto)$/i;
/** Code that declares REST routes answering with data, per ecosystem. */
const REST_SIGNALS: Partial<Record<Ecosystem, RegExp>> = {
  jvm: /@RestController\b/,
  python: /@api_view\b|\bAPIView\b|\bViewSet\b|\bflask_restful\b|\.route\(\s*['"]\/api\b/,
  node: /\.(?:get|post|put|patch|delete)\(\s*['"`]\/api\b|@(?:Get|Post|Put|Patch|Delete)\(/,
  dotnet: /\[ApiController\]/,
  // gin/echo-style methods, and a route registered with net/http's method constant and a path (`app.HandlerFunc(http.MethodGet,
  // version, "/products", h)`) or a method pattern (`mux.HandleFunc("GET /users", h)`); building a request is no route.
  go: /\.(?:GET|POST|PUT|PATCH|DELETE)\(\s*"\/|\bHandleFunc\(\s*"\/api\b|\b(?!NewRequest(?:WithContext)?\()\w+\(\s*(?:\w+,\s*)?http\.Method(?:Get|Post|Put|Patch|Delete)\s*,[^\n)]*?"\/[^"]*"|\.Handle(?:Func)?\(\s*"(?:GET|POST|PUT|PATCH|DELETE)\s+\//,
};

/** Where a server declares REST routes, when it does. */
function restEvidence(facts: Facts, unit: ServiceUnit): string | undefined {
  const rest = REST_SIGNALS[unit.ecosystem];
  const hit = rest && findInCode(unit.files.filter(f => !isGeneratedOrMinified(f)), rest);
  if (hit) return `${hit.file.path}:${hit.line}`;
  const layer = pythonApiLayer(facts, unit, true);
  return layer ? `${layer.path}:${layer.line}` : undefined;
}

export default defineRule({
  id: 'documentation/no-api-docs',
  category: 'documentation',
  severity: 'medium',
  title: 'HTTP APIs are documented',
  description:
    'Fails for each server application with no API description: no OpenAPI/Swagger file (by name or content), GraphQL schema, protobuf, RAML, Postman collection or HTTP request file with two requests or more (`.http` / `.rest`; one a script or CI runs with Newman, the Postman CLI, inso, httpyac or ijhttp is a test suite, not docs) or API docs folder belonging to it, and no library that generates one (FastAPI, drf-spectacular, springdoc, @nestjs/swagger, swagger-jsdoc, apidoc, swaggo, Swashbuckle…). Hand-written references count: a document named for the API (docs/api.md, API_REFERENCE.md) listing endpoints, or an API / Endpoints / Routes section listing methods and paths, or request examples for them (curl commands, request lines with a URL; a path may follow a stand-in for the server\'s address: `GET SITE_ROOT/api/v3/checks/`, `curl {{host}}/orders`), or a table of three methods and paths (either first) under any heading; a generated route reference (a route tree with a method list item under each path, as go-chi\'s docgen writes it, in a `routes.md` or API document) counts too. Pages of a documentation folder count wherever it sits (templates/docs/api.md), not in test or example folders. A Go module required only `// indirect` is no generator library. A GraphQL schema or protobuf documents only that protocol: a server that also declares REST routes (a Go route registered with a net/http method constant and a path counts) needs an HTTP description too. A server that only renders HTML pages (templates, Django template views, Razor Pages, MVC views), serves static files or pushes over websockets, and answers with no JSON (a Razor page answering its own form posts does not count, nor do at most two files of JSON endpoints that only the repository\'s own views, scripts or client request: a Flask route fetched by the app\'s static script), has no API to document; a mounted REST or GraphQL layer (Django REST Framework, django-ninja, Wagtail API v2, Tastypie, graphene-django) is an API. A full-stack app whose routes only receive webhooks, complete sign-in redirects or answer health checks (the rest being server actions) has no client-facing API either.',
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
      p => !isAsidePath(p) || DOC_FOLDER.test(p) || /^docs\//.test(p) || documentationPage(p),
    );
    const ownData = new Set(servers.filter(u => !servesPagesOnly(facts, u) && dataOnlyForOwnPages(facts, u)));
    const pagesOnly = servers.filter(u => servesPagesOnly(facts, u) || ownData.has(u));
    const incidental = new Map(servers.map(u => [u, incidentalRoutesOnly(facts, u)]));
    const apis = servers.filter(u => !pagesOnly.includes(u) && !incidental.get(u));
    if (apis.length === 0) {
      const reasons = servers.map(u => {
        if (ownData.has(u)) return `${unitLabel(u)} renders HTML pages and answers with data only to their own requests`;
        if (pagesOnly.includes(u)) return `${unitLabel(u)} only renders HTML pages, serves static files or pushes over websockets`;
        return `${unitLabel(u)}: ${incidental.get(u)}`;
      });
      return outcome.notApplicable(`no HTTP API for clients: ${[...new Set(reasons)].join('; ')}`);
    }
    const findings: Finding[] = [];
    for (const unit of apis) {
      // A document belongs to the server it sits under, or to all when it sits outside every server.
      const owned = documents.filter(
        p =>
          isUnder(p, unit.dir) ||
          !servers.some(other => other.dir !== '' && isUnder(p, other.dir)),
      );
      if (owned.some(p => !PROTOCOL_CONTRACT.test(p))) continue;
      if (fastapiDocs(unit)) continue;
      if (evidenceOf(unit, API_DOC_LIBRARIES[unit.ecosystem])) continue;
      // A GraphQL schema or protobuf documents that protocol; REST routes beside it still need a description.
      const rest = owned.length > 0 ? restEvidence(facts, unit) : undefined;
      if (owned.length > 0 && !rest) continue;
      // Point at a route that answers clients, not at a webhook receiver that happens to sort first.
      const route = fileRoutes(facts, unit)?.find(r => !r.incidental)?.file;
      const at = route ? { path: route.path, line: 1 } : { path: unit.path, line: unit.line };
      const file = facts.file(at.path);
      findings.push({
        path: at.path,
        ...(at.line ? { line: at.line } : {}),
        ...(file && at.line ? { excerpt: lineOf(file, at.line) } : {}),
        message: rest
          ? `${capitalise(unitLabel(unit))} documents only its ${
              owned.some(p => /\.proto$/i.test(p)) ? 'gRPC' : 'GraphQL'
            } API (${owned[0]}): the REST endpoints (${rest}) have no OpenAPI/Swagger spec and no generator library`
          : `${capitalise(unitLabel(unit))}${layerNote(facts, unit)} has no API documentation: no OpenAPI/Swagger spec${
              unit.dir ? ` in ${unit.dir}/ or at the root` : ''
            } and no generator library`,
      });
    }
    return outcome.fromFindings(findings);
  },
});
