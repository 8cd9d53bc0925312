import { readFixture } from '../../helpers/fixtures.js';

/**
 * The name@version set and direct dependencies of a package-lock.json, read with a plain JSON.parse so the
 * SBOM tests do not depend on chaingate's npm parser.
 */
export interface LockfileTruth {
  /** Every package of the lockfile (workspace packages included), as name@version. */
  readonly packages: Set<string>;
  /** Same, without the project's own workspaces. */
  readonly installed: Set<string>;
}

interface LockEntry {
  name?: string;
  version?: string;
  link?: boolean;
}

export async function readLockfileTruth(rel: string): Promise<LockfileTruth> {
  const lock = JSON.parse(await readFixture(rel)) as { packages: Record<string, LockEntry> };
  const packages = new Set<string>();
  const installed = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.link || !entry.version) continue;
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    packages.add(`${name}@${entry.version}`);
    if (path.includes('node_modules/')) installed.add(`${name}@${entry.version}`);
  }
  return { packages, installed };
}
