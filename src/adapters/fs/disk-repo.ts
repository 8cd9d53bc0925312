import { open, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ParseError } from '../../core/errors.js';
import type { RepoFiles } from '../../core/ports.js';

/** Folders never walked: installed packages and VCS metadata hold no lockfiles of the project's own. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', '.yarn', '.pnpm-store']);
const MAX_FILES_LISTED = 500_000;

/** A working tree on disk. Symbolic links are not followed. */
export function diskRepo(root: string): RepoFiles {
  const absoluteRoot = resolve(root);
  return {
    label: root,
    listFiles: () => walk(absoluteRoot),
    readFile: (path, maxBytes) => readBounded(join(absoluteRoot, ...path.split('/')), path, maxBytes),
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
      } else if (entry.isFile()) {
        files.push(path);
        if (files.length > MAX_FILES_LISTED) throw new ParseError('LIMIT_EXCEEDED', root, `holds more than ${MAX_FILES_LISTED} files`);
      }
    }
  }
  return files.sort();
}

/**
 * Reads a file, checking its size before reading so an oversize file is
 * refused without being loaded.
 */
export async function readBounded(absolutePath: string, shownPath: string, maxBytes: number): Promise<Uint8Array | undefined> {
  let handle;
  try {
    handle = await open(absolutePath, 'r');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) {
      throw new ParseError('TOO_LARGE', shownPath, `is ${(size / 1024 / 1024).toFixed(1)} MiB, over the ${(maxBytes / 1024 / 1024).toFixed(1)} MiB limit (raise it with --max-file-size)`);
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

