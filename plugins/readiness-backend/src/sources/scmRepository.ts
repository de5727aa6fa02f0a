import { ScmIntegrationRegistry } from '@backstage/integration';
import { splitRepositoryUrl } from './sharedTrees';

/** A GitHub repository or GitLab project that a url: location points into. @public */
export interface ScmRepository {
  type: 'github' | 'gitlab';
  /** `https://host`, as written in the location. */
  origin: string;
  host: string;
  /** `owner/name` on GitHub, `group/…/project` on GitLab. */
  path: string;
  /** The branch or ref the location names; undefined for the default branch. */
  ref?: string;
  /** Decoded path segments of the folder, empty for the repository root. */
  subpath: string[];
}

/**
 * The repository a GitHub or GitLab url: location points into, read the way
 * {@link splitRepositoryUrl} reads it. Undefined for other SCMs and for
 * locations that are not a repository or a tree.
 */
export function scmRepositoryOf(
  integrations: ScmIntegrationRegistry,
  target: string,
): ScmRepository | undefined {
  const split = splitRepositoryUrl(integrations, target);
  if (!split) return undefined;
  const root = new URL(split.root);
  const type = integrations.byUrl(root.toString())?.type;
  if (type !== 'github' && type !== 'gitlab') return undefined;
  const segments = root.pathname.split('/').filter(Boolean);
  let path: string[];
  let ref: string | undefined;
  if (type === 'github') {
    path = segments.slice(0, 2);
    ref = segments[3];
  } else {
    const marker = segments.indexOf('-');
    path = marker === -1 ? segments : segments.slice(0, marker);
    ref = marker === -1 ? undefined : segments[marker + 2];
  }
  return {
    type,
    origin: root.origin,
    host: root.host,
    path: path.map(decodeURIComponent).join('/'),
    ...(ref ? { ref: decodeURIComponent(ref) } : {}),
    subpath: split.subpath,
  };
}

/** The tree URL of `repository` at `commit`, as the URL readers read it. */
export function treeUrlAt(repository: ScmRepository, commit: string): string {
  const path = repository.path.split('/').map(encodeURIComponent).join('/');
  const folder = repository.subpath.map(encodeURIComponent);
  const parts =
    repository.type === 'github'
      ? [path, 'tree', commit, ...folder]
      : [path, '-', 'tree', commit, ...folder];
  return `${repository.origin}/${parts.join('/')}`;
}
