import { execFile } from 'node:child_process';
import {
  closeSync,
  constants,
  Dirent,
  fstatSync,
  openSync,
  promises as fs,
  readdirSync,
  readFileSync,
  readSync,
} from 'node:fs';
import { join } from 'node:path';
import ignore, { Ignore } from 'ignore';
import {
  compareStrings,
  DEFAULT_WALK_LIMITS,
  isVendoredDir,
  SkippedEntry,
  Snapshot,
  SourceFile,
  sourceBuildDirs,
  VENDORED_DIRS,
  WalkLimits,
} from './snapshot';

/** Thrown when the directory to audit cannot be read at all. @public */
export class UnreadableRepositoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableRepositoryError';
  }
}

/** @public */
export interface WalkOptions {
  limits?: Partial<WalkLimits>;
  /** Use `git ls-files` where the tree is a git checkout. Default true. */
  useGit?: boolean;
  /** Called every 1,000 entries with the count so far. */
  onProgress?: (entries: number) => void;
}

const BINARY_SNIFF_BYTES = 8000;
const READ_NO_FOLLOW = constants.O_RDONLY | constants.O_NOFOLLOW;

/** The vendored or generated directory a path lies in, if any; `sourceDirs` are named like one but hold source. */
function vendoredDirOf(path: string, sourceDirs: Set<string>): string | undefined {
  const parts = path.split('/');
  for (let i = 0; i < parts.length - 1; i++) {
    if (!VENDORED_DIRS.has(parts[i])) continue;
    const dir = parts.slice(0, i + 1).join('/');
    if (isVendoredDir(dir, sourceDirs)) return dir;
  }
  return undefined;
}

/** A NUL byte in the first bytes marks a binary file, as git and ripgrep judge. */
function looksBinary(buf: Buffer): boolean {
  return buf.subarray(0, BINARY_SNIFF_BYTES).indexOf(0) !== -1;
}

class Collector {
  readonly files: SourceFile[] = [];
  readonly skipped: SkippedEntry[] = [];
  readonly errors: Array<{ path: string; message: string }> = [];
  bytes = 0;
  entries = 0;
  truncated?: string;

  constructor(
    private readonly root: string,
    private readonly limits: WalkLimits,
    private readonly onProgress?: (entries: number) => void,
  ) {}

  /** Counts an entry; false once a cap is reached. */
  admit(): boolean {
    if (this.truncated) return false;
    if (this.entries >= this.limits.maxFiles) {
      this.truncated = `stopped at the file cap (${this.limits.maxFiles} entries)`;
      return false;
    }
    this.entries += 1;
    if (this.onProgress && this.entries % 1000 === 0) {
      this.onProgress(this.entries);
    }
    return true;
  }

  /**
   * Reads one file with a single open: `O_NOFOLLOW` refuses symbolic links,
   * `fstat` gives the size before anything is read. Synchronous reads are
   * several times faster than promise-based ones for small files; the walk
   * yields to the event loop between batches instead.
   */
  readFile(path: string): void {
    const abs = join(this.root, path);
    let fd: number;
    try {
      fd = openSync(abs, READ_NO_FOLLOW);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ELOOP' || code === 'EMLINK') {
        this.skipped.push({ path, reason: 'symlink' });
      } else if (code !== 'EISDIR' && code !== 'ENXIO') {
        this.skipped.push({ path, reason: 'unreadable' });
        this.errors.push({ path, message: (e as Error).message });
      }
      return;
    }
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) return;
      if (stat.size > this.limits.maxFileBytes) {
        this.skipped.push({ path, reason: 'too-large', size: stat.size });
        return;
      }
      if (this.bytes + stat.size > this.limits.maxTotalBytes) {
        this.truncated = `stopped at the byte cap (${this.limits.maxTotalBytes} bytes)`;
        this.skipped.push({ path, reason: 'cap', size: stat.size });
        return;
      }
      const buf = Buffer.allocUnsafe(stat.size);
      let read = 0;
      while (read < stat.size) {
        const n = readSync(fd, buf, read, stat.size - read, read);
        if (n === 0) break;
        read += n;
      }
      const content = read === stat.size ? buf : buf.subarray(0, read);
      if (looksBinary(content)) {
        this.skipped.push({ path, reason: 'binary', size: read });
        return;
      }
      this.bytes += read;
      this.files.push({ path, size: read, text: content.toString('utf8') });
    } catch (e) {
      this.skipped.push({ path, reason: 'unreadable' });
      this.errors.push({ path, message: (e as Error).message });
    } finally {
      closeSync(fd);
    }
  }

  /** Gives the event loop a turn every few hundred files. */
  async breathe(): Promise<void> {
    if (this.entries % 256 === 0) {
      await new Promise<void>(resolve => setImmediate(resolve));
    }
  }

  snapshot(): Snapshot {
    const byPath = (a: { path: string }, b: { path: string }) =>
      compareStrings(a.path, b.path);
    return {
      root: this.root,
      files: this.files.sort(byPath),
      skipped: this.skipped.sort(byPath),
      bytes: this.bytes,
      errors: this.errors.sort(byPath),
      ...(this.truncated ? { truncated: this.truncated } : {}),
    };
  }
}

