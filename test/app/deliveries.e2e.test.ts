import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePayload, FULL_NAME, type Harness, pullRequestPayload, startHarness } from './app-harness.js';

describe('the App persists, then acknowledges, every delivery', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const creates = (sha: string) => h.api.requests.filter((r) => r.operationId === 'checks/create' && (r.body as { head_sha: string }).head_sha === sha);

  it('refuses a forged signature with 401: no API call, nothing stored', async () => {
    const head = h.variant(h.commits.malicious, 'forged');
    const before = h.api.requests.length;
    const forged = await h.deliver('pull_request', pullRequestPayload(h.commits.clean, head), { signature: `sha256=${'0'.repeat(64)}` });
    const missing = await h.deliver('pull_request', pullRequestPayload(h.commits.clean, head), { signature: null });
    expect([forged.status, missing.status]).toEqual([401, 401]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.api.requests.length).toBe(before);
    expect(h.app.metrics.render(0)).not.toMatch(/chaingate_deliveries_received_total\{event="pull_request"\}/u);
  });

  it('refuses a payload over 25 MB with 413 without reading it whole', async () => {
    const response = await fetch(`${h.app.url}/api/github/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': 'big', 'x-hub-signature-256': 'sha256=00' },
      body: `{"x":"${'a'.repeat(26 * 1024 * 1024)}"}`,
    }).catch((error: unknown) => error);
    // Node's fetch may see the connection closed before the answer; either way nothing is accepted.
    if (response instanceof Response) expect(response.status).toBe(413);
    expect(h.app.metrics.render(0)).not.toMatch(/^chaingate_deliveries_received_total\{/mu);
  });

  it('does the work of a delivery received three times once', async () => {
    const head = h.variant(h.commits.malicious, 'redelivered');
    const payload = pullRequestPayload(h.commits.clean, head);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await h.deliver('pull_request', payload, { id: '5a4e3c00-0000-4000-8000-000000000003' })).status);
    expect(statuses).toEqual([200, 200, 200]);
    const run = await h.completedRun(head);
    expect(run.conclusion).toBe('failure');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(creates(head)).toHaveLength(1);
    expect(h.api.checkRuns(FULL_NAME).filter((r) => r.head_sha === head)).toHaveLength(1);
    expect(run.history.filter((b) => (b as { conclusion?: string }).conclusion !== undefined)).toHaveLength(1);
    h.api.assertValid();
  });

  it('judges a merge group against the branch it lands on', async () => {
    const payload = examplePayload('merge_group', 'checks_requested');
    const group = payload.merge_group as { head_sha: string; base_sha: string };
    group.base_sha = h.commits.clean;
    group.head_sha = h.variant(h.commits.malicious, 'merge-group');
    expect((await h.deliver('merge_group', payload)).status).toBe(200);
    const run = await h.completedRun(group.head_sha);
    expect(run.conclusion).toBe('failure');
    expect(run.output.summary).toContain('MAL-2025-46974');
    h.api.assertValid();
  });

  it('judges a requested check suite against its pull request base', async () => {
    const payload = examplePayload('check_suite', 'requested');
    const suite = payload.check_suite as { head_sha: string; pull_requests: unknown[] };
    suite.head_sha = h.variant(h.commits.clean, 'suite');
    suite.pull_requests = [{ url: 'https://api.github.com/repos/octo-org/shop/pulls/2', id: 2, number: 2, head: { ref: 'f', sha: suite.head_sha, repo: { id: 1, url: 'https://api.github.com/repos/octo-org/shop', name: 'shop' } }, base: { ref: 'main', sha: h.commits.vulnerable, repo: { id: 1, url: 'https://api.github.com/repos/octo-org/shop', name: 'shop' } } }];
    await h.deliver('check_suite', payload);
    const run = await h.completedRun(suite.head_sha);
    expect(run.conclusion).toBe('neutral');
    h.api.assertValid();
  });

  it('answers /health and /metrics', async () => {
    const health = await fetch(`${h.app.url}/health`);
    expect(health.status).toBe(200);
    // The last check's job leaves the queue just after its run completes: give a busy machine a moment.
    let metrics = '';
    for (const deadline = Date.now() + 5_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
      metrics = await (await fetch(`${h.app.url}/metrics`)).text();
      if (/^chaingate_queue_depth 0$/mu.test(metrics)) break;
    }
    expect(metrics).toMatch(/^chaingate_deliveries_received_total\{event="pull_request"\} [1-9]/mu);
    expect(metrics).toMatch(/^chaingate_check_duration_seconds_count [1-9]/mu);
    expect(metrics).toMatch(/^chaingate_github_api_requests_total [1-9]/mu);
    expect(metrics).toMatch(/^chaingate_github_rate_limit_remaining 4999$/mu);
    expect(metrics).toMatch(/^chaingate_queue_depth 0$/mu);
    expect((await fetch(`${h.app.url}/nothing-here`)).status).toBe(404);
  });

  it('answers /health with 503 while the store cannot be reached', async () => {
    h.setStoreHealthy(false);
    try {
      expect((await fetch(`${h.app.url}/health`)).status).toBe(503);
    } finally {
      h.setStoreHealthy(true);
    }
    expect((await fetch(`${h.app.url}/health`)).status).toBe(200);
  });
});
