/** The npm registry's own URL, as `npm config get registry` prints it. */
export const NPM_REGISTRY = 'https://registry.npmjs.org/';

/** A registry base URL with exactly one trailing slash, so paths join without doubling. */
export function registryBase(url: string | undefined): string {
  return `${(url ?? NPM_REGISTRY).replace(/\/+$/, '')}/`;
}

/**
 * The packument URL of a package: scoped names keep their `@` and escape the
 * slash as npm does (`@scope%2fname`, npm-package-arg's `escapedName`); other
 * characters are percent-encoded so a hostile name cannot change the path.
 */
export function packumentUrl(base: string, name: string): string {
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  if (slash === -1) return `${base}${encodeURIComponent(name)}`;
  return `${base}@${encodeURIComponent(name.slice(1, slash))}%2f${encodeURIComponent(name.slice(slash + 1))}`;
}
