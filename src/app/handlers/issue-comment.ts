import { pullRequestNumber, repositoryOf } from '../check-request.js';
import { parseOverrideCommand } from '../override-command.js';
import type { OverrideHandler } from '../override-request.js';

interface IssueCommentPayload {
  action?: unknown;
  issue?: { number?: unknown; pull_request?: unknown };
  comment?: { id?: unknown; body?: unknown; user?: { login?: unknown; type?: unknown } | null };
}

/**
 * `issue_comment` created on a pull request by a person, whose first line is
 * a `/chaingate` command. Bots (chaingate itself among them) are ignored, and
 * so are edits: a command is what was first posted.
 */
export const onIssueComment: OverrideHandler = (payload) => {
  const p = payload as IssueCommentPayload;
  const repository = repositoryOf(payload);
  const pullRequest = pullRequestNumber(p.issue?.number);
  const comment = p.comment;
  const login = comment?.user?.login;
  if (p.action !== 'created' || !repository || pullRequest === undefined || typeof p.issue?.pull_request !== 'object' || p.issue.pull_request === null) return undefined;
  if (typeof comment?.id !== 'number' || typeof comment.body !== 'string' || typeof login !== 'string' || comment.user?.type !== 'User') return undefined;
  const command = parseOverrideCommand(comment.body);
  if (!command) return undefined;
  return { ...repository, pullRequest, commentId: comment.id, actor: login, command, reason: 'issue_comment.created' };
};
