import type { DockerfileFact, DockerInstruction, Facts } from '../facts';
import type { ComposeService } from '../facts/compose';
import { healthOf, serverUnitOfImage } from '../facts/health';
import { buildContextsOf, servicesBuilding } from '../rules/infrastructure/containers';
import { externalBaseOf, imageFamilyOf, stageChain } from './dockerfile';

/**
 * The program a container health check runs to call the route: curl or wget where the image has them, the
 * language runtime of a slim image that has neither.
 * @public
 */
export type ProbeTool = 'curl' | 'wget' | 'python' | 'node';

/** Official images built on the full `buildpack-deps` image, which ships curl and wget (their `-slim` tags do not). */
const WITH_CURL = new Set(['python', 'node', 'golang', 'ruby', 'rust', 'buildpack-deps', 'openjdk', 'perl']);

/** A package-manager install (apt, apk, yum, dnf) of the tool in a RUN instruction. */
function installs(run: DockerInstruction, tool: 'curl' | 'wget'): boolean {
  return run.args
    .split(/&&|\|\||;|\n/)
    .some(step => /\b(?:apt-get|apt|apk|yum|dnf|microdnf)\s+(?:[-\w=]+\s+)*(?:install|add)\b/.test(step) && new RegExp(`(?:^|\\s)${tool}(?:=\\S*)?(?:\\s|$)`).test(step));
}

/**
 * What the image of a Dockerfile's final stage can probe an HTTP route with, or nothing: distroless and
 * scratch images have no shell and no HTTP client, and an image of unknown family is not guessed at.
 * @public
 */
