import { incidentIdOf } from '../../core/response/incident-marker.js';
import { type ApprovalHandler, parseApproveCommand } from '../approve-command.js';
import { repositoryOf } from '../check-request.js';

interface IssueCommentPayload {
  action?: unknown;
  issue?: { number?: unknown; body?: unknown; user?: { type?: unknown } | null; pull_request?: unknown };
  comment?: { id?: unknown; body?: unknown; user?: { login?: unknown; type?: unknown } | null };
}

/**
 * `issue_comment` created on an incident issue chaingate wrote (its marker,
 * a bot author) whose first line is an approval command. A malformed command, or one naming another incident, is passed
 * on as well, so its author hears why.
 */
export const onIncidentComment: ApprovalHandler = (payload) => {
  const p = payload as IssueCommentPayload;
  const repository = repositoryOf(payload);
  if (!repository || p.action !== 'created' || p.issue?.pull_request !== undefined) return undefined;
  const issueNumber = p.issue?.number;
  const commentId = p.comment?.id;
  const login = p.comment?.user?.login;
  const type = p.comment?.user?.type;
  if (typeof issueNumber !== 'number' || typeof commentId !== 'number' || typeof login !== 'string' || typeof type !== 'string') return undefined;
  if (p.issue?.user?.type !== 'Bot' || typeof p.issue.body !== 'string' || typeof p.comment?.body !== 'string') return undefined;
  const incident = incidentIdOf(p.issue.body);
  const command = incident === undefined ? undefined : parseApproveCommand(p.comment.body);
  if (!incident || !command) return undefined;
  return { ...repository, issueNumber, commentId, incident, command, approver: { login, type }, reason: 'issue_comment.created' };
};
