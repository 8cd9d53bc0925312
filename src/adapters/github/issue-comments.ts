import type { GitHubRequester } from './requester.js';

/** One comment on an issue or pull request, as much of it as chaingate reads. */
export interface IssueComment {
  readonly id: number;
  readonly body: string;
  /** Who wrote it; absent when GitHub reports no user (a deleted account). */
  readonly author?: CommentAuthor | undefined;
}

/** A GitHub account as the comments API reports it: `github-actions[bot]` / `Bot`, `octocat` / `User`. */
export interface CommentAuthor {
  readonly login: string;
  readonly type: string;
}

/** Where a comment thread lives: a pull request is an issue for the comments API. */
export interface IssueRef {
  readonly owner: string;
  readonly repo: string;
  readonly issueNumber: number;
}

/** The comments of one issue or pull request (the port the sticky comment writes through). */
export interface IssueComments {
  list(issue: IssueRef): Promise<IssueComment[]>;
  create(issue: IssueRef, body: string): Promise<IssueComment>;
  update(issue: IssueRef, commentId: number, body: string): Promise<IssueComment>;
}

const PER_PAGE = 100;
/** A pull request with more comments than this is not searched further (100 pages). */
const MAX_PAGES = 100;

/** {@link IssueComments} over the REST API (issues/list-comments, create-comment, update-comment). */
export function githubIssueComments(client: GitHubRequester): IssueComments {
  return {
    async list(issue) {
      const comments: IssueComment[] = [];
      for (let page = 1; page <= MAX_PAGES; page++) {
        const response = await client.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
          owner: issue.owner,
          repo: issue.repo,
          issue_number: issue.issueNumber,
          per_page: PER_PAGE,
          page,
        });
        for (const c of response.data) comments.push({ id: Number(c.id), body: c.body ?? '', author: authorOf(c.user) });
        const link = String(response.headers.link ?? '');
        if (response.data.length < PER_PAGE || !/rel="next"/u.test(link)) break;
      }
      return comments;
    },
    async create(issue, body) {
      const { data } = await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner: issue.owner,
        repo: issue.repo,
        issue_number: issue.issueNumber,
        body,
      });
      return { id: Number(data.id), body: data.body ?? '', author: authorOf(data.user) };
    },
    async update(issue, commentId, body) {
      const { data } = await client.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        owner: issue.owner,
        repo: issue.repo,
        comment_id: commentId,
        body,
      });
      return { id: Number(data.id), body: data.body ?? '', author: authorOf(data.user) };
    },
  };
}

function authorOf(user: { login: string; type: string } | null | undefined): CommentAuthor | undefined {
  return user ? { login: user.login, type: user.type } : undefined;
}
