import { type CommentAuthor, ensureStickyComment, githubIssueComments, type GitHubRequester, writeRoleOf } from '../adapters/github/index.js';
import { escapeMarkdown } from '../core/report/escape-markdown.js';
import type { Overrides } from '../core/ports.js';
import { type CheckRequest, sha } from './check-request.js';
import { OVERRIDE_FORM } from './override-command.js';
import type { OverrideRequest } from './override-request.js';

export interface OverrideDependencies {
  readonly clientFor: (installationId: number) => Promise<GitHubRequester>;
  readonly overrides: Overrides;
  /** The identity the App comments as (`<slug>[bot]`): only its replies are its own. */
  readonly appAuthor: () => Promise<CommentAuthor>;
  /** Judges the pull request again, as a push to it would. */
  readonly enqueueCheck: (request: CheckRequest) => Promise<void>;
  readonly now: () => Date;
}

export type OverrideOutcome = 'allowed' | 'refused' | 'malformed';

/**
 * Carries out one `/chaingate allow` command: a malformed one gets a reply
 * with the expected form; otherwise the commenter's permission is asked of
 * GitHub and the request recorded, granted (write, maintain or admin: the
 * pull request is judged again with it) or refused (a polite reply). A
 * reply is found by its marker, so a redelivered comment is answered once,
 * and the record is kept once per comment.
 */
export async function runOverrideRequest(deps: OverrideDependencies, request: OverrideRequest): Promise<OverrideOutcome> {
  const client = await deps.clientFor(request.installationId);
  const repository = { owner: request.owner, repo: request.repo };
  const reply = async (text: string): Promise<void> => {
    const marker = `<!-- chaingate:override-reply:${request.commentId} -->`;
    await ensureStickyComment(githubIssueComments(client), { ...repository, issueNumber: request.pullRequest }, () => `${marker}\n${text}`, await deps.appAuthor(), marker);
  };
  const { command } = request;
  if (command.kind === 'malformed') {
    await reply(`chaingate did not understand this command: ${escapeMarkdown(command.problem, 200)}. The expected form is:\n\n\`\`\`\n${OVERRIDE_FORM}\n\`\`\`\n`);
    return 'malformed';
  }
  const role = await writeRoleOf(client, repository, request.actor);
  await deps.overrides.recordOverride({
    repository: `${request.owner}/${request.repo}`,
    pullRequest: request.pullRequest,
    commentId: request.commentId,
    packageName: command.packageName,
    version: command.version,
    actor: request.actor,
    decision: role ? 'allowed' : 'refused',
    reason: command.reason,
    at: deps.now(),
  });
  if (!role) {
    await reply(
      `Thank you, ${escapeMarkdown(request.actor, 100)}. Only people with write, maintain or admin permission on this repository can allow a package, so ` +
        `${escapeMarkdown(`${command.packageName}@${command.version}`, 300)} stays judged by the policy. Your request has been recorded; a maintainer can allow it with the same command.\n`,
    );
    return 'refused';
  }
  const { data: pr } = await client.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...repository, pull_number: request.pullRequest });
  const headSha = sha(pr.head.sha);
  const baseSha = sha(pr.base.sha);
  if (pr.state === 'open' && headSha && baseSha) {
    await deps.enqueueCheck({ installationId: request.installationId, ...repository, headSha, baseSha, pullRequest: request.pullRequest, reason: 'issue_comment.override' });
  }
  return 'allowed';
}
