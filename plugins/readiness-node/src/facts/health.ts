/**
 * How each server unit answers health checks: the evidence that it does (a health library, a health route
 * file, a health route in its code), the HTTP path a probe can call when the evidence names one, or else the
 * development-only branch that maps its only health route. Read by the health-endpoint rule and by the fixes
 * that point container health checks at the route.
 */
import type { SourceFile } from '../snapshot';
import type { Facts } from './index';
import { developmentOnlyBranch } from './branches';
import { memo } from './memo';
import { basename, dirname } from './paths';
import { Ecosystem, evidenceOf, incidentalRoute, isCommentLine, isUnder, serverUnits, ServiceUnit, Signal } from './services';
import { syntaxTree, SyntaxNode, SyntaxTree } from './syntax';
import { lineOfOffset } from './text';

const HEALTH_SEGMENT =
  'health|healthz|healthcheck|health-check|health_check|_health|__health|ready|readyz|readiness|live|livez|liveness|alive|ping|status|heartbeat|_status';

/** Path segments that name a health check on their own, whatever static path they sit under. */
const HEALTH_NAME = 'health|healthz|healthcheck|health-check|health_check|livez|readyz|liveness|readiness';
/** Folders of operational routes: `/system/ping`, `/internal/status`, `/_/ready`. */
const OPS_PREFIX = 'system|sys|internal|ops|_|monitoring|management|meta|probes?';

/**
 * A route string whose path is a health route: optionally under /api and a version, under an operational
 * folder (`/system/ping`), or, for a segment that names a health check on its own, under any static path
 * (`/system/liveness`, `/_ah/health`); a segment after a path parameter (`/orders/:id/status`) is a resource's.
 */
const ROUTE_STRING = new RegExp(
  [
    String.raw`['"\`](?:(?:GET|HEAD)\s+)?(?:/api)?(?:/v\d+)?/(?:${HEALTH_SEGMENT})(?:/(?:${HEALTH_SEGMENT}|live|ready|[\w-]{0,20}))?/?['"\`]`,
    String.raw`['"\`](?:(?:GET|HEAD)\s+)?(?:/api)?(?:/v\d+)?/(?:${OPS_PREFIX})/(?:${HEALTH_SEGMENT})/?['"\`]`,
    String.raw`['"\`](?:(?:GET|HEAD)\s+)?(?:/[\w.-]+){1,3}/(?:${HEALTH_NAME})/?['"\`]`,
    String.raw`['"\`]/actuator/health`,
  ].join('|'),
);
/** Framework decorators and route tables that name the path without a leading slash. */
const BARE_ROUTE = new RegExp(
  String.raw`@(?:Controller|Get|RequestMapping|GetMapping)\(\s*(?:value\s*=\s*)?['"]/?(?:${HEALTH_SEGMENT})['"]|\b(?:re_)?path\(\s*r?['"]\^?(?:api/)?(?:${HEALTH_SEGMENT})/?\$?['"]|\bget\s+['"](?:up|health|healthz|status)['"]|rails/health#show`,
);
const GRPC_HEALTH =
  /grpc_health_v1|grpc\.health\.v1|google\.golang\.org\/grpc\/health|\bhealth_pb2\b|HealthServicer|grpc-health-check/;
