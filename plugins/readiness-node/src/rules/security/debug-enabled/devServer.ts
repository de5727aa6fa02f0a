/**
 * Development servers started by a production image: the final stage's start
 * command, directly or through the package.json script or nps task it runs.
 */
import { Finding } from '@readiness/backstage-plugin-readiness-common';
import type { DockerfileFact, Facts } from '../../../facts';
import { basename, isDevWorkspacePath, isLowConfidencePath, joinPath, lineOf } from '../../../facts';
import { besideProductionVariant, instructionCommandLine } from '../../../facts/dockerfiles';
import { asRecord, asString, parseYamlFile } from '../../../facts/yamlDoc';
import { isDevelopmentName } from '../../../facts/values';
import { syntaxTree, SyntaxNode, SyntaxTree } from '../../../facts/syntax';
import { findingAt } from '../shared';

/** Development servers, by the command that starts them: auto-reload, file watchers, debuggers, unoptimised builds. */
const DEV_SERVERS: Array<{ command: RegExp; what: string }> = [
  { command: /^fastapi\s+dev\b/, what: 'the FastAPI development server (`fastapi dev`, auto-reload)' },
  { command: /^flask\b(?=.*\brun\b).*\s--debug\b/, what: 'Flask with --debug' },
  { command: /^flask\b.*\brun\b.*\s--reload\b/, what: 'the Flask development server with --reload' },
  { command: /^(?:uvicorn|hypercorn|gunicorn)\b.*\s--reload\b/, what: 'the server with --reload (a file watcher that restarts it)' },
  { command: /^(?:python[\d.]*\s+)?(?:\S*\/)?manage\.py\s+runserver\b/, what: "Django's development server (`manage.py runserver`)" },
  { command: /^(?:nodemon|ts-node-dev|tsnd|node-dev)\b/, what: 'a file watcher that restarts the server on changes ($1)' },
  { command: /^(?:tsx|node)\s+(?:\S+\s+)*--watch\b|^tsx\s+watch\b/, what: 'Node in watch mode' },
  { command: /^(?:next|nuxt|nuxi|remix|astro)\s+dev\b|^gatsby\s+develop\b/, what: 'the framework development server ($1)' },
  { command: /^vite(?!\s+(?:build|preview|optimize)\b)(?:\s|$)|^vite\s+(?:dev|serve)\b/, what: 'the Vite development server' },
  { command: /^(?:react-scripts|craco)\s+start\b|^ng\s+serve\b|^vue-cli-service\s+serve\b|^webpack(?:-dev-server\b|\s+serve\b)/, what: 'a frontend development server ($1)' },
  { command: /^nest\s+start\b.*\s--(?:watch|debug)\b/, what: 'Nest in watch mode (`nest start --watch`)' },
  { command: /^dotnet\s+watch\b/, what: '`dotnet watch` (rebuilds and restarts on changes)' },
  { command: /^(?:air|CompileDaemon|reflex)(?:\s|$)/, what: 'a Go live-reload watcher ($1)' },
];

