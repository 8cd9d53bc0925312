import semver from 'semver';

/**
 * Orders two versions: semver precedence when both are valid semver, plain
 * string order otherwise (git SHAs, date stamps, non-npm ecosystems).
 */
export function compareVersions(a: string, b: string): number {
  const va = semver.valid(a, { loose: true });
  const vb = semver.valid(b, { loose: true });
  if (va && vb) return semver.compare(va, vb, { loose: true });
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The major version, or the string itself where the version is not semver. */
export function versionLine(version: string): string {
  const parsed = semver.parse(version, { loose: true });
  return parsed ? String(parsed.major) : version;
}
