/**
 * What the engine knows about frameworks: which dependency or code makes a
 * server, per ecosystem, and which Backstage packages are mounted rather than
 * deployed. The stack picture and the service units both read these tables.
 */

/** @public */
export type Ecosystem = 'python' | 'node' | 'jvm' | 'go' | 'dotnet' | 'ruby';

export const ECOSYSTEM_OF_LANGUAGE: Record<string, Ecosystem> = {
  python: 'python',
  javascript: 'node',
  typescript: 'node',
  java: 'jvm',
  kotlin: 'jvm',
  scala: 'jvm',
  go: 'go',
  csharp: 'dotnet',
  fsharp: 'dotnet',
  ruby: 'ruby',
};

export const ECOSYSTEM_LABEL: Record<Ecosystem, string> = {
  python: 'Python',
  node: 'Node.js',
  jvm: 'JVM',
  go: 'Go',
  dotnet: '.NET',
  ruby: 'Ruby',
};

/**
 * Server frameworks by dependency name (lower-case), per ecosystem. Full-stack web frameworks (Next.js,
 * Nuxt, SvelteKit, Remix) are frontends whose route handlers make them servers too: see `fullStackServerOf`.
 */
export const SERVER_DEPENDENCIES: Record<Ecosystem, Record<string, string>> = {
  node: {
    express: 'express',
    koa: 'koa',
    fastify: 'fastify',
    '@nestjs/core': 'nestjs',
    '@hapi/hapi': 'hapi',
    hono: 'hono',
    restify: 'restify',
    '@adonisjs/core': 'adonis',
    '@feathersjs/feathers': 'feathers',
    '@apollo/server': 'apollo-server',
    'apollo-server': 'apollo-server',
    'apollo-server-express': 'apollo-server',
    polka: 'polka',
    '@grpc/grpc-js': 'grpc',
    '@backstage/backend-defaults': 'backstage',
  },
  python: {
    flask: 'flask',
    django: 'django',
    fastapi: 'fastapi',
    starlette: 'starlette',
    aiohttp: 'aiohttp',
    tornado: 'tornado',
    sanic: 'sanic',
    litestar: 'litestar',
    falcon: 'falcon',
    bottle: 'bottle',
    pyramid: 'pyramid',
    quart: 'quart',
    djangorestframework: 'django',
    grpcio: 'grpc',
  },
  jvm: {
    'spring-boot-starter-web': 'spring-boot',
    'spring-boot-starter-webflux': 'spring-boot',
    'spring-boot-starter-jersey': 'spring-boot',
    'quarkus-resteasy': 'quarkus',
    'quarkus-resteasy-reactive': 'quarkus',
    'quarkus-rest': 'quarkus',
    'quarkus-vertx-http': 'quarkus',
    'micronaut-http-server-netty': 'micronaut',
    'ktor-server-core': 'ktor',
    'ktor-server-netty': 'ktor',
    'ktor-server-core-jvm': 'ktor',
    javalin: 'javalin',
    'vertx-web': 'vertx',
    'dropwizard-core': 'dropwizard',
    'helidon-webserver': 'helidon',
    'grpc-netty-shaded': 'grpc',
  },
  go: {
    'github.com/gin-gonic/gin': 'gin',
    'github.com/labstack/echo/v4': 'echo',
    'github.com/labstack/echo': 'echo',
    'github.com/gofiber/fiber/v2': 'fiber',
    'github.com/gofiber/fiber/v3': 'fiber',
    'github.com/go-chi/chi/v5': 'chi',
    'github.com/go-chi/chi': 'chi',
    'github.com/gorilla/mux': 'gorilla',
    'github.com/julienschmidt/httprouter': 'httprouter',
    'google.golang.org/grpc': 'grpc',
    'connectrpc.com/connect': 'connect',
  },
  dotnet: {
    'microsoft.aspnetcore.app': 'aspnet',
    'microsoft.aspnetcore.openapi': 'aspnet',
    'swashbuckle.aspnetcore': 'aspnet',
    'grpc.aspnetcore': 'grpc',
  },
  ruby: {
    rails: 'rails',
    sinatra: 'sinatra',
    hanami: 'hanami',
    roda: 'roda',
    grape: 'grape',
  },
};

