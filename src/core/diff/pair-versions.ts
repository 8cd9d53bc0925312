import { compareVersions, versionLine } from './compare-versions.js';

export interface VersionPair {
  readonly from?: string;
  readonly to?: string;
}

/**
 * Pairs the versions only the base has with the versions only the head has,
 * so that `lodash 3.10.1 + 4.17.20 → 3.10.1 + 4.17.21` reads as one upgrade of
 * the 4.x line, not a removal and an addition. Versions of the same major line
 * pair first; one leftover on each side pairs too; the rest stay unpaired.
 */
export function pairVersions(removed: readonly string[], added: readonly string[]): VersionPair[] {
  const fromLeft = [...removed].sort(compareVersions);
  const toLeft = [...added].sort(compareVersions);
  const pairs: VersionPair[] = [];
  for (const to of [...toLeft]) {
    const line = versionLine(to);
    const candidates = fromLeft.filter((from) => versionLine(from) === line);
    const from = candidates.at(-1);
    if (from === undefined) continue;
    pairs.push({ from, to });
    fromLeft.splice(fromLeft.indexOf(from), 1);
    toLeft.splice(toLeft.indexOf(to), 1);
  }
  if (fromLeft.length === 1 && toLeft.length === 1) {
    pairs.push({ from: fromLeft[0]!, to: toLeft[0]! });
    fromLeft.length = 0;
    toLeft.length = 0;
  }
  for (const from of fromLeft) pairs.push({ from });
  for (const to of toLeft) pairs.push({ to });
  return pairs;
}
