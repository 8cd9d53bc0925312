import type { DesiredIssue } from '../../core/response/desired-issue.js';
import type { ExistingIssue } from '../../core/response/issue-plan.js';
import type { Pacer } from './pacer.js';
import { type GitHubRequester, type RepoRef, statusOf } from './requester.js';

export interface IssueUpdate {
  readonly title?: string | undefined;
  readonly body?: string | undefined;
  readonly state?: 'open' | 'closed' | undefined;
}

/** A chaingate issue as found on GitHub. */
export interface FoundIssue extends Omit<ExistingIssue, 'lastTransition'> {
  readonly author: string;
}

/**
 * The issues port of the incident reconciler. Every write goes through the
 * pacer (content-creating requests under the secondary limits); creations
 * and comments are sent once (`retries: 0`): after a failure the caller
 * looks again instead of posting twice.
 */
export interface IncidentIssues {
  /** The oldest issue chaingate wrote with this marker in its body. */
  find(repo: RepoRef, marker: string): Promise<FoundIssue | undefined>;
  /** The state chaingate's last transition comment on the issue names (its marker prefix given). */
  lastTransition(repo: RepoRef, issueNumber: number, markerOf: (state: 'open' | 'closed') => string): Promise<'open' | 'closed' | undefined>;
  create(repo: RepoRef, issue: DesiredIssue, priority: number): Promise<number>;
  /** Title, body and state in one PATCH (idempotent: retried like any request). */
  update(repo: RepoRef, issueNumber: number, change: IssueUpdate, priority: number): Promise<void>;
  comment(repo: RepoRef, issueNumber: number, body: string, priority: number): Promise<void>;
}

export interface IncidentIssuesOptions {
  /** The label chaingate's issues carry: issues are listed by it (see README). */
  readonly label: string;
  /**
   * Whose issues count: by default any bot account (the App's installation
   * writes as `<slug>[bot]`); a user pasting a marker into their own issue is ignored.
   */
  readonly isChaingate?: (author: { readonly login: string; readonly type: string }) => boolean;
  /** Pages of 100 issues read per repository before giving up the search. */
  readonly maxPages?: number;
}

const PER_PAGE = 100;

/**
 * {@link IncidentIssues} over the REST API. Existing issues are found by
 * listing the repository's issues with the chaingate label (state all) and
 * reading the marker in their bodies: the list is consistent the moment an
 * issue is created, where the search API is eventually consistent (a rerun
 * right after a creation would not see it) and limited to 30 requests a minute.
 */
export function githubIncidentIssues(client: GitHubRequester, pacer: Pacer, options: IncidentIssuesOptions): IncidentIssues {
  const isChaingate = options.isChaingate ?? ((author) => author.type === 'Bot');
  const maxPages = options.maxPages ?? 10;
  const once = { request: { retries: 0 } };
  return {
    async find(repo, marker) {
      for (let page = 1; page <= maxPages; page++) {
        const { data, headers } = await client.request('GET /repos/{owner}/{repo}/issues', { ...repo, labels: options.label, state: 'all', sort: 'created', direction: 'asc', per_page: PER_PAGE, page });
        const hit = data.find((i) => !i.pull_request && i.user && isChaingate(i.user) && (i.body ?? '').includes(marker));
        if (hit) return { number: hit.number, title: hit.title, body: hit.body ?? '', state: hit.state === 'closed' ? 'closed' : 'open', author: hit.user!.login };
        if (data.length < PER_PAGE || !/rel="next"/u.test(String(headers.link ?? ''))) return undefined;
      }
      return undefined;
    },
    async lastTransition(repo, issueNumber, markerOf) {
      let last: 'open' | 'closed' | undefined;
      for (let page = 1; page <= maxPages; page++) {
        const { data, headers } = await client.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: issueNumber, per_page: PER_PAGE, page });
        for (const c of data) {
          if (!c.user || !isChaingate(c.user)) continue;
          const body = c.body ?? '';
          if (body.includes(markerOf('closed'))) last = 'closed';
          else if (body.includes(markerOf('open'))) last = 'open';
        }
        if (data.length < PER_PAGE || !/rel="next"/u.test(String(headers.link ?? ''))) break;
      }
      return last;
    },
    async create(repo, issue, priority) {
      const post = (assignees: readonly string[]) =>
        pacer.run(priority, () =>
          client.request('POST /repos/{owner}/{repo}/issues', { ...repo, title: issue.title, body: issue.body, labels: [...issue.labels], ...(assignees.length > 0 ? { assignees: [...assignees] } : {}), ...once }),
        );
      try {
        return (await post(issue.assignees)).data.number;
      } catch (error) {
        // 422: an owner GitHub will not assign (no access, renamed): refused, so nothing was created; create it unassigned.
        if (statusOf(error) !== 422 || issue.assignees.length === 0) throw error;
        return (await post([])).data.number;
      }
    },
    async update(repo, issueNumber, change, priority) {
      const fields = {
        ...(change.title === undefined ? {} : { title: change.title }),
        ...(change.body === undefined ? {} : { body: change.body }),
        ...(change.state === undefined ? {} : { state: change.state }),
        ...(change.state === 'closed' ? { state_reason: 'completed' as const } : {}),
      };
      await pacer.run(priority, () => client.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: issueNumber, ...fields }));
    },
    async comment(repo, issueNumber, body, priority) {
      await pacer.run(priority, () => client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: issueNumber, body, ...once }));
    },
  };
}
