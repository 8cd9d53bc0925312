import type { GitHubRequester, RepoRef } from './requester.js';

/**
 * Posts a comment without retrying the POST (a 5xx may come after GitHub
 * created it): the caller looks for its marker before trying again.
 */
export async function postCommentOnce(client: GitHubRequester, repo: RepoRef, issueNumber: number, body: string): Promise<void> {
  await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: issueNumber, body, request: { retries: 0 } });
}
