/**
 * The ranges an npm lockfile (v2/v3 `packages` map) records for each package's
 * dependencies, keyed like the graph's package ids (`name@version`): the
 * graph keeps edges but not the ranges, and a patch must fit them.
 * Entries that are not shaped as expected are skipped, not trusted.
 */
export function npmDeclaredRanges(lockfile: unknown): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const packages = isRecord(lockfile) ? lockfile['packages'] : undefined;
  if (!isRecord(packages)) return out;
  for (const [key, entry] of Object.entries(packages)) {
    if (key === '' || !isRecord(entry) || typeof entry['version'] !== 'string') continue;
    const at = key.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const name = typeof entry['name'] === 'string' ? entry['name'] : key.slice(at + 'node_modules/'.length);
    const ranges = out.get(`${name}@${entry['version']}`) ?? new Map<string, string>();
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
      const map = entry[field];
      if (!isRecord(map)) continue;
      for (const [alias, range] of Object.entries(map)) if (typeof range === 'string') ranges.set(alias, range);
    }
    out.set(`${name}@${entry['version']}`, ranges);
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
