/**
 * What a registry `resolved` value says is installed, to hold it against the
 * entry that records it: a lockfile whose entry says `debug@4.4.1` while its
 * tarball is `debug-4.4.2.tgz` (or another package's) installs something
 * other than what every check judged.
 */

/** The package and version a `resolved` names, or `undefined` when its shape says nothing about them. */
export interface NamedArtefact {
  readonly name: string;
  readonly version: string;
}

/** The longest `resolved` worth reading; lockfiles hold far shorter ones. */
const MAX_RESOLVED = 4096;

/**
 * Reads the package and version from the two registry shapes lockfiles
 * record:
 * - an npm registry tarball URL, on any host and under any path prefix:
 *   `<registry>/<name>/-/<basename>-<version>.tgz`, the scoped name as
 *   `@scope/name` or `@scope%2fname` (yarn classic adds `#<sha1>`);
 * - a yarn berry resolution `<name>@npm:<version>`, and the tarball URL of
 *   its `::__archiveUrl=` parameter when it has one.
 *
 * The name comes from the path before `/-/`; the version from the file name,
 * which must start with the name's last segment. `undefined` for anything
 * else (git, file, other registries' download URLs): no claim to check.
 */
export function artefactNamedBy(resolved: string): NamedArtefact | undefined {
  if (resolved.length > MAX_RESOLVED) return undefined;
  // yarn berry may add parameters after `::`; `__archiveUrl` is the tarball it fetches instead of the registry's.
  const berry = /^((?:@[^/@]+\/)?[^/@]+)@npm:([^@/#:]+)(?:::([^@/#]*))?$/u.exec(resolved);
  if (berry) {
    const named = { name: berry[1] as string, version: berry[2] as string };
    const archive = berry[3] === undefined ? null : new URLSearchParams(berry[3]).get('__archiveUrl');
    const fetched = archive === null || /@npm:/u.test(archive) ? undefined : artefactNamedBy(archive);
    return fetched && (fetched.name !== named.name || fetched.version !== named.version) ? fetched : named;
  }
  if (!/^https?:\/\//iu.test(resolved)) return undefined;
  let path: string;
  try {
    path = new URL(resolved).pathname;
  } catch {
    return undefined;
  }
  const separator = path.lastIndexOf('/-/');
  if (separator < 0) return undefined;
  const before = decode(path.slice(0, separator));
  // Artifactory spells a scoped tarball with its scope (`/@types/node/-/@types/node-18.0.0.tgz`).
  const file = decode(path.slice(separator + 3))?.replace(/^@[^/]+\//u, '');
  if (file === undefined || before === undefined || !file.endsWith('.tgz') || file.includes('/')) return undefined;
  // A scope is the segment before the name (`@scope/name`, or `@scope%2fname` decoded to the same).
  const segments = before.split('/');
  const basename = segments[segments.length - 1] ?? '';
  const scope = segments[segments.length - 2];
  const name = scope?.startsWith('@') ? `${scope}/${basename}` : basename;
  if (!basename || !file.startsWith(`${basename}-`)) return { name, version: '' };
  return { name, version: file.slice(basename.length + 1, -'.tgz'.length) };
}


function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * Whether a lockfile's integrity contradicts the one the registry publishes:
 * some hash algorithm both name, with no digest in common. Different
 * algorithms (an old `sha1-` lockfile, a `sha512-` registry) cannot be
 * compared and do not count.
 */
export function integrityDiffers(lockfile: string, registry: string): boolean {
  const published = digestsByAlgorithm(registry);
  const recorded = digestsByAlgorithm(lockfile);
  for (const [algorithm, digests] of recorded) {
    const theirs = published.get(algorithm);
    if (theirs && ![...digests].some((d) => theirs.has(d))) return true;
  }
  return false;
}

/** `sha512-abc sha1-def` → { sha512: {abc}, sha1: {def} }; options after `?` are dropped. */
function digestsByAlgorithm(sri: string): Map<string, Set<string>> {
  const byAlgorithm = new Map<string, Set<string>>();
  for (const token of sri.slice(0, MAX_RESOLVED).split(/\s+/u)) {
    const dash = token.indexOf('-');
    if (dash <= 0) continue;
    const algorithm = token.slice(0, dash).toLowerCase();
    const digest = token.slice(dash + 1).split('?')[0] as string;
    if (!digest) continue;
    const set = byAlgorithm.get(algorithm) ?? new Set<string>();
    set.add(digest);
    byAlgorithm.set(algorithm, set);
  }
  return byAlgorithm;
}
