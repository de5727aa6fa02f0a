/**
 * The containers that Kubernetes workload manifests run, and which of the repository's Dockerfiles builds the
 * image each one runs: what the container rules need to know about a deployment that is not compose.
 */
import { SourceFile } from '../snapshot';
import type { Facts } from './index';
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

/** Image names that skaffold.yaml artifacts build from each Dockerfile. */
function skaffoldBuilds(file: SourceFile): Array<{ dockerfile: string; name: string }> {
  const out: Array<{ dockerfile: string; name: string }> = [];
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
      const context = joinPath(base, asString(artifact.context) ?? '.');
      const dockerfile = asString(asRecord(artifact.docker)?.dockerfile) ?? 'Dockerfile';
      out.push({ dockerfile: joinPath(context, dockerfile), name });
    }
  }
  return out;
}

/** The images skaffold.yaml files build: each artifact's Dockerfile path with the image name it gives it. @public */
export function skaffoldArtifacts(facts: Facts): Array<{ dockerfile: string; name: string }> {
  return memo(facts, 'kubernetes.skaffold', () =>
    facts.files.filter(f => /^skaffold\.ya?ml$/i.test(basename(f.path)) && !isAsidePath(f.path)).flatMap(skaffoldBuilds),
  );
}
