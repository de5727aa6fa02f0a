import { constants, promises as fs } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { PlannedFile } from './plan';

/**
 * Why a repository-relative path may not be written, or nothing when it may:
 * it must be relative, use forward slashes, and stay inside the repository.
 * @public
 */
export function checkRelativePath(path: string): string | undefined {
  if (path === '' || path.includes('\0')) return 'empty or holding a NUL byte';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\')) return 'not a relative path with forward slashes';
  if (path.split('/').some(part => part === '' || part === '.' || part === '..')) return 'it has an empty, `.` or `..` segment';
  return undefined;
}

/** Raised when a planned file cannot be written safely; nothing of the plan is written then. @public */
export class UnsafeFixError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeFixError';
  }
}

async function lstatOrUndefined(path: string) {
  try {
    return await fs.lstat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Checks one planned file against the directory: the path stays inside it,
 * no directory on the way and not the file itself is a symbolic link, a file
 * to create does not exist, and a file to modify still holds what the plan
 * read. Returns the directories to create.
 */
async function checkTarget(root: string, file: PlannedFile): Promise<string[]> {
  const problem = checkRelativePath(file.path);
  if (problem) throw new UnsafeFixError(`refusing to write ${JSON.stringify(file.path)}: ${problem}`);
  const target = resolve(root, file.path);
  if (!target.startsWith(root + sep)) throw new UnsafeFixError(`refusing to write ${file.path}: outside ${root}`);
  const parts = file.path.split('/');
  const missing: string[] = [];
  let dir = root;
  for (const part of parts.slice(0, -1)) {
    dir = join(dir, part);
    const stat = missing.length ? undefined : await lstatOrUndefined(dir);
    if (!stat) missing.push(dir);
    else if (stat.isSymbolicLink()) throw new UnsafeFixError(`refusing to write ${file.path}: ${dir} is a symbolic link`);
    else if (!stat.isDirectory()) throw new UnsafeFixError(`refusing to write ${file.path}: ${dir} is not a directory`);
  }
  const stat = missing.length ? undefined : await lstatOrUndefined(target);
  if (stat?.isSymbolicLink()) throw new UnsafeFixError(`refusing to write ${file.path}: it is a symbolic link`);
  if (file.action === 'create' && stat) throw new UnsafeFixError(`refusing to create ${file.path}: it exists`);
  if (file.action === 'modify') {
    if (!stat?.isFile()) throw new UnsafeFixError(`refusing to modify ${file.path}: it is not a regular file`);
    const text = await fs.readFile(target, 'utf8');
    if (text !== file.before) throw new UnsafeFixError(`refusing to modify ${file.path}: it changed since the audit`);
  }
  return missing;
}

/**
 * Writes a plan's files under `dir`. Every file is checked first and nothing
 * is written unless all pass; files are opened without following symbolic
 * links. Returns the paths written.
 * @public
 */
export async function writePlannedFiles(dir: string, files: PlannedFile[]): Promise<string[]> {
  const root = await fs.realpath(resolve(dir));
  const dirs: string[] = [];
  for (const file of files) dirs.push(...(await checkTarget(root, file)));
  for (const d of [...new Set(dirs)]) await fs.mkdir(d).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
  const written: string[] = [];
  for (const file of files) {
    const flags =
      constants.O_WRONLY | constants.O_NOFOLLOW | (file.action === 'create' ? constants.O_CREAT | constants.O_EXCL : constants.O_TRUNC);
    const handle = await fs.open(resolve(root, file.path), flags, 0o644);
    try {
      await handle.writeFile(file.after);
    } finally {
      await handle.close();
    }
    written.push(file.path);
  }
  return written;
}
