import { lockfileNames } from './api.js';

/** Lockfile paths in a tree, sorted, `node_modules` excluded (reader.ts reads and parses them). */
export function findLockfiles(paths: readonly string[]): string[] {
  return paths
    .filter((p) => lockfileNames.has(p.slice(p.lastIndexOf('/') + 1)) && !p.split('/').includes('node_modules'))
    .sort();
}