/**
 * JVM starters that bring other starters with them, by artifact id: a server that declares one has what it brings
 * (Spring Cloud Config Server, the Eureka service registry and the Spring Boot Admin console all run Spring Boot
 * Actuator and a web stack).
 */
export const JVM_STARTER_BRINGS: Record<string, string[]> = {
  'spring-cloud-config-server': ['spring-boot-starter-actuator', 'spring-boot-starter-web'],
  'spring-cloud-starter-config-server': ['spring-boot-starter-actuator', 'spring-boot-starter-web'],
  'spring-cloud-starter-netflix-eureka-server': ['spring-boot-starter-actuator', 'spring-boot-starter-web'],
  'spring-cloud-netflix-eureka-server': ['spring-boot-starter-actuator', 'spring-boot-starter-web'],
  'spring-boot-admin-starter-server': ['spring-boot-starter-actuator', 'spring-boot-starter-webflux'],
  'spring-boot-admin-server': ['spring-boot-starter-actuator', 'spring-boot-starter-webflux'],
};

/** Frameworks that serve remote procedure calls only: they make a service unit, not a web server of the stack. */
export const RPC_FRAMEWORKS = new Set(['grpc', 'connect']);

/** Dependency names (lower-case) of web server frameworks in any ecosystem, with the framework each reveals. */
export const WEB_SERVER_DEPENDENCIES: Record<string, string> = Object.fromEntries(
  Object.values(SERVER_DEPENDENCIES).flatMap(byName => Object.entries(byName).filter(([, name]) => !RPC_FRAMEWORKS.has(name))),
);

/** Code patterns that reveal a server where the manifest does not. */
export const SERVER_CODE: Array<{
  ecosystem: Ecosystem;
  pattern: RegExp;
  name: string;
}> = [
  {
    ecosystem: 'python',
    pattern: /\bfrom\s+flask\s+import\b|\bFlask\(__name__/,
    name: 'flask',
  },
  {
    ecosystem: 'python',
    pattern: /\bfrom\s+fastapi\s+import\b/,
    name: 'fastapi',
  },
  {
    ecosystem: 'python',
    pattern: /\bfrom\s+django\b|\bimport\s+django\b/,
    name: 'django',
  },
  {
    ecosystem: 'python',
    pattern: /\bfrom\s+aiohttp\s+import\s+web\b/,
    name: 'aiohttp',
  },
  {
    ecosystem: 'python',
    pattern: /\bhttp\.server\b.*\bHTTPServer\b|\bHTTPServer\(/,
    name: 'http.server',
  },
  {
    ecosystem: 'go',
    pattern:
      /\bhttp\.ListenAndServe(?:TLS)?\(|&http\.Server\{|\bhttp\.Server\{/,
    name: 'net/http',
  },
  {
    ecosystem: 'node',
    pattern:
      /\brequire\(\s*['"](?:express|koa|fastify|@hapi\/hapi|hono)['"]\s*\)|\bfrom\s+['"](?:express|koa|fastify|@hapi\/hapi|hono)['"]/,
    name: 'node-http',
  },
  {
    ecosystem: 'node',
    pattern: /\bhttp\.createServer\(|\bcreateServer\(\s*(?:app|handler|\(req)/,
    name: 'node-http',
  },
  {
    ecosystem: 'jvm',
    pattern: /@(?:RestController|Controller|SpringBootApplication)\b/,
    name: 'spring-boot',
  },
  {
    ecosystem: 'dotnet',
    pattern:
      /WebApplication\.CreateBuilder\(|\.MapGet\(|ControllerBase\b|\bUseStartup</,
    name: 'aspnet',
  },
];


/** File names that start a service, preferred when a finding points at the unit as a whole. */
export const ENTRY_POINT =
  /^(?:wsgi|asgi|manage|main|app|server|index|Program|Startup|[A-Z]\w*Application)\.(?:py|[cm]?[jt]s|go|cs|java|kt)$/;

/**
 * Backstage package roles that are not deployed on their own: plugins and modules are
 * mounted by the Backstage backend or app, libraries are linked into them, a CLI runs
 * in a terminal.
 */
export const MOUNTED_BACKSTAGE_ROLES = new Set([
  'backend-plugin',
  'backend-plugin-module',
  'frontend-plugin',
  'frontend-plugin-module',
  'frontend-dynamic-container',
  'node-library',
  'web-library',
  'common-library',
  'cli',
]);
