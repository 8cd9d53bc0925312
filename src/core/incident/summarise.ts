import type { Severity } from '../facts.js';
import type { AdvisoryRecordFacts, AffectedRange } from './types.js';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { unknown: 0, low: 1, moderate: 2, high: 3, critical: 4 };

/** What an incident says, derived from all its advisory records. */
export interface IncidentSummary {
  readonly title: string;
  readonly severity: Severity;
  readonly malware: boolean;
  /** Every id and alias, sorted. */
  readonly ids: readonly string[];
  readonly affected: readonly AffectedRange[];
  readonly published?: string | undefined;
  readonly modified?: string | undefined;
  /** Set only when every record is withdrawn: the latest withdrawal. */
  readonly withdrawn?: string | undefined;
}

/**
 * Combines an incident's records (a GHSA and its OSV twins): the highest
 * severity, malware if any record says so, the union of ids and affected
 * ranges, the earliest publication and the latest modification. The title is
 * the preferred record's summary (GHSA, then MAL-, then others, as checks
 * prefer them).
 */
export function summariseRecords(records: readonly AdvisoryRecordFacts[]): IncidentSummary {
  const sorted = [...records].sort((a, b) => rank(a.id) - rank(b.id) || compare(a.id, b.id));
  const [preferred] = sorted;
  const ids = new Set<string>();
  const affected = new Map<string, AffectedRange>();
  let severity: Severity = 'unknown';
  for (const record of sorted) {
    for (const id of [record.id, ...record.aliases]) ids.add(id);
    if (SEVERITY_RANK[record.severity] > SEVERITY_RANK[severity]) severity = record.severity;
    for (const range of record.affected) {
      const key = `${range.ecosystem}\u0000${range.name}\u0000${range.versions}`;
      if (!affected.has(key)) affected.set(key, range);
    }
  }
  const live = sorted.filter((r) => r.withdrawn === undefined);
  return {
    title: preferred?.summary ?? '',
    severity,
    malware: sorted.some((r) => r.malware),
    ids: [...ids].sort(compare),
    affected: [...affected.values()].sort((a, b) => compare(`${a.ecosystem}:${a.name}:${a.versions}`, `${b.ecosystem}:${b.name}:${b.versions}`)),
    published: earliest(sorted.map((r) => r.published)),
    modified: latest(sorted.map((r) => r.modified)),
    withdrawn: sorted.length > 0 && live.length === 0 ? latest(sorted.map((r) => r.withdrawn)) : undefined,
  };
}

function rank(id: string): number {
  return id.startsWith('GHSA-') ? 0 : id.startsWith('MAL-') ? 1 : 2;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function earliest(times: readonly (string | undefined)[]): string | undefined {
  return pick(times, (a, b) => a < b);
}

function latest(times: readonly (string | undefined)[]): string | undefined {
  return pick(times, (a, b) => a > b);
}

function pick(times: readonly (string | undefined)[], better: (a: number, b: number) => boolean): string | undefined {
  let best: string | undefined;
  for (const time of times) {
    if (time === undefined || Number.isNaN(Date.parse(time))) continue;
    if (best === undefined || better(Date.parse(time), Date.parse(best))) best = time;
  }
  return best;
}
