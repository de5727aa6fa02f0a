import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../../snapshot';
import { basename, dirname, extname, isTestFile, languageOf, lineOf, matchAll } from '../../../facts';
import { nameWords } from '../../../facts/secretNames';
import { isComposePath } from '../../../facts/compose';
import { isDockerfilePath } from '../../../facts/dockerfiles';
import type { Facts } from '../../../facts';
import { expressionAt, holdsWildcard, isDevelopmentName, isTruthy, Literal, literalText, Resolved, valuesOf } from '../../../facts/values';
import { syntaxTree } from '../../../facts/syntax';
import { defineRule, outcome } from '../../types';
import { isCodeAtOffset, isCommentLine, isGeneratedText, isProse, isUiComponentPath } from '../../../facts/codeSearch';
import { findingAt } from '../shared';
import { developmentConfigReason } from '../../../facts/configProfiles';
import { wildcardHeaderValue } from './headerValues';
import { goConfigDefaults } from '../../../facts/goConfigDefaults';

interface Detector {
  pattern: RegExp;
  message: string;
  /** Only where the file passes this test (imports the library, is the right kind of file). */
  when?: (file: SourceFile) => boolean;
  /** The match starts inside a string by design (a header name), so it is not checked for being live code. */
  quoted?: boolean;
}

const JS = (file: SourceFile) => ['javascript', 'typescript'].includes(languageOf(file.path) ?? '');
const PY = (file: SourceFile) => languageOf(file.path) === 'python';
const GO = (file: SourceFile) => languageOf(file.path) === 'go';
const JVM = (file: SourceFile) => ['java', 'kotlin', 'scala'].includes(languageOf(file.path) ?? '');
const mentionsCors = (file: SourceFile) => /cors/i.test(file.text);

/** Bundler and dev-server configuration files (webpack, Vite, Vue CLI, Rspack…) and create-react-app's dev proxy. */
const BUNDLER_CONFIG = /^(?:(?:webpack|vite|vitest|vue|rspack|rsbuild|svelte|astro|nuxt|quasar)(?:[.-][\w.-]*)?\.config|webpack(?:[.-][\w-]+)*|setupProxy)\.[cm]?[jt]s$/i;
/** Keys of a bundler configuration whose object configures the development server or its proxy. */
const DEV_SERVER_KEY = /^(?:devServer|server|proxy|hmr)$/;

/**
 * Whether an offset of a JavaScript file lies in a development server's settings: a webpack `devServer`
 * object anywhere, or a `server`/`proxy` object of a bundler configuration file (Vite `server.headers`).
 * That server only serves local development, never production traffic.
 */
function inDevServerBlock(file: SourceFile, offset: number): boolean {
  const bundler = BUNDLER_CONFIG.test(basename(file.path));
  if (bundler && /setupProxy/i.test(basename(file.path))) return true;
  let depth = 0;
  for (let i = offset - 1; i >= 0; i--) {
    const c = file.text[i];
    if (c === '}') depth++;
    else if (c === '{') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const key = /([A-Za-z_$][\w$]*)['"]?\s*:\s*$/.exec(file.text.slice(Math.max(0, i - 80), i))?.[1];
      if (key === 'devServer' || (bundler && key && DEV_SERVER_KEY.test(key))) return true;
    }
  }
  return false;
}

/**
 * Whether a header set at `offset` belongs to responses of public static files: inside the `setHeaders` callback
 * of a static file server, or beside a `Cache-Control: public` header of the same response. Fonts, images and
 * translation files are served to any origin on purpose; the server's default policy is set elsewhere.
 */
function onPublicAssets(file: SourceFile, offset: number): boolean {
  const before = file.text.slice(Math.max(0, offset - 300), offset);
  if (/\bsetHeaders\s*[:(]/.test(before)) return true;
  const lineStart = file.text.lastIndexOf('\n', offset);
  let start = lineStart;
  for (let i = 0; i < 5 && start > 0; i++) start = file.text.lastIndexOf('\n', start - 1);
  let end = offset;
  for (let i = 0; i < 6 && end !== -1; i++) end = file.text.indexOf('\n', end + 1);
  const around = file.text.slice(Math.max(0, start), end === -1 ? undefined : end);
  return /Cache-Control['"`]?\s*[,:]\s*[`'"][^`'"]*\bpublic\b|max-age=\$\{[^}]*\}[^\n]*\bpublic\b|\bpublic,\s*max-age/i.test(around);
}