/** ASP.NET Core maps its health checks on the path given as the first argument. */
const DOTNET_HEALTH = /\b(?:MapHealthChecks|UseHealthChecks|MapGrpcHealthChecksService)\(/;
/** A gRPC health service (grpc.health.v1) an ASP.NET Core app maps: `MapGrpcService<HealthServiceImpl>()`, `MapGrpcService<HealthCheckService>()`. */
const DOTNET_GRPC_HEALTH = /\bMapGrpcService<\s*(?:[\w.]+\.)?\w*Health\w*\s*>\s*\(/;

const HEALTH: Record<Ecosystem, Signal> = {
  python: {
    deps: [
      'django-health-check',
      'flask-healthz',
      'fastapi-health',
      'py-healthcheck',
      'healthcheck',
      'grpcio-health-checking',
      'django-healthchecks',
    ],
    code: [ROUTE_STRING, BARE_ROUTE, GRPC_HEALTH],
  },
  node: {
    deps: [
      // The Backstage backend serves /.backstage/health/v1/readiness and /liveness.
      '@backstage/backend-defaults',
      '@nestjs/terminus',
      '@godaddy/terminus',
      'lightship',
      'express-healthcheck',
      'express-actuator',
      'fastify-healthcheck',
      '@cloudnative/health-connect',
      'grpc-health-check',
    ],
    code: [ROUTE_STRING, BARE_ROUTE, GRPC_HEALTH],
  },
  jvm: {
    deps: ['spring-boot-starter-actuator', 'quarkus-smallrye-health', 'micronaut-management', 'grpc-services', 'ktor-server-health'],
    code: [ROUTE_STRING, BARE_ROUTE, GRPC_HEALTH, /\bHealthCheck\b.*\bregister\(|\bhealthChecks\(\)/],
  },
  go: {
    deps: [
      'github.com/heptiolabs/healthcheck',
      'github.com/alexliesenfeld/health',
      'github.com/hellofresh/health-go/v5',
      /^github\.com\/hellofresh\/health-go/,
      'github.com/invisionapp/go-health',
      'github.com/etherlabsio/healthcheck',
    ],
    code: [ROUTE_STRING, GRPC_HEALTH],
  },
  dotnet: {
    // Health-check packages only register checks: a route exists once the code maps it.
    deps: [],
    code: [DOTNET_HEALTH, DOTNET_GRPC_HEALTH, ROUTE_STRING, BARE_ROUTE],
  },
  ruby: {
    deps: ['health_check', 'okcomputer', 'health-monitor-rails'],
    code: [ROUTE_STRING, BARE_ROUTE],
  },
};

/** How a server unit answers health checks. @public */
export interface UnitHealth {
  /** The evidence that it answers them in every environment: `dependency <name>`, a route file, or `path:line`. */
  found?: string;
  /**
   * The HTTP path a probe can call, as the evidence names it (`/healthz`, `/actuator/health`); absent when
   * the evidence names none (a gRPC health service, a library whose route the code mounts elsewhere).
   */
  route?: string;
  /** The development-only branch that maps the unit's only health route (`if (app.Environment.IsDevelopment())`). */
  developmentOnly?: { path: string; line: number; condition: string };
}

/** Libraries that serve a fixed route unless configured otherwise. */
const LIBRARY_ROUTE: Record<string, string> = {
  '@backstage/backend-defaults': '/.backstage/health/v1/liveness',
  'spring-boot-starter-actuator': '/actuator/health',
  'quarkus-smallrye-health': '/q/health',
  'express-actuator': '/health',
  'fastify-healthcheck': '/health',
};

/** Spring and Quarkus settings that move the management routes (another port, a base path, a context path). */
const MOVED_MANAGEMENT = /management[.\w-]*(?:port|base-path|basePath)|context-path|contextPath|root-path|non-application-root-path/;

/** Whether a unit's configuration files move the routes a JVM health library serves. */
function managementMoved(unit: ServiceUnit, facts: Facts): boolean {
  return facts.files.some(
    f =>
      isUnder(f.path, unit.dir) &&
      /^(?:application|bootstrap)(?:-[\w-]+)?\.(?:properties|ya?ml)$/.test(basename(f.path)) &&
      MOVED_MANAGEMENT.test(f.text),
  );
}

/** The URL path of a file-routed app's health route file (`app/api/health/route.ts` is `/api/health`). */
function fileRoutePath(route: string): string | undefined {
  const segments = route.replace(/^src\//, '').split('/');
  const root = segments.shift();
  const name = segments.pop()?.replace(/\.[cm]?[jt]sx?$/, '');
  if (!name) return undefined;
  let parts: string[];
  if (root === 'app' && segments[0] === 'routes') {
    // Remix: dots in the file name separate segments.
    parts = [...segments.slice(1), ...name.split('.')];
  } else if (root === 'app' || root === 'routes') {
    parts = [...segments, ...(/^(?:route|\+server)$/.test(name) ? [] : [name])];
  } else if (root === 'pages') {
    parts = [...segments, ...(name === 'index' ? [] : [name])];
  } else if (root === 'server') {
    // Nuxt: server/api/health.ts is /api/health, server/routes/health.ts is /health.
    parts = [...(segments[0] === 'routes' ? segments.slice(1) : segments), ...(name === 'index' ? [] : [name])];
    parts = parts.map(p => p.replace(/\.(?:get|head)$/, ''));
  } else {
    return undefined;
  }
  parts = parts.filter(p => !/^\(.*\)$/.test(p) && p !== '_index' && p !== 'index');
  if (parts.length === 0 || parts.some(p => /[[\]$]/.test(p))) return undefined;
  return `/${parts.join('/')}`;
}

/** A file-routed app's health route file: Next.js `app/api/health/route.ts`, Remix `app/routes/healthcheck.tsx`, SvelteKit `src/routes/health/+server.ts`, Nuxt `server/api/health.ts`. */
function fileHealthRoute(facts: Facts, unit: ServiceUnit): { path: string; route?: string } | undefined {
  if (unit.ecosystem !== 'node') return undefined;
  const app = facts.stack.frontends.find(f => f.dir === unit.dir && f.server);
  const prefix = app?.dir ? `${app.dir}/` : '';
  const file = app?.server?.routes.find(f => incidentalRoute(f.path.slice(prefix.length), f.text) === 'health');
  if (!file) return undefined;
  const route = fileRoutePath(file.path.slice(prefix.length));
  return route ? { path: file.path, route } : { path: file.path };
}

/** The HTTP path a health-route match names, or nothing (a gRPC service, a route table that names none). */
export function routeOfMatch(file: SourceFile, index: number, match: string): string | undefined {
  let path: string | undefined;
  if (DOTNET_HEALTH.test(match)) {
    path = /^\s*\(?\s*["']([^"']+)["']/.exec(file.text.slice(index + match.length, index + match.length + 200))?.[1];
  } else if (/^['"`]/.test(match)) {
    path = /\/[^'"`\s]*/.exec(match)?.[0];
  } else if (/^@|^(?:re_)?path\(/.test(match)) {
    const quoted = /['"]\^?\/?([^'"$]*)\$?['"]/.exec(match)?.[1];
    path = quoted !== undefined ? `/${quoted}` : undefined;
  } else if (/^get\s/.test(match)) {
    path = `/${/['"]([^'"]+)['"]/.exec(match)?.[1]}`;
  }
  return path && /^\/[\w./-]*$/.test(path) ? path : undefined;
}

/**
 * A handler named for health checks (`health`, `healthz`, `health_check`, `getHealth`, `livenessProbe`, `readinessHandler`),
 * compared without case or underscores. Bare `live`, `ready`, `ping` and `status` are too common to say so on their own.
 */
const HEALTH_HANDLER_NAME = /^(?:get|handle|check)?(?:health|healthz|healthcheck|livez|readyz|liveness|readiness)(?:check|probe|handler|endpoint|route|view|status)?$/;

function isHealthHandlerName(name: string): boolean {
  return HEALTH_HANDLER_NAME.test(name.replace(/[_-]/g, '').toLowerCase());
}

/** Calls that register a handler on a path: `app.get("/", health)`, `r.GET("/", Health)`, `http.HandleFunc("/", health)`, `app.MapGet("/", Health)`, `app.add_api_route("/", health)`. */
const ROUTE_REGISTRATION = /^(?:get|head|all|any|route|handle|handlefunc|mapget|mapmethods|add_api_route|add_url_rule|add_route|add_get|api_route)$/i;
/** Decorators and annotations that make a function a GET route: `@app.get("/")`, `@app.route("/")`, `@Get()`, `@GetMapping("/")`, `[HttpGet]`. */
const ROUTE_DECORATOR = /^(?:get|head|all|route|api_route|api_view|GetMapping|RequestMapping|Path|HttpGet|HttpHead)$/i;
const DECORATOR_KINDS = new Set(['decorator', 'annotation', 'marker_annotation', 'attribute']);

/** The name a decorator, annotation or attribute calls: `get` for `@app.get("/")`, `GetMapping` for `@GetMapping("/")`. */
function decoratorName(node: SyntaxNode): { name: string; args?: SyntaxNode } {
  const target = node.children().find(c => c.isNamed() && c.kind() !== 'comment') ?? node;
  const call = /call/.test(target.kind()) ? target : undefined;
  const callee = call ? call.field('function') ?? call.children().find(c => c.isNamed()) : target;
  const text = (callee ?? target).text();
  const name = /([A-Za-z_]\w*)\s*$/.exec(text.replace(/\(.*$/s, ''))?.[1] ?? '';
  const args = call?.field('arguments') ?? node.children().find(c => /argument_list|arguments/.test(c.kind())) ?? undefined;
  return { name, ...(args ? { args } : {}) };
}

/** The decorators, annotations and attributes of a function declaration, whatever the grammar hangs them on. */
function decoratorsOf(fn: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const parent = fn.parent();
  if (parent?.kind() === 'decorated_definition') found.push(...parent.children().filter(c => c.kind() === 'decorator'));
  // Decorators before a class member are its siblings in TypeScript and JavaScript class bodies.
  if (parent && /class_body/.test(parent.kind())) {
    const siblings = parent.children().filter(c => c.isNamed());
    for (let i = siblings.findIndex(c => c.id() === fn.id()) - 1; i >= 0 && siblings[i].kind() === 'decorator'; i--) found.push(siblings[i]);
  }
  for (const child of fn.children()) {
    if (DECORATOR_KINDS.has(child.kind())) found.push(child);
    if (/^(?:modifiers|attribute_list|annotation)$/.test(child.kind())) {
      for (const inner of child.children()) {
        if (DECORATOR_KINDS.has(inner.kind())) found.push(inner);
        // Kotlin wraps annotations once more.
        for (const deeper of inner.children()) if (DECORATOR_KINDS.has(deeper.kind())) found.push(deeper);
      }
    }
  }
  return found;
}

/** The value of the first argument when it is a string literal. */
function firstString(tree: SyntaxTree, args: SyntaxNode | null | undefined): string | undefined {
  const first = args?.children().find(c => c.isNamed() && c.kind() !== 'comment');
  const inner = first && /argument/.test(first.kind()) ? first.children().find(c => c.isNamed()) : first;
  return inner && /string/.test(inner.kind()) ? tree.stringValue(inner) ?? /^@?["'`]([^"'`]*)/.exec(inner.text())?.[1] : undefined;
}

/** A route path as a registration's first argument gives it (`"/"`, `"GET /"`, `""` in a group), or undefined when it is none. */
const ROUTE_ARGUMENT = /^(?:(?:GET|HEAD)\s+)?(\/\S*)?$/;

/** The path a probe can call, when the route argument names one. */
function probePath(value: string | undefined): string | undefined {
  const path = value === undefined ? undefined : ROUTE_ARGUMENT.exec(value)?.[1];
  return path && /^\/[\w./-]*$/.test(path) ? path : undefined;
}

/**
 * A route whose handler is named for health checks, whatever its path: `@app.get("/") async def health()`,
 * `app.get("/", healthCheck)`, `@Get() health()`, `@GetMapping("/") String health()`, `r.GET("/", Health)`.
 */
function namedHealthHandler(
  facts: Facts,
  files: SourceFile[],
): { found?: { path: string; line: number; route?: string }; developmentOnly?: UnitHealth['developmentOnly'] } {
  let developmentOnly: UnitHealth['developmentOnly'];
  for (const file of files) {
    if (!/health|liveness|readiness|livez|readyz/i.test(file.text)) continue;
    const tree = syntaxTree(facts, file);
    if (!tree) continue;
    const candidates: Array<{ node: SyntaxNode; line: number; route?: string }> = [];
    for (const fn of tree.functions()) {
      if (!isHealthHandlerName(fn.name)) continue;
      const route = decoratorsOf(fn.node)
        .map(decoratorName)
        .find(d => ROUTE_DECORATOR.test(d.name));
      if (route) candidates.push({ node: fn.node, line: fn.line, route: probePath(firstString(tree, route.args)) });
    }
    for (const call of tree.calls()) {
      if (!ROUTE_REGISTRATION.test(call.name) || call.args.length < 2) continue;
      const handler = call.args.slice(1).some(arg => {
        const named = arg.field('name')?.text() ?? /([A-Za-z_]\w*)\s*$/.exec(arg.text())?.[1] ?? '';
        return /^(?:identifier|field_identifier|selector_expression|member_expression|attribute|member_access_expression|function_expression|function|argument)$/.test(arg.kind()) && isHealthHandlerName(named);
      });
      const path = firstString(tree, call.node.field('arguments'));
      if (handler && path !== undefined && ROUTE_ARGUMENT.test(path)) candidates.push({ node: call.node, line: call.line, route: probePath(path) });
    }
    for (const candidate of candidates) {
      const branch = developmentOnlyBranch(facts, file, candidate.line, candidate.node.range().start.index);
      if (branch) {
        developmentOnly ??= { path: file.path, line: branch.line, condition: branch.condition };
        continue;
      }
      return { found: { path: file.path, line: candidate.line, ...(candidate.route ? { route: candidate.route } : {}) } };
    }
  }
  return developmentOnly ? { developmentOnly } : {};
}

/** A declaration that names the value after it: `private const string HealthPath = `, `HEALTH_PATH = `, `const healthz = `, `path := `. */
const NAMING_DECLARATION =
  /^\s*(?:(?:export|public|private|protected|internal|static|readonly|const|final|var|let|val|string|String|str)\s+)*([A-Za-z_]\w*)\s*(?::\s*[\w.<>[\]]+\s*)?:?=\s*$/;

/** A place in a file: a match or a mention. */
interface Site {
  file: SourceFile;
  line: number;
  index: number;
}

/** A call that maps a route on the path given as its first argument: `MapHealthChecks(`, `app.get(`, `mux.HandleFunc(`, `@GetMapping(`. */
const MAPS_PATH_ARGUMENT =
  /\b(?:get|head|all|any|route|handle|handlefunc|map\w*|use\w*health\w*|add_api_route|add_url_rule|add_route|add_get|api_route|GetMapping|RequestMapping|HttpGet|HttpHead|Path)\s*(?:<[^<>()]*>)?\(\s*$/i;

/**
 * Where a route string that a declaration names (`private const string HealthPath = "/health";`) is mapped: the
 * mentions of the name, outside comments, that are the path argument of a route registration
 * (`app.MapHealthChecks(HealthPath)`, `@app.get(HEALTH_PATH)`), not other uses such as a request filter. Undefined
 * when the string is not so named or no registration uses the name (then the string itself is the route).
 */
function namedPathUses(source: SourceFile, index: number, files: SourceFile[]): Site[] | undefined {
  const lineStart = source.text.lastIndexOf('\n', index - 1) + 1;
  const name = NAMING_DECLARATION.exec(source.text.slice(lineStart, index))?.[1];
  if (!name) return undefined;
  const uses: Site[] = [];
  const mention = new RegExp(String.raw`(?<![\w$])${name}(?![\w$])`, 'g');
  for (const file of files) {
    if (!file.text.includes(name)) continue;
    const lines = file.text.split('\n');
    for (const m of file.text.matchAll(mention)) {
      if (file === source && m.index >= lineStart && m.index < index) continue; // the declaration itself
      const line = lineOfOffset(file, m.index);
      if (isCommentLine(lines[line - 1] ?? '')) continue;
      if (!MAPS_PATH_ARGUMENT.test(file.text.slice(Math.max(0, m.index - 120), m.index))) continue;
      uses.push({ file, line, index: m.index });
    }
  }
  return uses.length ? uses : undefined;
}

function healthOfUnit(facts: Facts, unit: ServiceUnit): UnitHealth {
  const signal = HEALTH[unit.ecosystem];
  const library = evidenceOf(unit, { deps: signal.deps });
  const libraryName = library?.replace(/^dependency /, '');
  const libraryRoute = libraryName ? LIBRARY_ROUTE[libraryName] : undefined;
  if (libraryRoute && !(unit.ecosystem === 'jvm' && managementMoved(unit, facts))) return { found: library, route: libraryRoute };
  const file = fileHealthRoute(facts, unit);
  if (file) return { found: file.path, ...(file.route ? { route: file.route } : {}) };
  const files = [...unit.files, ...(unit.linked?.files ?? [])];
  let developmentOnly: UnitHealth['developmentOnly'];
  let found: string | undefined;
  for (const pattern of signal.code ?? []) {
    const all = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
    for (const source of files) {
      for (const match of source.text.matchAll(all)) {
        const line = lineOfOffset(source, match.index);
        if (isCommentLine(source.text.split('\n')[line - 1] ?? '')) continue;
        // A path given a name (`const string HealthPath = "/health"`) is mapped where the name is used.
        const sites: Site[] = (/^['"`]/.test(match[0]) && namedPathUses(source, match.index, files)) || [{ file: source, line, index: match.index }];
        const branches = sites.map(site => developmentOnlyBranch(facts, site.file, site.line, site.index));
        if (branches.every(Boolean)) {
          const at = sites[0];
          developmentOnly ??= { path: at.file.path, line: branches[0]!.line, condition: branches[0]!.condition };
          continue;
        }
        found ??= `${source.path}:${line}`;
        const route = routeOfMatch(source, match.index, match[0]);
        // A library's evidence stands; the code only tells where its route is mounted.
        if (route) return { found: library ?? found, route };
      }
    }
  }
  if (library) return { found: library };
  if (found) return { found };
  const handler = namedHealthHandler(facts, files);
  if (handler.found) {
    return { found: `${handler.found.path}:${handler.found.line}`, ...(handler.found.route ? { route: handler.found.route } : {}) };
  }
  developmentOnly ??= handler.developmentOnly;
  return developmentOnly ? { developmentOnly } : {};
}

/** How a server unit answers health checks, computed once per audit. @public */
export function healthOf(facts: Facts, unit: ServiceUnit): UnitHealth {
  const all = memo(facts, 'health.units', () => new Map<string, UnitHealth>());
  const key = `${unit.ecosystem}:${unit.dir}:${unit.path}`;
  let health = all.get(key);
  if (!health) {
    health = healthOfUnit(facts, unit);
    all.set(key, health);
  }
  return health;
}

/**
 * The server unit whose code an image built from `context` runs: the deepest server unit holding the
 * Dockerfile's folder, or else the only server unit inside the build context. Nothing when that is ambiguous.
 * @public
 */
export function serverUnitOfImage(facts: Facts, dockerfilePath: string, context: string): ServiceUnit | undefined {
  const servers = serverUnits(facts);
  const home = dirname(dockerfilePath);
  const holding = servers.filter(u => isUnder(home, u.dir) && isUnder(u.dir, context)).sort((a, b) => b.dir.length - a.dir.length);
  if (holding.length && (holding.length === 1 || holding[0].dir.length > holding[1].dir.length)) return holding[0];
  if (holding.length) return undefined;
  const inside = servers.filter(u => isUnder(u.dir, context));
  return inside.length === 1 ? inside[0] : undefined;
}
