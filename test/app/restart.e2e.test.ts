import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Child, startChild } from '../adapters/store/child-process.js';
import { STORE_HOOK_TIMEOUT } from '../adapters/store/engines.js';
import { FULL_NAME, type Harness, type HarnessStore, pullRequestPayload, startHarness, testStoreLocation, type TestStoreLocation } from './app-harness.js';

const stores: Exclude<HarnessStore, 'memory'>[] = ['embedded'];
if (process.env.DATABASE_URL) stores.push('postgres');
else console.log('App restart test on PostgreSQL skipped: DATABASE_URL is not set (.ci/run sets it to the local PostgreSQL 15 server)');

describe.each(stores)('the App killed between acknowledge and completion, on the %s store', (store) => {
  let h: Harness;
  let location: TestStoreLocation;
  let script: string;
  const children: Child[] = [];
  beforeAll(async () => {
    h = await startHarness();
    location = await testStoreLocation(store);
    script = await bundleAppChild();
  }, STORE_HOOK_TIMEOUT);
  // The embedded store serves one process: each test ends with no App left holding it.
  const killAll = async (): Promise<void> => {
    for (const child of children) child.process.kill('SIGKILL');
    await Promise.all(children.splice(0).map((c) => c.exited));
  };
  afterEach(killAll);
  afterAll(async () => {
    await killAll();
    await location?.drop();
    await h?.close();
  }, STORE_HOOK_TIMEOUT);

  const startApp = async (): Promise<{ child: Child; url: string }> => {
    const child = startChild(script, [], {
      ...h.appEnv,
      ...location.env,
      ...(location.schema ? { CG_TEST_SCHEMA: location.schema } : {}),
      ...(location.jobsSchema ? { CG_TEST_JOBS_SCHEMA: location.jobsSchema } : {}),
    });
    children.push(child);
    const line = await child.waitForLine((l) => l.startsWith('listening '));
    return { child, url: line.slice('listening '.length) };
  };

  it('completes the check exactly once after a restart on the same store', async () => {
    const head = h.variant(h.commits.malicious, `killed-${store}`);
    // GitHub asks the first process to wait a minute before it may compare: it is killed while it waits,
    // its run created (and its id recorded in the store) and in progress.
    let held = false;
    // A secondary limit: octokit waits out its retry-after (a primary limit without x-ratelimit-reset would be retried at once).
    h.api.injectFault((r) => r.operationId === 'repos/compare-commits-with-basehead' && (held = true), {
      status: 403,
      headers: { 'retry-after': '60' },
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    });
    const first = await startApp();
    const { status } = await h.deliver('pull_request', pullRequestPayload(h.commits.clean, head), { url: first.url });
    expect(status).toBe(200);
    const deadline = Date.now() + 60_000;
    while (!held && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(held).toBe(true);
    // A judgement still waiting after 2 s shows its run in progress.
    while (h.api.checkRuns(FULL_NAME).find((r) => r.head_sha === head)?.status !== 'in_progress' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(h.api.checkRuns(FULL_NAME).find((r) => r.head_sha === head)?.status).toBe('in_progress');
    first.child.process.kill('SIGKILL');
    expect(await first.child.exited).toBe('SIGKILL');

    await startApp();
    const run = await h.completedRun(head, 90_000);
    expect(run.conclusion).toBe('failure');
    expect(run.output.summary).toContain('MAL-2025-46974');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const runs = h.api.checkRuns(FULL_NAME).filter((r) => r.head_sha === head);
    expect(runs).toHaveLength(1);
    expect(h.api.requests.filter((r) => r.operationId === 'checks/create' && (r.body as { head_sha: string }).head_sha === head)).toHaveLength(1);
    expect(run.history.filter((b) => (b as { conclusion?: string }).conclusion !== undefined)).toHaveLength(1);
    h.api.assertValid();
  }, STORE_HOOK_TIMEOUT);

  it('keeps a delivery acknowledged the moment before the kill', async () => {
    const head = h.variant(h.commits.malicious, `acknowledged-${store}`);
    const first = await startApp();
    expect((await h.deliver('pull_request', pullRequestPayload(h.commits.clean, head), { url: first.url })).status).toBe(200);
    first.child.process.kill('SIGKILL');
    expect(await first.child.exited).toBe('SIGKILL');
    await startApp();
    const run = await h.completedRun(head, 90_000);
    expect(run.conclusion).toBe('failure');
    expect(h.api.checkRuns(FULL_NAME).filter((r) => r.head_sha === head)).toHaveLength(1);
    h.api.assertValid();
  }, STORE_HOOK_TIMEOUT);
});

/** The child bundled two levels below the repository, where chaingate finds its package.json as it does from dist/. */
async function bundleAppChild(): Promise<string> {
  const outfile = fileURLToPath(new URL(`../../node_modules/.chaingate-app-child/app-child-${process.pid}.mjs`, import.meta.url));
  await build({ entryPoints: [fileURLToPath(new URL('./app-child.ts', import.meta.url))], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'silent' });
  return outfile;
}
