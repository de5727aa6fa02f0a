import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { defineRule, outcome } from '../../types';
import { capitalise } from '../../../facts/text';
import { EvidenceSignal, serverUnitsLacking } from '../../../facts/codeSearch';
import { isToolingPath } from '../../../facts/paths';
import { serverUnits } from '../../../facts/services';
import type { SourceFile } from '../../../snapshot';

/** Django management commands: command-line programs of the project, run by hand or by a scheduler. */
const MANAGEMENT_COMMAND = /(^|\/)management\/commands\//;

/**
 * A quota that a remote API reports, read back by this program: its remaining calls on a client object
 * (`client.ratelimit_remaining`, `get_rate_limit()`) or the `X-RateLimit-Remaining` header of a response.
 */
const REMOTE_QUOTA =
  /\.\s*(?:ratelimit_remaining|rate_limit_remaining|RateLimitRemaining|get_rate_limit\(|rate_limiting\b)|\.headers\.get\(\s*['"](?:x-)?rate-?limit-remaining['"]/i;

/**
 * Where a hand-written limiter paces the program's own outgoing calls rather than the requests it serves: a script,
 * a command-line tool or a management command (cron jobs that call other APIs), or code that reads a remote API's quota.
 */
function pacesOwnCalls(file: SourceFile): boolean {
  return isToolingPath(file.path) || MANAGEMENT_COMMAND.test(file.path) || REMOTE_QUOTA.test(file.text);
}

/** Libraries, middleware and proxy settings that limit request rates, per ecosystem. */
export const RATE_LIMIT_SIGNALS: EvidenceSignal[] = [
  // Node
  { label: 'express-rate-limit', deps: ['express-rate-limit', 'express-slow-down', 'express-brute', 'express-limiter'] },
  { label: 'rate-limiter-flexible', deps: ['rate-limiter-flexible'] },
  // @nestjs/throttler limits nothing until its guard is bound (APP_GUARD, @UseGuards, a subclass) or @Throttle() is used.
  { label: '@nestjs/throttler', code: /\bThrottlerGuard\b(?![^;\n]*\bfrom\s+['"])|@Throttle\(/ },
  { label: '@fastify/rate-limit', deps: ['@fastify/rate-limit', 'fastify-rate-limit'] },
  { label: 'koa-ratelimit', deps: ['koa-ratelimit', 'koa2-ratelimit'] },
  { label: 'hono-rate-limiter', deps: ['hono-rate-limiter'] },
  { label: '@upstash/ratelimit', deps: ['@upstash/ratelimit'] },
  { label: 'limiter', deps: ['limiter'] },
  { label: 'elysia-rate-limit', deps: ['elysia-rate-limit'] },
  { label: 'next-rate-limit', deps: ['next-rate-limit'] },
  // Python
  { label: 'flask-limiter', deps: ['flask-limiter', 'flask_limiter'] },
  { label: 'slowapi', deps: ['slowapi'] },
  { label: 'django-ratelimit', deps: ['django-ratelimit', 'django_ratelimit'] },
  { label: 'fastapi-limiter', deps: ['fastapi-limiter'] },
  { label: 'django-axes', deps: ['django-axes'] },
  { label: 'django-defender', deps: ['django-defender'] },
  { label: 'pyrate-limiter', deps: ['pyrate-limiter', 'pyrate_limiter'] },
  { label: 'asgi-ratelimit', deps: ['asgi-ratelimit', 'asgi_ratelimit'] },
  { label: 'aiohttp-ratelimiter', deps: ['aiohttp-ratelimiter', 'aiohttp_ratelimiter'] },
  // JVM
  { label: 'bucket4j', deps: ['bucket4j-core', 'bucket4j_jdk17-core', 'bucket4j_jdk11-core', 'bucket4j-spring-boot-starter', 'bucket4j-redis'] },
  { label: 'resilience4j-ratelimiter', deps: ['resilience4j-ratelimiter'] },
  {
    label: 'Sentinel',
    deps: [
      'spring-cloud-starter-alibaba-sentinel',
      'sentinel-spring-webmvc-adapter',
      'sentinel-spring-webmvc-v6x-adapter',
      'sentinel-spring-webflux-adapter',
      'sentinel-spring-cloud-gateway-adapter',
      'sentinel-web-servlet',
      'sentinel-jakarta-servlet',
      'sentinel-zuul-adapter',
    ],
  },
  // Go
  { label: 'tollbooth', depPrefixes: ['github.com/didip/tollbooth'] },
  { label: 'ulule/limiter', depPrefixes: ['github.com/ulule/limiter'] },
  { label: 'httprate', depPrefixes: ['github.com/go-chi/httprate'] },
  { label: 'go-limiter', depPrefixes: ['github.com/sethvargo/go-limiter', 'github.com/throttled/throttled'] },
  // Imported rather than declared: go.mod also lists what dependencies use (`// indirect`).
  {
    label: 'a Go rate limiter',
    code: /"(?:github\.com\/juju\/ratelimit|go\.uber\.org\/ratelimit|github\.com\/go-redis\/redis_rate(?:\/v\d+)?|github\.com\/mennanov\/limiters)"/,
  },
  // Sentinel's flow control: its flow or system (inbound QPS) rules, or the HTTP middleware of its adapters.
  { label: 'sentinel-golang', code: /"github\.com\/alibaba\/sentinel-golang\/(?:core\/(?:flow|system|hotspot)|pkg\/adapters\/[\w-]+)"/ },
  // .NET, Ruby
  { label: 'AspNetCoreRateLimit', deps: ['aspnetcoreratelimit', 'aspnetcoreratelimit.redis'] },
  { label: 'ASP.NET Core rate limiting', deps: ['system.threading.ratelimiting', 'microsoft.aspnetcore.ratelimiting', 'redisratelimiting.aspnetcore'] },
  { label: 'rack-attack', deps: ['rack-attack', 'rack-throttle'] },
  // Code: middleware set up by hand or from a framework that ships it
  { label: 'a rate limiter in code', code: /\brateLimit\(|\bRateLimiter(?:Memory|Redis|Postgres|Mongo|Cluster)\b|\bslowDown\(/ },
  { label: 'a rate limiter in code', code: /\bfrom\s+(?:flask_limiter|slowapi|django_ratelimit|fastapi_limiter)\b|@limiter\.limit\(|@ratelimit\(|DEFAULT_THROTTLE_(?:CLASSES|RATES)|\bthrottle_classes\b/ },
  // pyrate-limiter, and limits (the library under flask-limiter and slowapi) used on its own.
  { label: 'pyrate-limiter', code: /^\s*(?:from\s+pyrate_limiter(?:\.[\w.]+)?\s+import\b|import\s+pyrate_limiter\b)/m },
  { label: 'limits', code: /^\s*(?:from\s+limits(?:\.(?:aio|storage|strategies)[\w.]*)?\s+import\b[^\n]*\b(?:RateLimitItem\w*|parse(?:_many)?|storage_from_string|\w*(?:Window|Storage)\w*|strategies|storage)\b|import\s+limits\.(?:aio|storage|strategies)\b)/m },
  { label: 'a rate limiter in code', code: /\bBucket4j\b|\bBucket\.builder\(|\bBandwidth\.(?:classic|simple|builder)\(|@RateLimiter\(|\bRateLimiter\.create\(|\bRateLimiterRegistry\b|\bRequestRateLimiter\b/ },
  { label: 'Sentinel', code: /\b(?:FlowRuleManager|GatewayRuleManager|ParamFlowRuleManager)\.loadRules\(/ },
  { label: 'resilience4j-ratelimiter', code: /\bresilience4j\.ratelimiter\.(?:instances|configs)\.|^resilience4j:[ \t]*\n(?:[ \t]+\S.*\n|[ \t]*\n)*?[ \t]+ratelimiter:/m },
  { label: 'golang.org/x/time/rate', code: /"golang\.org\/x\/time\/rate"/ },
  { label: 'a rate limiter in code', code: /\bmiddleware\.RateLimiter(?:WithConfig)?\(|fiber\/v\d\/middleware\/limiter|\btollbooth\.|\bhttprate\./ },
  { label: 'ASP.NET Core rate limiting', code: /\bAddRateLimiter\(|\bUseRateLimiter\(|\[EnableRateLimiting|\.RequireRateLimiting\(|\bIpRateLimit/ },
  { label: 'Rack::Attack', code: /\bRack::Attack\b/ },
  { label: 'Laravel throttle middleware', code: /['"]throttle:|RateLimiter::for\(/ },
  // Proxies and gateways in front of the app
  { label: 'nginx limit_req', code: /\blimit_req(?:_zone)?\b/ },
  { label: 'ingress rate limits', code: /nginx\.ingress\.kubernetes\.io\/limit-(?:rps|rpm|connections)|traefik\.http\.middlewares\.[\w-]+\.ratelimit|\brateLimit:\s*\n\s+average:|\blocal_ratelimit\b|name:\s*rate-limiting\b/i },
  { label: 'API gateway throttling', code: /\b[Tt]hrottling(?:Burst|Rate)Limit\b|\bthrottle:\s*\n\s+(?:burstLimit|rateLimit):/ },
  // A hand-written limiter, named as such (an error type named for a limit is none), or a token or leaky bucket.
  {
    label: 'a hand-written rate limiter',
    code: /\b(?:function|def|class|const|let|var|func|type)\s+\w*(?:[Rr]ate_?[Ll]imit|ratelimit|RateLimit|TokenBucket|token_bucket|LeakyBucket|leaky_bucket)\w*\b(?<!Error|Exception)/,
    skip: pacesOwnCalls,
  },
  { label: 'a hand-written rate limiter', path: /(^|\/)[^/]*rate[-_]?limit[^/]*\.(js|ts|mjs|cjs|py|go|java|kt|cs|rb|php)$/i, skip: pacesOwnCalls },
];

export default defineRule({
  id: 'security/no-rate-limiting',
  category: 'security',
  severity: 'medium',
  title: 'Requests are rate limited',
  description:
    'Fails for each server application with no rate-limiting library, middleware or proxy setting in its code, its dependencies, the projects it runs, or the proxy and gateway configuration outside every server: express-rate-limit, rate-limiter-flexible, @nestjs/throttler (with its ThrottlerGuard bound or `@Throttle()` used: ThrottlerModule alone limits nothing), @fastify/rate-limit, elysia-rate-limit, next-rate-limit, flask-limiter, slowapi, fastapi-limiter, pyrate-limiter, limits, asgi-ratelimit, aiohttp-ratelimiter, django-ratelimit or DRF throttling, django-axes or django-defender (login attempt limits), bucket4j, resilience4j, Sentinel (Java, or sentinel-golang flow rules and middleware), golang.org/x/time/rate, tollbooth, ulule/limiter, httprate, juju/ratelimit, ASP.NET Core rate limiting (System.Threading.RateLimiting, AspNetCoreRateLimit, RedisRateLimiting), Rack::Attack, nginx `limit_req`, ingress or gateway limits, or a rate limiter written in the code (a function, class or file named for rate limiting, or a token or leaky bucket; one in a script, a command-line tool or a Django management command, an error type named for a limit, or code that reads the remaining quota of a remote API paces the program\'s own outgoing calls and does not count). Not applicable without a server (an ASP.NET Core web project started through `UseStartup<>` is one).',
  rationale:
    'Without a limit, one client can brute-force logins and tokens, scrape the whole dataset, or exhaust the service and its database with a burst of cheap requests. Limits also contain runaway clients and retry storms.',
  remediation:
    'Add a rate limiter in front of the routes, at least on login, signup, password reset and other expensive or sensitive endpoints (for example express-rate-limit, flask-limiter, slowapi, DRF throttles, bucket4j, golang.org/x/time/rate), backed by a shared store such as Redis when there is more than one instance, or enforce limits at the proxy or API gateway.',
  evaluate(facts) {
    // A server unit counts too where no framework of the stack shows (an ASP.NET Core web project started through `UseStartup<>`).
    if (facts.stack.servers.length === 0 && serverUnits(facts).length === 0) {
      return outcome.notApplicable('no server application');
    }
    const { evidence, lacking } = serverUnitsLacking(facts, RATE_LIMIT_SIGNALS);
    if (lacking.length === 0) return outcome.pass(`rate limiting through ${evidence}`);
    const findings: Finding[] = lacking.map(unit => ({
      path: unit.path,
      ...(unit.line !== undefined ? { line: unit.line } : {}),
      message: `${capitalise(unit.label)} has no rate limiting: no limiter library or middleware in its code or dependencies, and no proxy or gateway limit in front of it`,
      confidence: 'high' as const,
    }));
    return outcome.fail(findings);
  },
});
