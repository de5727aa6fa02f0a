/**
 * The containers that Kubernetes workload manifests run, and which of the repository's Dockerfiles builds the
 * image each one runs: what the container rules need to know about a deployment that is not compose.
 */
import { SourceFile } from '../snapshot';
import type { DockerfileFact, Facts } from './index';
import { memo } from './memo';
import { basename, dirname, isAsidePath, joinPath } from './paths';
import { asArray, asRecord, asString, parseYamlFile } from './yamlDoc';

/** A container of a Kubernetes workload. @public */
export interface KubeContainer {
  /** The manifest that declares it. */
  path: string;
  /** `Deployment api`. */
  workload: string;
  name?: string;
  /** The image as written (template expressions read as `x`). */
  image: string;
  /** The probes it defines: `liveness`, `readiness`, `startup`. */
  probes: string[];
  /** The user it runs as, from its own security context or the pod's: non-root (`runAsNonRoot`, `runAsUser` above 0), root (`runAsUser: 0`), or unset. */
  user?: { nonRoot: boolean; setting: string };
}

/** Workload kinds and where their pod template lies. */
const POD_SPEC_PATHS: Record<string, string[][]> = {
  Deployment: [['spec', 'template', 'spec']],
  StatefulSet: [['spec', 'template', 'spec']],
  DaemonSet: [['spec', 'template', 'spec']],
  ReplicaSet: [['spec', 'template', 'spec']],
  Rollout: [['spec', 'template', 'spec']],
  DeploymentConfig: [['spec', 'template', 'spec']],
  Job: [['spec', 'template', 'spec']],
  CronJob: [['spec', 'jobTemplate', 'spec', 'template', 'spec']],
  Pod: [['spec']],
};
const WORKLOAD_HINT = /^[ \t-]*kind:\s*["']?(?:Deployment|StatefulSet|DaemonSet|ReplicaSet|CronJob|Job|Rollout|DeploymentConfig|Pod|Service)["']?\s*(?:#.*)?$/m;

function at(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) current = asRecord(current)?.[key];
  return current;
}

/** The user a security context sets, if it sets one. */
function userOf(context: unknown): KubeContainer['user'] {
  const ctx = asRecord(context);
  if (!ctx) return undefined;
  const uid = typeof ctx.runAsUser === 'number' ? ctx.runAsUser : undefined;
  if (uid !== undefined) return { nonRoot: uid > 0, setting: `runAsUser: ${uid}` };
  if (ctx.runAsNonRoot === true) return { nonRoot: true, setting: 'runAsNonRoot: true' };
  return undefined;
}

function containersOf(file: SourceFile): KubeContainer[] {
  if (!/^apiVersion:/m.test(file.text) || !WORKLOAD_HINT.test(file.text)) return [];
  const yaml = parseYamlFile(file.text);
  const found: KubeContainer[] = [];
  const visit = (doc: Record<string, unknown>) => {
    const kind = asString(doc.kind);
    const apiVersion = asString(doc.apiVersion);
    if (!kind || !apiVersion) return;
    if (kind === 'List') {
      asArray(doc.items).forEach(item => {
        const record = asRecord(item);
        if (record) visit(record);
      });
      return;
    }
    const knative = kind === 'Service' && apiVersion.startsWith('serving.knative.dev/');
    const paths = knative ? [['spec', 'template', 'spec']] : POD_SPEC_PATHS[kind];
    if (!paths) return;
    const name = asString(asRecord(doc.metadata)?.name);
    const workload = name ? `${kind} ${name}` : kind;
    for (const path of paths) {
      const pod = asRecord(at(doc, path));
      if (!pod) continue;
      const podUser = userOf(pod.securityContext);
      for (const item of asArray(pod.containers)) {
        const container = asRecord(item);
        const image = asString(container?.image);
        if (!container || !image) continue;
        const probes = (['liveness', 'readiness', 'startup'] as const).filter(p => asRecord(container[`${p}Probe`]));
        const user = userOf(container.securityContext) ?? podUser;
        const containerName = asString(container.name);
        found.push({
          path: file.path,
          workload,
          ...(containerName ? { name: containerName } : {}),
          image,
          probes,
          ...(user ? { user } : {}),
        });
      }
    }
  };
  for (const doc of yaml.docs) {
    if (doc.errors.length > 0) continue;
    try {
      const value = asRecord(doc.toJS({ maxAliasCount: 100 }));
      if (value) visit(value);
    } catch {
      // An unreadable document declares nothing.
    }
  }
  return found;
}

/**
 * The containers of the repository's Kubernetes workload manifests (plain manifests, kustomize bases and overlays,
 * Helm chart templates read with their template expressions as stand-ins), outside test, example and documentation
 * folders. @public
 */
export function kubernetesContainers(facts: Facts): KubeContainer[] {
  return memo(facts, 'kubernetes.containers', () =>
    facts.files.filter(f => /\.ya?ml$/i.test(f.path) && !isAsidePath(f.path)).flatMap(containersOf),
  );
}

/** The repository name of an image reference, lower-cased: `gcr.io/team/api:1.2@sha256:…` is `api`. */
export function imageBaseName(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const last = withoutDigest.split('/').pop() ?? '';
  const name = last.split(':')[0].toLowerCase();
  return /^[a-z0-9][a-z0-9._-]*$/.test(name) && !/^x+$/.test(name) ? name : undefined;
}

/** Folder names that say where a Dockerfile lies, not what it builds. */
const GENERIC_FOLDER = /^(?:src|app|docker|build|deploy|deployment|container|image|\.)$/i;

