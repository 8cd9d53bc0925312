import type { Octokit } from '@octokit/core';

/**
 * What the GitHub adapters need of a client: `request` alone. Both the
 * Action's client (createGitHubClient) and Probot's installation octokit
 * satisfy it, each with its own retry and throttling plugins.
 */
export type GitHubRequester = Pick<Octokit, 'request'>;

/** A repository on GitHub. */
export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

/** The HTTP status of an octokit RequestError, if that is what `error` is. */
export function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : undefined;
}
