import semver from 'semver';

/**
 * Version ordering for OSV ranges. SEMVER ranges use SemVer 2.0 everywhere;
 * ECOSYSTEM ranges use the ecosystem's own ordering, which chaingate knows
 * only where it is SemVer (npm, crates.io, Go, Hex, Pub). Elsewhere only
 * the record's `versions` list is matched.
 */
export type VersionParser = (version: string) => semver.SemVer | undefined;

const SEMVER_ORDERED_ECOSYSTEMS = new Set(['npm', 'cargo', 'golang', 'hex', 'pub']);

export function parseSemver(version: string): semver.SemVer | undefined {
  const trimmed = version.startsWith('v') ? version.slice(1) : version;
  try {
    return new semver.SemVer(trimmed);
  } catch {
    return undefined;
  }
}

/** How to parse a range's versions, or `undefined` when chaingate cannot order that range. */
export function parserFor(rangeType: string, purlType: string): VersionParser | undefined {
  if (rangeType === 'SEMVER') return parseSemver;
  if (rangeType === 'ECOSYSTEM' && SEMVER_ORDERED_ECOSYSTEMS.has(purlType)) return parseSemver;
  return undefined;
}

/** Sorts version strings: SemVer order where both parse, those first, then text order. */
export function compareForSort(a: string, b: string): number {
  const left = parseSemver(a);
  const right = parseSemver(b);
  if (left && right) return left.compare(right);
  if (left) return -1;
  if (right) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** {@link compareForSort} over a whole list, each version parsed once (a record may list tens of thousands). */
export function sortVersions(versions: readonly string[]): string[] {
  return versions
    .map((text) => ({ text, parsed: parseSemver(text) }))
    .sort((a, b) => {
      if (a.parsed && b.parsed) return a.parsed.compare(b.parsed);
      if (a.parsed) return -1;
      if (b.parsed) return 1;
      return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
    })
    .map((v) => v.text);
}
