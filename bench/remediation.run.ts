// Remediation benchmark: time from plan to pull request open for N repositories against the
// OpenAPI-validating fake GitHub (real git repositories behind it), with the package manager's
// time reported apart from chaingate's. Not a test: it prints a table and asserts nothing timed.
//
//   BENCH_REPOS=10 BENCH_CONCURRENCY=1 npx vitest run -c bench/vitest.remediation.config.ts
//
// Needs the npm registry (metadata, and npm itself); the fake GitHub and the repositories are local.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { it } from 'vitest';
import { reconcileRemediation } from '../src/app/remediation/reconcile-remediation.js';
import { OWNER, osvRecord, projectFiles, startRemediationWorld } from '../test/app/remediation/remediation-fixture.js';
import { FIXTURES } from '../test/helpers/fixtures.js';

const REPOS = Number(process.env['BENCH_REPOS'] ?? 10);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 1);

it(`opens remediation PRs in ${REPOS} repositories`, async () => {
  const world = await startRemediationWorld({ memoize: false });
  try {
    const files = projectFiles(join(FIXTURES, 'remediation/npm-transitive'), ['package.json', 'package-lock.json']);
    const advisory = osvRecord(join(FIXTURES, 'remediation/GHSA-xvch-5gv4-984h.json'));
    for (let i = 0; i < REPOS; i++) world.repository(`repo-${i}`, [{ ...files, '.github/CODEOWNERS': '* @octo-lead\n' }]);
    const run = (i: number) =>
      reconcileRemediation({
        client: world.client, repository: { owner: OWNER, repo: `repo-${i}` }, baseBranch: 'main', lockfile: 'package-lock.json', advisory,
        labels: ['security', 'chaingate'], minReleaseAgeHours: 0, metadata: world.metadata, regenerate: world.regenerate,
      });
    // Warm-up on its own repository: npm's cache and the registry metadata, as in a long-running App.
    world.repository('warm-up', [files]);
    await reconcileRemediation({
      client: world.client, repository: { owner: OWNER, repo: 'warm-up' }, baseBranch: 'main', lockfile: 'package-lock.json', advisory,
      labels: [], minReleaseAgeHours: 0, metadata: world.metadata, regenerate: world.regenerate,
    });
    const pmBefore = world.regenerationMs();
    const requestsBefore = world.api.requests.length;
    const started = performance.now();
    const perRepo: number[] = [];
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < REPOS; i = next++) {
        const t = performance.now();
        const result = await run(i);
        if (result.action !== 'opened') throw new Error(`repo-${i}: ${result.action}`);
        perRepo.push(performance.now() - t);
      }
    }));
    const wall = performance.now() - started;
    const pm = world.regenerationMs() - pmBefore;
    const requests = world.api.requests.length - requestsBefore;
    world.api.assertValid();
    const sorted = perRepo.sort((a, b) => a - b);
    const ms = (n: number) => `${Math.round(n)} ms`;
    console.log([
      `remediation bench: ${REPOS} repositories, concurrency ${CONCURRENCY}`,
      `| measure | value |`,
      `| --- | --- |`,
      `| wall time, plan → all PRs open | ${ms(wall)} |`,
      `| per repository, median / max | ${ms(sorted[Math.floor(sorted.length / 2)]!)} / ${ms(sorted.at(-1)!)} |`,
      `| package manager (npm), sum over repositories | ${ms(pm)} (${ms(pm / REPOS)} each) |`,
      `| chaingate (wall × concurrency − package manager), per repository | ${ms((wall * CONCURRENCY - pm) / REPOS)} |`,
      `| GitHub requests per repository | ${(requests / REPOS).toFixed(1)} |`,
    ].join('\n'));
  } finally {
    await world.close();
  }
});
