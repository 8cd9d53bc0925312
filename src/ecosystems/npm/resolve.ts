/** Marks a `node_modules/<name>` link to a workspace: a project, not a package. */
export const WORKSPACE_LINK = '';

/** Location key in the `packages` map → package id (or {@link WORKSPACE_LINK}). */
export type Targets = Map<string, string>;

/**
 * Finds what `name` resolves to from the package or folder at location
 * `from`, the way node does: `<from>/node_modules/<name>`, then the same in
 * each enclosing package or folder, up to the root's `node_modules`.
 */
export function resolveFrom(targets: Targets, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const hit = targets.get(base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`);
    if (hit !== undefined) return hit;
    if (base === '') return undefined;
    base = parentOf(base);
    if (base === '..' || base.endsWith('/..')) {
      // A folder outside the project: its own ancestors only, never the project's node_modules.
      return targets.get(`${base}/node_modules/${name}`);
    }
  }
}

function parentOf(location: string): string {
  const nested = location.lastIndexOf('/node_modules/');
  if (nested >= 0) return location.slice(0, nested);
  if (location.startsWith('node_modules/')) return '';
  const slash = location.lastIndexOf('/');
  return slash < 0 ? '' : location.slice(0, slash);
}
