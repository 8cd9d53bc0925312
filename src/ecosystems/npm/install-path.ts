/** Location keys of the `packages` map: `node_modules/a`, `node_modules/a/node_modules/@s/b`, `packages/api`, `node_modules/a/lib`. */

export const NODE_MODULES = 'node_modules/';

/** Where the last `node_modules/` of a location starts, or -1 when none is a whole path segment. */
export function lastNodeModules(key: string): number {
  const at = key.lastIndexOf(NODE_MODULES);
  return at === 0 || (at > 0 && key.charCodeAt(at - 1) === 47) /* '/' */ ? at : -1;
}

/**
 * Length of the package name that opens `tail` (the part after a
 * `node_modules/`): one segment, or two for `@scope/name`. A tail longer than
 * that is a folder inside an installed package (npm records the target of a
 * package's own `file:` dependency there).
 */
export function packageNameLength(tail: string): number {
  return packageNameEnd(tail, 0);
}

/** Where the package name starting at `start` of `key` ends (no substring is built: this runs for every entry). */
function packageNameEnd(key: string, start: number): number {
  const slash = key.indexOf('/', start);
  if (slash < 0) return key.length - start;
  if (key.charCodeAt(start) !== 64 /* @ */) return slash - start;
  const second = key.indexOf('/', slash + 1);
  return (second < 0 ? key.length : second) - start;
}

/**
 * Where the installed package at `key` sits: the index of its `node_modules/`,
 * or -1 for a folder (the root, a workspace, a linked folder, or a folder
 * inside an installed package).
 */
export function installedAt(key: string): number {
  const at = lastNodeModules(key);
  if (at < 0) return -1;
  const start = at + NODE_MODULES.length;
  return packageNameEnd(key, start) === key.length - start ? at : -1;
}

/** The folder whose `node_modules` holds the package installed at `key` (`''` for the root). */
export function folderOf(key: string, at: number): string {
  return at === 0 ? '' : key.slice(0, at - 1);
}

/**
 * The location node searches next from `location`: the package or folder
 * around it. An installed package's parent is the folder holding its
 * `node_modules`; a folder inside a package (`node_modules/a/lib`) sits in
 * that package; a project folder (`packages/api`) in its parent folder.
 */
export function parentOf(location: string): string {
  const at = installedAt(location);
  if (at >= 0) return folderOf(location, at);
  const slash = location.lastIndexOf('/');
  if (slash >= 0) return location.slice(0, slash);
  return location === '..' ? location : '';
}
