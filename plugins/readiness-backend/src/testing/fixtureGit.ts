import { execFile, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Git with a fixed identity and no user or system configuration. */
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Fixture',
  GIT_AUTHOR_EMAIL: 'fixture@example.test',
  GIT_COMMITTER_NAME: 'Fixture',
  GIT_COMMITTER_EMAIL: 'fixture@example.test',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, {
    cwd,
    env: GIT_ENV,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.trim();
}

/** File contents by repository-relative path; `null` deletes the file. */
export type FixtureFiles = Record<string, string | Buffer | null>;

/**
 * A git repository in a temporary directory that tests commit to, served by
 * the local SCM server as a GitHub or GitLab repository.
 */
export class FixtureGitRepo {
  readonly dir: string;
  readonly defaultBranch: string;
  /**
   * The commit each ref names, as resolved since the refs last moved. The
   * server answers every check of a ref from here instead of running git,
   * as a real SCM answers from its ref store; every method that moves a ref
   * forgets them, so refs must be moved through these methods only.
   */
  readonly #resolved = new Map<string, Promise<string | undefined>>();

  private constructor(dir: string, defaultBranch: string) {
    this.dir = dir;
    this.defaultBranch = defaultBranch;
  }

  /** A new repository whose first commit on `defaultBranch` holds `files`. */
  static async create(
    files: FixtureFiles,
    options: { defaultBranch?: string } = {},
  ): Promise<FixtureGitRepo> {
    const defaultBranch = options.defaultBranch ?? 'main';
    const dir = await fs.mkdtemp(join(tmpdir(), 'readiness-scm-repo-'));
    await git(dir, ['init', '--quiet', `--initial-branch=${defaultBranch}`]);
    const repo = new FixtureGitRepo(dir, defaultBranch);
    await repo.commit(files, 'Initial commit');
    return repo;
  }

  /** Writes `files` on the current branch and commits them, those a .gitignore lists too; returns the new commit. */
  async commit(files: FixtureFiles, message = 'Change'): Promise<string> {
    for (const [path, content] of Object.entries(files)) {
      const target = join(this.dir, path);
      if (content === null) {
        await fs.rm(target, { force: true });
      } else {
        await fs.mkdir(dirname(target), { recursive: true });
        await fs.writeFile(target, content);
      }
    }
    await this.#movingRefs(async () => {
      await git(this.dir, ['add', '--all', '--force']);
      await git(this.dir, [
        'commit',
        '--quiet',
        '--allow-empty',
        '-m',
        message,
      ]);
    });
    return this.resolve('HEAD') as Promise<string>;
  }

  /** Creates `branch` at the current commit and switches to it. */
  async branch(branch: string): Promise<void> {
    await this.#movingRefs(() =>
      git(this.dir, ['checkout', '--quiet', '-b', branch]),
    );
  }

  /** Switches to an existing branch. */
  async checkout(branch: string): Promise<void> {
    await this.#movingRefs(() =>
      git(this.dir, ['checkout', '--quiet', branch]),
    );
  }

  /**
   * The commit a ref (branch, tag or commit) names, or undefined. Resolved
   * with git once until a ref moves; callers asking at the same time share
   * one git process.
   */
  resolve(ref: string): Promise<string | undefined> {
    if (!ref || ref.startsWith('-')) return Promise.resolve(undefined);
    let resolved = this.#resolved.get(ref);
    if (!resolved) {
      resolved = git(this.dir, [
        'rev-parse',
        '--verify',
        '--quiet',
        `${ref}^{commit}`,
      ]).catch(() => undefined);
      this.#resolved.set(ref, resolved);
    }
    return resolved;
  }

  /**
   * Runs a change of refs, then forgets the resolved refs: a resolve that
   * ran meanwhile may have seen either side of the change.
   */
  async #movingRefs<T>(change: () => Promise<T>): Promise<T> {
    this.#resolved.clear();
    try {
      return await change();
    } finally {
      this.#resolved.clear();
    }
  }

  /** The last commit at or before `sha` that touched `path`, or undefined. */
  async lastCommitTouching(
    sha: string,
    path: string,
  ): Promise<string | undefined> {
    const out = await git(this.dir, [
      'log',
      '-1',
      '--format=%H',
      sha,
      '--',
      path,
    ]);
    return out || undefined;
  }

  /** Whether `path` is a file or directory in the tree of `sha`. */
  async hasPath(sha: string, path: string): Promise<boolean> {
    try {
      await git(this.dir, ['cat-file', '-e', `${sha}:${path}`]);
      return true;
    } catch {
      return false;
    }
  }

  /** The raw content of a file at `sha`, or undefined. */
  async readFile(sha: string, path: string): Promise<Buffer | undefined> {
    try {
      const object = path ? `${sha}:${path}` : sha;
      const { stdout } = await run('git', ['cat-file', 'blob', object], {
        cwd: this.dir,
        env: GIT_ENV,
        encoding: 'buffer',
        maxBuffer: 256 * 1024 * 1024,
      });
      return stdout;
    } catch {
      return undefined;
    }
  }

  /** Every blob and tree under the tree of `sha`, depth first, as `git ls-tree -r -t` lists them. */
  async listTree(
    sha: string,
  ): Promise<
    Array<{ path: string; type: 'blob' | 'tree'; sha: string; size?: number }>
  > {
    const out = await git(this.dir, ['ls-tree', '-r', '-t', '-l', '-z', sha]);
    return out
      .split('\0')
      .filter(Boolean)
      .map(line => {
        // <mode> SP <type> SP <object> SP+ <size> TAB <path>
        const tab = line.indexOf('\t');
        const [, type, object, size] = line.slice(0, tab).split(/ +/);
        return {
          path: line.slice(tab + 1),
          type: type === 'tree' ? ('tree' as const) : ('blob' as const),
          sha: object,
          ...(type === 'blob' ? { size: Number(size) } : {}),
        };
      });
  }

  /** The content of a blob by its object id, or undefined. */
  async readBlob(blobSha: string): Promise<Buffer | undefined> {
    return this.readFile(blobSha, '');
  }

  /**
   * A gzipped tarball of the tree at `sha` (of `path` only when given), each
   * entry under the top directory `prefix`, as `git archive` writes it.
   */
  archive(sha: string, prefix: string, path?: string): Readable {
    const args = ['archive', '--format=tar.gz', `--prefix=${prefix}/`, sha];
    if (path) args.push('--', path);
    const child = spawn('git', args, { cwd: this.dir, env: GIT_ENV });
    child.stderr.resume();
    return child.stdout;
  }

  // ---- writes, as the SCM APIs make them -----------------------------------

  /** Stores `content` as a blob; returns its object id. */
  async writeBlob(content: string | Buffer): Promise<string> {
    const file = join(this.dir, '.git', `blob-${process.hrtime.bigint()}`);
    await fs.writeFile(file, content);
    try {
      return await git(this.dir, ['hash-object', '-w', file]);
    } finally {
      await fs.rm(file, { force: true });
    }
  }

  /** The tree of a commit, or undefined. */
  async treeOf(sha: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{4,64}$/i.test(sha)) return undefined;
    try {
      return await git(this.dir, ['rev-parse', '--verify', `${sha}^{tree}`]);
    } catch {
      return undefined;
    }
  }

  /**
   * A tree made of `baseTree` (when given) with `files` written over it
   * (regular files; `null` removes one); returns its object id.
   */
  async writeTree(
    baseTree: string | undefined,
    files: Record<string, string | Buffer | null>,
  ): Promise<string> {
    const index = join(this.dir, '.git', `index-${process.hrtime.bigint()}`);
    const env = { ...GIT_ENV, GIT_INDEX_FILE: index };
    const indexGit = async (args: string[]) =>
      (await run('git', args, { cwd: this.dir, env })).stdout.trim();
    try {
      if (baseTree) await indexGit(['read-tree', baseTree]);
      else await indexGit(['read-tree', '--empty']);
      for (const [path, content] of Object.entries(files)) {
        if (content === null) {
          await indexGit(['update-index', '--force-remove', '--', path]);
        } else {
          const blob = await this.writeBlob(content);
          await indexGit([
            'update-index',
            '--add',
            '--cacheinfo',
            `100644,${blob},${path}`,
          ]);
        }
      }
      return await indexGit(['write-tree']);
    } finally {
      await fs.rm(index, { force: true });
    }
  }

  /** A commit of `tree` over `parents`; returns its object id. No ref moves. */
  async commitTree(
    tree: string,
    parents: string[],
    message: string,
  ): Promise<string> {
    const args = ['commit-tree', tree, '-m', message];
    for (const parent of parents) args.push('-p', parent);
    return git(this.dir, args);
  }

  /** Whether the branch exists. */
  async hasBranch(branch: string): Promise<boolean> {
    return (await this.resolve(`refs/heads/${branch}`)) !== undefined;
  }

  /** Points `branch` at `sha`, creating it. */
  async setBranch(branch: string, sha: string): Promise<void> {
    await this.#movingRefs(() =>
      git(this.dir, ['update-ref', `refs/heads/${branch}`, sha]),
    );
  }

  /** Deletes a branch other than the checked-out one. */
  async deleteBranch(branch: string): Promise<void> {
    await this.#movingRefs(() =>
      git(this.dir, ['update-ref', '-d', `refs/heads/${branch}`]),
    );
  }

  /** The paths of the files that differ between two commits. */
  async changedPaths(from: string, to: string): Promise<string[]> {
    const out = await git(this.dir, ['diff', '--name-only', from, to]);
    return out.split('\n').filter(Boolean);
  }

  /** The message of a commit. */
  async messageOf(sha: string): Promise<string> {
    return git(this.dir, ['log', '-1', '--format=%B', sha]);
  }

  async remove(): Promise<void> {
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}
