import { pullRequestsForBranch, type PullRequest } from '../../adapters/github/pull-requests.js';
import type { GitHubRequester, RepoRef } from '../../adapters/github/requester.js';
import { remediationBranch, remediationMarker } from '../../core/remediation/index.js';

/** Appended to the body of a remediation pull request chaingate closed itself (withdrawn, converged). */
export const CLOSED_BY_CHAINGATE = '<!-- chaingate:remediation-closed -->';

/**
 * The remediation pull request chaingate already opened for (advisory,
 * lockfile), found on GitHub and not in a table of our own: each branch
 * chaingate could have named (patch or revert, for each package the advisory
 * names) is asked for its pull requests, and only one whose body carries the
 * hidden marker counts. An open one wins; else the newest closed one.
 */
export async function findRemediationPullRequest(
  client: GitHubRequester,
  repository: RepoRef,
  advisory: string,
  lockfile: string,
  packages: readonly string[],
): Promise<PullRequest | undefined> {
  const marker = remediationMarker(advisory, lockfile);
  const branches = new Set(packages.flatMap((name) => (['patch', 'revert'] as const).map((strategy) => remediationBranch(strategy, advisory, name, lockfile))));
  const found: PullRequest[] = [];
  for (const branch of branches) {
    for (const pr of await pullRequestsForBranch(client, repository, branch)) if (pr.body.includes(marker)) found.push(pr);
  }
  found.sort((a, b) => b.number - a.number);
  return found.find((pr) => pr.state === 'open') ?? found[0];
}
