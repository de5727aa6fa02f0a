import { ConfigReader } from '@backstage/config';
import {
  ScmIntegration,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import { SourceLinks } from '@readiness/backstage-plugin-readiness-common';
import { SourceLocation } from './sourceLocation';

/**
 * The etag of readTree is the commit the tree was read at for the GitHub,
 * GitLab, Bitbucket, Azure and Gitea readers (abbreviated on Bitbucket).
 */
const COMMIT = /^[0-9a-f]{7,64}$/i;

/** The integrations Backstage knows without configuration (github.com, gitlab.com, …). */
export function defaultIntegrations(): ScmIntegrationRegistry {
  return ScmIntegrations.fromConfig(new ConfigReader({}));
}

/**
 * A URL without what must never be shown: user, password, query and
 * fragment (tokens travel in all of them).
 */
export function withoutCredentials(target: string): string {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    // Not a URL: cut anything that looks like user information.
    return target.replace(/\/\/[^/@\s]*@/, '//');
  }
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** Running text with the user information of every URL in it removed. */
export function withoutUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1');
}

/**
 * What a reader said about `target`, with the location written as
 * {@link withoutCredentials} shows it and no user information in any URL.
 */
export function withoutLocationSecrets(text: string, target: string): string {
  const shown = withoutCredentials(target);
  const forms = new Set([target]);
  try {
    const url = new URL(target);
    url.username = '';
    url.password = '';
    forms.add(url.toString());
  } catch {
    // not a URL: only its written form can appear
  }
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    if (form && form !== shown) out = out.split(form).join(shown);
  }
  return withoutUrlCredentials(out);
}

/** Path segments of a URL, as written (still percent-encoded). */
function segmentsOf(url: URL): string[] {
  return url.pathname.split('/').filter(Boolean);
}

function directoryUrl(origin: string, segments: string[]): string {
  return `${origin}/${segments.join('/')}/`;
}

/**
 * The blob URL of the audited directory at `commit` (or at the location's
 * ref when the reader did not tell the commit), for SCMs whose file URLs
 * carry the path in the URL's path.
 */
function pinnedDirectory(
  type: string,
  url: URL,
  commit: string | undefined,
): string | undefined {
  const origin = url.origin;
  const segments = segmentsOf(url);
  switch (type) {
    case 'github': {
      const [owner, rawRepo, view, ref, ...dir] = segments;
      if (!owner || !rawRepo) return undefined;
      const repo = rawRepo.replace(/\.git$/, '');
      if (view === undefined) {
        return directoryUrl(origin, [owner, repo, 'blob', commit ?? 'HEAD']);
      }
      if ((view !== 'tree' && view !== 'blob') || !ref) return undefined;
      return directoryUrl(origin, [owner, repo, 'blob', commit ?? ref, ...dir]);
    }
    case 'gitlab': {
      const marker = segments.indexOf('-');
      const project = marker === -1 ? segments : segments.slice(0, marker);
      if (project.length < 2) return undefined;
      project[project.length - 1] = project[project.length - 1].replace(
        /\.git$/,
        '',
      );
      if (marker === -1) {
        return directoryUrl(origin, [
          ...project,
          '-',
          'blob',
          commit ?? 'HEAD',
        ]);
      }
      const [view, ref, ...dir] = segments.slice(marker + 1);
      if ((view !== 'tree' && view !== 'blob') || !ref) return undefined;
      return directoryUrl(origin, [
        ...project,
        '-',
        'blob',
        commit ?? ref,
        ...dir,
      ]);
    }
    case 'bitbucketCloud': {
      const [workspace, repo, view, ref, ...dir] = segments;
      if (!workspace || !repo) return undefined;
      if (view === undefined) {
        return commit
          ? directoryUrl(origin, [workspace, repo, 'src', commit])
          : undefined;
      }
      if (view !== 'src' || !ref) return undefined;
      return directoryUrl(origin, [
        workspace,
        repo,
        'src',
        commit ?? ref,
        ...dir,
      ]);
    }
    default:
      // Bitbucket Server and Azure DevOps put the file path in the query
      // string, so their file URLs are not a prefix plus a path.
      return undefined;
  }
}

/**
 * How the integration anchors a line, asked of the integration itself:
 * `#L` on GitHub and GitLab, `#lines-` on Bitbucket Cloud.
 */
function lineAnchorOf(
  integration: ScmIntegration,
  base: string,
): string | undefined {
  let hash: string;
  try {
    hash = new URL(integration.resolveUrl({ url: 'file', base, lineNumber: 7 }))
      .hash;
  } catch {
    return undefined;
  }
  const match = /^(#[^#]*?)7$/.exec(hash);
  return match ? match[1] : undefined;
}

/**
 * Where the findings of an audit of `location` at `etag` link to: the blob
 * URL of the audited directory at the audited commit and the line anchor of
 * its SCM. Undefined for local directories, for hosts without an
 * integration and for SCMs whose file URLs do not end in the path. The
 * result never carries credentials, a query or a fragment of the location.
 */
export function sourceLinksFor(
  integrations: ScmIntegrationRegistry,
  location: SourceLocation,
  etag: string | undefined,
): SourceLinks | undefined {
  if (location.type !== 'url') return undefined;
  let url: URL;
  try {
    url = new URL(location.target);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const integration = integrations.byUrl(url.toString());
  if (!integration) return undefined;
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  const commit = etag && COMMIT.test(etag) ? etag.toLowerCase() : undefined;
  const base = pinnedDirectory(integration.type, url, commit);
  if (!base) return undefined;
  const lineAnchor = lineAnchorOf(integration, base);
  if (lineAnchor === undefined) return undefined;
  return { base, lineAnchor };
}