/** Wrappers in front of the real command: environment assignments, process managers, runners that only set up the environment. */
const PREFIX =
  /^(?:exec\s+|env(?:\s+-\S+)*\s+|[A-Za-z_]\w*=(?:"[^"]*"|'[^']*'|\S*)\s+|(?:\S*\/)?(?:dumb-init|tini)(?:\s+--)?\s+|(?:uv|poetry|pipenv|pdm|hatch|rye)\s+run(?:\s+--?[\w-]+)*\s+|npx(?:\s+--?[\w-]+)*\s+|bunx\s+|(?:pnpm|yarn)\s+exec\s+|python[\d.]*\s+-m\s+|(?:\.\/)?node_modules\/\.bin\/)/;

/** The command segments of a shell command line: `a && b; c | d`, with `sh -c "…"` unwrapped. */
function segments(command: string): string[] {
  const text = command.replace(/\b(?:ba|z)?sh\s+-c\s+/g, ' ').replace(/["'`]/g, ' ');
  return text
    .split(/&&|\|\||;|\|/)
    .map(s => {
      let segment = s.trim();
      for (let i = 0; i < 8; i++) {
        const next = segment.replace(PREFIX, '');
        if (next === segment) break;
        segment = next;
      }
      return segment;
    })
    .filter(Boolean);
}


/** `npm run dev`, `npm start`, `yarn dev`, `pnpm run serve -- --port 3000`: the script named and the arguments after it. */
const NPM_SCRIPT =
  /^(?:npm|pnpm|bun)\s+(?:(?:--prefix\s+\S+|--[\w-]+(?:=\S+)?)\s+)*(?:run(?:-script)?\s+([\w:.@/-]+)|(start))(?:\s+(?:--\s+)?(.*))?$|^yarn\s+(?:(?:--cwd\s+\S+|--[\w-]+(?:=\S+)?)\s+)*(?:run\s+)?([\w:.@/-]+)(?:\s+(?:--\s+)?(.*))?$/;

const YARN_COMMANDS = new Set(['install', 'add', 'remove', 'build', 'workspace', 'workspaces', 'global', 'cache', 'config', 'set', 'dlx', 'exec', 'node']);

/** What a development server is, with where the command came from. */
export interface DevServer {
  what: string;
  /** The chain of scripts that leads to the command, for the message: `start` → `nps serve` → `nodemon …`. */
  via: string[];
}

interface Context {
  facts: Facts;
  /** The folder the image's package.json sits in. */
  dir: string;
  depth: number;
}

/** The package.json scripts of the image's folder, or of the repository root. */
function packageScripts(ctx: Context): { path: string; scripts: Record<string, string> } | undefined {
  const packages = ctx.facts.manifests.packageJsons;
  const own = packages.find(p => p.dir === ctx.dir) ?? packages.find(p => p.dir === '');
  return own ? { path: own.path, scripts: own.scripts } : undefined;
}

/** The commands of an nps task (`package-scripts.js`): its string, or the `script`/`default` of its object, with `series(…)` parts. */
function npsTaskCommands(ctx: Context, task: string): { path: string; line: number; commands: string[] } | undefined {
  const file = ctx.facts.files.find(f => f.path === joinPath(ctx.dir, 'package-scripts.js') || f.path === joinPath(ctx.dir, 'package-scripts.cjs'));
  const tree = file ? syntaxTree(ctx.facts, file) : undefined;
  if (!file || !tree) return undefined;
  const keyOf = (pair: SyntaxNode) => pair.field('key')?.text().replace(/^['"`]|['"`]$/g, '');
  const pairsOf = (object: SyntaxNode | null | undefined) => (object?.kind() === 'object' ? object.children().filter(c => c.kind() === 'pair') : []);
  const scripts = tree.nodesOfKind('pair').find(p => keyOf(p) === 'scripts' && p.field('value')?.kind() === 'object');
  let value: SyntaxNode | null | undefined = scripts?.field('value');
  let pair: SyntaxNode | undefined;
  for (const part of (task || 'default').split('.')) {
    pair = pairsOf(value).find(p => keyOf(p) === part);
    if (!pair) return undefined;
    value = pair.field('value');
  }
  if (value?.kind() === 'object') value = pairsOf(value).find(p => keyOf(p) === 'script' || keyOf(p) === 'default')?.field('value');
  if (!value || !pair) return undefined;
  const commands = stringsIn(tree, value);
  return commands.length ? { path: file.path, line: tree.lineOf(pair), commands } : undefined;
}

function stringsIn(tree: SyntaxTree, node: SyntaxNode): string[] {
  const own = tree.stringValue(node);
  if (own !== undefined) return [own];
  if (node.kind() === 'template_string') return [node.text().slice(1, -1)];
  return node.children().flatMap(c => stringsIn(tree, c));
}

/** The development server a command starts, following package.json scripts and nps tasks (a few levels deep). */
function devServerOf(command: string, ctx: Context, via: string[]): DevServer | undefined {
  for (const segment of segments(command)) {
    for (const server of DEV_SERVERS) {
      const m = server.command.exec(segment);
      if (m) return { what: server.what.replace('$1', `\`${segment.split(/\s+/).slice(0, 2).join(' ')}\``), via };
    }
    if (ctx.depth >= 4) continue;
    const deeper = { ...ctx, depth: ctx.depth + 1 };
    const npm = NPM_SCRIPT.exec(segment);
    const name = npm?.[1] ?? npm?.[2] ?? npm?.[4];
    if (npm && name && !(npm[4] && YARN_COMMANDS.has(name))) {
      const pkg = packageScripts(ctx);
      const script = pkg?.scripts[name];
      if (!pkg || script === undefined) continue;
      const args = (npm[3] ?? npm[5] ?? '').trim();
      const found = devServerOf(args ? `${script} ${args}` : script, deeper, [...via, `the ${name} script of ${pkg.path} (${script})`]);
      if (found) return found;
      continue;
    }
    const nps = /^nps(?:\s+([\w.:-]+))?(?:\s|$)/.exec(segment);
    if (nps) {
      const task = npsTaskCommands(ctx, nps[1] ?? 'default');
      if (!task) continue;
      for (const next of task.commands) {
        const found = devServerOf(next, deeper, [...via, `the nps task ${nps[1] ?? 'default'} (${task.path}:${task.line})`]);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/**
 * The start commands of production deployments that run the code natively rather than from an image: a Procfile's
 * `web:` process, a Render service on a native runtime (`runtime: python`, `startCommand: …`). Where one exists,
 * production does not run the repository's images, so they serve development.
 */
function nativeProductionStarts(facts: Facts): string[] {
  const out: string[] = [];
  for (const file of facts.files) {
    if (isLowConfidencePath(file.path)) continue;
    const name = basename(file.path);
    if (name === 'Procfile') {
      const web = /^web:\s*(.+)$/m.exec(file.text);
      if (web) out.push(web[1]);
    } else if (/^render\.ya?ml$/.test(name)) {
      for (const doc of parseYamlFile(file.text).docs) {
        let plain: unknown;
        try {
          plain = doc.toJS({ maxAliasCount: 100 });
        } catch {
          continue;
        }
        const services = asRecord(plain)?.services;
        for (const service of Array.isArray(services) ? services : []) {
          const record = asRecord(service);
          const runtime = asString(record?.runtime) ?? asString(record?.env);
          const start = asString(record?.startCommand);
          if (start && runtime && !/^(?:docker|image)$/i.test(runtime)) out.push(start);
        }
      }
    }
  }
  return out;
}

/** Dockerfiles that build the production image: not named for development, tests or CI, not beside a production variant. */
function isProductionImage(facts: Facts, dockerfile: DockerfileFact, isDevDockerfile: (path: string) => boolean, native: boolean): boolean {
  const path = dockerfile.path;
  if (native || isDevDockerfile(path) || isLowConfidencePath(path) || isDevWorkspacePath(path)) return false;
  if (dockerfile.finalStage?.name && isDevelopmentName(dockerfile.finalStage.name)) return false;
  return !besideProductionVariant(facts.dockerfiles, path);
}

/**
 * The final stage of a production image starting a development server: `fastapi dev`, `flask run --debug`,
 * `uvicorn --reload`, `manage.py runserver`, `nodemon`, `ts-node-dev`, `next dev`, `vite`, `dotnet watch`,
 * `air`…, written in CMD/ENTRYPOINT or reached through the package.json script or nps task it runs. When
 * production runs the code natively (a Procfile web process, a Render native service) with a production
 * server, the images serve development and are not judged.
 */
export function scanDevServerImages(facts: Facts, isDevDockerfile: (path: string) => boolean, findings: Finding[]): void {
  if (facts.dockerfiles.length === 0) return;
  const starts = nativeProductionStarts(facts);
  const native = starts.length > 0 && starts.every(start => !devServerOf(start, { facts, dir: '', depth: 0 }, []));
  for (const dockerfile of facts.dockerfiles) {
    const stage = dockerfile.finalStage;
    if (!stage || !isProductionImage(facts, dockerfile, isDevDockerfile, native)) continue;
    const file = facts.file(dockerfile.path);
    if (!file) continue;
    const start = ['ENTRYPOINT', 'CMD'].map(k => stage.instructions.filter(i => i.keyword === k).pop()).filter(i => i !== undefined);
    if (start.length === 0) continue;
    const command = start.map(i => instructionCommandLine(i.args)).join(' ');
    const server = devServerOf(command, { facts, dir: dockerfile.dir, depth: 0 }, []);
    if (!server) continue;
    const at = start[start.length - 1];
    const via = server.via.length ? `, through ${server.via.join(', then ')}` : '';
    const message = `The production image starts ${server.what}${via}, not a production server`;
    findings.push(findingAt(file, at.line, message, lineOf(file, at.line)));
  }
}
