import { spawnSync } from 'node:child_process';

/**
 * Whether the tests that run the real package managers against the npm registry run here, and
 * why not when they do not: no registry, or CHAINGATE_TEST_REAL_NPM=0 (CI's second Node pass,
 * where the sandboxed npm spends about 70 s per install on this machine's network; the first
 * pass runs them).
 */
export function realPackageManagers(options: { readonly sandboxedNpm: boolean }): { readonly run: boolean; readonly reason?: string } {
  if (options.sandboxedNpm && process.env.CHAINGATE_TEST_REAL_NPM === '0') return { run: false, reason: 'CHAINGATE_TEST_REAL_NPM=0 (they run in the Node 20 pass of .ci/run)' };
  const reachable = spawnSync('npm', ['view', 'minimist@1.2.6', 'version'], { encoding: 'utf8', timeout: 20_000 }).stdout.trim() === '1.2.6';
  return reachable ? { run: true } : { run: false, reason: 'the npm registry is not reachable' };
}

/** Says in one line that a suite was skipped, and why. */
export function saySkipped(suite: string, reason: string | undefined): void {
  if (reason !== undefined) console.log(`${suite} skipped: ${reason}`);
}
