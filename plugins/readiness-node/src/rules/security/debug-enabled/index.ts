import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../../engine/snapshot';
import { basename, isTestFile, languageOf, lineOf, matchAll } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { findingAt, isCodeAtOffset, isCommentLine, isGeneratedText, nameWords } from '../shared';

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

/** `DEBUG = True`, `debug: bool = True`, or a DEBUG read whose default is on. */
const SETTINGS_DEBUG = /^(?<indent>[ \t]*)(?<name>DEBUG|debug|TEMPLATE_DEBUG)\s*(?::\s*bool\s*)?=\s*(?<value>[^\n#]+)/gm;
const DEFAULT_ON =
  /default\s*=\s*(?:True|['"](?:true|1|yes|on)['"])|(?:getenv|environ\.get|config)\(\s*['"]\w*DEBUG\w*['"]\s*,\s*(?:['"](?:true|1|yes|on)['"]|True)\s*[,)]/i;

/** Settings files and classes that are meant for development only. */
const DEV_WORDS = /^(dev|develop|development|local|test|tests|testing|ci|debug|sandbox)$/i;

/** The header line of the block a line sits in: the nearest line above with less indentation. */
function enclosingHeader(lines: string[], index: number, indent: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const line = lines[i];
    if (!line.trim() || /^\s*(#|@)/.test(line)) continue;
    if (/^[ \t]*/.exec(line)![0].length < indent) return line;
  }
  return undefined;
}

function scanPythonSettings(file: SourceFile, findings: Finding[]): void {
  if (!/\bDEBUG\b|\bdebug\s*:/.test(file.text)) return;
  const lines = file.text.split('\n');
  for (const { line, match } of matchAll(file, SETTINGS_DEBUG)) {
    const { indent, value } = match.groups!;
    const on = /^True\b/.test(value.trim()) || DEFAULT_ON.test(value);
    if (!on) continue;
    let cls: string | undefined;
    if (indent.length > 0) {
      // Inside a settings class counts; inside a function or an if-block it is not the default.
      cls = /^\s*class\s+(\w+)/.exec(enclosingHeader(lines, line - 1, indent.length) ?? '')?.[1];
      if (!cls || nameWords(cls).some(w => DEV_WORDS.test(w))) continue;
    }
    findings.push(
      findingAt(
        file,
        line,
        /^True\b/.test(value.trim())
          ? `DEBUG is True by default${cls ? ` in ${cls}` : ''}`
          : 'DEBUG is read from the environment but defaults to on',
        lineOf(file, line),
      ),
    );
  }
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
    'Fails when debug mode is on in a production path: `app.run(debug=True)`, `Flask(..., debug=True)`, `DEBUG = True` (or a DEBUG read that defaults to on) as the settings default, `gin.SetMode(gin.DebugMode)`, an unguarded `UseDeveloperExceptionPage()`, `NODE_ENV`/`FLASK_ENV` forced to development or `FLASK_DEBUG`/`DEBUG` switched on in the final stage of a production Dockerfile, or in a production env or compose file.',
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
            const args = topLevel(callArguments(file.text, match.index + match[0].length - 1));
            if (!argument.test(args) || isCommentLine(lineOf(file, line)) || !isCodeAtOffset(file, match.index)) continue;
            findings.push(findingAt(file, line, message, lineOf(file, line)));
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
      if (language === 'python' && !devFile) scanPythonSettings(file, findings);
      if (language === 'csharp') scanAspNet(file, findings);
    }

    for (const dockerfile of facts.dockerfiles) {
      const stage = dockerfile.finalStage;
      if (!stage || isDevDockerfile(dockerfile.path)) continue;
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
      for (const instruction of stage.instructions) {
        if ((instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT') && /\bflask\b[^\n]*[\s"',]--debug\b/.test(instruction.args)) {
          findings.push(findingAt(file, instruction.line, 'The image starts Flask with --debug', lineOf(file, instruction.line)));
        }
      }
    }

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
