import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/fixtures.js';
import { examplePayload, FULL_NAME, type Harness, pullRequestPayload, startHarness } from './app-harness.js';

/** Requests a judgement made, without the installation token (once an hour) and annotation batches past the first. */
function requestsSince(h: Harness, since: number): string[] {
  return h.api.requests
    .slice(since)
    .filter((r) => r.operationId !== 'apps/create-installation-access-token' && !(r.operationId === 'checks/update' && (r.body as { conclusion?: unknown }).conclusion === undefined))
    .map((r) => r.operationId ?? r.path);
}

describe('the App judges pull requests over real HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    // A judgement on a busy machine may take seconds: the progress delay is set long so each run is published once.
    h = await startHarness({ progressAfterMs: 60_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('passes a clean pull request: nothing blocked, the one warning (a downgrade) shown', async () => {
    const { status } = await h.deliver('pull_request', pullRequestPayload(h.commits.vulnerable, h.commits.clean));
    expect(status).toBe(200);
    const run = await h.completedRun(h.commits.clean);
    expect(run.name).toBe('chaingate');
    expect(run.conclusion).toBe('neutral');
    expect(run.output.title).toBe('Passed with 1 warning');
    expect(run.output.summary).toContain('semver downgraded from 7.6.0 to 7.5.4');
    expect(run.annotations).toEqual([expect.objectContaining({ path: 'package-lock.json', annotation_level: 'warning' })]);
    expect(run.actions).toEqual([expect.objectContaining({ identifier: 'rerun', label: 'Re-run' })]);
    // Judged within the progress delay: created once, already completed.
    expect(run.history).toEqual([expect.objectContaining({ status: 'completed', head_sha: h.commits.clean, conclusion: 'neutral' })]);
    expect(run.started_at).not.toBeNull();
    h.api.assertValid();
  });

  it('blocks a vulnerable transitive package and a malicious release, with annotations on the lockfile lines', async () => {
    const since = h.api.requests.length;
    await h.deliver('pull_request', pullRequestPayload(h.commits.clean, h.commits.malicious));
    const run = await h.completedRun(h.commits.malicious);
    // The lockfile and package.json changed: each tree read once, and on each side the lockfile and the
    // package.json it is checked against (a dependency the manifest declares but the lock lacks is a finding);
    // the run created once, completed (plus an installation token once an hour, not counted here).
    expect(requestsSince(h, since)).toEqual([
      'repos/compare-commits-with-basehead',
      'git/get-tree',
      'repos/get-content',
      'git/get-blob',
      'git/get-blob',
      'git/get-tree',
      'git/get-blob',
      'git/get-blob',
      'checks/create',
    ]);
    expect(run.conclusion).toBe('failure');
    expect(run.output.summary).toContain('MAL-2025-46974');
    expect(run.output.summary).toContain('GHSA-9wv6-86v2-598j');
    const annotations = run.annotations as { path: string; start_line: number; annotation_level: string; title: string }[];
    const debug = annotations.find((a) => a.title.includes('debug@4.4.2'));
    expect(debug).toMatchObject({ path: 'package-lock.json', annotation_level: 'failure' });
    expect(debug!.start_line).toBeGreaterThan(1);
    expect(annotations.some((a) => a.title.includes('path-to-regexp@0.1.7'))).toBe(true);
    h.api.assertValid();
  });

  it('judges a pull request that changes one lockfile in at most 8 requests, the unchanged package.json read once', async () => {
    const lock = JSON.parse(readFileSync(join(FIXTURES, 'npm/v3-resolved/upgrade/base/package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; resolved?: string }> };
    const entry = lock.packages['node_modules/path-to-regexp']!;
    lock.packages['node_modules/path-to-regexp'] = { ...entry, version: '0.1.12', resolved: 'https://registry.npmjs.org/path-to-regexp/-/path-to-regexp-0.1.12.tgz' };
    const head = h.commitFiles(h.commits.vulnerable, { 'package-lock.json': `${JSON.stringify(lock, null, 2)}\n` }, 'bump path-to-regexp');
    const since = h.api.requests.length;
    await h.deliver('pull_request', pullRequestPayload(h.commits.vulnerable, head, 'synchronize'));
    const run = await h.completedRun(head);
    const made = requestsSince(h, since);
    expect(made).toEqual([
      'repos/compare-commits-with-basehead',
      'git/get-tree',
      'repos/get-content',
      'git/get-blob',
      'git/get-blob',
      'git/get-tree',
      'git/get-blob',
      'checks/create',
    ]);
    expect(made.length).toBeLessThanOrEqual(8);
    expect(run.output.title).toBe('1 dependency change, nothing blocked');
    h.api.assertValid();
  });

  it('updates the run it created when the same commit is judged again, without searching for it', async () => {
    const since = h.api.requests.length;
    await h.deliver('check_suite', checkSuitePayload(h.commits.clean, h.commits.malicious));
    await waitFor(() => h.api.checkRuns(FULL_NAME).find((r) => r.head_sha === h.commits.malicious)!.history.length > 1);
    const made = requestsSince(h, since);
    expect(made).not.toContain('checks/list-for-ref');
    expect(made).not.toContain('checks/create');
    expect(made.at(-1)).toBe('checks/update');
    expect(h.api.checkRuns(FULL_NAME).filter((r) => r.head_sha === h.commits.malicious)).toHaveLength(1);
    h.api.assertValid();
  });

  it('judges a pull request that weakens its own policy by the base policy', async () => {
    await h.deliver('pull_request', pullRequestPayload(h.commits.clean, h.commits.weakened));
    const run = await h.completedRun(h.commits.weakened);
    expect(run.conclusion).toBe('failure');
    expect(run.output.summary).toContain('MAL-2025-46974');
    h.api.assertValid();
  });

  it('passes a pull request that touches no lockfile without reading any tree', async () => {
    const before = h.api.requests.length;
    await h.deliver('pull_request', pullRequestPayload(h.commits.clean, h.commits.readmeOnly));
    const run = await h.completedRun(h.commits.readmeOnly);
    expect(run.conclusion).toBe('success');
    expect(run.output.title).toBe('No dependency changes');
    const made = h.api.requests.slice(before).map((r) => r.operationId);
    expect(made).toContain('repos/compare-commits-with-basehead');
    expect(made).not.toContain('git/get-tree');
    expect(made).not.toContain('git/get-blob');
    h.api.assertValid();
  });

  it('ignores pull request actions that change nothing to judge', async () => {
    const before = h.api.requests.length;
    const { status } = await h.deliver('pull_request', pullRequestPayload(h.commits.clean, h.commits.vulnerable, 'labeled'));
    expect(status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.api.requests.length).toBe(before);
    expect(h.api.checkRuns(FULL_NAME).some((r) => r.head_sha === h.commits.vulnerable)).toBe(false);
  });
});

function checkSuitePayload(base: string, head: string): Record<string, unknown> {
  const payload = examplePayload('check_suite', 'requested') as unknown as { check_suite: { head_sha: string; pull_requests: { number: number; base: { sha: string } }[] } };
  payload.check_suite.head_sha = head;
  payload.check_suite.pull_requests = [{ ...payload.check_suite.pull_requests[0]!, number: 7, base: { ...payload.check_suite.pull_requests[0]?.base, sha: base } }];
  return payload as unknown as Record<string, unknown>;
}

async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