const DETECTORS: Detector[] = [
  {
    // `.Set("Access-Control-Allow-Origin", "*")`, `{ 'Access-Control-Allow-Origin': '*' }`, `headers['Access-Control-Allow-Origin'] = '*'`,
    // and the header's constants: Spring `HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN`, ASP.NET Core `HeaderNames.AccessControlAllowOrigin`
    // and `Headers.AccessControlAllowOrigin = "*"`.
    pattern: /(?:Access-Control-Allow-Origin['"]?\s*\]?|\b(?:ACCESS_CONTROL_ALLOW_ORIGIN|AccessControlAllowOrigin)\b)\s*(?:,|:|=>|=|\s)\s*@?['"`]?\*(?![\w*])/gi,
    message: 'The Access-Control-Allow-Origin header is set to *',
    quoted: true,
  },
  // Node: option objects of cors, @fastify/cors, socket.io, enableCors
  {
    pattern: /\borigin\s*:\s*(?:['"`]\*['"`]|true\b|\[\s*['"`]\*['"`]\s*\])/g,
    message: 'CORS is configured with origin * (or true, which reflects any origin)',
    when: f => JS(f) && mentionsCors(f),
  },
  {
    pattern: /\.enableCors\(\s*\)/g,
    message: 'enableCors() with no options allows every origin',
    when: JS,
  },
  {
    pattern: /\bcors\s*:\s*true\b/g,
    message: 'cors: true allows every origin',
    // NestJS, routing-controllers (`createExpressServer({ cors: true })` calls cors() with no options), socket.io, serverless.
    when: f => (JS(f) && /NestFactory|createServer|new Server|socket\.io|routing-controllers/.test(f.text)) || /^serverless\.ya?ml$/.test(basename(f.path)),
  },
  {
    pattern: /\.register\(\s*(?:cors|fastifyCors|require\(\s*['"]@fastify\/cors['"]\s*\))\s*\)/g,
    message: '@fastify/cors registered with no options allows every origin',
    when: JS,
  },
  // Python
  {
    pattern: /\ballow_origins\s*=\s*\[\s*['"]\*['"]\s*\]|\ballow_origin_regex\s*=\s*r?['"]\.\*['"]/g,
    message: 'CORSMiddleware allows every origin (allow_origins=["*"])',
    when: PY,
  },
  {
    pattern: /\b\w*origins?\w*\s*=\s*\[\s*['"]\*['"]\s*\]/gi,
    message: 'The allowed CORS origins are ["*"]',
    when: f => mentionsCors(f) && !JS(f),
  },
  {
    pattern: /\bCORS\(\s*\w+\s*(?:,\s*(?:supports_credentials|send_wildcard|max_age|allow_headers|expose_headers|methods)\s*=\s*[^,)]+\s*)*\)/g,
    message: 'Flask-CORS with no origins allows every origin',
    when: f => PY(f) && /flask_cors/.test(f.text),
  },
  {
    pattern: /@cross_origin\(\s*\)|\b(?:origins|cors_allowed_origins)\s*=\s*['"]\*['"]|['"]origins['"]\s*:\s*['"]\*['"]/g,
    message: 'CORS allows every origin (origins="*")',
    when: PY,
  },
  {
    pattern: /\b(?:CORS_ALLOW_ALL_ORIGINS|CORS_ORIGIN_ALLOW_ALL)\s*=\s*True\b/g,
    message: 'django-cors-headers allows every origin',
    when: PY,
  },
  // Spring and other JVM servers
  {
    pattern: /@CrossOrigin\b(?!\s*\()|@CrossOrigin\(\s*\)|@CrossOrigin\([^)]*\b(?:origins|value|originPatterns)\s*=\s*(?:\{\s*)?"\*"/g,
    message: '@CrossOrigin without explicit origins allows every origin',
    when: JVM,
  },
  {
    pattern: /\.(?:allowedOrigins|allowedOriginPatterns|addAllowedOrigin|addAllowedOriginPattern)\(\s*"\*"\s*\)|\.setAllowed(?:Origins|OriginPatterns)\(\s*(?:(?:[\w.]*\.)?(?:of|asList|singletonList|listOf|mutableListOf|arrayListOf))\(\s*"\*"\s*\)\s*\)|\ballowed(?:Origins|OriginPatterns)\s*=\s*(?:listOf|mutableListOf|arrayListOf|(?:[\w.]*\.)?(?:of|asList))\(\s*"\*"\s*\)/g,
    message: 'The CORS configuration allows every origin ("*")',
    when: JVM,
  },
  {
    pattern: /^\s*[\w.-]*(?:allowed-origins|allowedOrigins|allowed-origin-patterns|allowedOriginPatterns|cors\.origins|cors-origins|cors_origins)\s*[:=]\s*['"]?\*['"]?\s*$/gim,
    message: 'The CORS configuration allows every origin ("*")',
    when: f => ['.yml', '.yaml', '.properties', '.toml', '.conf'].includes(extname(f.path)),
  },
  // Go
  {
    // rs/cors and gin-contrib cors.Default(), rs/cors cors.AllowAll(), ozzo-routing's cors.AllowAll options.
    pattern: /\bcors\.Default\(\)|\bcors\.AllowAll\b|\bAllowAllOrigins\s*:\s*true\b|\bAllow(?:ed)?Origins\s*:\s*(?:\[\]string\{\s*"\*"\s*\}|"\*")/g,
    message: 'The CORS middleware allows every origin',
    when: GO,
  },
  {
    pattern: /\bmiddleware\.CORS\(\)/g,
    message: "Echo's CORS middleware with the default config allows every origin",
    when: f => GO(f) && /labstack\/echo/.test(f.text),
  },
  {
    pattern: /\bcors\.New\(\s*\)/g,
    message: "Fiber's CORS middleware with the default config allows every origin",
    when: f => GO(f) && /gofiber\/fiber/.test(f.text),
  },
  // ASP.NET Core
  {
    pattern: /\.AllowAnyOrigin\(\)|\.SetIsOriginAllowed\(\s*\(?\s*\w*\s*\)?\s*=>\s*true\s*\)/g,
    message: 'The CORS policy allows any origin',
    when: f => languageOf(f.path) === 'csharp',
  },
  // Shell and compose defaults: ${CORS_ORIGINS:-*}
  {
    pattern: /\$\{\w*(?:CORS|ORIGIN)\w*:?-\*\}/g,
    message: 'The allowed CORS origins default to *',
    when: f => isComposePath(f.path) || isDockerfilePath(f.path) || /\.(sh|bash)$/.test(f.path),
  },
];

/**
 * Go CORS middlewares whose options fall back to every origin when they name none: rs/cors and go-chi/cors
 * (`cors.New(cors.Options{…})`, `cors.Handler(cors.Options{…})`), Echo (`middleware.CORSWithConfig(middleware.CORSConfig{…})`)
 * and Fiber (`cors.New(cors.Config{…})`). gin-contrib/cors refuses a config without origins and ozzo-routing allows none.
 */
const GO_CORS_DEFAULT_ALL: Array<{ module: RegExp; callee: RegExp; options: RegExp; name: string }> = [
  { module: /^github\.com\/(?:rs|go-chi)\/cors$/, callee: /^cors\.(?:New|Handler)$/, options: /^cors\.Options$/, name: 'cors.Options' },
  { module: /^github\.com\/labstack\/echo(?:\/v\d+)?\/middleware$/, callee: /^middleware\.CORSWithConfig$/, options: /^middleware\.CORSConfig$/, name: 'middleware.CORSConfig' },
  { module: /^github\.com\/gofiber\/fiber(?:\/v\d+)?\/middleware\/cors$/, callee: /^cors\.New$/, options: /^cors\.Config$/, name: 'cors.Config' },
];
/** Option fields that choose the origins: a list, a flag or a function deciding per origin. */
const GO_ORIGIN_FIELD = /^(?:AllowedOrigins|AllowOrigins|AllowAllOrigins|AllowOriginFunc|AllowOriginsFunc|AllowOriginRequestFunc|AllowOriginVaryRequestFunc)$/;

/** Go CORS option literals that name no origins, where the middleware then allows every origin. */
function scanGoDefaults(facts: Facts, file: SourceFile, add: (file: SourceFile, line: number, message: string) => void): void {
  if (!/cors/i.test(file.text)) return;
  const tree = syntaxTree(facts, file);
  if (!tree) return;
  const modules = tree.imports().map(i => i.source);
  for (const lib of GO_CORS_DEFAULT_ALL) {
    if (!modules.some(m => lib.module.test(m))) continue;
    for (const call of tree.calls()) {
      if (!lib.callee.test(call.callee)) continue;
      const options = call.args[0];
      if (!options || options.kind() !== 'composite_literal' || !lib.options.test(options.field('type')?.text() ?? '')) continue;
      const fields = options.field('body')?.children().filter(c => c.kind() === 'keyed_element') ?? [];
      const keys = fields.map(f => f.children().find(c => c.isNamed())?.text().trim() ?? '');
      if (keys.some(k => GO_ORIGIN_FIELD.test(k))) continue;
      add(file, call.line, `${call.callee}(${lib.name}{…}) names no allowed origins, so the middleware allows every origin`);
    }
  }
}

/** The local names a file gives the cors middleware factory, for `cors()` calls with no options. */
function corsFactoryNames(file: SourceFile): string[] {
  const names: string[] = [];
  const re =
    /import\s+(\w+)\s+from\s+['"](?:cors|@koa\/cors|koa2-cors)['"]|import\s*\{[^}]*\bcors(?:\s+as\s+(\w+))?[^}]*\}\s*from\s+['"]hono\/cors['"]|(?:const|let|var)\s+(\w+)\s*=\s*require\(\s*['"](?:cors|@koa\/cors|koa2-cors)['"]\s*\)/g;
  for (const m of file.text.matchAll(re)) {
    const name = m[1] ?? m[2] ?? m[3] ?? (m[0].includes('hono/cors') ? 'cors' : undefined);
    if (name) names.push(name);
  }
  return names;
}

/** Where a CORS setting takes an expression, and which values of it allow every origin. */
interface ValueSite {
  pattern: RegExp;
  when: (file: SourceFile) => boolean;
  allowsAll: (value: Literal | undefined) => boolean;
  what: string;
}

const WILDCARD_OR_TRUE = (v: Literal | undefined) => holdsWildcard(v) || (v?.kind === 'boolean' && v.value);

const VALUE_SITES: ValueSite[] = [
  { pattern: /\b(?:allow_origins|origins|cors_allowed_origins)\s*=\s*(?!=)/g, when: f => PY(f) && mentionsCors(f), allowsAll: holdsWildcard, what: 'The allowed CORS origins come from' },
  { pattern: /^[ \t]*(?:CORS_ALLOW_ALL_ORIGINS|CORS_ORIGIN_ALLOW_ALL)\s*=\s*(?!=)/gm, when: PY, allowsAll: isTruthy, what: 'django-cors-headers allows every origin through' },
  { pattern: /\borigin\s*:\s*/g, when: f => JS(f) && mentionsCors(f), allowsAll: WILDCARD_OR_TRUE, what: 'The CORS origin option comes from' },
  // A CORS origins setting of the app's configuration (`corsOrigins: (process.env.CORS_ORIGINS || '*').split(',')`), outside development configs.
  {
    pattern: /(?<![\w$.])['"]?[\w$]*?(?:cors[_-]?(?:allowed[_-]?)?origins?|allowed[_-]?origins?)['"]?[ \t]*(?::|=(?![=>]))[ \t]*/gi,
    when: f => JS(f) && !isDevelopmentPath(f.path),
    allowsAll: holdsWildcard,
    what: 'The allowed CORS origins come from',
  },
  {
    pattern: /\.(?:allowedOrigins|allowedOriginPatterns|addAllowedOrigin|addAllowedOriginPattern|setAllowedOrigins|setAllowedOriginPatterns)\(\s*|@CrossOrigin\([^)]*?\b(?:origins|value|originPatterns)\s*=\s*/g,
    when: JVM,
    allowsAll: holdsWildcard,
    what: 'The allowed CORS origins come from',
  },
  { pattern: /\bAllow(?:ed)?Origins\s*:\s*/g, when: f => GO(f) && mentionsCors(f), allowsAll: holdsWildcard, what: 'The allowed CORS origins come from' },
  { pattern: /\.WithOrigins\(\s*/g, when: f => languageOf(f.path) === 'csharp', allowsAll: holdsWildcard, what: 'The allowed CORS origins come from' },
];

/** `cors = CORS()` created without options, for an application factory's `cors.init_app(app)`. */
const FLASK_CORS_EXTENSION = /^[ \t]*(\w+)\s*=\s*CORS\(\s*\)/gm;
/** Flask-CORS settings of the application's configuration that name origins or resources. */
const FLASK_CORS_ORIGIN_SETTING = /\bCORS_(?:ORIGINS|RESOURCES)\b/;

/**
 * Flask-CORS set up through an application factory, `cors = CORS()` then `cors.init_app(app)` with no origins, and no
 * `CORS_ORIGINS` or `CORS_RESOURCES` in the project's configuration: every origin is allowed.
 */
function scanFlaskCorsFactory(facts: Facts, file: SourceFile, add: (file: SourceFile, line: number, message: string) => void): void {
  for (const extension of file.text.matchAll(FLASK_CORS_EXTENSION)) {
    const init = new RegExp(`\\b${extension[1]}\\.init_app\\(\\s*[\\w.]+\\s*(?:,\\s*(?:supports_credentials|send_wildcard|max_age|allow_headers|expose_headers|methods)\\s*=\\s*[^,)]+\\s*)*\\)`, 'g');
    for (const { line, match } of matchAll(file, init)) {
      if (isCommentLine(lineOf(file, line)) || !isCodeAtOffset(file, match.index)) continue;
      if (facts.files.some(f => PY(f) && !isTestFile(f.path) && FLASK_CORS_ORIGIN_SETTING.test(f.text))) return;
      add(file, line, 'Flask-CORS is initialised with no origins (and no CORS_ORIGINS setting), so it allows every origin');
    }
  }
}

/** A file of development configuration by its name or folder (`config/development.ts`, `config/dev/cors.ts`). */
function isDevelopmentPath(path: string): boolean {
  return path.split('/').some(part => isDevelopmentName(part.replace(/\.[^.]*$/, '')));
}

/** A read of a Flask application's own configuration with a fallback: `app.config.get('CORS_ORIGINS', '*')`. */
const APP_CONFIG_READ = /\b(?:current_app|app|self\.app|application|flask_app)\.config\.get\(\s*['"](?<key>\w+)['"]/;

/**
 * The values the project's configuration classes give a key (`class Config: CORS_ORIGINS = [...]`), or
 * undefined when no class outside development and tests sets it: then a configuration read's fallback is
 * what production gets.
 */
function configuredValues(facts: Facts, key: string): Resolved[] | undefined {
  const values = valuesOf(facts);
  let set = false;
  const out: Resolved[] = [];
  for (const file of facts.files) {
    if (languageOf(file.path) !== 'python' || isTestFile(file.path) || !file.text.includes(key)) continue;
    for (const binding of values.bindings(file.path)) {
      if (binding.name !== key || !binding.owner || binding.conditional || binding.owner.split('.').some(isDevelopmentName)) continue;
      set = true;
      out.push(...values.valueOf(binding));
    }
  }
  return set ? out : undefined;
}

/**
 * A resolved value as production gets it: the fallback of an application-configuration read stands only
 * when no configuration class sets the key; otherwise the values that classes give it.
 */
function productionValues(facts: Facts, value: Resolved): Resolved[] {
  if (!value.env) return [value];
  const file = facts.file(value.path);
  const read = file ? APP_CONFIG_READ.exec(lineOf(file, value.line)) : null;
  if (read?.groups?.key !== value.env) return [value];
  return configuredValues(facts, value.env) ?? [value];
}

/**
 * CORS settings given as an expression that resolves to every origin: a
 * setting whose default is `["*"]` (`allow_origins=settings.allowed_hosts`),
 * an allow-all flag that follows another setting defaulting to on
 * (`CORS_ALLOW_ALL_ORIGINS = DEBUG`), a constant list holding `*`.
 */
function scanResolvedSettings(
  facts: Facts,
  file: SourceFile,
  seen: Set<string>,
  add: (file: SourceFile, line: number, message: string) => void,
): void {
  const values = valuesOf(facts);
  for (const site of VALUE_SITES) {
    if (!site.when(file)) continue;
    for (const { line, match } of matchAll(file, site.pattern)) {
      const start = match.index + match[0].length;
      if (isCommentLine(lineOf(file, line)) || !isCodeAtOffset(file, match.index)) continue;
      const expression = expressionAt(file, start).trim();
      if (!expression) continue;
      const owner = values.ownerAt(file.path, start);
      if (owner && owner.split('.').some(isDevelopmentName)) continue;
      const hit = values
        .resolve(file.path, start, expression, owner)
        .flatMap(v => productionValues(facts, v))
        .find(v => site.allowsAll(v.value));
      // A wildcard already reported where it is written needs no second finding where it is used.
      if (hit && !seen.has(`${hit.path}:${hit.line}`)) add(file, line, `${site.what} ${shorten(expression)}, which is ${literalText(hit.value)} by default${where(hit, file.path, line)}`);
    }
  }
}

function shorten(expression: string): string {
  const one = expression.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 60)}…` : one;
}

function where(value: Resolved, path: string, line: number): string {
  if (value.path === path && value.line === line) return value.env ? ` (${value.env} unset)` : '';
  return ` (${value.env ? `${value.env} unset, ` : ''}${value.path}:${value.line})`;
}

/**
 * Why a settings module is for development or tests: named so and not loaded by default, or named so beside a settings
 * module named for production (`settings/dev.py` beside `settings/prod.py`), which deployments select instead.
 */
function developmentSettingsReason(facts: Facts, path: string): string | undefined {
  const name = basename(path);
  if (!nameWords(name.replace(/\.[^.]*$/, '')).some(isDevelopmentName)) return undefined;
  const reason = developmentConfigReason(facts, path);
  if (reason) return reason;
  const production = facts.files.find(f => dirname(f.path) === dirname(path) && /^(?:prod|production|live)\.py$/i.test(basename(f.path)));
  return production ? `in ${name}, settings for development beside the production ${basename(production.path)}` : undefined;
}

/**
 * Why a Python middleware class is not part of the production stack: the only settings modules that list it (by its
 * dotted path, in Django's `MIDDLEWARE`) are for development or tests (`settings/dev.py`). Undefined when the offset
 * is in no class, nothing lists the class, or a production settings module lists it.
 */
function developmentMiddlewareReason(facts: Facts, file: SourceFile, offset: number): string | undefined {
  if (!PY(file)) return undefined;
  const cls = valuesOf(facts).ownerAt(file.path, offset)?.split('.')[0];
  if (!cls) return undefined;
  const module = file.path.replace(/\.py$/, '').replace(/\/__init__$/, '').split('/').pop()!;
  const reference = new RegExp(`['"](?:[\\w.]+\\.)?${module}\\.${cls}['"]`);
  const listing = facts.files.filter(f => PY(f) && !isTestFile(f.path) && f.path !== file.path && reference.test(f.text));
  if (listing.length === 0) return undefined;
  const reasons = listing.map(f => developmentSettingsReason(facts, f.path));
  return reasons.every(Boolean) ? `the middleware ${cls} is only installed ${reasons[0]}` : undefined;
}

/** A write of the Access-Control-Allow-Origin header, up to where its value starts (a call's argument, an entry, an assignment). */
const ORIGIN_HEADER_WRITE =
  /(?:(['"`])Access-Control-Allow-Origin\1\s*\]?\s*(?:,|:|=>|=(?![=>]))|\b(?:ACCESS_CONTROL_ALLOW_ORIGIN|AccessControlAllowOrigin)\b\s*(?:,|=(?![=>])))[ \t]*/gi;

/**
 * The header written in code with a value that is not a literal (`strings.Join(m.allowedOrigins, ", ")`, `origin`,
 * `settings.CORS_ORIGIN`), where that value allows every origin when nothing is configured: through constants and
 * settings, and through the parameters and fields that hand it over from the code that builds the middleware.
 */
function scanHeaderValues(facts: Facts, file: SourceFile, seen: Set<string>, add: (file: SourceFile, line: number, message: string, low?: boolean) => void): void {
  for (const { line, match } of matchAll(file, ORIGIN_HEADER_WRITE)) {
    if (seen.has(`${file.path}:${line}`) || isCommentLine(lineOf(file, line)) || !isCodeAtOffset(file, match.index)) continue;
    const start = match.index + match[0].length;
    const expression = expressionAt(file, start).trim();
    // Literals are the detectors' to judge.
    if (!expression || /^@?['"`]/.test(expression)) continue;
    if (JS(file) && inDevServerBlock(file, match.index)) continue;
    const hit = wildcardHeaderValue(facts, file, start, expression);
    if (!hit) continue;
    const message = `The Access-Control-Allow-Origin header is set from ${shorten(expression)}, which is ${literalText(hit.value)}${where(hit, file.path, line)}`;
    const development = developmentMiddlewareReason(facts, file, match.index);
    if (onPublicAssets(file, match.index)) add(file, line, `${message} on public static files (cacheable by anyone), not as the server's default`, true);
    else if (development) add(file, line, `${message} (${development}, not the default: lower confidence)`, true);
    else add(file, line, message);
  }
}

const ORIGIN_SETTING = /(?:CORS|ALLOWED_ORIGIN|ALLOW_ORIGIN|ORIGINS)/i;
const WILDCARD_LIST = /^\s*\*\s*$|^\s*\*\s*,|,\s*\*\s*$|^\[\s*['"]?\*['"]?\s*\]$/;

export default defineRule({
  id: 'security/cors-wildcard',
  category: 'security',
  severity: 'high',
  title: 'CORS does not allow every origin',
  description:
    'Fails when a server allows any origin by default: the `Access-Control-Allow-Origin` header set to `*` (a call such as `w.Header().Set(…)` or `res.setHeader(…)`, an object entry, an index assignment such as `response.headers[…] = …`, or the header\'s constant such as `HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN`), also when its value is an expression that is `*` by default: a constant or setting, or a parameter or field handed over by the code that builds the middleware, as in `NewCORSMiddleware([]string{"*"})` with callers in tests not counted; express/koa/hono `cors()` with no options, `origin: "*"` or `origin: true`, NestJS or routing-controllers `cors: true`, `allow_origins=["*"]`, Flask-CORS without origins (also `CORS()` then `cors.init_app(app)` with no `CORS_ORIGINS` setting), `CORS_ALLOW_ALL_ORIGINS = True`, a bare `@CrossOrigin`, `allowedOrigins("*")`, `cors.Default()`, `cors.AllowAll`, Go CORS options (rs/cors, chi, echo, fiber) that name no origins, `AllowAnyOrigin()`, or a CORS origins setting that defaults to `*` (an origins field of a Go configuration struct whose struct-tag default is `*`, `conf:"default:*"` or `envDefault:"*"`, read by code outside tests; an environment read whose final fallback is `*`, also through `||` chains and `.split(",")` with per-item cleanup; a Flask `app.config.get("CORS_ORIGINS", "*")` only when no configuration class outside development and tests sets the key). The header on public static files only (in a static file server\'s `setHeaders`, or beside `Cache-Control: public`) is a low-confidence note: fonts, images and translations are served to any origin on purpose. A header or `cors` option in a development server\'s settings (a webpack `devServer`, the `server` or `proxy` of a Vite or other bundler configuration, a create-react-app `setupProxy.js`) only serves local development and is not counted. A setting in configuration for development only (a Spring profile such as `application-dev.yml` that is not activated by default, a .NET `appsettings.Development.json`, a `settings/dev.py`), and a Python middleware class that sets the header but is listed only in such settings (a `settings/dev.py`, also one the WSGI entry falls back to when a `settings/prod.py` sits beside it), is a low-confidence note.',
  rationale:
    'With every origin allowed, any web page a user visits can call the API from their browser and read the responses. Combined with cookies or tokens the browser sends automatically, that exposes user data to any site; even without credentials it removes a layer that stops cross-site abuse of internal and authenticated APIs.',
  remediation:
    'List the origins that may call the API (the application\'s own front-ends), read the list from configuration per environment, and fail closed when it is empty. Keep `*` only for genuinely public, credential-free endpoints, and scope it to those routes.',
  evaluate(facts) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const add = (file: SourceFile, line: number, message: string, low = false) => {
      const key = `${file.path}:${line}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({ ...findingAt(file, line, message, lineOf(file, line)), ...(low ? { confidence: 'low' as const } : {}) });
    };

    for (const file of facts.files) {
      if (isTestFile(file.path) || isProse(file.path) || isUiComponentPath(file.path) || isGeneratedText(file)) continue;
      const writesHeader = /Access-Control-Allow-Origin|AccessControlAllowOrigin|ACCESS_CONTROL_ALLOW_ORIGIN/i.test(file.text);
      if (!writesHeader && !/\*|cors|CrossOrigin|AllowAnyOrigin/i.test(file.text)) continue;
      for (const detector of DETECTORS) {
        if (detector.when && !detector.when(file)) continue;
        for (const { line, match } of matchAll(file, detector.pattern)) {
          if (isCommentLine(lineOf(file, line))) continue;
          // A quoted header name must be a string of its own, not words inside a longer message.
          const at = detector.quoted && /['"`]/.test(file.text[match.index - 1] ?? '') ? match.index - 1 : match.index;
          if (languageOf(file.path) && !isCodeAtOffset(file, at)) continue;
          if (JS(file) && inDevServerBlock(file, match.index)) continue;
          if (detector.quoted && onPublicAssets(file, match.index)) {
            add(file, line, `${detector.message} on public static files (cacheable by anyone), not as the server's default`, true);
            continue;
          }
          // A Spring profile, .NET environment or settings file for development only (`application-dev.yml`) is not the default.
          const development = developmentConfigReason(facts, file.path, line) ?? developmentMiddlewareReason(facts, file, match.index);
          if (development) {
            add(file, line, `${detector.message} (${development}, not the default: lower confidence)`, true);
            continue;
          }
          add(file, line, detector.message);
        }
      }
      if (languageOf(file.path) && /cors|CrossOrigin|Origin/i.test(file.text)) scanResolvedSettings(facts, file, seen, add);
      if (PY(file) && /flask_cors/.test(file.text)) scanFlaskCorsFactory(facts, file, add);
      if (GO(file)) scanGoDefaults(facts, file, add);
      if (writesHeader && languageOf(file.path)) scanHeaderValues(facts, file, seen, add);
      if (JS(file)) {
        for (const name of corsFactoryNames(file)) {
          for (const { line, match } of matchAll(file, new RegExp(`(?<![\\w.$]|function\\s+)${name.replace(/\$/g, '\\$')}\\(\\s*\\)(?!\\s*(?:\\{|=>|:))`, 'g'))) {
            if (isCommentLine(lineOf(file, line)) || !isCodeAtOffset(file, match.index)) continue;
            add(file, line, `${name}() with no options allows every origin`);
          }
        }
      }
    }

    for (const read of facts.envReads) {
      if (read.fallback === undefined || !ORIGIN_SETTING.test(read.name) || !WILDCARD_LIST.test(read.fallback)) continue;
      if (isTestFile(read.path) || isDevelopmentPath(read.path)) continue;
      const file = facts.file(read.path);
      if (file) add(file, read.line, `${read.name} defaults to * (every origin) when it is not configured`);
    }
    // Go configuration structs whose origins setting defaults to `*` (`CORSAllowedOrigins []string `conf:"default:*"``),
    // where some code reads the setting.
    const goDefaults = goConfigDefaults(facts).filter(d => ORIGIN_SETTING.test(d.key) && d.value.split(/[,;\s]+/).includes('*'));
    for (const d of goDefaults) {
      const file = facts.file(d.path);
      if (!file || isDevelopmentPath(d.path)) continue;
      // A selector of the field (`cfg.Web.CORSAllowedOrigins`): its declaration has none.
      const use = new RegExp(`\\.${d.field}\\b`);
      const read = facts.files.some(f => GO(f) && !isTestFile(f.path) && f.text.includes(`.${d.field}`) && use.test(f.text));
      if (read) add(file, d.line, `${d.env ?? d.key} defaults to * (every origin) when it is not configured`);
    }
    for (const compose of facts.compose) {
      const file = facts.file(compose.path);
      if (!file) continue;
      for (const service of compose.services) {
        for (const env of service.environment) {
          if (env.value === undefined || !ORIGIN_SETTING.test(env.key) || !WILDCARD_LIST.test(env.value)) continue;
          add(file, env.line ?? service.line ?? 1, `Service ${service.name} sets ${env.key} to * (every origin)`);
        }
      }
    }
    for (const env of facts.envFiles) {
      if (env.kind !== 'real' || !/prod/i.test(basename(env.path))) continue;
      const file = facts.file(env.path);
      if (!file) continue;
      for (const entry of env.entries) {
        if (ORIGIN_SETTING.test(entry.key) && WILDCARD_LIST.test(entry.value)) {
          add(file, entry.line, `${entry.key} is * (every origin) in the production environment file`);
        }
      }
    }

    if (findings.length === 0 && facts.stack.servers.length === 0) {
      return outcome.notApplicable('no server application');
    }
    return outcome.fromFindings(findings);
  },
});
