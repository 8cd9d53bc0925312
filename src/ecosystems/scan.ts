import { lockfileNames } from './api.js';

/**
 * Lockfile paths in a tree, sorted, `node_modules` excluded. A
 * `package-lock.json` beside an `npm-shrinkwrap.json` is left out: npm
 * installs from the shrinkwrap and ignores the lock.
 */
export function findLockfiles(paths: readonly string[]): string[] {
  const lockfiles = paths.filter((p) => lockfileNames.has(baseName(p)) && !p.split('/').includes('node_modules'));
  const shrinkwrapped = new Set(lockfiles.filter((p) => baseName(p) === 'npm-shrinkwrap.json').map(dirName));
  return lockfiles.filter((p) => baseName(p) !== 'package-lock.json' || !shrinkwrapped.has(dirName(p))).sort();
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function dirName(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}
