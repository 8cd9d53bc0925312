/** `name@version` → 1-based line of the package's entry in one lockfile; the bare `name` → its first entry. */
export type PackageLineIndex = ReadonlyMap<string, number>;

/** Lockfile path (as in `Change.lockfile`) → its package line index, recorded while the lockfile was read. */
export type LockfileLines = ReadonlyMap<string, PackageLineIndex>;

/** The line of a package in a lockfile (its entry, else the first entry of its name), if that lockfile was indexed. */
export function lineOf(lines: LockfileLines | undefined, lockfile: string, name: string, version: string): number | undefined {
  const index = lines?.get(lockfile);
  return index?.get(`${name}@${version}`) ?? index?.get(name);
}
