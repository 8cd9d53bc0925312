import semver from 'semver';
import type { PackageMetadata, TrustLevel, VersionMetadata } from '../facts.js';

/** Rank on the trust ladder: trusted publisher > provenance > registry signature only > nothing. */
export const TRUST_RANK: Readonly<Record<TrustLevel, number>> = { 'trusted-publisher': 3, provenance: 2, 'registry-signature': 1, none: 0 };

/** Has build provenance (a trusted publisher always does). */
export function hasProvenance(trust: TrustLevel): boolean {
  return TRUST_RANK[trust] >= TRUST_RANK.provenance;
}

/**
 * The release line a version belongs to: its major, or `0.minor` below 1.0.0 (where a minor is a
 * major in semver's sense). `undefined` for versions that are not semver.
 */
export function releaseLine(version: string): string | undefined {
  const parsed = semver.parse(version, { loose: true });
  if (!parsed) return undefined;
  return parsed.major === 0 ? `0.${parsed.minor}` : String(parsed.major);
}

/**
 * Versions of the same release line published before `version`, most recent first. "Before" is by
 * publish time where the registry gives it (a backport to an old line is judged against what was
 * published before it, not against higher version numbers), by semver order otherwise.
 */
export function earlierOnLine(metadata: PackageMetadata, version: string): VersionMetadata[] {
  const line = releaseLine(version);
  if (line === undefined) return [];
  const head = metadata.versions.get(version);
  const headTime = head?.publishedAt?.getTime();
  const earlier: VersionMetadata[] = [];
  for (const candidate of metadata.versions.values()) {
    if (candidate.version === version || releaseLine(candidate.version) !== line) continue;
    if (semver.prerelease(candidate.version, { loose: true })) continue;
    const time = candidate.publishedAt?.getTime();
    const before = headTime !== undefined && time !== undefined ? time < headTime : semver.lt(candidate.version, version, { loose: true });
    if (before) earlier.push(candidate);
  }
  return earlier.sort(newestFirst);
}

function newestFirst(a: VersionMetadata, b: VersionMetadata): number {
  const ta = a.publishedAt?.getTime();
  const tb = b.publishedAt?.getTime();
  if (ta !== undefined && tb !== undefined && ta !== tb) return tb - ta;
  return semver.rcompare(a.version, b.version, { loose: true });
}

/** Repository URLs compared as `host/owner/repo`, whatever the spelling (`git+https://…/x.git`, `github:owner/repo`, case). */
export function normaliseRepository(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^git\+/, '')
    .replace(/^github:/, 'github.com/')
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^git@([^:/]+):/, '$1/')
    .replace(/^[^@/]+@/, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
}