function gitListFiles(root: string): Promise<string[] | undefined> {
  return new Promise(resolve => {
    execFile(
      'git',
      [
        '-c',
        'core.quotepath=off',
        '-C',
        root,
        'ls-files',
        '-z',
        '--cached',
        '--others',
        '--exclude-standard',
      ],
      { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout) => {
        if (err) resolve(undefined);
        else resolve([...new Set(stdout.split('\0').filter(Boolean))].sort());
      },
    );
  });
}

async function hasGitDir(root: string): Promise<boolean> {
  try {
    await fs.lstat(join(root, '.git'));
    return true;
  } catch {
    return false;
  }
}

interface Scope {
  base: string;
  matcher: Ignore;
}

/**
 * The matcher of the `.gitignore` in `dir`, read only when the directory's
 * listing has one: most directories have none, and a failed open per
 * directory costs more than the listing itself.
 */
function gitignoreAt(
  root: string,
  dir: string,
  entries: Dirent[],
  collector: Collector,
): Scope | undefined {
  // A symbolic link named .gitignore may point out of the tree: not followed.
  if (!entries.some(e => e.name === '.gitignore' && e.isFile())) return undefined;
  const rel = dir ? `${dir}/.gitignore` : '.gitignore';
  try {
    const text = readFileSync(join(root, rel), 'utf8');
    return { base: dir, matcher: ignore().add(text) };
  } catch (e) {
    collector.errors.push({ path: rel, message: (e as Error).message });
    return undefined;
  }
}

function isIgnored(scopes: Scope[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const scope of scopes) {
    const rel = scope.base ? path.slice(scope.base.length + 1) : path;
    const result = scope.matcher.test(isDir ? `${rel}/` : rel);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

function listDirectory(root: string, dir: string): Dirent[] {
  const entries = readdirSync(join(root, dir), { withFileTypes: true });
  return entries.sort((a, b) => compareStrings(a.name, b.name));
}

/** Whether a `build` folder holds a build program's project file (one directory listing, nothing read). */
function holdsBuildProgram(root: string, dir: string): boolean {
  if (dir !== 'build' && !dir.endsWith('/build')) return false;
  try {
    return sourceBuildDirs(listDirectory(root, dir).map(e => `${dir}/${e.name}`)).has(dir);
  } catch {
    return false;
  }
}

async function walkFileSystem(root: string, collector: Collector) {
  const stack: Array<{ dir: string; scopes: Scope[] }> = [{ dir: '', scopes: [] }];
  while (stack.length > 0 && !collector.truncated) {
    const { dir, scopes: parentScopes } = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = listDirectory(root, dir);
    } catch (e) {
      if (dir === '') {
        throw new UnreadableRepositoryError(
          `cannot read directory ${root}: ${(e as Error).message}`,
        );
      }
      collector.errors.push({ path: dir, message: (e as Error).message });
      continue;
    }
    const scope = gitignoreAt(root, dir, entries, collector);
    const scopes = scope ? [...parentScopes, scope] : parentScopes;
    const subdirs: string[] = [];
    for (const entry of entries) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (VENDORED_DIRS.has(entry.name) && !holdsBuildProgram(root, path)) {
          if (entry.name !== '.git') {
            collector.skipped.push({ path, reason: 'vendored' });
          }
          continue;
        }
        if (isIgnored(scopes, path, true)) continue;
        subdirs.push(path);
        continue;
      }
      if (isIgnored(scopes, path, false)) continue;
      if (!collector.admit()) break;
      if (entry.isSymbolicLink()) {
        collector.skipped.push({ path, reason: 'symlink' });
        continue;
      }
      if (!entry.isFile()) continue;
      collector.readFile(path);
      await collector.breathe();
    }
    for (const sub of subdirs.reverse()) {
      stack.push({ dir: sub, scopes });
    }
  }
}

/**
 * Walks a directory once and reads every text file the rules may need.
 *
 * Honours `.gitignore` files (in a git checkout, exactly what `git ls-files`
 * lists, so tracked files count even when ignored), skips vendored and
 * generated trees, binary files and files above the size cap, never follows a
 * symbolic link, and stops at the file and byte caps with a `truncated` note.
 * @public
 */
export async function walkRepository(
  root: string,
  options: WalkOptions = {},
): Promise<Snapshot> {
  const limits = { ...DEFAULT_WALK_LIMITS, ...options.limits };
  let stat;
  try {
    stat = await fs.stat(root);
  } catch (e) {
    throw new UnreadableRepositoryError(
      `cannot read directory ${root}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (e as Error).message}`,
    );
  }
  if (!stat.isDirectory()) {
    throw new UnreadableRepositoryError(`${root} is not a directory`);
  }
  const collector = new Collector(root, limits, options.onProgress);
  const listed =
    options.useGit !== false && (await hasGitDir(root))
      ? await gitListFiles(root)
      : undefined;
  if (listed) {
    const vendored = new Set<string>();
    const sourceDirs = sourceBuildDirs(listed);
    for (const path of listed) {
      const vendoredDir = vendoredDirOf(path, sourceDirs);
      if (vendoredDir) {
        if (!vendored.has(vendoredDir)) {
          vendored.add(vendoredDir);
          collector.skipped.push({ path: vendoredDir, reason: 'vendored' });
        }
        continue;
      }
      if (!collector.admit()) break;
      collector.readFile(path);
      await collector.breathe();
    }
  } else {
    await walkFileSystem(root, collector);
  }
  return collector.snapshot();
}
