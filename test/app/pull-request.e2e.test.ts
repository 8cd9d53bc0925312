import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL_NAME, type Harness, pullRequestPayload, startHarness } from './app-harness.js';

describe('the App judges pull requests over real HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
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
    expect(run.history[0]).toMatchObject({ status: 'in_progress', head_sha: h.commits.clean });
    h.api.assertValid();
  });

  it('blocks a vulnerable transitive package and a malicious release, with annotations on the lockfile lines', async () => {
    const since = h.api.requests.length;
    await h.deliver('pull_request', pullRequestPayload(h.commits.clean, h.commits.malicious));
    const run = await h.completedRun(h.commits.malicious);
    // One lockfile changed: each tree read once, and on each side the lockfile and the package.json it is
    // checked against (a dependency the manifest declares but the lock lacks is a finding), the run looked
    // up before it is created (plus an installation token once an hour, not counted here).
    const made = h.api.requests.slice(since).map((r) => r.operationId).filter((id) => id !== 'apps/create-installation-access-token');
    expect(made).toEqual([
      'checks/list-for-ref',
      'checks/create',
      'repos/compare-commits-with-basehead',
      'git/get-tree',
      'repos/get-content',
      'git/get-blob',
      'git/get-blob',
      'git/get-tree',
      'git/get-blob',
      'git/get-blob',
      'checks/update',
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
