import { repositoryPermission } from '../adapters/github/collaborator-permission.js';
import { githubIssueComments, type GitHubRequester } from '../adapters/github/index.js';
import { postCommentOnce } from '../adapters/github/post-comment-once.js';
import { type ApprovalDecision, decideApproval } from '../core/response/approval-decision.js';
import { codeSpan, escapeMarkdown } from '../core/report/escape-markdown.js';
import type { ApprovalRequestJob } from './approve-command.js';
import type { IncidentApprovals } from './incident-approvals.js';

export interface ApprovalDependencies {
  readonly approvals: IncidentApprovals;
  readonly clientFor: (installationId: number) => Promise<GitHubRequester>;
}

/** Marks chaingate's one reply to one command comment. */
export const replyMarker = (commentId: number): string => `<!-- chaingate:approval-reply:${commentId} -->`;
/** Marks an approval chaingate counted: the approvals of an action are read back from the thread. */
export const approvalMarker = (incident: string, action: string, login: string): string => `<!-- chaingate:approval:${incident}:${action}:${login} -->`;

/**
 * Judges one `/chaingate approve` command and replies once. The approver's
 * permission comes from the API, the approvals already counted from
 * chaingate's own replies in the thread, so a redelivered webhook, a retry
 * or a restart neither replies twice nor counts one person twice.
 * @returns `undefined` when this command was answered before.
 */
export async function runApproval(deps: ApprovalDependencies, job: ApprovalRequestJob): Promise<ApprovalDecision | undefined> {
  const client = await deps.clientFor(job.installationId);
  const repo = { owner: job.owner, repo: job.repo };
  const ours = (await githubIssueComments(client).list({ ...repo, issueNumber: job.issueNumber })).filter((c) => c.author?.type === 'Bot');
  if (ours.some((c) => c.body.includes(replyMarker(job.commentId)))) return undefined;
  const decision = await decide(deps, client, job, ours.map((c) => c.body));
  const action = job.command.ok ? job.command.action : 'unknown';
  await deps.approvals.record({ incident: job.incident, repository: `${job.owner}/${job.repo}`, action, approver: job.approver.login, commentId: job.commentId, decision });
  await postCommentOnce(client, repo, job.issueNumber, reply(job, decision));
  return decision;
}

async function decide(deps: ApprovalDependencies, client: GitHubRequester, job: ApprovalRequestJob, ourBodies: readonly string[]): Promise<ApprovalDecision> {
  const { command } = job;
  if (!command.ok) return { outcome: 'refused', reason: command.reason };
  if (command.incident !== job.incident) return { outcome: 'refused', reason: `this issue is about ${job.incident}, not ${command.incident}` };
  const context = await deps.approvals.context(job.incident, `${job.owner}/${job.repo}`);
  if (!context) return { outcome: 'refused', reason: `no incident ${job.incident} is known` };
  const permission = job.approver.type === 'User' ? await repositoryPermission(client, { owner: job.owner, repo: job.repo }, job.approver.login) : 'none';
  // Each counted approval is a marker line of chaingate's reply: `<!-- chaingate:approval:<incident>:<action>:<login> -->`.
  const prefix = approvalMarker(job.incident, command.action, '').slice(0, -' -->'.length);
  const approvedBy = ourBodies
    .flatMap((body) => body.split('\n'))
    .filter((line) => line.startsWith(prefix) && line.endsWith(' -->'))
    .map((line) => line.slice(prefix.length, -' -->'.length))
    .filter((login) => /^[A-Za-z0-9-]{1,39}$/u.test(login));
  return decideApproval({
    rules: context.rules,
    incident: { id: job.incident, status: context.status, tier: context.tier },
    awaiting: context.awaiting,
    action: command.action,
    approver: job.approver,
    permission,
    approvedBy,
  });
}

function reply(job: ApprovalRequestJob, decision: ApprovalDecision): string {
  const who = codeSpan(job.approver.login, 40);
  const action = job.command.ok ? codeSpan(job.command.action, 40) : '';
  const incident = codeSpan(job.incident, 100);
  const markers = [replyMarker(job.commentId)];
  if ((decision.outcome === 'counted' || decision.outcome === 'granted') && job.command.ok) markers.push(approvalMarker(job.incident, job.command.action, job.approver.login));
  const text = ((): string => {
    switch (decision.outcome) {
      case 'refused':
        return `Refused: ${escapeMarkdown(decision.reason, 300)}. (${who})`;
      case 'counted':
        return `Approval of ${action} for ${incident} by ${who} counted: ${decision.needed} more approval(s) from different people needed.`;
      case 'already':
        return `${who} already approved ${action} for ${incident}; ${decision.needed > 0 ? `${decision.needed} more approval(s) from different people needed` : 'nothing more is needed'}.`;
      case 'granted':
        return `Approved: ${action} for ${incident} by ${decision.approvers.map((a) => codeSpan(a, 40)).join(', ')}. chaingate applies it on its next reconciliation.`;
    }
  })();
  return `${markers.join('\n')}\n${text}`;
}
