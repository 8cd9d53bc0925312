import type { PermissionLevel, ResponseAction, ResponsePolicy, Tier } from './policy.js';

/** How an action is taken for an exposure of a tier: at once, after an approval, or not at all. */
export type ActionMode = 'automatic' | 'approval' | 'off';

export function actionMode(response: ResponsePolicy, tier: Tier, action: ResponseAction): ActionMode {
  const row = response.actions[tier];
  if (row.automatic.includes(action)) return 'automatic';
  if (row.approval.includes(action)) return 'approval';
  return 'off';
}

/** Who may approve a waiting action of a tier, or override its automatic block, and how many different people it takes. */
export interface ApprovalRule {
  readonly permissions: readonly PermissionLevel[];
  readonly approvers: 1 | 2;
  /** For an automatic block: whether an approver may lift it at all. */
  readonly overridable: boolean;
}

export function approvalRule(response: ResponsePolicy, tier: Tier, action: ResponseAction): ApprovalRule {
  const row = response.actions[tier];
  const blocking = action === 'block-pull-requests' || action === 'block-deployments';
  return {
    permissions: response.approvals.permissions,
    approvers: response.approvals.twoApprovers.includes(tier) ? 2 : 1,
    overridable: blocking && row.automatic.includes(action) ? row.overridable.includes(action) : true,
  };
}
