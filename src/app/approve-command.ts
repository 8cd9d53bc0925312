import { APPROVABLE_ACTIONS, type ApprovableAction } from '../core/response/approval-decision.js';
import { isIncidentId } from '../core/response/incident-marker.js';
import type { RepositoryRequest } from './check-request.js';

/** `/chaingate approve <incident> <action>` in an incident issue, as the queue carries it. */
export interface ApprovalRequestJob extends RepositoryRequest {
  readonly issueNumber: number;
  readonly commentId: number;
  /** The incident the issue's marker names (the command must name the same). */
  readonly incident: string;
  /** The command as parsed; a malformed one still gets its one reply, saying why. */
  readonly command: ParsedApproval;
  readonly approver: { readonly login: string; readonly type: string };
}

export type ApprovalHandler = (payload: unknown) => ApprovalRequestJob | undefined;

/** A command line as typed: `/chaingate approve GHSA-xxxx-xxxx-xxxx block-deployments`. */
export type ParsedApproval = { readonly ok: true; readonly incident: string; readonly action: ApprovableAction } | { readonly ok: false; readonly reason: string };

const COMMAND = /^\/chaingate\s+approve(?:\s+(\S+))?(?:\s+(\S+))?\s*$/u;
/** A command is the first line of a comment; longer comments are not scanned further. */
const MAX_SCAN = 2000;

/** The approval command on the comment's first line, `undefined` when it holds none. */
export function parseApproveCommand(body: string): ParsedApproval | undefined {
  const line = body.slice(0, MAX_SCAN).split(/\r?\n/u)[0]!.trim();
  if (!/^\/chaingate\s+approve\b/u.test(line)) return undefined;
  const match = COMMAND.exec(line);
  if (!match?.[1] || !match[2]) return { ok: false, reason: `usage: /chaingate approve <incident> <action> (actions: ${APPROVABLE_ACTIONS.join(', ')})` };
  if (!isIncidentId(match[1])) return { ok: false, reason: 'the incident is not an advisory id' };
  if (!(APPROVABLE_ACTIONS as readonly string[]).includes(match[2])) return { ok: false, reason: `unknown action; one of ${APPROVABLE_ACTIONS.join(', ')}` };
  return { ok: true, incident: match[1], action: match[2] as ApprovableAction };
}
