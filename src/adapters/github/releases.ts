import { UpstreamError } from '../../core/errors.js';
import type { GitHubRequester, RepoRef } from './requester.js';

/** A release as chaingate reads it from the releases API or a `release` payload. */
export interface ReleaseInfo {
  readonly id: number;
  readonly tag: string;
  readonly draft: boolean;
  /** ISO time it was published; absent for drafts. */
  readonly publishedAt: string | undefined;
}

const PER_PAGE = 100;
/** Releases looked through for the previous one (GitHub lists the newest first). */
const MAX_PAGES = 10;

/**
 * The release published last before `current`: not a draft, not `current`
 * itself, the latest `published_at` earlier than the current one's. GitHub
 * lists releases newest first; at most 1,000 are looked through.
 * @returns `undefined` for the first release of a repository.
 */
export async function previousRelease(client: GitHubRequester, repository: RepoRef, current: { readonly id: number; readonly publishedAt: string }): Promise<ReleaseInfo | undefined> {
  const before = Date.parse(current.publishedAt);
  let best: ReleaseInfo | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await client.request('GET /repos/{owner}/{repo}/releases', { ...repository, per_page: PER_PAGE, page });
    for (const release of data) {
      const published = release.published_at ? Date.parse(release.published_at) : Number.NaN;
      if (release.draft || release.id === current.id || !(published < before)) continue;
      if (best === undefined || published > Date.parse(best.publishedAt!)) best = { id: release.id, tag: release.tag_name, draft: false, publishedAt: release.published_at! };
    }
    if (data.length < PER_PAGE) break;
  }
  return best;
}

/**
 * The commit a branch, tag (`refs/tags/v1`, annotated tags peeled) or SHA names.
 * @throws {UpstreamError} BAD_RESPONSE when GitHub answers without a commit SHA; octokit's error (404) when the ref does not exist.
 */
export async function resolveCommit(client: GitHubRequester, repository: RepoRef, ref: string): Promise<string> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/commits/{ref}', { ...repository, ref, per_page: 1 });
  if (typeof data.sha !== 'string' || !/^[0-9a-f]{40}$/u.test(data.sha)) throw new UpstreamError('BAD_RESPONSE', 'GitHub commits API', `${repository.owner}/${repository.repo}@${ref} answered without a commit SHA`);
  return data.sha;
}

/** The repository's default branch (`main`), as the repositories API reports it. */
export async function defaultBranch(client: GitHubRequester, repository: RepoRef): Promise<string> {
  const { data } = await client.request('GET /repos/{owner}/{repo}', { ...repository });
  if (typeof data.default_branch !== 'string' || data.default_branch === '') throw new UpstreamError('BAD_RESPONSE', 'GitHub repositories API', `${repository.owner}/${repository.repo} has no default branch`);
  return data.default_branch;
}
