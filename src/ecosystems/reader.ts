import { ParseError } from '../core/errors.js';
import type { LockfileReader, ReadLockfile, ReadLockfilesOptions, RepoFiles } from '../core/ports.js';
import { readText } from '../core/read-text.js';
import { readTreeAgeGates } from './age-gates.js';
import { parseLockfile } from './detect.js';
import { indexPackageLines } from './lines.js';
import { findLockfiles } from './scan.js';
import { fileLister, siblingOpener } from './shared/sibling.js';

/**
 * The lockfile families behind the core's {@link LockfileReader} port: every
 * shell hands this to the check seam. Each lockfile's text is read once
 * (bounded, UTF-8), parsed, and — when asked — indexed for package lines
 * from the same text, so no report reads a lockfile again.
 */
export const ecosystemReader: LockfileReader = {
  readLockfiles,
  readAgeGates: readTreeAgeGates,
};

/** @throws {ParseError} for a lockfile that cannot be read; NOT_FOUND when `only` names no file of the tree. */
export async function readLockfiles(files: RepoFiles, options: ReadLockfilesOptions): Promise<ReadLockfile[]> {
  const paths = options.only !== undefined ? [options.only] : findLockfiles(await files.listFiles()).filter((path) => !options.exclude?.(path));
  const read: ReadLockfile[] = [];
  for (const [index, path] of paths.entries()) {
    options.onProgress?.({ kind: 'lockfile', path, index, total: paths.length, tree: files.label });
    const content = await readText(files, path, options.limits.maxBytes);
    if (content === undefined) throw new ParseError('NOT_FOUND', path, `does not exist in ${files.label}`);
    const graph = await parseLockfile(content, { path, limits: options.limits, openSibling: siblingOpener(files, path, options.limits), listFiles: fileLister(files, path) });
    read.push({ graph, lines: options.lines ? indexPackageLines(content, graph.format) : new Map() });
  }
  return read;
}
