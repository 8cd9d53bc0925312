// The App benchmark's body, in TypeScript over the App's e2e harness (bundled by bench/app.mjs).
import { performance } from 'node:perf_hooks';
import { type HarnessStore, pullRequestPayload, startHarness } from '../../test/app/app-harness.js';

const PACKAGES = 2000;

/** A package-lock v3 of `count` synthetic packages at `version`, all direct. */
function lockfile(count: number, version: (i: number) => string): string {
  const packages: Record<string, unknown> = { '': { name: 'bench-app', version: '1.0.0', dependencies: {} as Record<string, string> } };
  for (let i = 0; i < count; i++) {
    const name = `bench-pkg-${i}`;
    (packages[''] as { dependencies: Record<string, string> }).dependencies[name] = `^1.0.${i % 7}`;
    packages[`node_modules/${name}`] = { version: version(i), resolved: `https://registry.npmjs.org/${name}/-/${name}-${version(i)}.tgz`, integrity: `sha512-${Buffer.from(`${name}${version(i)}`).toString('base64')}`, license: 'MIT' };
  }
  return `${JSON.stringify({ name: 'bench-app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

function manifest(version: (i: number) => string): string {
  return `${JSON.stringify({ name: 'bench-app', version: '1.0.0', dependencies: Object.fromEntries(Array.from({ length: PACKAGES }, (_, i) => [`bench-pkg-${i}`, `^${version(i)}`])) }, null, 2)}\n`;
}

export interface AppBenchResult {
  readonly latencyMs: number[];
  readonly githubMs: number[];
  readonly requests: number[];
  readonly ackMs: number[];
  readonly burstWallMs: number;
}

export async function runAppBench(options: { runs: number; burst: number; store: HarnessStore }): Promise<AppBenchResult> {
  // Time spent waiting on the fake GitHub, so the App's own processing can be told apart.
  let githubMs = 0;
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.includes('/api/v3/')) return realFetch(input, init);
    const start = performance.now();
    try {
      return await realFetch(input, init);
    } finally {
      githubMs += performance.now() - start;
    }
  };
  // Jobs expire as in production (300 s): the tests' 5 s would retry a judgement still running.
  const h = await startHarness({ store: options.store, progressAfterMs: 60_000, jobExpirySeconds: 300 });
  try {
    const old = (i: number): string => `1.0.${i % 7}`;
    const base = h.commitFiles(h.commits.clean, { 'package-lock.json': lockfile(PACKAGES, old), 'package.json': manifest(old) }, 'bench base');
    // One lockfile changes: every package upgraded, package.json as it was (ranges would allow it).
    const head = h.commitFiles(base, { 'package-lock.json': lockfile(PACKAGES, (i) => `1.1.${i % 7}`) }, 'bench head');
    const result: AppBenchResult = { latencyMs: [], githubMs: [], requests: [], ackMs: [], burstWallMs: 0 };
    for (let run = 0; run <= options.runs; run++) {
      const commit = h.variant(head, `bench-${run}`);
      const before = h.api.requests.length;
      githubMs = 0;
      const start = performance.now();
      await h.deliver('pull_request', pullRequestPayload(base, commit, 'synchronize'));
      await h.completedRun(commit, 120_000);
      const elapsed = performance.now() - start;
      // Run 0 warms the process up (modules, popular-package index, token).
      if (run === 0) continue;
      result.latencyMs.push(elapsed);
      result.githubMs.push(githubMs);
      // Annotation batches past the first (updates without a conclusion) are not counted, nor the hourly token.
      result.requests.push(
        h.api.requests.slice(before).filter((r) => r.operationId !== 'apps/create-installation-access-token' && !(r.operationId === 'checks/update' && (r.body as { conclusion?: unknown }).conclusion === undefined)).length,
      );
    }
    const wall = performance.now();
    await Promise.all(
      Array.from({ length: options.burst }, async () => {
        const start = performance.now();
        const { status } = await h.deliver('pull_request', pullRequestPayload(base, head, 'labeled'));
        if (status !== 200) throw new Error(`delivery answered ${status}`);
        result.ackMs.push(performance.now() - start);
      }),
    );
    return { ...result, burstWallMs: performance.now() - wall };
  } finally {
    await h.close();
    globalThis.fetch = realFetch;
  }
}
