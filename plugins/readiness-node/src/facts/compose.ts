import { SourceFile } from '../snapshot';
import { basename, dirname, joinPath } from './paths';
import { asArray, asRecord, asString, parseYamlFile } from './yamlDoc';

/** @public */
export interface ComposeEnvVar {
  key: string;
  value?: string;
  line?: number;
}

/** @public */
export interface ComposeVolume {
  /** The volume as written, e.g. `.:/app`. */
  spec: string;
  source?: string;
  target?: string;
  /** `bind` for host paths, `volume` for named volumes. */
  type: 'bind' | 'volume' | 'tmpfs' | 'unknown';
  line?: number;
}

/** @public */
export interface ComposeService {
  name: string;
  line?: number;
  image?: string;
  /** Build context, repository-relative, when the service is built from source. */
  buildContext?: string;
  /** Dockerfile path, repository-relative, when built from source. */
  dockerfile?: string;
  /** Whether `build:` names no context (only `args`, `target`…), so the context is the default or comes from another file merged with this one. */
  buildContextImplied?: boolean;
  healthcheck?: { line?: number; disabled: boolean };
  environment: ComposeEnvVar[];
  volumes: ComposeVolume[];
  /** Profiles the service is limited to; it only starts when one is enabled. */
  profiles: string[];
  /** The restart policy as written (`no`, `always`, `unless-stopped`, `on-failure[:n]`). */
  restart?: string;
  /** Env files the service loads (`env_file:`), repository-relative. */
  envFiles?: string[];
  /** The `entrypoint` and `command` it overrides the image's with, as one line. */
  command?: string;
  /** The `working_dir` it starts in. */
  workingDir?: string;
  /** The container ports it publishes (`ports:`, the container side of each mapping) or exposes (`expose:`), in order. */
  ports?: number[];
}

/** @public */
export interface ComposeFileFact {
  path: string;
  services: ComposeService[];
  error?: string;
}

export function isComposePath(path: string): boolean {
  return /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/i.test(basename(path));
}

function parseVolume(spec: unknown, line?: number): ComposeVolume | undefined {
  if (typeof spec === 'string') {
    const [source, target] = spec.split(':');
    const bind =
      target !== undefined &&
      (source.startsWith('.') || source.startsWith('/') || source.startsWith('~') || source.startsWith('$'));
    return {
      spec,
      source,
      ...(target !== undefined ? { target } : {}),
      type: bind ? 'bind' : 'volume',
      line,
    };
  }
  const rec = asRecord(spec);
  if (!rec) return undefined;
  const source = asString(rec.source);
  const target = asString(rec.target);
  const type = asString(rec.type);
  return {
    spec: `${source ?? ''}:${target ?? ''}`,
    ...(source ? { source } : {}),
    ...(target ? { target } : {}),
    type: type === 'bind' || type === 'volume' || type === 'tmpfs' ? type : 'unknown',
    line,
  };
}

/**
 * The container port of a `ports:` or `expose:` entry: `8000`, `"8000:8000"`, `"127.0.0.1:8080:80/tcp"`,
 * or the long form's `target`. Nothing for a range or a variable.
 */
export function containerPortOf(entry: unknown): number | undefined {
  const target = asRecord(entry)?.target ?? entry;
  const port = asString(target)?.split(':').pop()?.replace(/\/(?:tcp|udp)$/i, '');
  if (!port || !/^\d{1,5}$/.test(port)) return undefined;
  const n = Number(port);
  return n > 0 && n < 65536 ? n : undefined;
}

/** Top-level keys of the compose format (`x-` extension keys aside). */
const COMPOSE_TOP_LEVEL = new Set(['version', 'name', 'services', 'volumes', 'networks', 'secrets', 'configs', 'include']);
/** Service keys only compose uses: a Helm values file or a CI configuration may name an `image` and `ports` too. */
const COMPOSE_ONLY_SERVICE_KEYS = [
  'build', 'depends_on', 'extends', 'container_name', 'env_file', 'restart', 'healthcheck', 'network_mode', 'links',
  'volumes_from', 'stdin_open', 'tty', 'expose', 'cap_add', 'ulimits',
];

/**
 * Whether a YAML file whose name does not say compose is a compose file by its content, as the compose files a
 * project keeps under its own names are (`src/main/docker/app.yml`, `deploy/stack.yml`): only top-level keys of the
 * compose format, a `services` mapping whose every entry names an `image` (a string), a `build` or an `extends`, and
 * a `version` key or a service key only compose uses.
 */
