import type semver from 'semver';
import type { OsvRange } from './record.js';
import { parserFor, type VersionParser } from './versions.js';

type EventKind = 'introduced' | 'fixed' | 'last_affected';
const ZERO = 'zero' as const;

interface CompiledEvent {
  readonly kind: EventKind;
  readonly at: semver.SemVer | typeof ZERO;
}

/** A SEMVER or ECOSYSTEM range, its events parsed and sorted, ready to evaluate many times. */
export interface CompiledRange {
  readonly events: readonly CompiledEvent[];
  /** `undefined` when the range has no limit (or a `*` limit): no upper limit. */
  readonly limits: readonly semver.SemVer[] | undefined;
  readonly parse: VersionParser;
}

/**
 * `ignored`: GIT ranges (commits, not versions). `unsupported`: an ECOSYSTEM
 * range whose ordering chaingate does not know. `broken`: a range that cannot
 * be evaluated as written (unknown type, unparsable version, no `introduced`,
 * a `fixed` or `last_affected` with no `introduced` below it, unknown event).
 */
export type RangeCompilation =
  | { readonly ok: true; readonly range: CompiledRange }
  | { readonly ok: false; readonly reason: 'ignored' | 'unsupported' | 'broken' };

const KNOWN_TYPES = new Set(['SEMVER', 'ECOSYSTEM', 'GIT']);

export function compileRange(range: OsvRange, purlType: string): RangeCompilation {
  if (range.type === 'GIT') return { ok: false, reason: 'ignored' };
  if (!KNOWN_TYPES.has(range.type)) return { ok: false, reason: 'broken' };
  const parse = parserFor(range.type, purlType);
  if (!parse) return { ok: false, reason: 'unsupported' };

  const events: CompiledEvent[] = [];
  let limits: semver.SemVer[] | undefined = [];
  for (const raw of range.events) {
    const event = readEvent(raw);
    if (!event) return { ok: false, reason: 'broken' };
    if (event.kind === 'limit') {
      if (event.value.includes('*')) limits = undefined;
      else {
        const at = parse(event.value);
        if (!at) return { ok: false, reason: 'broken' };
        limits?.push(at);
      }
      continue;
    }
    const at = event.kind === 'introduced' && event.value === '0' ? ZERO : parse(event.value);
    if (!at) return { ok: false, reason: 'broken' };
    events.push({ kind: event.kind, at });
  }
  if (!isCoherent(events)) return { ok: false, reason: 'broken' };
  events.sort((a, b) => compareAt(a.at, b.at));
  return { ok: true, range: { events, limits: limits && limits.length > 0 ? limits : undefined, parse } };
}

/** OSV's IncludedInRanges for one range, with `version` already known to be on this range's scale. */
export function rangeAffects(range: CompiledRange, version: semver.SemVer): boolean {
  if (range.limits && !range.limits.some((limit) => version.compare(limit) < 0)) return false;
  let vulnerable = false;
  for (const event of range.events) {
    if (event.kind === 'introduced') {
      if (event.at === ZERO || version.compare(event.at) >= 0) vulnerable = true;
    } else if (event.at !== ZERO) {
      if (event.kind === 'fixed' && version.compare(event.at) >= 0) vulnerable = false;
      else if (event.kind === 'last_affected' && version.compare(event.at) > 0) vulnerable = false;
    }
  }
  return vulnerable;
}

function readEvent(raw: unknown): { kind: EventKind | 'limit'; value: string } | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const keys = Object.keys(raw);
  if (keys.length !== 1) return undefined;
  const kind = keys[0];
  const value = (raw as Record<string, unknown>)[kind as string];
  if (typeof value !== 'string' || value === '') return undefined;
  if (kind === 'introduced' || kind === 'fixed' || kind === 'last_affected' || kind === 'limit') return { kind, value };
  return undefined;
}

/**
 * At least one `introduced`; each `fixed` above some `introduced`, each `last_affected` at or above one.
 * "Above some" is "above the lowest", so one pass finds the lowest and a second checks every end against
 * it: linear, where comparing every end with every start made one large record take minutes.
 */
function isCoherent(events: readonly CompiledEvent[]): boolean {
  let lowest: CompiledEvent['at'] | undefined;
  for (const e of events) {
    if (e.kind === 'introduced' && (lowest === undefined || compareAt(e.at, lowest) < 0)) lowest = e.at;
  }
  if (lowest === undefined) return false;
  const start = lowest;
  return events.every((e) => {
    if (e.kind === 'introduced') return true;
    const order = compareAt(start, e.at);
    return e.kind === 'fixed' ? order < 0 : order <= 0;
  });
}

function compareAt(a: semver.SemVer | typeof ZERO, b: semver.SemVer | typeof ZERO): number {
  if (a === ZERO) return b === ZERO ? 0 : -1;
  if (b === ZERO) return 1;
  return a.compare(b);
}
