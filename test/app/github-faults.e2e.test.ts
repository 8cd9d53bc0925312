import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRequest } from '../helpers/fake-github-api.js';
import { type Harness, pullRequestPayload, startHarness } from './app-harness.js';

describe('the App rides out GitHub failures and limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const count = (operationId: string, since: number) => h.api.requests.slice(since).filter((r) => r.operationId === operationId).length;
  const op = (operationId: string) => (r: ApiRequest) => r.operationId === operationId;

  it('retries a 502 on a blob and still gives the right verdict', async () => {
    const head = h.variant(h.commits.malicious, 'blob-502');
    const since = h.api.requests.length;
    h.api.injectFault(op('git/get-blob'), { status: 502, message: 'Server Error' });
    await h.deliver('pull_request', pullRequestPayload(h.commits.clean, head));
    const run = await h.completedRun(head);
    expect(run.conclusion).toBe('failure');
    // The client retried the blob itself: one job attempt (one run created, one compare), one more blob request
    // than the four (lockfile and package.json on each side) a clean run reads.
    expect(count('checks/create', since)).toBe(1);
    expect(count('git/get-blob', since)).toBe(5);
    h.api.assertValid();
  });

  it('waits out a 429 with retry-after on the trees API', async () => {
    const head = h.variant(h.commits.malicious, 'tree-429');
    const since = h.api.requests.length;
    h.api.injectFault(op('git/get-tree'), { status: 429, headers: { 'retry-after': '1' }, message: 'Too Many Requests' });
    await h.deliver('pull_request', pullRequestPayload(h.commits.clean, head));
    expect((await h.completedRun(head)).conclusion).toBe('failure');
    expect(count('checks/create', since)).toBe(1);
    expect(count('repos/compare-commits-with-basehead', since)).toBe(1);
    expect(count('git/get-tree', since)).toBe(3);
    h.api.assertValid();
  });

  it('waits out a secondary rate limit (403 with retry-after) on the compare API', async () => {
    const head = h.variant(h.commits.malicious, 'compare-secondary');
    const since = h.api.requests.length;
    h.api.injectFault(op('repos/compare-commits-with-basehead'), { status: 403, headers: { 'retry-after': '2' }, message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' });
    await h.deliver('pull_request', pullRequestPayload(h.commits.clean, head));
    expect((await h.completedRun(head)).conclusion).toBe('failure');
    expect(count('repos/compare-commits-with-basehead', since)).toBe(2);
    expect(count('checks/create', since)).toBe(1);
    h.api.assertValid();
  });

  it('ends neutral, saying why, when GitHub keeps failing: never stuck in progress', async () => {
    const head = h.variant(h.commits.malicious, 'trees-down');
    h.api.injectFault((r) => op('git/get-tree')(r) && r.path.includes(head), { status: 500, message: 'Server Error' }, 1000);
    await h.deliver('pull_request', pullRequestPayload(h.commits.clean, head));
    const run = await h.completedRun(head, 30_000);
    expect(run.conclusion).toBe('neutral');
    expect(run.output.title).toBe('chaingate could not judge this change');
    expect(run.output.summary).toContain('HTTP 500');
    h.api.assertValid();
  });
});
