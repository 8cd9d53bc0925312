import { describe, expect, it } from 'vitest';
import type { DesiredIssue } from '../../../src/core/response/desired-issue.js';
import { planIssue } from '../../../src/core/response/issue-plan.js';

const desired = (state: 'open' | 'closed'): DesiredIssue => ({
  repository: 'o/r', marker: '<!-- m -->', title: 'T', body: 'B', state, labels: ['chaingate'], assignees: [], closingComment: 'closing', reopeningComment: 'reopening',
});

describe('planIssue', () => {
  it('creates a missing issue only when there is something to track', () => {
    expect(planIssue(undefined, desired('open'))).toEqual([{ kind: 'create' }]);
    expect(planIssue(undefined, desired('closed'))).toEqual([]);
  });

  it('changes nothing when the issue already matches', () => {
    expect(planIssue({ number: 1, title: 'T', body: 'B', state: 'open' }, desired('open'))).toEqual([]);
  });

  it('comments the evidence first, then edits the stale body and closes in one request', () => {
    expect(planIssue({ number: 1, title: 'T', body: 'old', state: 'open' }, desired('closed'))).toEqual([
      { kind: 'comment', state: 'closed', body: 'closing' },
      { kind: 'update', title: 'T', body: 'B', state: 'closed' },
    ]);
    expect(planIssue({ number: 1, title: 'T', body: 'old', state: 'open' }, desired('open'))).toEqual([{ kind: 'update', title: 'T', body: 'B' }]);
  });

  it('does not post the closing comment again after a crash between comment and close', () => {
    expect(planIssue({ number: 1, title: 'T', body: 'B', state: 'open', lastTransition: 'closed' }, desired('closed'))).toEqual([{ kind: 'update', state: 'closed' }]);
  });

  it('reopens an issue chaingate closed, saying why', () => {
    expect(planIssue({ number: 1, title: 'T', body: 'B', state: 'closed', lastTransition: 'closed' }, desired('open'))).toEqual([
      { kind: 'comment', state: 'open', body: 'reopening' },
      { kind: 'update', state: 'open' },
    ]);
  });
});
