import { ScmIntegrationRegistry } from '@backstage/integration';
import { promises as fs } from 'node:fs';

/** A url: location as the repository at its ref and the folder inside it. */
export interface RepositoryPath {
  /** The repository at the location's ref (its default branch when it names none). */
  root: string;
  /** Decoded path segments of the folder, empty for the repository root. */
  subpath: string[];
}

function decodedSegments(segments: string[]): string[] | undefined {
  const out: string[] = [];
  for (const segment of segments) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (
      !decoded ||
      decoded === '.' ||
      decoded === '..' ||
      decoded.includes('/') ||
      decoded.includes('\\') ||
      decoded.includes('\0')
    ) {
      return undefined;
    }
    out.push(decoded);
  }
  return out;
}

/**
 * Splits a GitHub or GitLab tree URL into the repository at its ref and the
 * folder, the way their readers read it (`…/tree/<ref>/<path>` on GitHub,
 * `…/-/tree/<ref>/<path>` on GitLab). Undefined for other SCMs and for URLs
 * that carry user information, a query or a fragment: those are read as
 * written.
 */
export function splitRepositoryUrl(
  integrations: ScmIntegrationRegistry,
  target: string,
): RepositoryPath | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  if (url.username || url.password || url.search || url.hash) return undefined;
  const integration = integrations.byUrl(url.toString());
  const segments = url.pathname.split('/').filter(Boolean);
  const rootOf = (parts: string[]) => `${url.origin}/${parts.join('/')}`;
  if (integration?.type === 'github') {
    const [owner, repo, view, ref, ...dir] = segments;
    if (!owner || !repo) return undefined;
    if (view === undefined) return { root: rootOf([owner, repo]), subpath: [] };
    if (view !== 'tree' || !ref) return undefined;
    const subpath = decodedSegments(dir);
    return subpath && { root: rootOf([owner, repo, 'tree', ref]), subpath };
  }
  if (integration?.type === 'gitlab') {
    const marker = segments.indexOf('-');
    const project = marker === -1 ? segments : segments.slice(0, marker);
    if (project.length < 2) return undefined;
    if (marker === -1) return { root: rootOf(project), subpath: [] };
    const [view, ref, ...dir] = segments.slice(marker + 1);
    if (view !== 'tree' || !ref) return undefined;
    const subpath = decodedSegments(dir);
    return subpath && { root: rootOf([...project, '-', 'tree', ref]), subpath };
  }
  return undefined;
}

/** What one read of a repository gave. */
export type TreeRead =
  | { status: 'unchanged'; etag: string }
  | { status: 'tree'; dir: string; etag: string };

/** A tree in use; release it when done. */
export type TreeLease =
  | { status: 'unchanged'; etag: string }
  | { status: 'tree'; dir: string; etag: string; release(): Promise<void> };

interface SharedTree {
  key: string;
  dir: string;
  etag: string;
  users: number;
  retired: boolean;
}

type Settled =
  | { kind: 'tree'; tree: SharedTree }
  | { kind: 'unchanged'; etag: string };

interface Entry {
  pending: Promise<Settled>;
  /** Set once the read is over and gave a tree. */
  tree?: SharedTree;
}

/**
 * Repository trees read once and shared: every entity whose source is in
 * the same repository at the same ref audits its folder of one tree, read
 * at the repository's current commit. A caller that finds a tree already
 * read asks the SCM whether the ref still points at that commit (the
 * reader's etag check, no download) and shares the tree when it does;
 * callers that come while a read or such a check is in flight wait for it
 * instead of asking again. A tree stays on disk for `shareMs` after it was
 * read and is deleted once no audit uses it; at most `maxIdle` unused
 * trees are kept.
 */
export class SharedTrees {
  readonly #entries = new Map<string, Entry>();
  readonly #idle = new Set<SharedTree>();
  readonly #shareMs: number;
  readonly #maxIdle: number;
  readonly #onRemoveError: (dir: string, error: unknown) => void;

  constructor(options: {
    shareMs: number;
    maxIdle: number;
    onRemoveError: (dir: string, error: unknown) => void;
  }) {
    this.#shareMs = options.shareMs;
    this.#maxIdle = options.maxIdle;
    this.#onRemoveError = options.onRemoveError;
  }

