import { VENDORED_DIRS } from '@readiness/backstage-plugin-readiness-node';
import { createHash } from 'node:crypto';
import {
  Dirent,
  lstatSync,
  readdirSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { SourceError } from './SourceError';
import { describeLocalTarget, withoutServerPaths } from './userPaths';

const SLASH = Buffer.from('/');

function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function realRoots(roots: string[]): string[] {
  const out = new Set<string>();
  for (const root of roots) {
    out.add(root);
    try {
      out.add(realpathSync(root));
    } catch {
      // a root that does not exist allows nothing beyond its literal path
    }
  }
  return [...out];
}

/**
 * Checks a local directory against the allow-list and returns its real
 * path. Symbolic links that lead out of every root are refused. Messages
 * name the source by `label` (by default the path's last segment), never by
 * the server path.
 * @public
 */
export async function resolveAllowedDirectory(
  path: string,
  roots: string[],
  label: string = describeLocalTarget(`dir:${path}`),
): Promise<string> {
  if (roots.length === 0) {
    throw new SourceError(
      'disallowed',
      `The local source ${label} is not audited: no directory is allowed (set readiness.localRoots)`,
    );
  }
  const allowed = realRoots(roots);
  if (!allowed.some(root => isWithin(root, path))) {
    throw new SourceError(
      'disallowed',
      `The local source ${label} is outside the directories allowed by readiness.localRoots`,
    );
  }
  let real: string;
  try {
    real = realpathSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SourceError(
      code === 'ENOENT' ? 'not-found' : 'unreadable',
      code === 'ENOENT'
        ? `The local source ${label} does not exist`
        : `The local source ${label} cannot be read (${
            code ?? withoutServerPaths((e as Error).message)
          })`,
    );
  }
  if (!allowed.some(root => isWithin(root, real))) {
    throw new SourceError(
      'disallowed',
      `The local source ${label} leads outside the directories allowed by readiness.localRoots`,
    );
  }
  return statSync(real).isDirectory() ? real : dirname(real);
}

/**
 * A cheap fingerprint of a directory tree: a hash over every entry's path,
 * size and modification time, from a stat-only walk that skips vendored
 * trees. Any edit, addition, removal or rename changes it.
 * @public
 */
export async function fingerprintDirectory(
  root: string,
  maxEntries = 50_000,
  label: string = describeLocalTarget(`dir:${root}`),
): Promise<string> {
  const lines: string[] = [];
  // Names are read as bytes: a name that is not valid UTF-8 is still found
  // again by stat, so an edit of that file changes the fingerprint.
  const base = Buffer.from(join(root, '/'));
  const pending: Buffer[] = [Buffer.alloc(0)];
  // Synchronous stats are several times cheaper than promise-based ones for
  // the small calls a fingerprint makes; the walk yields between directories
  // once it has done a batch, so a large tree never blocks for long.
  let sinceYield = 0;
  while (pending.length > 0 && lines.length < maxEntries) {
    const dir = pending.pop()!;
    let entries: Dirent<Buffer>[];
    try {
      entries = readdirSync(dir.length ? Buffer.concat([base, dir]) : root, {
        withFileTypes: true,
        encoding: 'buffer',
      });
    } catch (e) {
      if (dir.length === 0) {
        throw new SourceError(
          'unreadable',
          `The local source ${label} cannot be read (${
            (e as NodeJS.ErrnoException).code ??
            withoutServerPaths((e as Error).message)
          })`,
        );
      }
      lines.push(`${dir.toString('utf8')}\t!`);
      continue;
    }
    for (const entry of entries) {
      const path = dir.length
        ? Buffer.concat([dir, SLASH, entry.name])
        : entry.name;
      const text = path.toString('utf8');
      if (entry.isDirectory()) {
        if (!VENDORED_DIRS.has(entry.name.toString('utf8'))) pending.push(path);
        continue;
      }
      try {
        const stat = lstatSync(Buffer.concat([base, path]));
        lines.push(`${text}\t${stat.size}\t${Math.trunc(stat.mtimeMs)}`);
      } catch {
        lines.push(`${text}\t?`);
      }
    }
    sinceYield += entries.length;
    if (sinceYield >= 1000) {
      sinceYield = 0;
      await new Promise<void>(resolve => setImmediate(resolve));
    }
  }
  lines.sort();
  const hash = createHash('sha256').update(lines.join('\n')).digest('hex');
  return `dir:${lines.length}:${hash.slice(0, 40)}`;
}
