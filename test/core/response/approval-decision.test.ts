import { describe, expect, it } from 'vitest';
import { type ApprovalRequest, DEFAULT_APPROVAL_RULES, decideApproval } from '../../../src/core/response/approval-decision.js';

const request = (overrides: Partial<ApprovalRequest> = {}): ApprovalRequest => ({
  rules: DEFAULT_APPROVAL_RULES,
  incident: { id: 'MAL-2025-46974', status: 'open', tier: 1 },
  awaiting: ['remediation-prs'],
  action: 'remediation-prs',
  approver: { login: 'alice', type: 'User' },
  permission: 'write',
  approvedBy: [],
  ...overrides,
});

describe('decideApproval', () => {
  it('grants an action waiting for approval to one approver with write permission', () => {
    expect(decideApproval(request())).toEqual({ outcome: 'granted', approvers: ['alice'] });
  });

  it('refuses a user whose permission is below the rule, and says which it needs', () => {
    expect(decideApproval(request({ permission: 'triage' }))).toEqual({ outcome: 'refused', reason: 'approving needs write permission on this repository; alice has triage' });
    expect(decideApproval(request({ permission: 'maintain', rules: { ...DEFAULT_APPROVAL_RULES, minPermission: 'admin' } })).outcome).toBe('refused');
  });

  it('needs two different approvers for a tier-1 bypass; the same person twice counts once', () => {
    const first = decideApproval(request({ action: 'override-deployments' }));
    expect(first).toEqual({ outcome: 'counted', approvers: ['alice'], needed: 1 });
    expect(decideApproval(request({ action: 'override-deployments', approvedBy: ['alice'] }))).toEqual({ outcome: 'already', approvers: ['alice'], needed: 1 });
    expect(decideApproval(request({ action: 'override-deployments', approvedBy: ['alice'], approver: { login: 'bob', type: 'User' } }))).toEqual({ outcome: 'granted', approvers: ['alice', 'bob'] });
    // Below tier 1 one approver is enough.
    expect(decideApproval(request({ action: 'override-deployments', incident: { id: 'X', status: 'open', tier: 2 } })).outcome).toBe('granted');
  });

  it('refuses what is not waiting, a closed or withdrawn incident, and bots', () => {
    expect(decideApproval(request({ action: 'issue' })).outcome).toBe('refused');
    expect(decideApproval(request({ incident: { id: 'X', status: 'withdrawn', tier: 1 } }))).toEqual({ outcome: 'refused', reason: 'incident X is withdrawn: nothing to approve' });
    expect(decideApproval(request({ approver: { login: 'renovate[bot]', type: 'Bot' } })).outcome).toBe('refused');
  });
});
