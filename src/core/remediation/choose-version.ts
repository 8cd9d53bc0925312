import semver from 'semver';
import type { PackageMetadata } from '../facts.js';

/** A dependent's requirement on the affected package. */
export interface Requirement {
  readonly dependent: string;
  readonly range: string;
}

export type Choice =
  | { readonly version: string; readonly previous?: boolean }
  | { readonly version?: undefined; readonly reason: string };

/**
 * Patch: the lowest published, unaffected, non-prerelease version above `current`
 * that every requirement accepts.
 */
export function choosePatch(metadata: PackageMetadata, current: string, affects: (v: string) => boolean, requirements: readonly Requirement[]): Choice {
  const above = releasesOf(metadata).filter((v) => semver.gt(v, current) && !affects(v)).sort(semver.compare);
  if (above.length === 0) return { reason: `no unaffected version of ${metadata.name} above ${current} is published` };
  const fitting = above.find((v) => requirements.every((r) => satisfies(v, r.range)));
  if (fitting) return { version: fitting };
  const lowest = above[0]!;
  const broken = requirements.filter((r) => !satisfies(lowest, r.range)).map(describe);
  return { reason: `the lowest unaffected version ${lowest} is outside ${broken.join(', ')}` };
}

/**
 * Revert: the newest published, unaffected, non-prerelease version below `current`
 * that every requirement accepts and that was published before `current`
 * (when the registry dates both), so a revert never lands on a newer release.
 * When the lockfile's history is known, the version it had before (`previous`,
 * newest first) wins if it meets the same conditions: it is what the project ran.
 */
export function chooseRevert(
  metadata: PackageMetadata,
  current: string,
  affects: (v: string) => boolean,
  requirements: readonly Requirement[],
  previous: readonly string[] = [],
): Choice {
  const badDate = metadata.versions.get(current)?.publishedAt;
  const below = releasesOf(metadata)
    .filter((v) => semver.lt(v, current) && !affects(v))
    .filter((v) => {
      const date = metadata.versions.get(v)?.publishedAt;
      return !badDate || !date || date < badDate;
    })
    .sort(semver.rcompare);
  if (below.length === 0) return { reason: `no unaffected version of ${metadata.name} older than ${current} is published` };
  const had = previous.find((v) => below.includes(v) && requirements.every((r) => satisfies(v, r.range)));
  if (had) return { version: had, previous: true };
  const fitting = below.find((v) => requirements.every((r) => satisfies(v, r.range)));
  if (fitting) return { version: fitting };
  const newest = below[0]!;
  const broken = requirements.filter((r) => !satisfies(newest, r.range)).map(describe);
  return { reason: `the newest unaffected older version ${newest} is outside ${broken.join(', ')}` };
}

function releasesOf(metadata: PackageMetadata): string[] {
  return [...metadata.versions.values()]
    .filter((v) => v.deprecated === undefined)
    .map((v) => v.version)
    .filter((v) => semver.valid(v) !== null && semver.prerelease(v) === null);
}

/** An unparsable range (a tag, a URL) accepts nothing, so the plan says so rather than guessing. */
function satisfies(version: string, range: string): boolean {
  return semver.validRange(range) !== null && semver.satisfies(version, range);
}

function describe(requirement: Requirement): string {
  return `${requirement.range} (required by ${requirement.dependent})`;
}
