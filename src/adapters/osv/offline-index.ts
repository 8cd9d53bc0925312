import type semver from 'semver';
import type { Advisory } from '../../core/facts.js';
import { normalisePackageName, purlTypeOf } from './ecosystems.js';
import { toAdvisory } from './normalise.js';
import { compileRange, rangeAffects, type CompiledRange } from './ranges.js';
import type { OsvRecord } from './record.js';

/** What indexing found, for the verdict's notes and the bench. */
export interface OsvIndexStats {
  /** Records indexed (withdrawn ones excluded). */
  records: number;
  /** Files or entries that were not a usable OSV record (bad JSON, no id, unreadable zip entry). */
  badRecords: number;
  /** Withdrawn records, never matched. */
  withdrawn: number;
  /** Ranges that could not be evaluated as written (see {@link compileRange}); the rest of the record still counts. */
  skippedRanges: number;
  /** ECOSYSTEM ranges in ecosystems whose ordering chaingate does not know; only `versions` lists match there. */
  unsupportedRanges: number;
}

/** One record's statements about one package. */
interface Entry {
  readonly record: OsvRecord;
  readonly purlType: string;
  readonly name: string;
  readonly versions: Set<string>;
  readonly ranges: CompiledRange[];
  advisory?: Advisory;
}

/** Records indexed once by (ecosystem, name), matched by OSV's evaluation rules. */
export class OsvIndex {
  readonly #entries = new Map<string, Entry[]>();
  readonly stats: OsvIndexStats = { records: 0, badRecords: 0, withdrawn: 0, skippedRanges: 0, unsupportedRanges: 0 };

  add(full: OsvRecord): void {
    if (full.withdrawn) {
      this.stats.withdrawn++;
      return;
    }
    // An export holds ~200,000 records whose `details` run to kilobytes of Markdown; an advisory needs
    // only its first line, and only when there is no summary. Dropping the rest keeps the index small.
    const record: OsvRecord = { ...full, details: full.summary ? undefined : full.details?.split('\n', 1)[0] };
    this.stats.records++;
    const byPackage = new Map<string, Entry>();
    for (const affected of record.affected) {
      const pkg = affected.package;
      const purlType = pkg ? purlTypeOf(pkg.ecosystem) : undefined;
      if (!pkg || !purlType) continue;
      const name = normalisePackageName(purlType, pkg.name);
      const key = keyOf(purlType, name);
      let entry = byPackage.get(key);
      if (!entry) {
        entry = { record, purlType, name: pkg.name, versions: new Set(), ranges: [] };
        byPackage.set(key, entry);
      }
      for (const version of affected.versions) entry.versions.add(version);
      for (const range of affected.ranges) {
        const compiled = compileRange(range, purlType);
        if (compiled.ok) entry.ranges.push(compiled.range);
        else if (compiled.reason === 'broken') this.stats.skippedRanges++;
        else if (compiled.reason === 'unsupported') this.stats.unsupportedRanges++;
      }
    }
    for (const [key, entry] of byPackage) {
      const list = this.#entries.get(key);
      if (list) list.push(entry);
      else this.#entries.set(key, [entry]);
    }
  }

  /** The advisories whose record affects this exact version, per OSV's IsVulnerable. */
  match(purlType: string, name: string, version: string): Advisory[] {
    const entries = this.#entries.get(keyOf(purlType, normalisePackageName(purlType, name)));
    if (!entries) return [];
    const parsed = new Map<CompiledRange['parse'], semver.SemVer | undefined>();
    const out: Advisory[] = [];
    for (const entry of entries) {
      if (!affects(entry, version, parsed)) continue;
      entry.advisory ??= toAdvisory(entry.record, entry.purlType, entry.name);
      out.push(entry.advisory);
    }
    return out;
  }
}

function affects(entry: Entry, version: string, parsed: Map<CompiledRange['parse'], semver.SemVer | undefined>): boolean {
  if (entry.versions.has(version)) return true;
  for (const range of entry.ranges) {
    if (!parsed.has(range.parse)) parsed.set(range.parse, range.parse(version));
    const at = parsed.get(range.parse);
    if (at && rangeAffects(range, at)) return true;
  }
  return false;
}

function keyOf(purlType: string, name: string): string {
  return `${purlType}\u0000${name}`;
}
