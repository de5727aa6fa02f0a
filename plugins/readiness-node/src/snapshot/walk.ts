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
  /**
   * Leave out what `.gitignore` files list, outside a git checkout. Default true. A tree extracted from a
   * repository archive holds exactly the committed files: pass false there, so a committed file that a
   * `.gitignore` also lists (a `.env` committed before the ignore rule was added) is read like any other.
   */
  gitignore?: boolean;
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

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The byte length of the UTF-8 sequence a lead byte starts, 0 for a byte that starts none. */
function sequenceLength(byte: number): number {
  if (byte < 0x80) return 1;
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

/**
 * A file name as the file system holds it (bytes), shown as text: valid UTF-8
 * as it is, every byte outside a valid sequence as `\xNN`. Linux allows any
 * byte but `/` and NUL in a name; such a file is read by its bytes and named
 * in the scorecard by this form.
 */
export function displayFileName(raw: Buffer): string {
  const lenient = raw.toString('utf8');
  if (!lenient.includes('\uFFFD')) return lenient;
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const n = sequenceLength(raw[i]);
    if (n > 0 && i + n <= raw.length) {
      try {
        out += strictUtf8.decode(raw.subarray(i, i + n));
        i += n;
        continue;
      } catch {
        // not a valid sequence: the lead byte is escaped below
      }
    }
    out += `\\x${raw[i].toString(16).padStart(2, '0')}`;
    i += 1;
  }
  return out;
}

/** A path relative to the root: as shown, and its bytes when they are not valid UTF-8. */
interface RelPath {
  path: string;
  raw?: Buffer;
}

const SLASH = Buffer.from('/');

function childPath(parent: RelPath, name: Buffer): RelPath {
  const shown = displayFileName(name);
  const path = parent.path ? `${parent.path}/${shown}` : shown;
  // Most names are valid UTF-8: their text opens them, no bytes are kept.
  if (!parent.raw && Buffer.from(shown).equals(name)) {
    return { path };
  }
  const base = parent.raw ?? Buffer.from(parent.path);
  return { path, raw: parent.path ? Buffer.concat([base, SLASH, name]) : name };
}

/** Where a relative path lies on disk: by its text, or by its bytes when it has any. */
function onDisk(root: string, rel: RelPath): string | Buffer {
  if (!rel.raw) return join(root, rel.path);
  return Buffer.concat([Buffer.from(join(root, '/')), rel.raw]);
}

/**
 * A file system error as the scorecard shows it: what went wrong, without the
 * absolute path Node appends (`EACCES: permission denied, open '/srv/…'`).
 */
