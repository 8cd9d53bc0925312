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

  it('edits a stale body and closes with the evidence comment first', () => {
    expect(planIssue({ number: 1, title: 'T', body: 'old', state: 'open' }, desired('closed'))).toEqual([
      { kind: 'edit', title: 'T', body: 'B' },
      { kind: 'comment', state: 'closed', body: 'closing' },
      { kind: 'set-state', state: 'closed' },
    ]);
  });

  it('does not post the closing comment again after a crash between comment and close', () => {
    expect(planIssue({ number: 1, title: 'T', body: 'B', state: 'open', lastTransition: 'closed' }, desired('closed'))).toEqual([{ kind: 'set-state', state: 'closed' }]);
  });

  it('reopens an issue chaingate closed, saying why', () => {
    expect(planIssue({ number: 1, title: 'T', body: 'B', state: 'closed', lastTransition: 'closed' }, desired('open'))).toEqual([
      { kind: 'comment', state: 'open', body: 'reopening' },
      { kind: 'set-state', state: 'open' },
    ]);
  });
});
