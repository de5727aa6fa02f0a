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
  'target',
  '.terraform',
  '.yarn',
  '.pnpm-store',
]);

/**
 * Builds a snapshot from in-memory files. Used by rule tests and by callers
 * that already hold a tree.
 * @public
 */
export function snapshotFromFiles(
  files: Record<string, string>,
  root = '<memory>',
): Snapshot {
  const list = Object.entries(files)
    // Like the walk, never look inside vendored or generated trees.
    .filter(([path]) => !path.split('/').slice(0, -1).some(part => VENDORED_DIRS.has(part)))
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