export function fsErrorMessage(e: unknown): string {
  const error = e as NodeJS.ErrnoException;
  const message = String(error?.message ?? e);
  return message.replace(/, \w+ '[^]*'$/, '');
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
  readFile(rel: RelPath): void {
    const { path } = rel;
    const abs = onDisk(this.root, rel);
    let fd: number;
    try {
      fd = openSync(abs, READ_NO_FOLLOW);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ELOOP' || code === 'EMLINK') {
        this.skipped.push({ path, reason: 'symlink' });
      } else if (code !== 'EISDIR' && code !== 'ENXIO') {
        this.skipped.push({ path, reason: 'unreadable' });
        this.errors.push({ path, message: fsErrorMessage(e) });
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
      this.errors.push({ path, message: fsErrorMessage(e) });
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

/** Splits `git ls-files -z` output into paths, kept as bytes where they are not valid UTF-8. */
function splitGitPaths(stdout: Buffer): RelPath[] {
  const seen = new Map<string, RelPath>();
  let start = 0;
  while (start < stdout.length) {
    let end = stdout.indexOf(0, start);
    if (end === -1) end = stdout.length;
    if (end > start) {
      const rel = childPath({ path: '' }, stdout.subarray(start, end));
      if (!seen.has(rel.path)) seen.set(rel.path, rel);
    }
    start = end + 1;
  }
  return [...seen.values()].sort((a, b) => compareStrings(a.path, b.path));
}

function gitListFiles(root: string): Promise<RelPath[] | undefined> {
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
      { maxBuffer: 256 * 1024 * 1024, encoding: 'buffer' },
      (err, stdout) => {
        if (err) resolve(undefined);
        else resolve(splitGitPaths(stdout));
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
  dir: RelPath,
  entries: Listed[],
  collector: Collector,
): Scope | undefined {
  // A symbolic link named .gitignore may point out of the tree: not followed.
  const listed = entries.find(e => e.name === '.gitignore' && e.entry.isFile());
  if (!listed) return undefined;
  try {
    const text = readFileSync(onDisk(root, listed.rel), 'utf8');
    return { base: dir.path, matcher: ignore().add(text) };
  } catch (e) {
    collector.errors.push({ path: listed.rel.path, message: fsErrorMessage(e) });
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

/** One entry of a directory listing: its name as shown, its path, and its type. */
interface Listed {
  name: string;
  rel: RelPath;
  entry: Dirent<Buffer>;
}

/** Lists a directory with its names as bytes, so that no name is lost to decoding. */
function listDirectory(root: string, dir: RelPath): Listed[] {
  const entries = readdirSync(onDisk(root, dir), { withFileTypes: true, encoding: 'buffer' });
  return entries
    .map(entry => {
      const rel = childPath(dir, entry.name);
      return { name: rel.path.slice(dir.path ? dir.path.length + 1 : 0), rel, entry };
    })
    .sort((a, b) => compareStrings(a.name, b.name));
}

/** Whether a `build` folder holds a build program's project file (one directory listing, nothing read). */
function holdsBuildProgram(root: string, dir: RelPath): boolean {
  if (dir.path !== 'build' && !dir.path.endsWith('/build')) return false;
  try {
    return sourceBuildDirs(listDirectory(root, dir).map(e => e.rel.path)).has(dir.path);
  } catch {
    return false;
  }
}

async function walkFileSystem(root: string, collector: Collector, gitignore: boolean) {
  const stack: Array<{ dir: RelPath; scopes: Scope[] }> = [{ dir: { path: '' }, scopes: [] }];
  while (stack.length > 0 && !collector.truncated) {
    const { dir, scopes: parentScopes } = stack.pop()!;
    let entries: Listed[];
    try {
      entries = listDirectory(root, dir);
    } catch (e) {
      if (dir.path === '') {
        throw new UnreadableRepositoryError(
          `cannot read directory ${root}: ${(e as Error).message}`,
        );
      }
      collector.errors.push({ path: dir.path, message: fsErrorMessage(e) });
      continue;
    }
    const scope = gitignore ? gitignoreAt(root, dir, entries, collector) : undefined;
    const scopes = scope ? [...parentScopes, scope] : parentScopes;
    const subdirs: RelPath[] = [];
    for (const { name, rel, entry } of entries) {
      const { path } = rel;
      if (entry.isDirectory()) {
        if (VENDORED_DIRS.has(name) && !holdsBuildProgram(root, rel)) {
          if (name !== '.git') {
            collector.skipped.push({ path, reason: 'vendored' });
          }
          continue;
        }
        if (isIgnored(scopes, path, true)) continue;
        subdirs.push(rel);
        continue;
      }
      if (isIgnored(scopes, path, false)) continue;
      if (!collector.admit()) break;
      if (entry.isSymbolicLink()) {
        collector.skipped.push({ path, reason: 'symlink' });
        continue;
      }
      if (!entry.isFile()) continue;
      collector.readFile(rel);
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
    const sourceDirs = sourceBuildDirs(listed.map(rel => rel.path));
    for (const rel of listed) {
      const { path } = rel;
      const vendoredDir = vendoredDirOf(path, sourceDirs);
      if (vendoredDir) {
        if (!vendored.has(vendoredDir)) {
          vendored.add(vendoredDir);
          collector.skipped.push({ path: vendoredDir, reason: 'vendored' });
        }
        continue;
      }
      if (!collector.admit()) break;
      collector.readFile(rel);
      await collector.breathe();
    }
  } else {
    await walkFileSystem(root, collector, options.gitignore !== false);
  }
  return collector.snapshot();
}
