import { ParseError } from '../core/errors.js';
import type { Limits } from '../core/limits.js';
import type { DependencyGraph } from '../core/model.js';
import type { RepoFiles } from '../core/ports.js';
import { lockfileNames } from './api.js';
import { parseLockfile } from './detect.js';
import { fileLister, siblingOpener } from './shared/sibling.js';
import { decodeInput } from './shared/text.js';

export interface ScanOptions {
  readonly limits: Limits;
  /** Called once per lockfile before it is parsed, for progress output. */
  readonly onLockfile?: (path: string, index: number, total: number) => void;
  /** Lockfile paths to leave out (`--exclude`). */
  readonly exclude?: ((path: string) => boolean) | undefined;
}

/** Lockfile paths in a tree, sorted, `node_modules` excluded. */
export function findLockfiles(paths: readonly string[]): string[] {
  return paths
    .filter((p) => lockfileNames.has(p.slice(p.lastIndexOf('/') + 1)) && !p.split('/').includes('node_modules'))
    .sort();
}

/** Parses every lockfile of a repository tree into one graph each. */
export async function scanRepository(files: RepoFiles, options: ScanOptions): Promise<DependencyGraph[]> {
  const exclude = options.exclude;
  const lockfiles = findLockfiles(await files.listFiles()).filter((path) => !exclude?.(path));
  const graphs: DependencyGraph[] = [];
  for (const [index, path] of lockfiles.entries()) {
    options.onLockfile?.(path, index, lockfiles.length);
    graphs.push(await parseRepoFile(files, path, options.limits));
  }
  return graphs;
}

/**
 * Reads and parses one file of a tree, with its siblings opened from the same tree.
 * @throws {ParseError} NOT_FOUND when the tree has no such file.
 */
export async function parseRepoFile(files: RepoFiles, path: string, limits: Limits): Promise<DependencyGraph> {
  const bytes = await files.readFile(path, limits.maxBytes);
  if (!bytes) {
    throw new ParseError('NOT_FOUND', path, `does not exist in ${files.label}`);
  }
  const content = decodeInput(bytes, path, limits);
  return parseLockfile(content, { path, limits, openSibling: siblingOpener(files, path, limits), listFiles: fileLister(files, path) });
}
