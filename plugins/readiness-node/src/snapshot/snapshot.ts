/** A text file of the audited repository, read once per audit. @public */
export interface SourceFile {
  /** Repository-relative path with forward slashes. */
  path: string;
  size: number;
  /** Content decoded as UTF-8; invalid sequences become U+FFFD. */
  text: string;
}

/** Why a file was counted but not read. @public */
export type SkipReason =
  | 'binary'
  | 'too-large'
  | 'vendored'
  | 'symlink'
  | 'unreadable'
  | 'cap';

/** @public */
export interface SkippedEntry {
  path: string;
  reason: SkipReason;
  size?: number;
}

/** Everything the engine knows about a repository's files. @public */
export interface Snapshot {
  /** Absolute path of the audited directory, or a label for in-memory trees. */
  root: string;
  /** Text files, sorted by path. */
  files: SourceFile[];
  skipped: SkippedEntry[];
  /** Total bytes read. */
  bytes: number;
  /** Set when the walk stopped at a cap, naming it. */
  truncated?: string;
  /** Problems met while walking (unreadable directories and the like). */
  errors: Array<{ path: string; message: string }>;
}

/** Orders strings by UTF-16 code units, the same on every machine and locale. @public */
export function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/** Limits of one walk. @public */
export interface WalkLimits {
  /** Files above this size are counted and not read. Default 1 MiB. */
  maxFileBytes: number;
  /** The walk stops after this many entries. Default 50,000. */
  maxFiles: number;
  /** The walk stops after reading this many bytes. Default 256 MiB. */
  maxTotalBytes: number;
}

/** @public */
export const DEFAULT_WALK_LIMITS: WalkLimits = {
  maxFileBytes: 1024 * 1024,
  maxFiles: 50_000,
  maxTotalBytes: 256 * 1024 * 1024,
};

/** Directory names never descended into: vendored and generated trees. @public */
export const VENDORED_DIRS = new Set([
  'node_modules',
  'vendor',
  'dist',
  'build',
  '.next',
  'coverage',
  '__pycache__',
  '.venv',
  'venv',
  '.git',
  'bower_components',
  '.tox',
  '.gradle',
  // The Maven wrapper's jar, properties and downloader, written by `mvn wrapper`.
  '.mvn',
  'target',
  '.terraform',
  '.yarn',
  '.pnpm-store',
]);

/** A .NET project file: in a `build` folder it makes a build program (Nuke, Bullseye, Cake Frosting), not output. */
const PROJECT_FILE = /\.(?:cs|fs|vb)proj$/i;

/**
 * The `build` folders, among these paths, that hold a project file directly:
 * source code of a build program, read like any other source. @public
 */
export function sourceBuildDirs(paths: Iterable<string>): Set<string> {
  const dirs = new Set<string>();
  for (const path of paths) {
    const slash = path.lastIndexOf('/');
    if (slash === -1 || !PROJECT_FILE.test(path)) continue;
    const dir = path.slice(0, slash);
    if (dir === 'build' || dir.endsWith('/build')) dirs.add(dir);
  }
  return dirs;
}

/** Whether a folder is a vendored or generated tree, unless it is one of the given source folders. @public */
export function isVendoredDir(dir: string, sourceDirs: Set<string>): boolean {
  const name = dir.slice(dir.lastIndexOf('/') + 1);
  return VENDORED_DIRS.has(name) && !sourceDirs.has(dir);
}

/**
 * Builds a snapshot from in-memory files. Used by rule tests and by callers
 * that already hold a tree.
 * @public
 */
export function snapshotFromFiles(
  files: Record<string, string>,
  root = '<memory>',
): Snapshot {
  const sourceDirs = sourceBuildDirs(Object.keys(files));
  const list = Object.entries(files)
    // Like the walk, never look inside vendored or generated trees.
    .filter(([path]) => {
      const parts = path.split('/');
      return !parts.slice(0, -1).some((_, i) => isVendoredDir(parts.slice(0, i + 1).join('/'), sourceDirs));
    })
    .map(([path, text]) => ({
      path,
      text,
      size: Buffer.byteLength(text),
    }))
    .sort((a, b) => compareStrings(a.path, b.path));
  return {
    root,
    files: list,
    skipped: [],
    bytes: list.reduce((n, f) => n + f.size, 0),
    errors: [],
  };
}
