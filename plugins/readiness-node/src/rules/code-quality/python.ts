import { SourceFile } from '../../snapshot';
import { basename, Facts, isTestFile, languageOf } from '../../facts';
import { isRequirementsPath } from '../../facts/manifests';
import { isUnder, projectOf, projectsOf } from '../../facts/projects';
import { inLowConfidenceFolder } from './shared';

/** Python web frameworks whose code counts as server code. */
export const PYTHON_SERVERS = new Set(['flask', 'django', 'fastapi', 'starlette', 'aiohttp', 'tornado', 'sanic', 'quart', 'falcon', 'bottle', 'pyramid', 'litestar']);

const SERVER_IMPORT = /^\s*(from|import)\s+(flask|django|fastapi|starlette|aiohttp|tornado|sanic|quart|falcon|bottle|pyramid|litestar)\b/m;
const TOOLING = /(^|\/)(scripts?|tools|bin|hack|cli|management\/commands|migrations|alembic|docs?)\//;
const TOOLING_FILE = /^(setup|manage|noxfile|fabfile|conftest|tasks)\.py$/;

/** Starts a gRPC server: `grpc.server(futures.ThreadPoolExecutor(…))`, `grpc.aio.server()`. */
const GRPC_SERVER_CALL = /\bgrpc(?:\.aio)?\.server\s*\(/;

/** Whether a Python source starts a gRPC server: a server too, though it declares no web framework. */
export function startsGrpcServer(file: SourceFile): boolean {
  return languageOf(file.path) === 'python' && !isTestFile(file.path) && GRPC_SERVER_CALL.test(file.text);
}

/** A command-line entry point: a `__main__` guard with argument parsing, and no web framework or gRPC server. */
export function isCliScript(file: SourceFile): boolean {
  return (
    /if\s+__name__\s*==\s*['"]__main__['"]/.test(file.text) &&
    /\b(argparse|click|typer|fire|sys\.argv|docopt)\b/.test(file.text) &&
    !SERVER_IMPORT.test(file.text) &&
    !GRPC_SERVER_CALL.test(file.text)
  );
}

/**
 * A decorator that makes a function a command-line command: Click and Typer commands and groups (`@click.command()`,
 * `@manager.command(name="list")`, `@app.cli.command()`, `@cli.group()`), their options and arguments. A Slack-style
 * slash command (`@app.command("/ping")`) answers requests and is not one.
 */
export const CLI_DECORATOR = /^@(?:click\.\w+|(?:[\w.]+\.)?(?:command|group)\b(?!\s*\(\s*['"]\/))/;
const CLI_IMPORT = /^\s*(?:import\s+(?:click|typer)\b|from\s+(?:click|typer|flask\.cli)\b)/m;
/** Route decorators and app objects: a module that has them serves requests, whatever commands it also defines. */
const SERVES = /^\s*@[\w.]+\.(?:route|get|post|put|patch|delete|websocket|api_route)\s*\(|\b(?:Flask|FastAPI|Starlette|Quart|Sanic|Litestar)\s*\(/m;

/**
 * A module of command-line commands: it imports Click, Typer or `flask.cli` and defines commands or command groups
 * (`@manager.command()`, `AppGroup(…)`, `typer.Typer()`), and serves no requests. Its output goes to the terminal.
 */
export function isCliCommandModule(file: SourceFile): boolean {
  if (!CLI_IMPORT.test(file.text) || SERVES.test(file.text)) return false;
  return (
    /\b(?:AppGroup|typer\.Typer|click\.Group)\s*\(/.test(file.text) ||
    file.text.split('\n').some(line => CLI_DECORATOR.test(line.trim()) && !/^@click\.(?:option|argument|pass_\w+)\b/.test(line.trim()))
  );
}

/** Declared Python dependency names of a project manifest, lower-case. */
function manifestDependencies(facts: Facts, path: string): string[] {
  if (isRequirementsPath(path)) {
    return facts.manifests.requirements.find(r => r.path === path)?.entries.map(e => e.name) ?? [];
  }
  if (basename(path) === 'pyproject.toml') {
    return facts.manifests.pyprojects.find(p => p.path === path)?.dependencies ?? [];
  }
  return [];
}

/**
 * Production Python files of the projects that run a Python web server (or start a gRPC server): not
 * tests, fixtures, docs, examples, migrations, tooling, command-line scripts or modules of CLI commands
 * (a `cli/` package, Click/Typer command modules).
 */
export function pythonServerFiles(facts: Facts): SourceFile[] {
  const projects = projectsOf(facts);
  const scopes = new Set<string>();
  for (const project of projects) {
    if (!project.ecosystems.includes('python')) continue;
    const deps = project.manifests.flatMap(m => manifestDependencies(facts, m));
    if (deps.some(d => PYTHON_SERVERS.has(d) || /^(flask|django|fastapi)[-_]/.test(d))) scopes.add(project.dir);
  }
  for (const path of facts.stack.serverFiles) {
    if (languageOf(path) !== 'python') continue;
    scopes.add(projectOf(projects, path, 'python')?.dir ?? '');
  }
  // With no web project found every Python file counts; otherwise gRPC servers' projects count as well.
  const all = scopes.size === 0 && facts.stack.servers.some(s => PYTHON_SERVERS.has(s));
  for (const file of facts.files) {
    if (startsGrpcServer(file) && !inLowConfidenceFolder(file.path)) scopes.add(projectOf(projects, file.path, 'python')?.dir ?? '');
  }
  return facts.files.filter(file => {
    if (languageOf(file.path) !== 'python') return false;
    if (isTestFile(file.path) || inLowConfidenceFolder(file.path)) return false;
    if (TOOLING.test(file.path) || TOOLING_FILE.test(basename(file.path))) return false;
    const scope = projectOf(projects, file.path, 'python')?.dir ?? '';
    if (!all && ![...scopes].some(s => s === scope || (s !== '' && isUnder(scope, s)))) return false;
    return !isCliScript(file) && !isCliCommandModule(file);
  });
}