export function isComposeDocument(file: SourceFile): boolean {
  if (!/\.ya?ml$/i.test(file.path) || isComposePath(file.path) || !/^services:[ \t]*(?:#.*)?$/m.test(file.text)) return false;
  const yaml = parseYamlFile(file.text, { merge: true });
  const root = asRecord(yaml.value);
  if (yaml.error || !root || !Object.keys(root).every(k => COMPOSE_TOP_LEVEL.has(k) || k.startsWith('x-'))) return false;
  const services = asRecord(root.services);
  if (!services || Object.keys(services).length === 0) return false;
  const entries = Object.values(services).map(asRecord);
  const runsSomething = entries.every(
    svc => svc !== undefined && (typeof svc.image === 'string' || svc.build !== undefined || svc.extends !== undefined),
  );
  return runsSomething && ('version' in root || entries.some(svc => COMPOSE_ONLY_SERVICE_KEYS.some(k => k in svc!)));
}

/** Keys of a compose service that say what it runs. */
const SERVICE_SOURCE = ['image', 'build'];

/**
 * Whether a document is in the version 1 compose format: every top-level key a
 * service (a mapping that names its `image` or `build`), with no `services:`,
 * `version:`, `volumes:` or `networks:` key of the later formats.
 */
function isLegacyFormat(root: Record<string, unknown>): boolean {
  const entries = Object.entries(root);
  if (entries.length === 0 || ['services', 'version', 'volumes', 'networks', 'secrets', 'configs'].some(k => k in root)) return false;
  return entries.every(([, value]) => {
    const svc = asRecord(value);
    return svc !== undefined && SERVICE_SOURCE.some(k => k in svc);
  });
}

/** Parses a compose file; never throws. */
export function parseComposeFile(file: SourceFile): ComposeFileFact {
  const yaml = parseYamlFile(file.text, { merge: true });
  const fact: ComposeFileFact = { path: file.path, services: [] };
  if (yaml.error) {
    fact.error = `invalid YAML: ${yaml.error}`;
    return fact;
  }
  const root = asRecord(yaml.value);
  let services = asRecord(root?.services);
  // The services of a version 1 file are its top-level keys (no `services:`, `version:`, `volumes:` or `networks:`).
  const legacy = !services && root !== undefined && isLegacyFormat(root);
  if (legacy) services = root;
  if (!services) {
    // An empty file, or a file with no services (only networks, volumes…).
    if (yaml.value === undefined || yaml.value === null) return fact;
    if (root && !root.services) return fact;
    fact.error = 'services is not a mapping';
    return fact;
  }
  /** Where a service's keys sit in the document. */
  const at = (...path: Array<string | number>) => yaml.lineAt(legacy ? path : ['services', ...path]);
  const dir = dirname(file.path);
  for (const [name, raw] of Object.entries(services)) {
    const svc = asRecord(raw) ?? {};
    const service: ComposeService = {
      name,
      line: at(name),
      environment: [],
      volumes: [],
      profiles: asArray(svc.profiles).flatMap(p => {
        const text = asString(p);
        return text ? [text] : [];
      }),
    };
    const command = [svc.entrypoint, svc.command]
      .flatMap(part => (Array.isArray(part) ? part.map(p => asString(p) ?? '') : [asString(part) ?? '']))
      .filter(Boolean)
      .join(' ');
    if (command) service.command = command;
    const workingDir = asString(svc.working_dir);
    if (workingDir) service.workingDir = workingDir;
    const restart = asString(svc.restart);
    if (restart !== undefined) service.restart = restart;
    const image = asString(svc.image);
    if (image) service.image = image;
    if (svc.build !== undefined) {
      const build = asRecord(svc.build);
      const written = asString(build ? build.context : svc.build);
      if (written === undefined) service.buildContextImplied = true;
      const context = written ?? '.';
      service.buildContext = joinPath(dir, context);
      const dockerfile = asString(build?.dockerfile) ?? 'Dockerfile';
      service.dockerfile = joinPath(service.buildContext, dockerfile);
    }
    if (svc.healthcheck !== undefined) {
      const hc = asRecord(svc.healthcheck);
      service.healthcheck = {
        line: at(name, 'healthcheck'),
        disabled:
          hc?.disable === true ||
          asString(hc?.disable) === 'true' ||
          asArray(hc?.test)[0] === 'NONE' ||
          asString(hc?.test)?.trim() === 'NONE',
      };
    }
    const envFiles = (Array.isArray(svc.env_file) ? svc.env_file : [svc.env_file]).flatMap(entry => {
      const path = asString(entry) ?? asString(asRecord(entry)?.path);
      return path ? [joinPath(dir, path)] : [];
    });
    if (envFiles.length) service.envFiles = envFiles;
    const ports = [...asArray(svc.ports), ...asArray(svc.expose)].flatMap(entry => containerPortOf(entry) ?? []);
    if (ports.length) service.ports = ports;
    const env = svc.environment;
    if (Array.isArray(env)) {
      env.forEach((entry, i) => {
        const text = asString(entry);
        if (!text) return;
        const eq = text.indexOf('=');
        service.environment.push({
          key: eq === -1 ? text : text.slice(0, eq),
          ...(eq === -1 ? {} : { value: text.slice(eq + 1) }),
          line: at(name, 'environment', i),
        });
      });
    } else if (asRecord(env)) {
      for (const [key, value] of Object.entries(asRecord(env)!)) {
        const text = asString(value);
        service.environment.push({
          key,
          ...(text !== undefined ? { value: text } : {}),
          line: at(name, 'environment', key),
        });
      }
    }
    asArray(svc.volumes).forEach((spec, i) => {
      const volume = parseVolume(
        spec,
        at(name, 'volumes', i),
      );
      if (volume) service.volumes.push(volume);
    });
    fact.services.push(service);
  }
  return fact;
}
