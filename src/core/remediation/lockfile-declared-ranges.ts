/** Package id (`name@version`) → dependency alias → the range its manifest declares. */
export type DeclaredRanges = Map<string, Map<string, string>>;

const RANGE_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;

/**
 * The ranges a yarn lockfile (classic or berry, as read into a mapping) records for each
 * entry's dependencies. Berry writes `npm:^1.2.5`; the protocol is dropped so the range
 * reads as semver, and an alias (`npm:other@^1`) keeps its range. Entries not shaped as
 * expected are skipped, not trusted.
 */
export function yarnDeclaredRanges(lockfile: unknown): DeclaredRanges {
  const out: DeclaredRanges = new Map();
  if (!isRecord(lockfile)) return out;
  for (const [key, entry] of Object.entries(lockfile)) {
    if (key === '__metadata' || !isRecord(entry) || typeof entry['version'] !== 'string') continue;
    const name = descriptorName(key.split(',')[0]!.trim());
    if (name === undefined) continue;
    addRanges(out, `${name}@${entry['version']}`, entry, yarnRange);
  }
  return out;
}

/**
 * The ranges a bun.lock (JSON, after its trailing commas are removed) records: each
 * `packages` entry is `[name@version, registry, { dependencies, … }, integrity]`.
 */
export function bunDeclaredRanges(lockfile: unknown): DeclaredRanges {
  const out: DeclaredRanges = new Map();
  const packages = isRecord(lockfile) ? lockfile['packages'] : undefined;
  if (!isRecord(packages)) return out;
  for (const entry of Object.values(packages)) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !isRecord(entry[2])) continue;
    const at = entry[0].lastIndexOf('@');
    if (at <= 0) continue;
    addRanges(out, entry[0], entry[2], (range) => range);
  }
  return out;
}

/**
 * pnpm lockfiles record resolved versions, not ranges, for dependencies; only a package's
 * `peerDependencies` keep their ranges (in `packages`, keyed `name@version` or `/name@version`
 * with a peer suffix), so those are all this can read.
 */
export function pnpmDeclaredRanges(lockfile: unknown): DeclaredRanges {
  const out: DeclaredRanges = new Map();
  const packages = isRecord(lockfile) ? lockfile['packages'] : undefined;
  if (!isRecord(packages)) return out;
  for (const [key, entry] of Object.entries(packages)) {
    if (!isRecord(entry)) continue;
    const id = key.replace(/^\//u, '').replace(/[(_].*$/u, '');
    if (id.lastIndexOf('@') <= 0) continue;
    const peers = entry['peerDependencies'];
    if (isRecord(peers)) addRanges(out, id, { peerDependencies: peers }, (range) => range);
  }
  return out;
}

function addRanges(out: DeclaredRanges, id: string, entry: Record<string, unknown>, read: (range: string) => string | undefined): void {
  const ranges = out.get(id) ?? new Map<string, string>();
  for (const field of RANGE_FIELDS) {
    const map = entry[field];
    if (!isRecord(map)) continue;
    for (const [alias, value] of Object.entries(map)) {
      const range = typeof value === 'string' ? read(value) : undefined;
      if (range !== undefined) ranges.set(alias, range);
    }
  }
  out.set(id, ranges);
}

/** `mkdirp@npm:0.5.5` → `mkdirp`, `@types/node@^20` → `@types/node`. */
function descriptorName(descriptor: string): string | undefined {
  const unquoted = descriptor.replace(/^"|"$/gu, '');
  const at = unquoted.indexOf('@', 1);
  return at > 0 ? unquoted.slice(0, at) : undefined;
}

/** `npm:^1.2.5` → `^1.2.5`; `npm:other@^1` → `^1`; another protocol is no semver range. */
function yarnRange(value: string): string | undefined {
  if (!value.startsWith('npm:')) return /^[a-z]+:/iu.test(value) ? undefined : value;
  const rest = value.slice(4);
  const at = rest.lastIndexOf('@');
  return at > 0 ? rest.slice(at + 1) : rest;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