/** `docker build` and `docker buildx build` command lines, with their backslash continuations joined. */
const DOCKER_BUILD = /\bdocker\s+(?:image\s+build|buildx\s+build|build)\b([^\n;&|]*)/g;

/** The Dockerfile path and image names of each `docker build` in a command text. */
function dockerBuilds(text: string): Array<{ dockerfile: string; names: string[] }> {
  const joined = text.replace(/\\\r?\n/g, ' ');
  const out: Array<{ dockerfile: string; names: string[] }> = [];
  for (const m of joined.matchAll(DOCKER_BUILD)) {
    const tokens = m[1].trim().split(/\s+/).filter(Boolean);
    const names: string[] = [];
    let file: string | undefined;
    const positional: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i].replace(/^["']|["']$/g, '');
      const option = /^(-t|--tag|-f|--file)(?:=(.*))?$/.exec(token);
      if (option) {
        const value = (option[2] ?? tokens[++i] ?? '').replace(/^["']|["']$/g, '');
        if (option[1] === '-f' || option[1] === '--file') file = value;
        else {
          const name = imageBaseName(value);
          if (name && !value.split('/').pop()!.split(':')[0].includes('$')) names.push(name);
        }
      } else if (token.startsWith('-')) {
        // An option with a separate value (`--build-arg X=1`, `--platform linux/amd64`) skips it.
        if (!token.includes('=') && tokens[i + 1] && !tokens[i + 1].startsWith('-') && i + 2 < tokens.length) i++;
      } else positional.push(token);
    }
    const context = (positional[positional.length - 1] ?? '.').replace(/^\.\/?/, '').replace(/\/$/, '');
    const dockerfile = file ? file.replace(/^\.\//, '') : joinPath(context, 'Dockerfile');
    if (names.length) out.push({ dockerfile, names });
  }
  return out;
}

/** Image names that skaffold.yaml artifacts build from each Dockerfile. */
function skaffoldBuilds(file: SourceFile): Array<{ dockerfile: string; names: string[] }> {
  const out: Array<{ dockerfile: string; names: string[] }> = [];
  const base = dirname(file.path);
  for (const doc of parseYamlFile(file.text).docs) {
    let value: Record<string, unknown> | undefined;
    try {
      value = asRecord(doc.toJS({ maxAliasCount: 100 }));
    } catch {
      continue;
    }
    const builds = [at(value, ['build', 'artifacts']), ...asArray(value?.profiles).map(p => at(p, ['build', 'artifacts']))];
    for (const artifact of builds.flatMap(asArray).map(asRecord)) {
      const name = imageBaseName(asString(artifact?.image) ?? '');
      if (!artifact || !name) continue;
      const context = joinPath(base, (asString(artifact.context) ?? '.').replace(/^\.\/?/, '').replace(/\/$/, ''));
      const dockerfile = asString(asRecord(artifact.docker)?.dockerfile) ?? 'Dockerfile';
      out.push({ dockerfile: joinPath(context, dockerfile.replace(/^\.\//, '')), names: [name] });
    }
  }
  return out;
}

/** For each Dockerfile path, the image names the repository's build tooling gives what it builds. */
function namedBuilds(facts: Facts): Map<string, Set<string>> {
  return memo(facts, 'kubernetes.namedBuilds', () => {
    const byPath = new Map<string, Set<string>>();
    const add = (dockerfile: string, names: string[]) => {
      const key = dockerfile.replace(/^\/+/, '');
      const set = byPath.get(key) ?? new Set<string>();
      names.forEach(n => set.add(n));
      byPath.set(key, set);
    };
    for (const file of facts.files) {
      const name = basename(file.path);
      if (/^skaffold\.ya?ml$/i.test(name)) skaffoldBuilds(file).forEach(b => add(b.dockerfile, b.names));
      else if ((/\.(?:sh|bash|mk)$/.test(name) || /^(?:GNU)?[Mm]akefile$/.test(name)) && file.text.includes('docker')) {
        dockerBuilds(file.text).forEach(b => add(b.dockerfile, b.names));
      }
    }
    for (const command of facts.ci.commands) dockerBuilds(command.command).forEach(b => add(b.dockerfile, b.names));
    return byPath;
  });
}

/**
 * The image names a Dockerfile's image goes by: the name its build tooling tags it with (skaffold artifacts,
 * `docker build -t` in CI, scripts and Makefiles), and the name of the folder it builds in (`services/api/Dockerfile`
 * is `api`; a generic folder such as `src/` or `docker/` names nothing, its parent does). @public
 */
export function imageNamesOf(facts: Facts, dockerfile: DockerfileFact): Set<string> {
  const names = new Set(namedBuilds(facts).get(dockerfile.path) ?? []);
  let dir = dirname(dockerfile.path);
  while (dir !== '' && GENERIC_FOLDER.test(basename(dir))) dir = dirname(dir);
  const folder = dir === '' ? undefined : imageBaseName(basename(dir));
  if (folder) names.add(folder);
  return names;
}

/** The Kubernetes containers that run the image a Dockerfile builds, matched by image name. @public */
export function containersRunning(facts: Facts, dockerfile: DockerfileFact): KubeContainer[] {
  const containers = kubernetesContainers(facts);
  if (containers.length === 0) return [];
  const names = imageNamesOf(facts, dockerfile);
  return containers.filter(c => {
    const name = imageBaseName(c.image);
    return name !== undefined && names.has(name);
  });
}
