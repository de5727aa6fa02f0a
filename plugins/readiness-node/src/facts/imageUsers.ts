import type { ImageReference } from './dockerfiles';

/**
 * Published images whose own Dockerfile ends with a non-root `USER`, so a Dockerfile that only adds
 * configuration on top of them runs unprivileged without a `USER` of its own; and images that ship an
 * unprivileged user without switching to it. Only images whose published Dockerfiles show it; `since` is
 * the first release that sets the user (older tags started as root, some dropping privileges in their
 * entrypoint, which leaves the container itself running as root).
 */
interface ImageUser {
  /** Registry host; Docker Hub when absent. */
  registry?: string;
  /** Repository path on that registry, lower case; for Docker Hub official images without `library/`. */
  names: string[];
  /** Only tags matching this (all tags when absent). */
  tag?: RegExp;
  /** The user the image switches to, as a `USER` instruction names it. */
  user: string;
  /** True when the image runs as that user by default; false when it only ships it. */
  byDefault: boolean;
  /** First version with that user, as `major.minor.patch`; tags that name no version count as current. */
  since?: string;
}

const IMAGE_USERS: ImageUser[] = [
  // Grafana's image runs as uid 472 since 5.1 (before, run.sh dropped privileges with gosu).
  { names: ['grafana/grafana', 'grafana/grafana-oss', 'grafana/grafana-enterprise'], user: '472', byDefault: true, since: '5.1.0' },
  // The Prometheus project's images end with `USER nobody`: Prometheus since 2.0, Alertmanager since
  // 0.16, node exporter since 0.15.
  { names: ['prom/prometheus'], user: 'nobody', byDefault: true, since: '2.0.0' },
  { registry: 'quay.io', names: ['prometheus/prometheus'], user: 'nobody', byDefault: true, since: '2.0.0' },
  { names: ['prom/alertmanager'], user: 'nobody', byDefault: true, since: '0.16.0' },
  { registry: 'quay.io', names: ['prometheus/alertmanager'], user: 'nobody', byDefault: true, since: '0.16.0' },
  { names: ['prom/node-exporter'], user: 'nobody', byDefault: true, since: '0.15.0' },
  { registry: 'quay.io', names: ['prometheus/node-exporter'], user: 'nobody', byDefault: true, since: '0.15.0' },
  // NGINX's unprivileged variant runs as the nginx user, uid 101.
  { names: ['nginxinc/nginx-unprivileged'], user: '101', byDefault: true },
  { registry: 'ghcr.io', names: ['nginxinc/nginx-unprivileged'], user: '101', byDefault: true },
  // Distroless `nonroot` tags (`nonroot`, `debug-nonroot`, `latest-nonroot`…) run as nonroot, uid 65532.
  { registry: 'gcr.io', names: ['distroless/*'], tag: /(^|-)nonroot$/, user: '65532:65532', byDefault: true },
  // Chainguard's static image runs as nonroot, uid 65532.
  { registry: 'cgr.dev', names: ['chainguard/static'], user: '65532:65532', byDefault: true },
  // The official Node images (Debian and Alpine alike) ship a `node` user but start as root.
  { names: ['node'], user: 'node', byDefault: false },
];

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** The registry host and repository path of an image reference; the host is absent for Docker Hub. */
function locationOf(image: ImageReference): { registry?: string; path: string } {
  const withoutDigest = image.image.split('@')[0];
  const parts = withoutDigest.split('/');
  let registry: string | undefined;
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) registry = parts.shift()!.toLowerCase();
  if (registry && DOCKER_HUB.has(registry)) registry = undefined;
  let path = image.imageName.toLowerCase();
  if (!registry && path.startsWith('library/')) path = path.slice('library/'.length);
  return { ...(registry ? { registry } : {}), path };
}

/** The leading `major.minor.patch` of a tag (`v2.4.2`, `5.2.4-ubuntu`, `11`), or nothing for `latest`, `main`… */
function versionOf(tag: string | undefined): number[] | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?=$|[-_.+])/.exec(tag ?? '');
  return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] : undefined;
}

function atLeast(version: number[], since: string): boolean {
  const floor = since.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if (version[i] !== floor[i]) return version[i] > (floor[i] ?? 0);
  }
  return true;
}

function matches(entry: ImageUser, image: ImageReference): boolean {
  const { registry, path } = locationOf(image);
  if (entry.registry !== registry) return false;
  const named = entry.names.some(name => (name.endsWith('/*') ? path.startsWith(name.slice(0, -1)) : path === name));
  if (!named) return false;
  const tag = (image.tag ?? '').toLowerCase();
  if (entry.tag && !entry.tag.test(tag)) return false;
  const version = versionOf(tag);
  return !entry.since || !version || atLeast(version, entry.since);
}

/**
 * The unprivileged user a known published image provides: `byDefault` when the image already runs as it
 * (a Dockerfile built on it runs unprivileged without a `USER`), otherwise a user it ships that a `USER`
 * can switch to. Nothing for images not in the table, such as generic OS and language runtime images.
 * @public
 */
export function imageUserOf(image: ImageReference | undefined): { user: string; byDefault: boolean } | undefined {
  if (!image) return undefined;
  const entry = IMAGE_USERS.find(e => matches(e, image));
  return entry ? { user: entry.user, byDefault: entry.byDefault } : undefined;
}

/** Whether a `USER` argument names root (`root`, `0`, `root:root`, `0:0`…). @public */
export function isRootUser(args: string): boolean {
  const [user] = args.trim().toLowerCase().split(':');
  return user === 'root' || user === '0';
}
