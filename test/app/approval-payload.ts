import { examplePayload } from './app-harness.js';

/** A real `issue_comment.created` payload (@octokit/webhooks-examples) on an incident issue chaingate wrote. */
export function approvalPayload(body: string, options: { login?: string; issueNumber?: number; commentId?: number; issueBody?: string; issueAuthorType?: string } = {}): Record<string, unknown> {
  const payload = examplePayload('issue_comment', 'created') as unknown as Record<string, unknown> & { issue: Record<string, unknown>; comment: Record<string, unknown> };
  delete payload.issue.pull_request;
  payload.issue.number = options.issueNumber ?? 1;
  payload.issue.body = options.issueBody ?? '<!-- chaingate:incident:MAL-2025-46974 -->\n**Malicious code in debug 4.4.2**';
  payload.issue.user = { ...(payload.issue.user as object), login: 'chaingate[bot]', type: options.issueAuthorType ?? 'Bot' };
  payload.comment.id = options.commentId ?? 501;
  payload.comment.body = body;
  payload.comment.user = { ...(payload.comment.user as object), login: options.login ?? 'alice', type: 'User' };
  return payload;
}
