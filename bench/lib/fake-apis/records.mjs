// The synthetic OSV records as the fakes serve them: by package name, with OSV's own evaluation
// (SEMVER and ECOSYSTEM ranges ordered by `semver`, plus `versions` lists), independent of
// chaingate's index so the bench can compare answers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

/**
 * @returns {{ byName: Map<string, Entry[]>, ids: Set<string> }} where an Entry is
 *   { id, name, modified, published, summary, severity, cvss, aliases, malware, versions: Set, ranges: event[][] }
 */
export function loadRecords(dir) {
  const byName = new Map();
  const ids = new Set();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.json')) continue;
    const record = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    ids.add(record.id);
    if (record.withdrawn) continue;
    for (const affected of record.affected ?? []) {
      if (affected.package?.ecosystem !== 'npm') continue;
      const entry = {
        id: record.id,
        name: affected.package.name,
        modified: record.modified,
        published: record.published,
        summary: record.summary,
        severity: record.database_specific?.severity,
        cvss: record.severity?.find((s) => s.type === 'CVSS_V3')?.score,
        aliases: record.aliases ?? [],
        malware: record.id.startsWith('MAL-'),
        versions: new Set(affected.versions ?? []),
        ranges: (affected.ranges ?? []).filter((r) => r.type === 'SEMVER' || r.type === 'ECOSYSTEM').map((r) => sortEvents(r.events)),
      };
      const list = byName.get(entry.name);
      if (list) list.push(entry);
      else byName.set(entry.name, [entry]);
    }
  }
  return { byName, ids };
}

const at = (event) => event.introduced ?? event.fixed ?? event.last_affected ?? event.limit;

function sortEvents(events) {
  const usable = events.filter((e) => at(e) === '0' || semver.valid(at(e)));
  return usable.sort((a, b) => (at(a) === '0' ? -1 : at(b) === '0' ? 1 : semver.compare(at(a), at(b))));
}

/** OSV's evaluation: introduced opens, fixed closes at, last_affected closes after. */
function inRange(events, version) {
  let affected = false;
  for (const e of events) {
    if (e.introduced !== undefined && (e.introduced === '0' || semver.gte(version, e.introduced))) affected = true;
    else if (e.fixed !== undefined && semver.gte(version, e.fixed)) affected = false;
    else if (e.last_affected !== undefined && semver.gt(version, e.last_affected)) affected = false;
  }
  return affected;
}

export function affects(entry, version) {
  if (entry.versions.has(version)) return true;
  const valid = semver.valid(version);
  return valid !== null && entry.ranges.some((events) => inRange(events, valid));
}

/** The intervals of one sorted range: { lo: '0' | version, hi?: version, end: 'fixed' | 'last' | 'open' }. */
export function intervals(events) {
  const out = [];
  let lo;
  for (const e of events) {
    if (e.introduced !== undefined) lo ??= e.introduced;
    else if (lo !== undefined && (e.fixed !== undefined || e.last_affected !== undefined)) {
      out.push(e.fixed !== undefined ? { lo, hi: e.fixed, end: 'fixed' } : { lo, hi: e.last_affected, end: 'last' });
      lo = undefined;
    }
  }
  if (lo !== undefined) out.push({ lo, end: 'open' });
  return out;
}
