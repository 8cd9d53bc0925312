import type { AdvisoryRecordFacts, IncidentStatus } from './types.js';
import { incidentSerial } from './types.js';

/** The stored copy of the record being taken in, where the store already holds a record with its id. */
export interface StoredRecord {
  readonly incident: string;
  readonly modified?: string | undefined;
  readonly digest: string;
}

/** What to do with an advisory record, given which incidents already answer to its ids. */
export type IntakePlan =
  /** No incident knows any of its ids: a new incident. */
  | { readonly kind: 'create' }
  /** The same record (same digest) is already stored: nothing changes. */
  | { readonly kind: 'unchanged'; readonly incident: string }
  /** An older version of a record the store holds in a newer version: ignored. */
  | { readonly kind: 'stale'; readonly incident: string; readonly storedModified: string }
  /**
   * The record is new to the incident, or a newer version of one of its
   * records. `absorb` lists younger incidents the record shows to be the
   * same advisory: they are merged into `incident` (the oldest) first.
   */
  | { readonly kind: 'update'; readonly incident: string; readonly absorb: readonly string[] };

/**
 * Decides how a record changes the incidents, deterministically: an
 * advisory and its twins are one incident (lookups by every id and alias);
 * a newer `modified` replaces the stored copy, an older one is ignored; a
 * record that links several incidents merges them into the oldest (lowest
 * serial), which keeps its id.
 * @param holders ids of the incidents that answer to the record's id or any alias
 */
export function planIntake(record: AdvisoryRecordFacts, holders: readonly string[], stored: StoredRecord | undefined): IntakePlan {
  const ordered = [...new Set(holders)].sort((a, b) => (incidentSerial(a) ?? 0) - (incidentSerial(b) ?? 0));
  const [oldest, ...younger] = ordered;
  if (oldest === undefined) return { kind: 'create' };
  if (stored && stored.digest === record.digest && younger.length === 0) return { kind: 'unchanged', incident: stored.incident };
  if (stored?.modified !== undefined && record.modified !== undefined && timeOf(record.modified) < timeOf(stored.modified)) {
    return { kind: 'stale', incident: stored.incident, storedModified: stored.modified };
  }
  return { kind: 'update', incident: oldest, absorb: younger };
}

/** The status an intake leaves: withdrawn when every record is; a withdrawn incident whose advisory is reinstated opens again. */
export function statusAfterIntake(current: IncidentStatus | undefined, withdrawn: boolean): IncidentStatus {
  if (withdrawn) return 'withdrawn';
  if (current === undefined || current === 'withdrawn') return 'open';
  return current;
}

function timeOf(iso: string): number {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? 0 : time;
}
