import { INCIDENT_ACTIONS, type IncidentAction, type IncidentStatus, type Tier } from './incident-view.js';

/** Lifting a block in force is a bypass: `override-deployments` lets deployments through, `override-pull-requests` lets PRs merge. */
export const BYPASS_ACTIONS = ['override-deployments', 'override-pull-requests'] as const;
export type BypassAction = (typeof BYPASS_ACTIONS)[number];
/** What `/chaingate approve <incident> <action>` can name: an action waiting for approval, or a bypass. */
export type ApprovableAction = IncidentAction | BypassAction;
export const APPROVABLE_ACTIONS: readonly ApprovableAction[] = [...INCIDENT_ACTIONS, ...BYPASS_ACTIONS];

/** GitHub's repository permission levels, lowest first. */
export const PERMISSIONS = ['none', 'read', 'triage', 'write', 'maintain', 'admin'] as const;
export type RepositoryPermission = (typeof PERMISSIONS)[number];

/** The policy's approval rules, as the decision reads them. */
export interface ApprovalRules {
  /** The lowest repository permission that may approve (`write` by default). */
  readonly minPermission: RepositoryPermission;
  /** Distinct approvers an action needs (1 by default). */
  readonly approvers: number;
  /** Distinct approvers a bypass of a tier-1 incident needs (2 by default: four eyes). */
  readonly tier1BypassApprovers: number;
}

export const DEFAULT_APPROVAL_RULES: ApprovalRules = { minPermission: 'write', approvers: 1, tier1BypassApprovers: 2 };

export interface ApprovalRequest {
  readonly rules: ApprovalRules;
  readonly incident: { readonly id: string; readonly status: IncidentStatus; readonly tier: Tier };
  /** Actions the action matrix holds for approval in this repository. */
  readonly awaiting: readonly IncidentAction[];
  readonly action: ApprovableAction;
  readonly approver: { readonly login: string; readonly type: string };
  /** The approver's repository permission, as the API reports it (never the webhook payload). */
  readonly permission: RepositoryPermission;
  /** Logins whose approval of this action was already counted. */
  readonly approvedBy: readonly string[];
}

export type ApprovalDecision =
  | { readonly outcome: 'refused'; readonly reason: string }
  /** Counted; `needed` more distinct approvers are still missing. */
  | { readonly outcome: 'counted'; readonly approvers: readonly string[]; readonly needed: number }
  | { readonly outcome: 'granted'; readonly approvers: readonly string[] }
  /** This approver's approval was already counted: nothing changes. */
  | { readonly outcome: 'already'; readonly approvers: readonly string[]; readonly needed: number };

/** Decides one approval command. Pure: who may approve, how many distinct approvers, nothing approved twice. */
export function decideApproval(request: ApprovalRequest): ApprovalDecision {
  const { rules, incident, action, approver } = request;
  if (incident.status !== 'open') return { outcome: 'refused', reason: `incident ${incident.id} is ${incident.status}: nothing to approve` };
  if (approver.type !== 'User') return { outcome: 'refused', reason: `only people approve: ${approver.login} is a ${approver.type}` };
  const bypass = (BYPASS_ACTIONS as readonly string[]).includes(action);
  if (!bypass && !request.awaiting.includes(action as IncidentAction)) return { outcome: 'refused', reason: `${action} is not waiting for approval for ${incident.id} in this repository` };
  if (PERMISSIONS.indexOf(request.permission) < PERMISSIONS.indexOf(rules.minPermission)) {
    return { outcome: 'refused', reason: `approving needs ${rules.minPermission} permission on this repository; ${approver.login} has ${request.permission}` };
  }
  const required = Math.max(1, bypass && incident.tier === 1 ? rules.tier1BypassApprovers : rules.approvers);
  const before = [...new Set(request.approvedBy)];
  if (before.includes(approver.login)) return { outcome: 'already', approvers: before, needed: Math.max(0, required - before.length) };
  const approvers = [...before, approver.login];
  if (approvers.length >= required) return { outcome: 'granted', approvers };
  return { outcome: 'counted', approvers, needed: required - approvers.length };
}
