import type { ApprovalDecision, ApprovalRules } from '../core/response/approval-decision.js';
import type { IncidentAction, IncidentStatus, Tier } from '../core/response/incident-view.js';

/** What an incident holds for approval in one repository. */
export interface ApprovalContext {
  readonly status: IncidentStatus;
  /** The repository's highest exposure tier for the incident. */
  readonly tier: Tier;
  /** Actions the policy's action matrix holds for approval here. */
  readonly awaiting: readonly IncidentAction[];
  readonly rules: ApprovalRules;
}

export interface ApprovalRecord {
  readonly incident: string;
  /** `owner/name`. */
  readonly repository: string;
  readonly action: string;
  readonly approver: string;
  /** The command's comment: the key that makes recording it twice a no-op. */
  readonly commentId: number;
  readonly decision: ApprovalDecision;
}

/**
 * The incident store as approvals need it (implemented with the incidents
 * and their audit trail): the context a command is judged in, and the
 * record of every decision — approvals, refusals and grants alike.
 */
export interface IncidentApprovals {
  /** `undefined` when no such incident is known. */
  context(incident: string, repository: string): Promise<ApprovalContext | undefined>;
  /** Appends the decision to the audit trail; the same `commentId` twice is recorded once. */
  record(entry: ApprovalRecord): Promise<void>;
}
