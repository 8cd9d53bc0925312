import { constants } from 'node:fs';
import { lstat, open, readdir, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ParseError } from '../../core/errors.js';
import type { RepoFiles } from '../../core/ports.js';

/** Folders never walked: installed packages and VCS metadata hold no lockfiles of the project's own. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', '.yarn', '.pnpm-store']);
const MAX_FILES_LISTED = 500_000;
// Not on every platform (Windows); there the lstat checks alone guard.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
// A FIFO opened for reading would wait for a writer forever; non-blocking, the open returns and fstat refuses it.
const NON_BLOCKING = constants.O_NONBLOCK ?? 0;

/**
 * A working tree on disk, read the way a checkout of a pull request must be:
 * symbolic links are never followed (a link could lead out of the tree, to
 * `/dev/zero` or to another branch's lockfile), and only regular files are
 * read, each bounded by size before a byte is read.
 *
 * Links are listed (so a scan sees a `package-lock.json` that is a link) and
 * reading one, or a path through a linked directory, fails with a
 * {@link ParseError} naming it: a lockfile or manifest that chaingate cannot
 * read must stop the check, never make the tree look lockfile-free.
 */
export function diskRepo(root: string): RepoFiles {
  const absoluteRoot = resolve(root);
  return {
    label: root,
    listFiles: () => walk(absoluteRoot),
    readFile: (path, maxBytes) => readTreeFile(absoluteRoot, path, maxBytes),
  };
}

async function walk(root: string): Promise<string[]> {
  const files: string[] = [];
  const pending: string[] = [''];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    const entries = await readdir(join(root, dir), { withFileTypes: true });
    for (const entry of entries) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(path);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        files.push(path);
        if (files.length > MAX_FILES_LISTED) throw new ParseError('LIMIT_EXCEEDED', root, `holds more than ${MAX_FILES_LISTED} files`);
      }
    }
  }
  return files.sort();
}

/**
 * Reads `path` (relative, `/`-separated) inside `root`: `undefined` when it
 * does not exist there (or is a directory); a ParseError when it, or a folder
 * on the way, is a symbolic link, or when it is not a regular file.
 */
async function readTreeFile(root: string, path: string, maxBytes: number): Promise<Uint8Array | undefined> {
  const parts = path.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..' || part.includes('\\') || part.includes('\0'))) return undefined;
  let current = root;
  for (const [index, part] of parts.entries()) {
    current = join(current, part);
    const info = await lstat(current).catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw error;
    });
    if (!info) return undefined;
    const shown = parts.slice(0, index + 1).join('/');
    if (info.isSymbolicLink()) {
      const what = shown === path ? 'is a symbolic link' : `is inside ${shown}, which is a symbolic link`;
      throw new ParseError(
        'UNKNOWN_FORMAT',
        path,
        `${what}; chaingate does not follow links in a working tree (one could lead out of it). Commit the file itself`,
      );
    }
    if (index < parts.length - 1 ? !info.isDirectory() : info.isDirectory()) return undefined;
  }
  return readRegularFile(current, path, maxBytes, NO_FOLLOW);
}

/**
 * Reads a file named outside any tree (`--policy FILE`): links are followed,
 * as the operator chose the path, but only a regular file is read, and its
 * size is checked before reading so an oversize file is refused unread.
 * @returns `undefined` when there is no such file.
 * @throws {ParseError} TOO_LARGE over `maxBytes`, UNKNOWN_FORMAT for a device, FIFO or socket.
 */
export async function readBounded(absolutePath: string, shownPath: string, maxBytes: number): Promise<Uint8Array | undefined> {
  return readRegularFile(absolutePath, shownPath, maxBytes, 0);
}

async function readRegularFile(absolutePath: string, shownPath: string, maxBytes: number, extraFlags: number): Promise<Uint8Array | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(absolutePath, constants.O_RDONLY | NON_BLOCKING | extraFlags);
  } catch (error) {
    if (isMissing(error)) return undefined;
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new ParseError('UNKNOWN_FORMAT', shownPath, 'is a symbolic link; chaingate does not follow links in a working tree. Commit the file itself');
    }
    throw error;
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return undefined;
    if (!info.isFile()) {
      throw new ParseError('UNKNOWN_FORMAT', shownPath, 'is not a regular file (a device, FIFO or socket); chaingate reads only regular files');
    }
    if (info.size > maxBytes) {
      throw new ParseError('TOO_LARGE', shownPath, `is ${(info.size / 1024 / 1024).toFixed(1)} MiB, over the ${(maxBytes / 1024 / 1024).toFixed(1)} MiB limit (raise it with --max-file-size)`);
    }
    return await readAtMost(handle, info.size);
  } finally {
    await handle.close();
  }
}

/** Reads no more than `size` bytes, even if the file grows while it is read. */
async function readAtMost(handle: FileHandle, size: number): Promise<Uint8Array> {
  const buffer = Buffer.alloc(size);
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await handle.read(buffer, filled, size - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
