import type { Advisory } from '../facts.js';

const SEVERITY_RANK = { unknown: 0, low: 1, moderate: 2, high: 3, critical: 4 } as const;

/**
 * Merges the advisories several sources give for one package: the same
 * advisory under different ids (a GHSA and its OSV copy, linked by aliases)
 * becomes one, keeping the highest severity, every alias, and the union of
 * fixed versions. Malware in any copy makes the merged advisory malware; an
 * incident behind any copy stays named.
 */
export function mergeAdvisories(lists: readonly (readonly Advisory[])[]): Advisory[] {
  const merged: Advisory[] = [];
  const byId = new Map<string, number>();
  for (const advisory of lists.flat()) {
    const ids = [advisory.id, ...advisory.aliases];
    const at = ids.map((id) => byId.get(id)).find((i) => i !== undefined);
    if (at === undefined) {
      merged.push(advisory);
      for (const id of ids) byId.set(id, merged.length - 1);
      continue;
    }
    const existing = merged[at]!;
    const combined = combine(existing, advisory);
    merged[at] = combined;
    for (const id of [combined.id, ...combined.aliases]) byId.set(id, at);
  }
  return merged;
}

function combine(a: Advisory, b: Advisory): Advisory {
  const primary = preferredId(a, b);
  const ids = new Set([a.id, ...a.aliases, b.id, ...b.aliases]);
  ids.delete(primary.id);
  const severity = SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity] ? b.severity : a.severity;
  return {
    ...primary,
    aliases: [...ids].sort(),
    severity,
    cvssScore: Math.max(a.cvssScore ?? -1, b.cvssScore ?? -1) >= 0 ? Math.max(a.cvssScore ?? 0, b.cvssScore ?? 0) : undefined,
    malware: a.malware || b.malware,
    fixedVersions: [...new Set([...a.fixedVersions, ...b.fixedVersions])],
    summary: primary.summary || a.summary || b.summary,
    incident: a.incident ?? b.incident,
  };
}

/** GitHub's reviewed ids are the ones people search for; then OSV's; npm's numeric ids last. */
function preferredId(a: Advisory, b: Advisory): Advisory {
  const rank = (x: Advisory): number => (x.id.startsWith('GHSA-') ? 0 : x.id.startsWith('MAL-') ? 1 : x.source === 'npm' ? 3 : 2);
  return rank(b) < rank(a) ? b : a;
}
