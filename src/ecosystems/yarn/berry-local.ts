const LOCAL_PROTOCOLS = ['file:', 'portal:', 'link:'] as const;

/** A `file:`, `portal:` or `link:` package, located in the project. */
export interface LocalPackage {
  readonly protocol: (typeof LOCAL_PROTOCOLS)[number];
  /** Project-relative folder (or tarball), `/`-separated. */
  readonly path: string;
}

/**
 * Where a local package lives, from its locator reference. Yarn binds a
 * relative path to the package that asked for it
 * (`file:../../vendor/lib#../../vendor/lib::hash=94c45b&locator=%40fixture%2Fapi%40workspace%3Apackages%2Fapi`),
 * so two workspaces that point at one folder get two locators; read against
 * the workspace's folder they are the same `vendor/lib`. Undefined for other
 * protocols, for paths bound to a package that is not a workspace (inside a
 * tarball), and for paths that leave the project.
 */
export function localPackage(reference: string): LocalPackage | undefined {
  const protocol = LOCAL_PROTOCOLS.find((p) => reference.startsWith(p));
  if (!protocol) return undefined;
  const params = reference.indexOf('::');
  const body = reference.slice(protocol.length, params < 0 ? undefined : params);
  const hash = body.indexOf('#');
  const relative = hash < 0 ? body : body.slice(0, hash);
  if (relative.startsWith('/') || relative.startsWith('~')) return undefined;
  const locator = params < 0 ? null : new URLSearchParams(reference.slice(params + 2)).get('locator');
  const base = locator === null ? '.' : workspaceOf(locator);
  if (base === undefined) return undefined;
  const path = joinInside(base, relative);
  return path === undefined ? undefined : { protocol, path };
}

/** `packages/api` + `../../vendor/lib` → `vendor/lib`; undefined when it leaves the project or names its root. */
function joinInside(base: string, relative: string): string | undefined {
  if (/[\u0000-\u001f\u007f\\]/u.test(relative)) return undefined;
  const segments: string[] = [];
  for (const segment of `${base}/${relative}`.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') segments.push(segment);
    else if (segments.pop() === undefined) return undefined;
  }
  return segments.length === 0 ? undefined : segments.join('/');
}

/** `@fixture/api@workspace:packages/api` → `packages/api`; undefined for packages. */
function workspaceOf(locator: string): string | undefined {
  const at = locator.indexOf('@', locator.startsWith('@') ? 1 : 0);
  const reference = at < 0 ? '' : locator.slice(at + 1);
  return reference.startsWith('workspace:') ? reference.slice('workspace:'.length) || '.' : undefined;
}
