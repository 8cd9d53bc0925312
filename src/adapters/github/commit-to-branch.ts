import { UpstreamError } from '../../core/errors.js';
import { statusOf, type GitHubRequester, type RepoRef } from './requester.js';

export interface BranchCommit {
  /** The branch to create or force-move, e.g. `chaingate/patch/GHSA-…/minimist`. */
  readonly branch: string;
  /** The commit the change is made on (the default branch's head). */
  readonly baseSha: string;
  /** Changed files by path in the repository, and nothing else: the tree keeps every other file of the base. */
  readonly files: ReadonlyMap<string, string>;
  readonly message: string;
}

export interface BranchResult {
  readonly sha: string;
  /** `unchanged`: the branch already held exactly this change on this base, so it was not moved. */
  readonly branch: 'created' | 'updated' | 'unchanged';
}

/**
 * Commits files on top of a base commit through the Git data API — a tree
 * over the base tree (the files inline, GitHub writes their blobs), a commit —
 * and points the branch at it (created,
 * or force-moved). No clone and no push: GitHub writes the objects, and the
 * commit is attributed to (and signed for) the App. A branch that already holds
 * the same tree on the same base is left alone, so a retry or a redelivery
 * neither moves it nor starts the repository's CI again.
 */
export async function commitToBranch(client: GitHubRequester, repository: RepoRef, commit: BranchCommit): Promise<BranchResult> {
  const base = await client.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { ...repository, commit_sha: commit.baseSha });
  // Manifests and lockfiles are UTF-8 text: the tree request carries them inline and GitHub writes
  // the blobs, which saves one content-creating request per file (each costs a second of GitHub's write pacing).
  const entries = [...commit.files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, content]) => ({ path, mode: '100644' as const, type: 'blob' as const, content }));
  const tree = await client.request('POST /repos/{owner}/{repo}/git/trees', { ...repository, base_tree: base.data.tree.sha, tree: entries });
  const existing = await branchHead(client, repository, commit.branch);
  if (existing !== undefined) {
    const head = await client.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { ...repository, commit_sha: existing });
    const parents = head.data.parents.map((p) => p.sha);
    if (head.data.tree.sha === tree.data.sha && parents.length === 1 && parents[0] === commit.baseSha) return { sha: existing, branch: 'unchanged' };
  }
  const created = await client.request('POST /repos/{owner}/{repo}/git/commits', { ...repository, message: commit.message, tree: tree.data.sha, parents: [commit.baseSha] });
  const sha = created.data.sha;
  if (existing !== undefined) {
    await moveBranch(client, repository, commit.branch, sha);
    return { sha, branch: 'updated' };
  }
  try {
    await client.request('POST /repos/{owner}/{repo}/git/refs', { ...repository, ref: `refs/heads/${commit.branch}`, sha });
    return { sha, branch: 'created' };
  } catch (error) {
    // Created meanwhile (a concurrent run, or a lost answer to our own request): move it instead.
    if (statusOf(error) !== 422) throw error;
    await moveBranch(client, repository, commit.branch, sha);
    return { sha, branch: 'updated' };
  }
}

/** The commit a branch points at, `undefined` when there is no such branch. */
export async function branchHead(client: GitHubRequester, repository: RepoRef, branch: string): Promise<string | undefined> {
  try {
    const { data } = await client.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { ...repository, ref: `heads/${branch}` });
    if (data.object.type !== 'commit') throw new UpstreamError('BAD_RESPONSE', 'GitHub git refs API', `heads/${branch} points at a ${data.object.type}, not a commit`);
    return data.object.sha;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

async function moveBranch(client: GitHubRequester, repository: RepoRef, branch: string, sha: string): Promise<void> {
  await client.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', { ...repository, ref: `heads/${branch}`, sha, force: true });
}
