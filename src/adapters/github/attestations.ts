import type { GitHubRequester, RepoRef } from './requester.js';
import { statusOf } from './requester.js';

/** One page: more attestations than this for one digest are not read. */
const PER_PAGE = 100;

/**
 * The Sigstore bundles GitHub's artifact attestations API lists for a digest
 * (`sha256:…`) in a repository. Untrusted until verified. Attestations that
 * carry only a `bundle_url` (large bundles kept in blob storage) are left out.
 * @returns `[]` when the repository has none for the digest (404).
 */
export async function listAttestationBundles(client: GitHubRequester, repository: RepoRef, sha256: string): Promise<unknown[]> {
  let data: { attestations?: { bundle?: unknown }[] };
  try {
    ({ data } = await client.request('GET /repos/{owner}/{repo}/attestations/{subject_digest}', { ...repository, subject_digest: `sha256:${sha256}`, per_page: PER_PAGE }));
  } catch (error) {
    if (statusOf(error) === 404) return [];
    throw error;
  }
  return (data.attestations ?? []).map((a) => a.bundle).filter((bundle) => bundle !== undefined && bundle !== null);
}
