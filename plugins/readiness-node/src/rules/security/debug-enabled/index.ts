import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../../snapshot';
import type { Facts } from '../../../facts';
import { basename, dirname, isLowConfidencePath, isTestFile, joinPath, languageOf, lineOf, lineOfOffset, matchAll } from '../../../facts';
import { besideProductionVariant, DockerfileFact } from '../../../facts/dockerfiles';
import { asArray, asRecord, asString, parseYamlFile } from '../../../facts/yamlDoc';
import { expressionAt, isDevelopmentName, isTestName, isTruthy, Literal, Resolved, valuesOf } from '../../../facts/values';
import { defineRule, outcome } from '../../types';
import { isCodeAtOffset, isCommentLine, isGeneratedText } from '../../../facts/codeSearch';
import { nameWords } from '../../../facts/secretNames';
import { findingAt } from '../shared';
import { nestConfigKeyOf, nestConfigValues } from '../../../facts/nestConfig';
import { scanDevServerImages } from './devServer';

interface Detector {
  pattern: RegExp;
  message: string;
  languages: string[];
}

const TRUTHY = /^(?:1|true|yes|on)$/i;

/** Calls whose keyword arguments switch debug on, and what to say about them. */
const DEBUG_CALLS: Array<{ call: RegExp; argument: RegExp; message: string }> = [
  {
    call: /\.run\(/g,
    argument: /\b(?:debug|use_debugger)\s*=\s*True\b/,
    message: 'The server is started with debug=True',
  },
  {
    call: /\b(?:Flask|FastAPI|Starlette|Sanic|Application|web\.Application|Quart)\(/g,
    argument: /\bdebug\s*=\s*True\b/,
    message: 'The application is created with debug=True',
  },
  {
    call: /\.config\.update\(/g,
    argument: /\b(?:DEBUG|FLASK_DEBUG)\s*=\s*True\b/,
    message: 'Flask debug mode is switched on in code',
  },
];

/** `host="127.0.0.1"`, `host='localhost'`: a server that listens on the loopback address only. */
const LOOPBACK_HOST_ARGUMENT = /\bhost\s*=\s*['"](?:127\.0\.0\.1|localhost|::1)['"]/;

const CODE_DETECTORS: Detector[] = [
  {
    pattern: /\bapp\.debug\s*=\s*True\b|\bapp\.config\[\s*['"](?:DEBUG|FLASK_DEBUG)['"]\s*\]\s*=\s*True\b/g,
    message: 'Flask debug mode is switched on in code',
    languages: ['python'],
  },
  {
    pattern: /\bgin\.SetMode\(\s*gin\.DebugMode\s*\)/g,
    message: 'Gin is forced into debug mode',
    languages: ['go'],
  },
];

/** The argument text of a call whose opening parenthesis ends at `open`, across nested calls and strings. */
function callArguments(text: string, open: number): string {
  let depth = 0;
  let quote = '';
  const stop = Math.min(text.length, open + 4000);
  for (let i = open; i < stop; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth += 1;
    else if (ch === ')') {
      depth -= 1;
      if (depth === 0) return text.slice(open + 1, i);
    }
  }
  return '';
}

/** Top-level keyword arguments only: `debug=True` inside a nested call does not count. */
function topLevel(args: string): string {
  let depth = 0;
  let out = '';
  let quote = '';
  for (const ch of args) {
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth += 1;
    else if (ch === ')' || ch === ']' || ch === '}') depth -= 1;
    else if (depth === 0) out += ch;
  }
  return out;
}

/** Settings that switch debug mode on. */
const DEBUG_SETTINGS = new Set(['DEBUG', 'debug', 'TEMPLATE_DEBUG']);

/** Settings files and classes that are meant for development only. */
const DEV_WORDS = /^(dev|develop|development|local|test|tests|testing|ci|debug|sandbox)$/i;

/** Where a resolved value comes from, for a message: nothing when it is written on the line itself. */
function origin(value: Resolved, path: string, line: number): string {
  const here = value.path === path && value.line === line;
  if (value.env) return here ? ` (${value.env})` : ` (${value.env}, ${value.path}:${value.line})`;
  return here ? '' : ` (${value.path}:${value.line})`;
}

/** Settings modules named for production. */
const PRODUCTION_WORDS = /^(prod|production|live)$/i;

/** Where a deployment names its settings module: `DJANGO_SETTINGS_MODULE=pkg.settings.production`, `--settings=pkg.settings.prod`. */
const SETTINGS_SELECTION = /\b(?:DJANGO_SETTINGS_MODULE['"]?\s*[=:,]\s*|--settings[=\s]+)['"]?(?<module>[A-Za-z_][\w.]*)/g;

/** The Python file of a dotted module name, wherever its package sits in the repository. */
function moduleFile(facts: Facts, dotted: string): string | undefined {
  const stem = dotted.split('.').join('/');
  return facts.files.find(f => f.path === `${stem}.py` || f.path.endsWith(`/${stem}.py`))?.path;
}

/** Settings modules that a production deployment selects through DJANGO_SETTINGS_MODULE (or `--settings`). */
function selectedSettingsModules(facts: Facts): string[] {
  const names: string[] = [];
  for (const dockerfile of facts.dockerfiles) {
    if (!dockerfile.finalStage || isDevDockerfile(dockerfile.path) || isLowConfidencePath(dockerfile.path)) continue;
    for (const instruction of dockerfile.finalStage.instructions) {
      if (!['ENV', 'CMD', 'ENTRYPOINT', 'RUN'].includes(instruction.keyword)) continue;
      for (const m of instruction.args.matchAll(SETTINGS_SELECTION)) names.push(m.groups!.module);
    }
  }
  for (const compose of facts.compose) {
    if (isDevelopmentName(basename(compose.path).replace(/\.ya?ml$/, '')) || isLowConfidencePath(compose.path)) continue;
    for (const service of compose.services) {
      for (const env of service.environment) if (env.key === 'DJANGO_SETTINGS_MODULE' && env.value) names.push(env.value);
    }
  }
  for (const env of facts.envFiles) {
    if (env.kind !== 'real' || isDevelopmentName(basename(env.path)) || isLowConfidencePath(env.path)) continue;
    for (const entry of env.entries) if (entry.key === 'DJANGO_SETTINGS_MODULE') names.push(entry.value.replace(/^['"]|['"]$/g, ''));
  }
  for (const file of facts.files) {
    if (!/^(?:Procfile|app\.json|heroku\.yml|fly\.toml|render\.yaml|app\.ya?ml)$/.test(basename(file.path)) || isLowConfidencePath(file.path)) continue;
    for (const m of file.text.matchAll(SETTINGS_SELECTION)) names.push(m.groups!.module);
  }
  return names.flatMap(name => {
    const path = moduleFile(facts, name);
    return path ? [path] : [];
  });
}

/** Settings modules that code falls back to: `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pkg.settings.base")`. */
function entryPointDefaults(facts: Facts): string[] {
  const out: string[] = [];
  for (const file of facts.files) {
    if (languageOf(file.path) !== 'python' || isTestFile(file.path) || !file.text.includes('DJANGO_SETTINGS_MODULE')) continue;
    for (const m of file.text.matchAll(/\bsetdefault\(\s*['"]DJANGO_SETTINGS_MODULE['"]\s*,\s*['"](?<module>[\w.]+)['"]/g)) {
      const path = moduleFile(facts, m.groups!.module);
      if (path) out.push(path);
    }
  }
  return out;
}

/**
 * The production settings modules that build on a settings module through `from … import *`
 * (production.py, prod.py, live.py beside it, or a module a deployment selects), and whether
 * each switches DEBUG off: its own unconditional DEBUG, or that of a module between the two.
 */
function productionOverrides(facts: Facts, path: string): Array<{ path: string; off: boolean }> {
  const values = valuesOf(facts);
  const stemOf = (p: string) => basename(p).replace(/\.py$/, '');
  const selected = selectedSettingsModules(facts);
  // The module the entry points (wsgi.py, asgi.py, manage.py) fall back to is what runs when no deployment names another.
  if (selected.length === 0 && entryPointDefaults(facts).includes(path)) return [];
  const candidates = new Set(selected.filter(p => !isDevelopmentName(stemOf(p))));
  for (const file of facts.files) {
    if (dirname(file.path) !== dirname(path) || languageOf(file.path) !== 'python' || isTestFile(file.path)) continue;
    if (nameWords(stemOf(file.path)).some(w => PRODUCTION_WORDS.test(w)) && !isDevelopmentName(stemOf(file.path))) candidates.add(file.path);
  }
  candidates.delete(path);
  /** undefined: the module does not build on `path`; otherwise whether DEBUG is off where it does. */
  const debugOff = (module: string, seen: Set<string>): boolean | undefined => {
    if (seen.has(module)) return undefined;
    seen.add(module);
    const stars = values.starImports(module);
    const visited = new Set<string>();
    const reaches = (m: string): boolean => {
      if (m === path) return true;
      if (visited.has(m)) return false;
      visited.add(m);
      return values.starImports(m).some(reaches);
    };
    if (!stars.some(reaches)) return undefined;
    const own = values.bindings(module).filter(b => DEBUG_SETTINGS.has(b.name) && b.name !== 'TEMPLATE_DEBUG' && !b.owner && !b.conditional).pop();
    if (own) return !values.valueOf(own).some(v => isTruthy(v.value));
    return stars.map(m => (m === path ? false : debugOff(m, seen))).find(v => v !== undefined);
  };
  return [...candidates].flatMap(candidate => {
    const off = debugOff(candidate, new Set());
    return off === undefined ? [] : [{ path: candidate, off }];
  });
}

/** Values people write to switch a flag off, which a truthiness test of the string still reads as on. */
const FALSY_TEXT = /^(?:0|false|no|off|n|f|none|null)$/i;

/** Python reads of one environment variable: `os.environ.get("DEBUG", default=0)`, `os.getenv("DEBUG")`, `os.environ["DEBUG"]`. */
const PY_ENV_STRING =
  /^\s*(?:(?:os\.environ\.get|os\.getenv|environ\.get|getenv)\(\s*(['"])(?<name>\w+)\1\s*(?:,\s*(?:default\s*=\s*)?(?<fallback>[^(),]*?))?\s*\)|os\.environ\[\s*(['"])(?<name2>\w+)\4\s*\])\s*$/;
/** JavaScript reads of one environment variable: `process.env.DEBUG`, `process.env['DEBUG']`. */
const JS_ENV_STRING = /^\s*process\.env(?:\.(?<name>\w+)|\[\s*(['"`])(?<name2>\w+)\2\s*\])\s*$/;

/** Where committed configuration gives an environment variable a value that reads as off but is a non-empty string. */
function falsyTextSetting(facts: Facts, name: string): { where: string; value: string } | undefined {
  // Env templates count (`.env.prod-sample` documents what production sets); test files and folders do not.
  const inTestFolder = (path: string) => isLowConfidencePath(path.replace(/[^/]*$/, 'settings.py'));
  const usable = (path: string) => !inTestFolder(path) && !isTestFile(path) && !isTestName(basename(path).replace(/^\.env\.?/, '').replace(/\.[^.]*$/, ''));
  for (const env of facts.envFiles) {
    if (!usable(env.path)) continue;
    const entry = env.entries.find(e => e.key === name && FALSY_TEXT.test(e.value.trim()));
    if (entry) return { where: `${env.path}:${entry.line}`, value: entry.value.trim() };
  }
  for (const compose of facts.compose) {
    if (!usable(compose.path) || isLowConfidencePath(compose.path)) continue;
    for (const service of compose.services) {
      const entry = service.environment.find(e => e.key === name && e.value !== undefined && FALSY_TEXT.test(e.value.trim()));
      if (entry) return { where: `${compose.path}${entry.line ? `:${entry.line}` : ''}`, value: entry.value!.trim() };
    }
  }
  for (const dockerfile of facts.dockerfiles) {
    if (!dockerfile.finalStage || !usable(dockerfile.path) || isLowConfidencePath(dockerfile.path)) continue;
    for (const instruction of dockerfile.finalStage.instructions) {
      if (instruction.keyword !== 'ENV') continue;
      const m = new RegExp(`(?:^|\\s)${name}(?:=|\\s+)["']?([^\\s"']+)`).exec(instruction.args);
      if (m && FALSY_TEXT.test(m[1])) return { where: `${dockerfile.path}:${instruction.line}`, value: m[1] };
    }
  }
  return undefined;
}

/**
 * A flag set from the truthiness of an environment string: Python `bool(os.environ.get("DEBUG", 0))`,
 * JavaScript `!!process.env.DEBUG` or `Boolean(process.env.DEBUG)`. Any non-empty text is true, so the
 * flag is on when its default is a non-empty string (`"False"`), or when the repository's own
 * configuration switches it "off" with `DEBUG=0` or `DEBUG=false`. The message says why, or undefined.
 */
function truthyEnvString(facts: Facts, expression: string, language: string): string | undefined {
  let inner: string | undefined;
  let read: RegExpExecArray | null = null;
  if (language === 'python') {
    const open = /^\s*bool\(/.exec(expression);
    if (!open) return undefined;
    const args = callArguments(expression, open[0].length - 1);
    if (expression.slice(open[0].length + args.length + 1).trim() !== '') return undefined;
    inner = args;
    read = PY_ENV_STRING.exec(inner);
  } else if (language === 'javascript' || language === 'typescript') {
    const bang = /^\s*!!\s*/.exec(expression);
    const call = /^\s*Boolean\(/.exec(expression);
    if (bang) inner = expression.slice(bang[0].length);
    else if (call) {
      const args = callArguments(expression, call[0].length - 1);
      if (expression.slice(call[0].length + args.length + 1).trim() !== '') return undefined;
      inner = args;
    }
    read = inner === undefined ? null : JS_ENV_STRING.exec(inner);
  }
  if (!read) return undefined;
  const name = read.groups!.name ?? read.groups!.name2;
  const cast = language === 'python' ? 'bool()' : 'a truthiness test';
  const fallback = /^\s*(['"])(.*)\1\s*$/.exec(read.groups?.fallback ?? '');
  if (fallback && fallback[2] !== '') {
    return `${name} is read as ${cast} of a string whose default "${fallback[2]}" is not empty, so debug is on unless ${name} is set to an empty string`;
  }
  const setting = falsyTextSetting(facts, name);
  if (!setting) return undefined;
  return `${name} is read as ${cast} of a string, which is true for any non-empty text: ${name}=${setting.value} (${setting.where}) turns debug on`;
}

/**
 * `DEBUG = True`, `debug: bool = True` in a settings class, or a DEBUG whose
 * value resolves to on: an environment read defaulting to on (through any
 * helper: `env.bool("DEBUG", default=True)`, `env_bool("DEBUG", "True")`), or
 * another setting that does.
 */
function scanPythonSettings(facts: Facts, file: SourceFile, findings: Finding[]): void {
  if (!/\bDEBUG\b|\bdebug\s*:/.test(file.text)) return;
  const values = valuesOf(facts);
  // A base settings module that production modules build on and switch debug off in is not the production default.
  let overrides: Array<{ path: string; off: boolean }> | undefined;
  const overridden = () => {
    overrides ??= productionOverrides(facts, file.path);
    return overrides.length > 0 && overrides.every(o => o.off);
  };
  for (const binding of values.bindings(file.path)) {
    // A class for development or tests, or an assignment inside a condition, is not the default.
    if (!DEBUG_SETTINGS.has(binding.name) || binding.conditional) continue;
    if (binding.owner && binding.owner.split('.').some(isDevelopmentName)) continue;
    const on = values.valueOf(binding).find(v => isTruthy(v.value));
    const fromText = on || binding.name === 'TEMPLATE_DEBUG' ? undefined : truthyEnvString(facts, binding.expression, 'python');
    if ((!on && !fromText) || (!binding.owner && overridden())) continue;
    if (fromText) {
      findings.push(findingAt(file, binding.line, fromText, lineOf(file, binding.line)));
      continue;
    }
    if (!on) continue;
    const direct = !on.env && on.path === file.path && on.line === binding.line;
    const where = binding.owner ? ` in ${binding.owner.split('.')[0]}` : '';
    let message = `DEBUG follows a setting that is on by default${origin(on, file.path, binding.line)}`;
    if (direct) message = `DEBUG is True by default${where}`;
    else if (on.env) message = `DEBUG is read from the environment but defaults to on${origin(on, file.path, binding.line)}`;
    findings.push(findingAt(file, binding.line, message, lineOf(file, binding.line)));
  }
}

/** Entries of a configuration mapping that name a class: `'development': DevelopmentConfig`, `dev=DevConfig`. */
const MAPPING_ENTRY = /(?:['"](?<key>[\w-]+)['"]\s*:|\b(?<kw>\w+)\s*=)\s*(?<cls>[A-Z]\w*)\s*(?=[,})\n])/g;

/** Whether a deployment file sets an environment variable: `ENV FLASK_CONFIG production`, `FLASK_CONFIG=prod gunicorn …`, app.json `env`. */
function setsVariable(text: string, name: string): boolean {
  return new RegExp(`(?:^|[\\s"'{,])${name}["']?\\s*[=:\\s]\\s*["']?\\w`, 'm').test(text);
}

/** Whether a Heroku app.json gives the platform a value for a variable (`"env": { "NAME": … }`). */
function appJsonSets(text: string, name: string): boolean {
  try {
    const env = (JSON.parse(text) as { env?: unknown }).env;
    return typeof env === 'object' && env !== null && name in env;
  } catch {
    return false;
  }
}

/** Python servers an image or a process starts. */
const PYTHON_SERVER = /\b(?:gunicorn|uwsgi|waitress-serve|hypercorn|uvicorn|daphne|flask\s+run|python3?\s+[\w./-]+\.py)\b/;

/**
 * The deployments that start the application and whether each selects its configuration through `name`:
 * the final stage of each production Dockerfile that runs Python, each Procfile web process (with app.json
 * or heroku.yml setting the variable for the platform).
 */
function deploymentsWithout(facts: Facts, name: string): { all: string[]; without: string[] } {
  const all: string[] = [];
  const without: string[] = [];
  for (const dockerfile of facts.dockerfiles) {
    const stage = dockerfile.finalStage;
    if (!stage || isDevDockerfile(dockerfile.path) || isLowConfidencePath(dockerfile.path)) continue;
    const text = stage.instructions.map(i => `${i.keyword} ${i.args}`).join('\n');
    if (!/^FROM\s+\S*python/im.test(text) && !PYTHON_SERVER.test(text)) continue;
    all.push(dockerfile.path);
    const set = stage.instructions.some(i => (i.keyword === 'ENV' || i.keyword === 'ARG' || i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && setsVariable(i.args, name));
    if (!set) without.push(dockerfile.path);
  }
  const platformSets = facts.files.some(f => (f.path === 'heroku.yml' && setsVariable(f.text, name)) || (f.path === 'app.json' && appJsonSets(f.text, name)));
  for (const file of facts.files) {
    if (basename(file.path) !== 'Procfile' || isLowConfidencePath(file.path)) continue;
    const web = /^web:\s*(.*)$/m.exec(file.text);
    if (!web) continue;
    all.push(file.path);
    if (!platformSets && !setsVariable(web[1], name)) without.push(file.path);
  }
  return { all, without };
}

/**
 * The development configuration class an application falls back to: a mapping of names to configuration
 * classes (`config = {'development': DevelopmentConfig, …, 'default': DevelopmentConfig}`) indexed by an
 * environment read whose fallback is one of its keys (`create_app(os.getenv('FLASK_CONFIG') or 'default')`).
 * When the class it falls back to switches DEBUG on and some deployment starts the application without
 * setting that variable (or none sets it), the development class is the production default.
 */
function scanDefaultConfigClass(facts: Facts, findings: Finding[]): void {
  const values = valuesOf(facts);
  const reads = facts.envReads.filter(r => r.fallback && /^[\w-]+$/.test(r.fallback) && !isLowConfidencePath(r.path) && languageOf(r.path) === 'python');
  if (reads.length === 0) return;
  const reported = new Set(findings.map(f => `${f.path}:${f.line}`));
  for (const file of facts.files) {
    if (languageOf(file.path) !== 'python' || isLowConfidencePath(file.path) || !/\bDEBUG\b/.test(file.text)) continue;
    for (const mapping of values.bindings(file.path)) {
      if (mapping.owner || !/^\s*(?:\{|dict\()/.test(mapping.expression)) continue;
      const entries = [...mapping.expression.matchAll(MAPPING_ENTRY)].map(m => ({ key: m.groups!.key ?? m.groups!.kw, cls: m.groups!.cls }));
      if (entries.length < 2) continue;
      for (const read of reads) {
        const selected = entries.find(e => e.key === read.fallback);
        if (!selected || !isDevelopmentName(selected.cls)) continue;
        const debug = values.bindings(file.path).find(b => b.owner?.split('.').pop() === selected.cls && DEBUG_SETTINGS.has(b.name) && b.name !== 'TEMPLATE_DEBUG' && !b.conditional);
        if (!debug || !values.valueOf(debug).some(v => isTruthy(v.value)) || reported.has(`${file.path}:${debug.line}`)) continue;
        const { all, without } = deploymentsWithout(facts, read.name);
        if (all.length > 0 && without.length === 0) continue;
        const how =
          without.length > 0
            ? `${without.join(', ')} ${without.length === 1 ? 'starts' : 'start'} the application without setting it`
            : 'no deployment in the repository sets it';
        const message = `DEBUG is True in ${selected.cls}, the configuration the application falls back to when ${read.name} is unset (${read.path}:${read.line}), and ${how}`;
        findings.push(findingAt(file, debug.line, message, lineOf(file, debug.line)));
        reported.add(`${file.path}:${debug.line}`);
      }
    }
  }
}

/** The top-level arguments of a call, as written. */
function topLevelArguments(args: string): Array<{ text: string; at: number }> {
  const out: Array<{ text: string; at: number }> = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i <= args.length; i++) {
    const ch = args[i];
    if (quote) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth += 1;
    else if (ch === ')' || ch === ']' || ch === '}') depth -= 1;
    else if ((ch === ',' && depth === 0) || i === args.length) {
      out.push({ text: args.slice(start, i), at: start });
      start = i + 1;
    }
  }
  return out;
}

/** The values of a `debug=` keyword argument that is not a literal, resolved in the file. */
function debugArgumentOn(facts: Facts, file: SourceFile, argsStart: number, args: string): Resolved | undefined {
  for (const arg of topLevelArguments(args)) {
    const m = /^\s*(?:debug|use_debugger)\s*=\s*/.exec(arg.text);
    if (!m) continue;
    const expression = arg.text.slice(m[0].length);
    return valuesOf(facts)
      .resolve(file.path, argsStart + arg.at + m[0].length, expression, valuesOf(facts).ownerAt(file.path, argsStart))
      .find(v => isTruthy(v.value));
  }
  return undefined;
}

/** GraphQL servers whose options can switch on a playground, GraphiQL or debug errors. */
const GRAPHQL_SERVER_JS = /['"](?:@nestjs\/graphql|apollo-server[\w-]*|@apollo\/server|express-graphql|graphql-http|mercurius|graphql-yoga|@graphql-yoga\/[\w-]+)['"]/;
const GRAPHQL_SERVER_PY = /^\s*(?:from|import)\s+(?:graphene_django|graphene|flask_graphql|graphql_server|strawberry|ariadne|starlette_graphql)\b/m;
const GRAPHQL_OPTION_JS = /\b(?<name>playground|graphiql|debug|includeStacktraceInErrorResponses)\s*:\s*/g;
const GRAPHQL_OPTION_PY = /\b(?<name>graphiql|graphql_ide|debug)\s*=\s*(?!=)/g;

/** Whether a resolved option switches the feature on: `true`, a truthy default, or an options object. */
function switchedOn(value: Literal | undefined): boolean {
  return isTruthy(value) || value?.kind === 'object' || (value?.kind === 'string' && /^graphiql|^playground|^apollo-sandbox/i.test(value.value));
}

/** What a switched-on GraphQL setting turns on, by the setting's name; any other is GraphiQL. */
const GRAPHQL_SWITCHES = new Map([
  ['debug', 'GraphQL debug errors (stack traces in responses) are'],
  ['includeStacktraceInErrorResponses', 'GraphQL stack traces in error responses are'],
  ['playground', 'The GraphQL playground is'],
]);

/**
 * GraphQL playgrounds, GraphiQL and debug errors switched on in a server's
 * options: `GraphQLModule.forRoot({ playground: true })`, `new
 * ApolloServer({ debug: true })`, `graphqlHTTP({ graphiql: true })`,
 * `GraphQLView.as_view(graphiql=True)`, directly or through a setting whose
 * only value (or default) is on.
 */
function scanGraphQl(facts: Facts, file: SourceFile, language: string, findings: Finding[]): void {
  const js = language === 'javascript' || language === 'typescript';
  if (!(js && GRAPHQL_SERVER_JS.test(file.text)) && !(language === 'python' && GRAPHQL_SERVER_PY.test(file.text))) return;
  const values = valuesOf(facts);
  for (const { line, match } of matchAll(file, js ? GRAPHQL_OPTION_JS : GRAPHQL_OPTION_PY)) {
    const start = match.index + match[0].length;
    if (!isCodeAtOffset(file, match.index) || isCommentLine(lineOf(file, line))) continue;
    const name = match.groups!.name;
    // A `debug` key of some other object (a logger) is not the server's.
    if (name === 'debug' && !/GraphQLModule|ApolloServer|ApolloDriver|mercurius|createYoga|GraphQL\(|GraphQLView|GraphQLRouter/.test(file.text)) continue;
    const expression = expressionAt(file, start);
    let on = values.resolve(file.path, start, expression, values.ownerAt(file.path, start)).find(v => switchedOn(v.value));
    // A NestJS ConfigService read: the value the loaded configuration gives that key.
    const key = on || !js ? undefined : nestConfigKeyOf(file, start, expression);
    if (key) on = nestConfigValues(facts, key).find(v => switchedOn(v.value));
    const what = GRAPHQL_SWITCHES.get(name) ?? 'GraphiQL is';
    const fromText = on ? undefined : truthyEnvString(facts, expression, language);
    if (fromText) findings.push(findingAt(file, line, `${what} switched on from the environment: ${fromText}`, lineOf(file, line)));
    if (!on) continue;
    findings.push(findingAt(file, line, `${what} switched on in the server's only configuration${origin(on, file.path, line)}`, lineOf(file, line)));
  }
}

/** `gin.SetMode(x)` where x is `debug`: a constant, a default, or the key of the only committed config that sets it. */
function scanGinMode(facts: Facts, file: SourceFile, findings: Finding[]): void {
  if (!file.text.includes('SetMode(')) return;
  const values = valuesOf(facts);
  for (const { line, match } of matchAll(file, /\bgin\.SetMode\(\s*/g)) {
    const start = match.index + match[0].length;
    const expression = expressionAt(file, start).trim();
    if (/^gin\.\w+Mode$/.test(expression) || !isCodeAtOffset(file, match.index)) continue;
    const resolved = values.resolve(file.path, start, expression);
    const debug = resolved.find(v => v.value?.kind === 'string' && v.value.value.toLowerCase() === 'debug');
    if (debug) {
      findings.push(findingAt(file, line, `Gin's mode is set from a value that is debug by default${origin(debug, file.path, line)}`, lineOf(file, line)));
      continue;
    }
    if (resolved.some(v => v.value) || !/^[\w.]+$/.test(expression)) continue;
    // A field filled from a configuration file: judge the committed configurations that set that key.
    const key = expression.split('.').pop()!;
    const configs = values.configValues(key).filter(c => !isDevelopmentName(c.path.replace(/^.*\//, '').replace(/\.[^.]*$/, '')) && !isLowConfidencePath(c.path));
    if (configs.length === 0 || !configs.every(c => c.value.toLowerCase() === 'debug')) continue;
    const where = configs.map(c => `${c.path}:${c.line}`).join(', ');
    findings.push(findingAt(file, line, `Gin's mode comes from ${key}, which is debug in the only committed configuration (${where})`, lineOf(file, line)));
  }
}

const DGS_STARTER = /graphql-dgs-spring-(?:boot|graphql)-starter/;

/** Spring GraphiQL switched on in application config, or the DGS framework's GraphiQL left on by default. */
function scanSpringGraphiql(facts: Facts, findings: Finding[]): void {
  const values = valuesOf(facts);
  const production = (path: string) => !isDevelopmentName(basename(path).replace(/\.[^.]*$/, '')) && !isLowConfidencePath(path);
  for (const key of ['spring.graphql.graphiql.enabled', 'dgs.graphql.graphiql.enabled']) {
    for (const c of values.configValues(key)) {
      const file = facts.file(c.path);
      if (file && production(c.path) && /^true$/i.test(c.value)) {
        findings.push(findingAt(file, c.line, `GraphiQL is switched on (${key}) in the application configuration`, lineOf(file, c.line)));
      }
    }
  }
  const dgs = facts.files.find(f => /(^|\/)(build\.gradle(\.kts)?|pom\.xml)$/.test(f.path) && !isLowConfidencePath(f.path) && DGS_STARTER.test(f.text));
  if (!dgs) return;
  const settings = values.configValues('dgs.graphql.graphiql.enabled').filter(c => production(c.path));
  // Set either way in production configuration: off, or reported above.
  if (settings.length > 0) return;
  const line = lineOfOffset(dgs, DGS_STARTER.exec(dgs.text)!.index);
  findings.push(
    findingAt(dgs, line, 'The DGS GraphiQL playground is on by default and no configuration turns it off (dgs.graphql.graphiql.enabled)', lineOf(dgs, line)),
  );
}

function scanAspNet(file: SourceFile, findings: Finding[]): void {
  if (!file.text.includes('UseDeveloperExceptionPage')) return;
  const lines = file.text.split('\n');
  for (const { line } of matchAll(file, /\.UseDeveloperExceptionPage\(\)/g)) {
    const context = lines.slice(Math.max(0, line - 4), line).join('\n');
    if (/IsDevelopment\(\)|IsEnvironment\(\s*"Development"\s*\)/.test(context)) continue;
    findings.push(findingAt(file, line, 'The developer exception page is enabled outside a development check', lineOf(file, line)));
  }
}

const DEV_ENV_VARS = /^(NODE_ENV|FLASK_ENV|RAILS_ENV|RACK_ENV|APP_ENV|ENVIRONMENT|ASPNETCORE_ENVIRONMENT|DOTNET_ENVIRONMENT|SPRING_PROFILES_ACTIVE)$/;
const DEBUG_ENV_VARS = /^(DEBUG|FLASK_DEBUG|DJANGO_DEBUG|APP_DEBUG|WERKZEUG_DEBUG_PIN_DISABLED)$/;
/** Debug switches of one part of an application in a deployment's environment: `SERVER_DEBUG`, `DB_DEBUG`. */
const PART_DEBUG_VARS = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_DEBUG$/;

/** Whether a deployment manifest's variable switches debug on (any `*_DEBUG` flag counts there). */
function manifestDevValue(name: string, value: string): string | undefined {
  const problem = devValue(name, value);
  if (problem) return problem;
  return PART_DEBUG_VARS.test(name) && TRUTHY.test(value.trim().replace(/^['"]|['"]$/g, '')) ? `${name} is switched on` : undefined;
}

/** Folders and files of deployment manifests meant for development, tests or staging rather than production. */
const NON_PRODUCTION_WORDS = /^(dev|develop|development|local|test|tests|testing|ci|debug|sandbox|stage|staging|qa|preview|minikube|kind)$/i;

/**
 * Variables that Kubernetes manifests of a production path give the application: kustomize
 * `configMapGenerator` literals, ConfigMap `data`, and container `env` values of workloads. Overlays and
 * manifests named for development, tests or staging (`overlays/dev/`, `k8s/local/`) do not count.
 */
function scanKubernetesEnv(facts: Facts, findings: Finding[]): void {
  for (const file of facts.files) {
    if (!/\.ya?ml$/i.test(file.path) || !/^apiVersion:/m.test(file.text) || !/_?DEBUG|NODE_ENV|_ENV\b|ENVIRONMENT/.test(file.text)) continue;
    if (isLowConfidencePath(file.path) || nameWords(file.path.replace(/\.[^./]+$/, '')).some(w => NON_PRODUCTION_WORDS.test(w))) continue;
    const vars: Array<{ name: string; value: string; text: string }> = [];
    for (const doc of parseYamlFile(file.text).docs) {
      if (doc.errors.length > 0) continue;
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 100 });
      } catch {
        continue;
      }
      const root = asRecord(value);
      if (!root) continue;
      for (const generator of asArray(root.configMapGenerator)) {
        for (const literal of asArray(asRecord(generator)?.literals)) {
          const m = /^([A-Za-z_]\w*)=(.*)$/.exec(asString(literal) ?? '');
          if (m) vars.push({ name: m[1], value: m[2], text: m[0] });
        }
      }
      if (root.kind === 'ConfigMap') {
        for (const [name, v] of Object.entries(asRecord(root.data) ?? {})) {
          if (typeof v === 'string' || typeof v === 'boolean') vars.push({ name, value: String(v), text: `${name}:` });
        }
      }
      const visit = (node: unknown, depth: number): void => {
        if (depth > 12) return;
        if (Array.isArray(node)) {
          node.forEach(n => visit(n, depth + 1));
          return;
        }
        const record = asRecord(node);
        if (!record) return;
        if (Array.isArray(record.containers)) {
          for (const container of record.containers) {
            for (const env of asArray(asRecord(container)?.env)) {
              const e = asRecord(env);
              const name = asString(e?.name);
              if (name && e && (typeof e.value === 'string' || typeof e.value === 'boolean')) vars.push({ name, value: String(e.value), text: name });
            }
          }
        }
        for (const child of Object.values(record)) visit(child, depth + 1);
      };
      visit(root.spec, 0);
    }
    for (const v of vars) {
      const problem = manifestDevValue(v.name, v.value);
      if (!problem) continue;
      const at = file.text.indexOf(v.text);
      const line = at < 0 ? 1 : lineOfOffset(file, at);
      findings.push(findingAt(file, line, `${problem} in the deployment manifest`, lineOf(file, line)));
    }
  }
}

/** `cp env-example .env`, `cp -n .env.example .env` in a RUN, or `COPY .env.example .env`: the env file an image starts with. */
const BAKED_ENV_COPY = /\b(?:cp|COPY)\s+(?:-[a-zA-Z]+\s+|--[\w-]+(?:=\S+)?\s+)*["']?(?<source>[\w./-]+)["']?\s+["']?(?<target>(?:[\w./-]*\/)?\.env)["']?(?=\s|;|&|$)/g;

/**
 * An env file that a production image bakes in as its `.env` (`RUN cp env-example .env`, `COPY .env.example .env`),
 * when that file sets NODE_ENV to development or switches debug on: the image runs in development unless every
 * deployment overrides it.
 */
function scanBakedEnvFiles(facts: Facts, dockerfile: DockerfileFact, file: SourceFile, findings: Finding[]): void {
  const stage = dockerfile.finalStage;
  if (!stage) return;
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== 'RUN' && instruction.keyword !== 'COPY') continue;
    const text = instruction.keyword === 'COPY' ? `COPY ${instruction.args}` : instruction.args;
    if (instruction.keyword === 'COPY' && /--from=/.test(instruction.args)) continue;
    for (const m of text.matchAll(BAKED_ENV_COPY)) {
      const source = m.groups!.source.replace(/^\.\//, '');
      const env = facts.envFiles.find(e => e.path === joinPath(dockerfile.dir, source) || (dockerfile.dir !== '' && e.path === source));
      if (!env) continue;
      for (const entry of env.entries) {
        const problem = devValue(entry.key, entry.value);
        if (problem) {
          findings.push(
            findingAt(file, instruction.line, `${problem} in ${env.path} (line ${entry.line}), which the image copies in as its .env`, lineOf(file, instruction.line)),
          );
        }
      }
    }
  }
}

function devValue(name: string, value: string): string | undefined {
  const v = value.trim().replace(/^['"]|['"]$/g, '');
  if (DEV_ENV_VARS.test(name) && /^(dev|development)$/i.test(v)) return `${name} is set to ${v}`;
  if (DEBUG_ENV_VARS.test(name) && TRUTHY.test(v)) return `${name} is switched on`;
  return undefined;
}

/** A Dockerfile meant for development only, by its name or folder. */
function isDevDockerfile(path: string): boolean {
  return nameWords(path.replace(/Dockerfile|Containerfile/gi, ' ')).some(w => DEV_WORDS.test(w));
}

export default defineRule({
  id: 'security/debug-enabled',
  category: 'security',
  severity: 'high',
  title: 'Debug mode is off in production',
  description:
    'Fails when debug mode is on in a production path: `app.run(debug=True)` (a low-confidence note when it binds the loopback address only, `host="127.0.0.1"`), `Flask(..., debug=True)`, `DEBUG = True` (or a DEBUG read that defaults to on, also through a helper function of the project that reads the variable its first parameter names, such as `DEBUG = envflag("DEBUG", "True")`) as the settings default (a base settings module counts only when no production settings module built on it switches DEBUG off), DEBUG read as the truthiness of an environment string (`bool(os.environ.get("DEBUG", 0))`, `!!process.env.X`) whose default is non-empty text or which the repository\'s own configuration sets to `0`/`false`, a development configuration class with DEBUG on that the application falls back to when the variable selecting its configuration is unset and some deployment does not set it, GraphQL playgrounds and debug errors switched on (also through the NestJS ConfigService), `gin.SetMode(gin.DebugMode)`, an unguarded `UseDeveloperExceptionPage()`, `NODE_ENV`/`FLASK_ENV` forced to development or `FLASK_DEBUG`/`DEBUG` switched on in the final stage of a production Dockerfile (not one named for development or beside its production variant, such as `Dockerfile` next to `Dockerfile-prod`), a production image (no `Dockerfile.dev`-style name, no production variant beside it or in a sibling folder such as `docker/app-prod/` for `docker/app/`, no native Procfile/Render deployment running a production server instead) whose start command runs a development server directly or through its package.json script or nps task (`fastapi dev`, `flask run --debug`, `uvicorn --reload`, `manage.py runserver`, `nodemon`, `ts-node-dev`, `next dev`, `vite`, `dotnet watch`, `air`), or in a production env or compose file, an env file a production image bakes in as its `.env`, or the Kubernetes manifests of a production path (kustomize configMapGenerator literals, ConfigMap data, container env; any `*_DEBUG` flag counts there; development, staging and local overlays do not).',
  rationale:
    'Debug modes print stack traces, settings and sometimes secrets to anyone who triggers an error; the Werkzeug debugger even executes code sent from the browser. Development modes also switch off caching and hardening that production relies on.',
  remediation:
    'Default debug to off and switch it on only from the environment of a developer machine (`DEBUG = env.bool("DEBUG", default=False)`, `app.run(debug=os.getenv("FLASK_DEBUG") == "1")`). Build production images with `NODE_ENV=production` and keep development settings in separate, clearly named files (settings/dev.py, Dockerfile.dev).',
  evaluate(facts) {
    const findings: Finding[] = [];
    for (const file of facts.files) {
      const language = languageOf(file.path);
      if (!language || isTestFile(file.path) || isGeneratedText(file)) continue;
      const devFile = nameWords(file.path.replace(/\.[^./]+$/, '')).some(w => DEV_WORDS.test(w));
      if (language === 'python') {
        for (const { call, argument, message } of DEBUG_CALLS) {
          for (const { line, match } of matchAll(file, call)) {
            const open = match.index + match[0].length - 1;
            const raw = callArguments(file.text, open);
            if (isCommentLine(lineOf(file, line)) || !isCodeAtOffset(file, match.index)) continue;
            if (argument.test(topLevel(raw))) {
              // A server bound to the loopback address only (`host="127.0.0.1"`) is reachable from the developer's machine alone.
              const loopback = message.startsWith('The server') && LOOPBACK_HOST_ARGUMENT.test(raw);
              findings.push(
                loopback
                  ? { ...findingAt(file, line, `${message}, bound to the loopback address only, so a local development server: lower confidence`, lineOf(file, line)), confidence: 'low' }
                  : findingAt(file, line, message, lineOf(file, line)),
              );
              continue;
            }
            const on = /\bdebug\s*=/.test(raw) ? debugArgumentOn(facts, file, open + 1, raw) : undefined;
            if (on) findings.push(findingAt(file, line, `${message.replace('=True', '')} set from a value that is on by default${origin(on, file.path, line)}`, lineOf(file, line)));
            const debugValue = on ? undefined : topLevelArguments(raw).map(a => /^\s*(?:debug|use_debugger)\s*=\s*([\s\S]*)$/.exec(a.text)?.[1]).find(Boolean);
            const fromText = debugValue ? truthyEnvString(facts, debugValue, 'python') : undefined;
            if (fromText) findings.push(findingAt(file, line, `${message.replace(' with debug=True', '').replace('=True', '')} with debug: ${fromText}`, lineOf(file, line)));
          }
        }
      }
      for (const detector of CODE_DETECTORS) {
        if (!detector.languages.includes(language)) continue;
        for (const { line, match } of matchAll(file, detector.pattern)) {
          if (isCommentLine(lineOf(file, line)) || !isCodeAtOffset(file, match.index)) continue;
          findings.push(findingAt(file, line, detector.message, lineOf(file, line)));
        }
      }
      if (language === 'python' && !devFile) scanPythonSettings(facts, file, findings);
      if (!devFile) scanGraphQl(facts, file, language, findings);
      if (language === 'go') scanGinMode(facts, file, findings);
      if (language === 'csharp') scanAspNet(file, findings);
    }

    for (const dockerfile of facts.dockerfiles) {
      const stage = dockerfile.finalStage;
      // A Dockerfile beside its production variant (`Dockerfile` next to `Dockerfile.prod`) builds the development image.
      if (!stage || isDevDockerfile(dockerfile.path) || besideProductionVariant(facts.dockerfiles, dockerfile.path)) continue;
      const file = facts.file(dockerfile.path);
      if (!file || isTestFile(file.path)) continue;
      const argDefaults = new Map<string, string>();
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'ARG') {
          const m = /^(\w+)=(.*)$/.exec(instruction.args);
          if (m) argDefaults.set(m[1], m[2]);
        }
        if (instruction.keyword !== 'ENV') continue;
        const pairs = instruction.args.includes('=')
          ? [...instruction.args.matchAll(/(\w+)=("[^"]*"|'[^']*'|\S+)/g)].map(m => [m[1], m[2]] as const)
          : [instruction.args.split(/\s+/, 2) as unknown as readonly [string, string]];
        for (const [name, raw] of pairs) {
          if (!name || raw === undefined) continue;
          const ref = /^\$\{?(\w+)(?::-([^}]*))?\}?$/.exec(raw);
          const value = ref ? (argDefaults.get(ref[1]) ?? ref[2] ?? '') : raw;
          const problem = devValue(name, value);
          if (problem) {
            findings.push(
              findingAt(file, instruction.line, `${problem} in the final stage of the image`, lineOf(file, instruction.line)),
            );
          }
        }
      }
    }
    for (const dockerfile of facts.dockerfiles) {
      const file = facts.file(dockerfile.path);
      if (!file || isDevDockerfile(dockerfile.path) || besideProductionVariant(facts.dockerfiles, dockerfile.path)) continue;
      if (isTestFile(file.path) || isLowConfidencePath(file.path)) continue;
      scanBakedEnvFiles(facts, dockerfile, file, findings);
    }
    scanDevServerImages(facts, isDevDockerfile, findings);
    scanKubernetesEnv(facts, findings);

    scanSpringGraphiql(facts, findings);
    scanDefaultConfigClass(facts, findings);

    for (const env of facts.envFiles) {
      if (env.kind !== 'real' || !/prod/i.test(basename(env.path))) continue;
      const file = facts.file(env.path);
      if (!file) continue;
      for (const entry of env.entries) {
        const problem = devValue(entry.key, entry.value);
        if (problem) findings.push(findingAt(file, entry.line, `${problem} in the production environment file`, lineOf(file, entry.line)));
      }
    }
    for (const compose of facts.compose) {
      if (!/prod/i.test(basename(compose.path))) continue;
      const file = facts.file(compose.path);
      if (!file) continue;
      for (const service of compose.services) {
        for (const env of service.environment) {
          const problem = env.value !== undefined ? devValue(env.key, env.value) : undefined;
          if (problem) findings.push(findingAt(file, env.line ?? service.line ?? 1, `${problem} for service ${service.name}`, env.line ? lineOf(file, env.line) : undefined));
        }
      }
    }

    if (findings.length === 0 && facts.stack.servers.length === 0 && facts.dockerfiles.length === 0) {
      return outcome.notApplicable('no server application or container image');
    }
    return outcome.fromFindings(findings);
  },
});
