import type { Entity } from '@backstage/catalog-model';
import {
  READINESS_SOURCE_ANNOTATION,
  SourceLinks,
  sourceUrlOf,
} from '@readiness/backstage-plugin-readiness-common';

const SOURCE_LOCATION_ANNOTATION = 'backstage.io/source-location';

/**
 * Where an entity's repository lives, as far as links are concerned: the
 * links the backend served for the audited commit (`scm`), or what the
 * entity's annotation says.
 */
export type SourceRoot =
  | { type: 'scm'; links: SourceLinks }
  | { type: 'github' | 'gitlab'; repoUrl: string; ref: string; base: string }
  | { type: 'dir' | 'other'; target: string };

/**
 * The root of a scorecard's findings: the backend's links when it served
 * them; none when it said there are none (null); the entity's annotation
 * with a backend that does not serve links.
 */
export function sourceRootFor(
  links: SourceLinks | null | undefined,
  entity: Entity | undefined,
): SourceRoot | undefined {
  if (links) return { type: 'scm', links };
  if (links === null) return undefined;
  return sourceRootOf(entity);
}

/** A finding location: a link where the host is known, always a readable text. */
export interface SourceLink {
  text: string;
  href?: string;
}

function trimSlashes(value: string): string {
  return value.replace(/^\/+|\/+$/g, '');
}

function encodePath(path: string): string {
  return trimSlashes(path)
    .split('/')
    .filter(Boolean)
    .map(segment => encodeURIComponent(segment))
    .join('/');
}

function decodeSegments(segments: string[]): string {
  return segments
    .map(segment => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

function parseUrlRoot(target: string): SourceRoot {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { type: 'other', target };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { type: 'other', target };
  }
  const host = url.hostname.toLocaleLowerCase('en-US');
  const segments = url.pathname.split('/').filter(Boolean);
  const origin = `${url.protocol}//${url.host}`;

  if (host.includes('gitlab')) {
    const marker = segments.indexOf('-');
    const repoSegments = marker === -1 ? segments : segments.slice(0, marker);
    if (repoSegments.length < 2) return { type: 'other', target };
    repoSegments[repoSegments.length - 1] = repoSegments[
      repoSegments.length - 1
    ].replace(/\.git$/, '');
    const rest = marker === -1 ? [] : segments.slice(marker + 1);
    const view = rest[0];
    const hasRef = (view === 'tree' || view === 'blob') && rest.length >= 2;
    return {
      type: 'gitlab',
      repoUrl: `${origin}/${repoSegments.join('/')}`,
      ref: hasRef ? decodeSegments([rest[1]]) : 'HEAD',
      base: hasRef ? decodeSegments(rest.slice(2)) : '',
    };
  }

  if (host.includes('github')) {
    if (segments.length < 2) return { type: 'other', target };
    const [owner, rawRepo, view, ref, ...rest] = segments;
    const repo = rawRepo.replace(/\.git$/, '');
    const hasRef = (view === 'tree' || view === 'blob') && ref !== undefined;
    return {
      type: 'github',
      repoUrl: `${origin}/${owner}/${repo}`,
      ref: hasRef ? decodeSegments([ref]) : 'HEAD',
      base: hasRef ? decodeSegments(rest) : '',
    };
  }

  return { type: 'other', target };
}

/**
 * Reads where an entity's sources live: the Readiness override annotation
 * first, then `backstage.io/source-location`.
 */
export function sourceRootOf(
  entity: Entity | undefined,
): SourceRoot | undefined {
  const annotations = entity?.metadata.annotations ?? {};
  const location =
    annotations[READINESS_SOURCE_ANNOTATION] ??
    annotations[SOURCE_LOCATION_ANNOTATION];
  if (!location) return undefined;
  const separator = location.indexOf(':');
  if (separator <= 0) return undefined;
  const type = location.slice(0, separator);
  const target = location.slice(separator + 1).trim();
  if (!target) return undefined;
  if (type === 'url') return parseUrlRoot(target);
  if (type === 'dir' || type === 'file') return { type: 'dir', target };
  return { type: 'other', target };
}

/** `path:line`, or the path alone when there is no line. */
export function locationText(path: string, line?: number): string {
  return line ? `${path}:${line}` : path;
}

/**
 * The link of a finding: a blob URL with a line anchor on GitHub and GitLab,
 * a plain `path:line` everywhere else (local directories, unknown hosts).
 */
export function findingLink(
  root: SourceRoot | undefined,
  path: string,
  line?: number,
): SourceLink {
  const text = locationText(path, line);
  if (root?.type === 'scm') {
    const href = sourceUrlOf(root.links, path, line);
    return href ? { text, href } : { text };
  }
  if (!root || (root.type !== 'github' && root.type !== 'gitlab')) {
    return { text };
  }
  const filePath = [root.base, path].map(encodePath).filter(Boolean).join('/');
  const ref = encodeURIComponent(root.ref);
  const blob =
    root.type === 'gitlab'
      ? `${root.repoUrl}/-/blob/${ref}/${filePath}`
      : `${root.repoUrl}/blob/${ref}/${filePath}`;
  return { text, href: line ? `${blob}#L${line}` : blob };
}
