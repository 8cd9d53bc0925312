import type { Advisory } from '../../core/facts.js';
import { toAdvisory } from './normalise.js';
import { OsvIndex } from './offline-index.js';
import { normalisePackageName, purlTypeOf } from './ecosystems.js';
import type { OsvRecord } from './record.js';

/** One package an advisory names: the advisory as it concerns that package, and how to tell an affected version. */
export interface AffectedPackage {
  /** Package URL type (`npm`, `pypi`, …). */
  readonly ecosystem: string;
  readonly name: string;
  readonly advisory: Advisory;
  /** The affected versions as the advisory gives them, for messages (`>=4.4.2 <4.4.3; 1 listed version`). */
  readonly versions: string;
  readonly affects: (version: string) => boolean;
}

/**
 * Every package of an OSV record in an ecosystem chaingate reads, judged by
 * the same OSV evaluation the advisory index uses for checks (OsvIndex), so
 * `scope`, `fix` and `check` agree on what a record affects. A withdrawn
 * record affects nothing.
 */
export function osvAffectedPackages(record: OsvRecord): AffectedPackage[] {
  const index = new OsvIndex();
  index.add(record);
  const byKey = new Map<string, { ecosystem: string; name: string; ranges: string[]; listed: number }>();
  for (const affected of record.affected) {
    const ecosystem = affected.package ? purlTypeOf(affected.package.ecosystem) : undefined;
    if (!affected.package || !ecosystem) continue;
    const name = affected.package.name;
    const key = `${ecosystem}\u0000${normalisePackageName(ecosystem, name)}`;
    const entry = byKey.get(key) ?? { ecosystem, name, ranges: [], listed: 0 };
    entry.ranges.push(...affected.ranges.map((r) => describeEvents(r.events)).filter((d) => d !== ''));
    entry.listed += affected.versions.length;
    byKey.set(key, entry);
  }
  return [...byKey.values()]
    .sort((a, b) => (a.ecosystem + a.name < b.ecosystem + b.name ? -1 : 1))
    .map(({ ecosystem, name, ranges, listed }) => ({
      ecosystem,
      name,
      advisory: toAdvisory(record, ecosystem, name),
      versions: [...ranges, ...(listed > 0 ? [`${listed} listed version${listed === 1 ? '' : 's'}`] : [])].join('; ') || 'no versions',
      affects: (version: string) => index.match(ecosystem, name, version).length > 0,
    }));
}

/** `>=1.0.0 <1.2.6` from OSV events, for people. */
function describeEvents(events: readonly unknown[]): string {
  const parts: string[] = [];
  for (const event of events) {
    if (typeof event !== 'object' || event === null) continue;
    const [kind, at] = Object.entries(event)[0] ?? [];
    const bound = { introduced: '>=', fixed: '<', last_affected: '<=' }[kind as string];
    if (bound !== undefined && typeof at === 'string') parts.push(`${bound}${at}`);
  }
  return parts.join(' ');
}
