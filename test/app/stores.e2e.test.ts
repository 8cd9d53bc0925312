import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_HOOK_TIMEOUT } from '../adapters/store/engines.js';
import { examplePayload, FULL_NAME, type Harness, type HarnessStore, pullRequestPayload, startHarness } from './app-harness.js';

const stores: HarnessStore[] = ['embedded'];
if (process.env.DATABASE_URL) stores.push('postgres');
else console.log('App e2e on PostgreSQL skipped: DATABASE_URL is not set (.ci/run sets it to the local PostgreSQL 15 server)');

describe.each(stores)('the App on the %s store', (store) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ store });
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => {
    await h?.close();
  }, STORE_HOOK_TIMEOUT);

  const creates = (sha: string) => h.api.requests.filter((r) => r.operationId === 'checks/create' && (r.body as { head_sha: string }).head_sha === sha);

  it('answers /health with 200 while the store and its queue answer', async () => {
    expect((await fetch(`${h.app.url}/health`)).status).toBe(200);
  });

  it('passes a clean pull request', async () => {
    expect((await h.deliver('pull_request', pullRequestPayload(h.commits.vulnerable, h.commits.clean))).status).toBe(200);
    const run = await h.completedRun(h.commits.clean, 60_000);
    expect(run.conclusion).toBe('neutral');
    expect(run.output.title).toBe('Passed with 1 warning');
    h.api.assertValid();
  }, 90_000);

  it('blocks a malicious release and a vulnerable transitive package', async () => {
    await h.deliver('pull_request', pullRequestPayload(h.commits.clean, h.commits.malicious));
    const run = await h.completedRun(h.commits.malicious, 60_000);
    expect(run.conclusion).toBe('failure');
    expect(run.output.summary).toContain('MAL-2025-46974');
    expect(run.output.summary).toContain('GHSA-9wv6-86v2-598j');
    h.api.assertValid();
  }, 90_000);

  it('does the work of a delivery received three times once', async () => {
    const head = h.variant(h.commits.malicious, `redelivered-${store}`);
    const payload = pullRequestPayload(h.commits.clean, head);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await h.deliver('pull_request', payload, { id: `5a4e3c00-0000-4000-8000-00000000000${store === 'embedded' ? 1 : 2}` })).status);
    expect(statuses).toEqual([200, 200, 200]);
    const run = await h.completedRun(head, 60_000);
    expect(run.conclusion).toBe('failure');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(creates(head)).toHaveLength(1);
    expect(run.history.filter((b) => (b as { conclusion?: string }).conclusion !== undefined)).toHaveLength(1);
    h.api.assertValid();
  }, 90_000);

  it('re-runs the same check run when asked, without creating another', async () => {
    const head = h.variant(h.commits.readmeOnly, `rerun-${store}`);
    await h.deliver('pull_request', pullRequestPayload(h.commits.clean, head));
    const first = await h.completedRun(head, 60_000);
    const updatesBefore = first.history.length;
    const payload = examplePayload('check_run', 'rerequested');
    const run = payload.check_run as { id: number; name: string; head_sha: string; pull_requests: unknown[] };
    run.id = first.id;
    run.name = 'chaingate';
    run.head_sha = head;
    run.pull_requests = [{ url: 'https://api.github.com/repos/octo-org/shop/pulls/1', id: 1, number: 1, head: { ref: 'feature', sha: head, repo: { id: 1, url: 'https://api.github.com/repos/octo-org/shop', name: 'shop' } }, base: { ref: 'main', sha: h.commits.clean, repo: { id: 1, url: 'https://api.github.com/repos/octo-org/shop', name: 'shop' } } }];
    expect((await h.deliver('check_run', payload)).status).toBe(200);
    const deadline = Date.now() + 60_000;
    while (first.history.length < updatesBefore + 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(first.history.slice(updatesBefore)).toEqual([expect.objectContaining({ status: 'in_progress' }), expect.objectContaining({ status: 'completed', conclusion: 'success' })]);
    expect(creates(head)).toHaveLength(1);
    expect(h.api.checkRuns(FULL_NAME).filter((r) => r.head_sha === head)).toHaveLength(1);
    h.api.assertValid();
  }, 90_000);
});