export function probeToolOf(dockerfile: DockerfileFact): ProbeTool | undefined {
  const stage = dockerfile.finalStage;
  if (!stage) return undefined;
  const base = externalBaseOf(dockerfile, stage);
  const family = imageFamilyOf(base.image);
  if (!base.image || (family !== 'debian' && family !== 'alpine')) return undefined;
  const runs = stageChain(dockerfile, stage)
    .flatMap(s => s.instructions)
    .filter(i => i.keyword === 'RUN');
  if (runs.some(r => installs(r, 'curl'))) return 'curl';
  if (runs.some(r => installs(r, 'wget'))) return 'wget';
  // BusyBox's wget is in every Alpine image.
  if (family === 'alpine') return 'wget';
  const name = base.image.imageName.toLowerCase().replace(/^library\//, '');
  const tag = (base.image.tag ?? '').toLowerCase();
  if (WITH_CURL.has(name) && !/slim/.test(tag)) return 'curl';
  if (name === 'python') return 'python';
  // Node 18 and later have fetch.
  const major = /^(\d+)/.exec(tag)?.[1];
  if (name === 'node' && (major === undefined || Number(major) >= 18)) return 'node';
  return undefined;
}

function portOf(text: string): number | undefined {
  const port = text.trim().split(/\s+/)[0]?.replace(/\/(?:tcp|udp)$/i, '');
  if (!port || !/^\d{1,5}$/.test(port)) return undefined;
  const n = Number(port);
  return n > 0 && n < 65536 ? n : undefined;
}

/** `KEY=value` pairs (or the older `KEY value`) of ENV and ARG instructions. */
function variablesOf(instructions: DockerInstruction[]): Map<string, string> {
  const vars = new Map<string, string>();
  for (const i of instructions.filter(x => x.keyword === 'ENV' || x.keyword === 'ARG')) {
    const pairs = [...i.args.matchAll(/([A-Za-z_]\w*)=("[^"]*"|'[^']*'|\S*)/g)];
    if (pairs.length) for (const [, key, value] of pairs) vars.set(key, value.replace(/^["']|["']$/g, ''));
    else if (i.keyword === 'ENV') {
      const [key, ...rest] = i.args.trim().split(/\s+/);
      if (key && rest.length) vars.set(key, rest.join(' '));
    }
  }
  return vars;
}

/** A port a server's command line sets: `--port 8000`, `--bind 0.0.0.0:8000`, `-b :8000`, `0.0.0.0:8000`. */
const COMMAND_PORT = /--port[=\s"',]+(\d{2,5})\b|(?:--bind|-b)[=\s"',]+[\w.-]*:(\d{2,5})\b|\b0\.0\.0\.0:(\d{2,5})\b/;

/**
 * The port the service in a Dockerfile's image listens on, as the repository states it: the image's
 * `EXPOSE` (its first port, `${VAR}` resolved from ENV and ARG defaults), its `PORT` variable, the container
 * side of the ports of a compose service building it, or a port its start command sets.
 * @public
 */
export function imagePortOf(facts: Facts, dockerfile: DockerfileFact): number | undefined {
  const stage = dockerfile.finalStage;
  if (!stage) return undefined;
  const instructions = stageChain(dockerfile, stage).flatMap(s => s.instructions);
  const vars = variablesOf(instructions);
  const expose = instructions.filter(i => i.keyword === 'EXPOSE').pop();
  if (expose) {
    const text = expose.args.replace(/\$\{?(\w+)(?::-([^}]*))?\}?/g, (_, key: string, fallback?: string) => vars.get(key) ?? fallback ?? '');
    const port = portOf(text);
    if (port) return port;
  }
  const env = vars.get('PORT') ?? vars.get('SERVER_PORT');
  if (env && portOf(env)) return portOf(env);
  const published = servicesBuilding(facts, dockerfile).flatMap(ref => ref.service.ports ?? []);
  if (published.length) return published[0];
  const start = instructions.filter(i => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT').pop();
  const match = start && COMMAND_PORT.exec(start.args);
  return match ? portOf(match[1] ?? match[2] ?? match[3]) : undefined;
}

/**
 * The URL inside the container of the health route of the server an image runs: the route the health
 * facts detected and the port the repository states. Nothing when either is unknown, or when the image's
 * build contexts hold more than one server.
 * @public
 */
export function healthUrlOf(facts: Facts, dockerfile: DockerfileFact, port = imagePortOf(facts, dockerfile)): string | undefined {
  if (port === undefined) return undefined;
  const units = new Set(buildContextsOf(facts, dockerfile).map(context => serverUnitOfImage(facts, dockerfile.path, context)));
  if (units.size !== 1) return undefined;
  const [unit] = units;
  const route = unit ? healthOf(facts, unit).route : undefined;
  return route ? `http://localhost:${port}${route}` : undefined;
}

/** The options every generated health check carries: often enough to notice a hang, patient with a slow start. */
export const PROBE_TIMING = { interval: '30s', timeout: '5s', startPeriod: '30s', retries: 3 };

const pythonProbe = (url: string) => `import urllib.request; urllib.request.urlopen(${JSON.stringify(url).replace(/"/g, "'")}, timeout=4)`;
const nodeProbe = (url: string) => `fetch('${url}').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))`;

/** The command of a health check, as compose's `test` list: `CMD-SHELL` for curl and wget, `CMD` for a runtime. @public */
export function probeTest(tool: ProbeTool, url: string): string[] {
  switch (tool) {
    case 'curl':
      return ['CMD-SHELL', `curl -fsS ${url} > /dev/null || exit 1`];
    case 'wget':
      return ['CMD-SHELL', `wget -q -O /dev/null ${url} || exit 1`];
    case 'python':
      return ['CMD', 'python', '-c', pythonProbe(url)];
    default:
      return ['CMD', 'node', '-e', nodeProbe(url)];
  }
}

/** The `HEALTHCHECK` instruction for a probe, in shell form for curl and wget and exec form for a runtime. @public */
export function healthcheckInstruction(tool: ProbeTool, url: string): string {
  const { interval, timeout, startPeriod, retries } = PROBE_TIMING;
  const test = probeTest(tool, url);
  const command = test[0] === 'CMD-SHELL' ? test[1] : JSON.stringify(test.slice(1));
  return `HEALTHCHECK --interval=${interval} --timeout=${timeout} --start-period=${startPeriod} --retries=${retries} CMD ${command}`;
}

/** The Dockerfile a compose service builds, when the repository has it. @public */
export function dockerfileOfService(facts: Facts, service: ComposeService): DockerfileFact | undefined {
  return service.dockerfile ? facts.dockerfiles.find(d => d.path === service.dockerfile && !d.error) : undefined;
}
