import { updatePullRequest, type PullRequest } from '../../adapters/github/pull-requests.js';
import type { GitHubRequester, RepoRef } from '../../adapters/github/requester.js';
import { escapeMarkdown } from '../../core/report/escape-markdown.js';
import { CLOSED_BY_CHAINGATE } from './find-remediation-pr.js';

export type CloseReason = 'withdrawn' | 'converged';

const COMMENT_MARKER = '<!-- chaingate:remediation-closing-comment -->';
const MAX_COMMENT_PAGES = 10;

/**
 * Closes a remediation pull request with one comment saying why. The body gets
 * a marker in the same request, so a later run knows chaingate closed it (and
 * may open a fresh one if the advisory comes back) rather than a person who
 * declined it. Run again, it finds the pull request closed and its comment
 * there, and changes nothing.
 */
export async function closeRemediation(client: GitHubRequester, repository: RepoRef, pr: PullRequest, reason: CloseReason, advisory: string): Promise<'closed' | 'unchanged'> {
  let changed = false;
  if (pr.state === 'open') {
    await updatePullRequest(client, repository, pr.number, { state: 'closed', body: pr.body.includes(CLOSED_BY_CHAINGATE) ? pr.body : `${pr.body}\n${CLOSED_BY_CHAINGATE}` });
    changed = true;
  }
  if (!(await hasClosingComment(client, repository, pr.number))) {
    const why = reason === 'withdrawn'
      ? `The advisory ${escapeMarkdown(advisory)} was withdrawn: there is nothing to fix, so chaingate closed this pull request.`
      : `The default branch no longer has a version ${escapeMarkdown(advisory)} affects (it converged by other means), so chaingate closed this pull request.`;
    await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repository, issue_number: pr.number, body: `${why}\n\n${COMMENT_MARKER}` });
    changed = true;
  }
  return changed ? 'closed' : 'unchanged';
}

async function hasClosingComment(client: GitHubRequester, repository: RepoRef, number: number): Promise<boolean> {
  for (let page = 1; page <= MAX_COMMENT_PAGES; page++) {
    const { data } = await client.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repository, issue_number: number, per_page: 100, page });
    if (data.some((c) => (c.body ?? '').includes(COMMENT_MARKER))) return true;
    if (data.length < 100) return false;
  }
  return false;
}
