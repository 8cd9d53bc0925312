import type { Limits } from '../../core/limits.js';
import type { RepoFiles } from '../../core/ports.js';
import type { OpenSibling } from '../types.js';
import { readText } from '../../core/read-text.js';

/**
 * Opens files relative to a lockfile's directory within the same tree. A path
 * that climbs out of the tree (`../../etc/passwd` in a workspace glob) reads
 * as missing rather than escaping.
 */
export function siblingOpener(files: RepoFiles, lockfilePath: string, limits: Limits): OpenSibling {
  const slash = lockfilePath.lastIndexOf('/');
  const dir = slash < 0 ? '' : lockfilePath.slice(0, slash);
  return async (relative) => {
    const path = joinWithin(dir, relative);
    if (path === undefined) return undefined;
    return readText(files, path, limits.maxBytes);
  };
}

/** Joins `dir` and `relative` into a normalised tree path, or `undefined` when it would leave the tree. */
export function joinWithin(dir: string, relative: string): string | undefined {
  const parts = dir === '' ? [] : dir.split('/');
  for (const segment of relative.replaceAll('\\', '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else {
      parts.push(segment);
    }
  }
  return parts.length === 0 ? undefined : parts.join('/');
}

/** Lists the tree's files below a lockfile's directory, relative to it. */
export function fileLister(files: RepoFiles, lockfilePath: string): () => Promise<readonly string[]> {
  const slash = lockfilePath.lastIndexOf('/');
  const prefix = slash < 0 ? '' : lockfilePath.slice(0, slash + 1);
  let listed: Promise<readonly string[]> | undefined;
  return () =>
    (listed ??= files.listFiles().then((paths) => paths.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length))));
}