  /**
   * The tree of `key` for a caller that last saw `etag`: `unchanged` when
   * the repository is still at that etag, otherwise a lease on the shared
   * tree. `read(etag)` reads the tree unless it is still at `etag`.
   */
  async acquire(
    key: string,
    etag: string | undefined,
    read: (etag: string | undefined) => Promise<TreeRead>,
  ): Promise<TreeLease> {
    for (;;) {
      let entry = this.#entries.get(key);
      if (!entry) {
        entry = this.#start(key, etag, read);
      } else if (entry.tree) {
        entry = this.#start(key, entry.tree.etag, read, entry.tree);
      }
      // A failed read fails every caller that waited for it.
      const settled = await entry.pending;
      if (settled.kind === 'tree') return this.#lease(settled.tree, etag);
      if (settled.etag === etag) return { status: 'unchanged', etag };
      // Unchanged for the caller that read it, but this one needs the tree.
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    }
  }

  /** Deletes every tree not in use and stops sharing the others. */
  async close(): Promise<void> {
    const pending = [...this.#entries.values()].map(e => e.pending);
    this.#entries.clear();
    for (const settled of await Promise.allSettled(pending)) {
      if (settled.status === 'fulfilled' && settled.value.kind === 'tree') {
        await this.#retire(settled.value.tree);
      }
    }
    for (const tree of [...this.#idle]) await this.#retire(tree);
  }

  /**
   * Starts a read of `key` for `etag`; with `held`, a check whether the
   * tree already read is still current, which keeps it when it is.
   */
  #start(
    key: string,
    etag: string | undefined,
    read: (etag: string | undefined) => Promise<TreeRead>,
    held?: SharedTree,
  ): Entry {
    if (held) {
      // The tree stays on disk while it is checked.
      held.users += 1;
      this.#idle.delete(held);
    }
    const entry: Entry = { pending: Promise.resolve(undefined as never) };
    entry.pending = read(etag)
      .then((result): Settled => {
        if (result.status === 'unchanged') {
          if (held && !held.retired) return { kind: 'tree', tree: held };
          return { kind: 'unchanged', etag: result.etag };
        }
        const tree: SharedTree = {
          key,
          dir: result.dir,
          etag: result.etag,
          users: 0,
          // Without a share time only the callers already waiting share it.
          retired: this.#shareMs <= 0,
        };
        if (!tree.retired) {
          setTimeout(() => this.#retire(tree, entry), this.#shareMs).unref();
        }
        if (held) held.retired = true;
        return { kind: 'tree', tree };
      })
      .finally(() => (held ? this.#unuse(held) : undefined))
      .then(
        settled => {
          if (this.#entries.get(key) === entry) {
            if (settled.kind === 'tree' && !settled.tree.retired) {
              entry.tree = settled.tree;
            } else {
              // Unchanged answers, and trees not to be kept, are shared
              // only while they are in flight.
              this.#entries.delete(key);
            }
          }
          return settled;
        },
        error => {
          if (this.#entries.get(key) === entry) this.#entries.delete(key);
          throw error;
        },
      );
    this.#entries.set(key, entry);
    return entry;
  }

  #lease(tree: SharedTree, etag: string | undefined): TreeLease {
    if (tree.etag === etag) return { status: 'unchanged', etag };
    tree.users += 1;
    this.#idle.delete(tree);
    let released = false;
    return {
      status: 'tree',
      dir: tree.dir,
      etag: tree.etag,
      release: async () => {
        if (released) return;
        released = true;
        await this.#unuse(tree);
      },
    };
  }

  async #unuse(tree: SharedTree): Promise<void> {
    tree.users -= 1;
    if (tree.users > 0) return;
    if (tree.retired) {
      await this.#remove(tree);
      return;
    }
    this.#idle.add(tree);
    for (const oldest of this.#idle) {
      if (this.#idle.size <= this.#maxIdle) break;
      await this.#retire(oldest);
    }
  }

  async #retire(tree: SharedTree, entry?: Entry): Promise<void> {
    tree.retired = true;
    const current = this.#entries.get(tree.key);
    if (current && (current === entry || current.tree === tree)) {
      this.#entries.delete(tree.key);
    }
    if (tree.users === 0) await this.#remove(tree);
  }

  async #remove(tree: SharedTree): Promise<void> {
    this.#idle.delete(tree);
    try {
      await fs.rm(tree.dir, { recursive: true, force: true });
    } catch (e) {
      this.#onRemoveError(tree.dir, e);
    }
  }
}
