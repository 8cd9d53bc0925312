import { describe, expect, it } from 'vitest';
import type { CheckRunOutcome, CheckRunRef, CheckRuns, RepoRef } from '../../src/adapters/github/index.js';
import { checkRunPublisher } from '../../src/app/check-run-publisher.js';
import { inProcessCheckRuns } from '../../src/app/in-process-check-runs.js';

const REPO = { owner: 'o', repo: 'r' };
const HEAD = 'a'.repeat(40);
const DONE: CheckRunOutcome = { conclusion: 'success', title: 't', summary: 's' };

/** Check runs in memory, every call logged. */
function recordingChecks(existing?: number): CheckRuns & { calls: string[] } {
  const calls: string[] = [];
  let next = 100;
  return {
    calls,
    find: (_r: RepoRef) => (calls.push('find'), Promise.resolve(existing === undefined ? undefined : { ...REPO, id: existing })),
    create: (_r, _h, _e, outcome) => (calls.push(outcome ? `create ${outcome.conclusion}` : 'create in_progress'), Promise.resolve({ ...REPO, id: next++ })),
    start: () => Promise.reject(new Error('unused')),
    restart: (run: CheckRunRef) => (calls.push(`restart ${run.id}`), Promise.resolve()),
    complete: (run: CheckRunRef, outcome) => (calls.push(`complete ${run.id} ${outcome.conclusion}`), Promise.resolve()),
  };
}

describe('checkRunPublisher', () => {
  it('creates a run already completed when nothing was shown, and updates it the next time', async () => {
    const ledger = inProcessCheckRuns();
    const checks = recordingChecks();
    await checkRunPublisher({ checks, ledger, repository: REPO, headSha: HEAD, externalId: 'x' }).complete(DONE);
    await checkRunPublisher({ checks, ledger, repository: REPO, headSha: HEAD, externalId: 'x' }).complete(DONE);
    expect(checks.calls).toEqual(['create success', 'complete 100 success']);
  });

  it('shows a slow judgement in progress, then completes that run', async () => {
    const checks = recordingChecks();
    const publisher = checkRunPublisher({ checks, ledger: inProcessCheckRuns(), repository: REPO, headSha: HEAD, externalId: 'x' });
    void publisher.showProgress();
    await publisher.complete(DONE);
    expect(checks.calls).toEqual(['create in_progress', 'complete 100 success']);
  });

  it('searches GitHub only when a creation began and was never recorded, and reuses what it finds', async () => {
    const ledger = inProcessCheckRuns();
    await ledger.reserve('o/r', HEAD);
    const checks = recordingChecks(42);
    await checkRunPublisher({ checks, ledger, repository: REPO, headSha: HEAD, externalId: 'x' }).complete(DONE);
    expect(checks.calls).toEqual(['find', 'complete 42 success']);
    expect(await ledger.find('o/r', HEAD)).toBe(42);
  });

  it('restarts the run a re-run names', async () => {
    const checks = recordingChecks();
    const publisher = checkRunPublisher({ checks, ledger: inProcessCheckRuns(), repository: REPO, headSha: HEAD, externalId: 'x', runId: 7 });
    await publisher.showProgress();
    await publisher.complete(DONE);
    expect(checks.calls).toEqual(['restart 7', 'complete 7 success']);
  });
});
