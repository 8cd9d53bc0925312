import type { GitHubRequester, RepoRef } from './requester.js';

/** The workflow run a deployment protection rule's callback URL names, if it is one of ours to answer. */
export function callbackRun(callbackUrl: string, repository: RepoRef): number | undefined {
  let path: string;
  try {
    path = new URL(callbackUrl).pathname;
  } catch {
    return undefined;
  }
  // GitHub Enterprise Server serves the API under /api/v3; the rest is the operation's path.
  const match = /^(?:\/api\/v3)?\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d{1,20})\/deployment_protection_rule$/u.exec(path);
  if (!match || decodeURIComponent(match[1]!).toLowerCase() !== repository.owner.toLowerCase() || decodeURIComponent(match[2]!).toLowerCase() !== repository.repo.toLowerCase()) return undefined;
  const run = Number(match[3]);
  return Number.isSafeInteger(run) ? run : undefined;
}

/**
 * Approves or rejects the App's own deployment protection rule for one
 * environment of a workflow run (actions/review-custom-gates-for-run).
 * Sent through the client (its base URL and token), never to the URL the
 * payload names.
 */
export async function reviewDeployment(
  client: GitHubRequester,
  review: RepoRef & { readonly runId: number; readonly environment: string; readonly state: 'approved' | 'rejected'; readonly comment: string },
): Promise<void> {
  await client.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule', {
    owner: review.owner,
    repo: review.repo,
    run_id: review.runId,
    environment_name: review.environment,
    state: review.state,
    comment: review.comment,
  });
}
