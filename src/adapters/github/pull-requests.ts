import { statusOf, type GitHubRequester, type RepoRef } from './requester.js';

/** A pull request as much as chaingate reads of it. */
export interface PullRequest {
  readonly number: number;
  readonly state: 'open' | 'closed';
  readonly merged: boolean;
  readonly title: string;
  readonly body: string;
  /** The head branch name (in this repository). */
  readonly head: string;
  readonly labels: readonly string[];
}

export interface ReviewRequest {
  readonly users: readonly string[];
  /** Team slugs of the repository's organisation. */
  readonly teams: readonly string[];
}

export interface ReviewOutcome {
  readonly requested: ReviewRequest;
  /** Users and teams GitHub refused (not collaborators, no access, the author), with its message. */
  readonly refused: readonly { readonly reviewer: string; readonly reason: string }[];
}

/**
 * Pull requests of this repository whose head is `branch`, open or closed
 * (one page of 100: a branch chaingate names has a handful at most).
 */
export async function pullRequestsForBranch(client: GitHubRequester, repository: RepoRef, branch: string): Promise<PullRequest[]> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/pulls', { ...repository, head: `${repository.owner}:${branch}`, state: 'all', per_page: 100 });
  return data.filter((pr) => pr.head.ref === branch).map(toPullRequest);
}

export async function createPullRequest(
  client: GitHubRequester,
  repository: RepoRef,
  request: { readonly title: string; readonly body: string; readonly head: string; readonly base: string },
): Promise<PullRequest> {
  const { data } = await client.request('POST /repos/{owner}/{repo}/pulls', { ...repository, ...request, maintainer_can_modify: false });
  return toPullRequest({ ...data, labels: data.labels });
}

export async function updatePullRequest(
  client: GitHubRequester,
  repository: RepoRef,
  number: number,
  change: { readonly title?: string; readonly body?: string; readonly state?: 'open' | 'closed' },
): Promise<void> {
  await client.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', { ...repository, pull_number: number, ...change });
}

/** Adds labels (GitHub creates a label the repository does not have yet). */
export async function addLabels(client: GitHubRequester, repository: RepoRef, number: number, labels: readonly string[]): Promise<void> {
  if (labels.length === 0) return;
  await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...repository, issue_number: number, labels: [...labels] });
}

/**
 * Requests reviews from users and teams. GitHub refuses the whole request when
 * one reviewer cannot review (422: not a collaborator, the author); then each
 * is asked alone, so the others still get the request and the refused are named.
 */
export async function requestReviewers(client: GitHubRequester, repository: RepoRef, number: number, request: ReviewRequest): Promise<ReviewOutcome> {
  if (request.users.length === 0 && request.teams.length === 0) return { requested: request, refused: [] };
  const ask = (users: readonly string[], teams: readonly string[]) =>
    client.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', { ...repository, pull_number: number, reviewers: [...users], team_reviewers: [...teams] });
  try {
    await ask(request.users, request.teams);
    return { requested: request, refused: [] };
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
  }
  const users: string[] = [];
  const teams: string[] = [];
  const refused: { reviewer: string; reason: string }[] = [];
  for (const [kind, name] of [...request.users.map((u) => ['user', u] as const), ...request.teams.map((t) => ['team', t] as const)]) {
    try {
      await ask(kind === 'user' ? [name] : [], kind === 'team' ? [name] : []);
      (kind === 'user' ? users : teams).push(name);
    } catch (error) {
      if (statusOf(error) !== 422) throw error;
      refused.push({ reviewer: kind === 'user' ? name : `team ${name}`, reason: messageOf(error) });
    }
  }
  return { requested: { users, teams }, refused };
}

interface PullJson {
  readonly number: number;
  readonly state: string;
  readonly merged_at?: string | null;
  readonly title: string;
  readonly body?: string | null;
  readonly head: { readonly ref: string };
  readonly labels?: readonly { readonly name?: string }[];
}

function toPullRequest(pr: PullJson): PullRequest {
  return {
    number: pr.number,
    state: pr.state === 'open' ? 'open' : 'closed',
    merged: typeof pr.merged_at === 'string',
    title: pr.title,
    body: pr.body ?? '',
    head: pr.head.ref,
    labels: (pr.labels ?? []).flatMap((l) => (l.name ? [l.name] : [])),
  };
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 300);
}
