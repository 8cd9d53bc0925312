import { PERMISSIONS, type RepositoryPermission } from '../../core/response/approval-decision.js';
import { type GitHubRequester, type RepoRef, statusOf } from './requester.js';

/** A comment as the approval flow reads it. */
export interface ThreadComment {
  readonly id: number;
  readonly body: string;
  readonly author?: { readonly login: string; readonly type: string } | undefined;
}

const PER_PAGE = 100;
const MAX_PAGES = 30;

/** Every comment of an issue (at most 3,000). */
export async function listIssueComments(client: GitHubRequester, repo: RepoRef, issueNumber: number): Promise<ThreadComment[]> {
  const comments: ThreadComment[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data, headers } = await client.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: issueNumber, per_page: PER_PAGE, page });
    for (const c of data) comments.push({ id: Number(c.id), body: c.body ?? '', author: c.user ? { login: c.user.login, type: c.user.type } : undefined });
    if (data.length < PER_PAGE || !/rel="next"/u.test(String(headers.link ?? ''))) break;
  }
  return comments;
}

/** Posts a comment once: no blind retry of the POST (the caller looks for its marker before trying again). */
export async function postIssueComment(client: GitHubRequester, repo: RepoRef, issueNumber: number, body: string): Promise<void> {
  await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: issueNumber, body, request: { retries: 0 } });
}

/** A user's permission on the repository, from the API (`none` for someone who is not a collaborator). */
export async function repositoryPermission(client: GitHubRequester, repo: RepoRef, login: string): Promise<RepositoryPermission> {
  try {
    const { data } = await client.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { ...repo, username: login });
    // role_name says maintain and triage, which the legacy `permission` field folds into write and read.
    const role = (PERMISSIONS as readonly string[]).includes(data.role_name) ? data.role_name : data.permission;
    return (PERMISSIONS as readonly string[]).includes(role) ? (role as RepositoryPermission) : 'none';
  } catch (error) {
    if (statusOf(error) === 404) return 'none';
    throw error;
  }
}
