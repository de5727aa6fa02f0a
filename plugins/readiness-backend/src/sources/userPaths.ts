import { realpathSync } from 'node:fs';
import { isAbsolute } from 'node:path';

/**
 * Messages stored with a scorecard are shown to the entity's owners, who
 * know their repository, not the server's file system. These helpers turn
 * server paths into repository-relative ones, and cut any other absolute
 * path down to its last segment.
 */

/** An absolute path in running text: POSIX, Windows or a file: URL. */
const ABSOLUTE_PATH =
  /(?<=^|[\s'"`(=,[<{])(?:file:\/\/)?(?:\/(?!\/)|[A-Za-z]:[\\/])[^\s'"`()[\]<>{},;]+/g;

/** What may stand right before a path in running text. */
const BEFORE_PATH = `(?<=^|[\\s'"\`(=,[<{])(?:file://)?`;

function lastSegment(path: string): string {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  const last = parts[parts.length - 1];
  return last && !/^[A-Za-z]:$/.test(last) && last !== 'file:' ? last : '';
}

function cutAbsolutePaths(text: string): string {
  return text.replace(ABSOLUTE_PATH, path => {
    // A path at the end of a sentence or before a colon keeps its punctuation.
    const [, body, trailing] = /^(.*?)([.:]*)$/s.exec(path)!;
    const last = lastSegment(body);
    return `${last ? `…/${last}` : '…'}${trailing}`;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The spellings of a repository root to look for: as given and its real
 * path, longest first so that a nested spelling is replaced before a
 * shorter one.
 */
export function rootSpellings(roots: Array<string | undefined>): string[] {
  const out = new Set<string>();
  for (const root of roots) {
    if (!root || !isAbsolute(root)) continue;
    const trimmed = root.replace(/[\\/]+$/, '');
    if (trimmed.length <= 1) continue;
    out.add(trimmed);
    try {
      out.add(realpathSync(trimmed).replace(/[\\/]+$/, ''));
    } catch {
      // a root that is gone has only the spelling it was given
    }
  }
  return [...out].filter(r => r.length > 1).sort((a, b) => b.length - a.length);
}

/**
 * Replaces each root in `text` by the repository-relative form: a path under
 * it loses the prefix, the root itself becomes `.`.
 */
export function relativeToRoots(text: string, roots: string[]): string {
  let out = text;
  for (const root of roots) {
    if (!out.includes(root)) continue;
    out = out
      .replace(
        new RegExp(`${BEFORE_PATH}${escapeRegExp(root)}[\\\\/]+`, 'g'),
        '',
      )
      .replace(
        new RegExp(
          `${BEFORE_PATH}${escapeRegExp(root)}(?![^\\s'"\`()[\\]<>{},;:])`,
          'g',
        ),
        '.',
      );
  }
  return out;
}

/**
 * A message fit to show users: paths under the repository roots become
 * repository-relative, and any other absolute path of the server is cut to
 * its last segment (`…/name`).
 */
export function withoutServerPaths(
  message: string,
  roots: Array<string | undefined> = [],
): string {
  return cutAbsolutePaths(relativeToRoots(message, rootSpellings(roots)));
}

/**
 * Every string inside a JSON-like value with the repository roots made
 * relative. Text that rules produce may quote absolute paths of the
 * repository's own content (`/health`, `/etc/app.conf`), so only the roots
 * themselves are rewritten here.
 */
export function relativeToRootsDeep<T>(
  value: T,
  roots: Array<string | undefined>,
): T {
  const spellings = rootSpellings(roots);
  if (spellings.length === 0) return value;
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return relativeToRoots(node, spellings);
    if (Array.isArray(node)) return node.map(visit);
    if (node && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) out[key] = visit(child);
      return out;
    }
    return node;
  };
  return visit(value) as T;
}

/**
 * How a local source location is named to users: a relative target as the
 * entity's annotation writes it, an absolute one by its last segment only.
 */
export function describeLocalTarget(written: string): string {
  const match = /^(dir|file):(.*)$/s.exec(written.trim());
  if (!match) return withoutServerPaths(written);
  const [, type, target] = match;
  if (!isAbsolute(target) && !/^[A-Za-z]:[\\/]/.test(target)) {
    return `${type}:${target}`;
  }
  const last = lastSegment(target);
  return `${type}:${last ? `…/${last}` : '…'}`;
}
