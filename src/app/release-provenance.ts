import { createHash } from 'node:crypto';
import type { Verifier } from '@sigstore/verify';
import { assetSha256, listAttestationBundles, type GitHubRequester, type ReleaseAsset, type RepoRef } from '../adapters/github/index.js';
import { type ReleaseProvenanceVerdict, verifyReleaseProvenance } from '../adapters/sigstore/index.js';
import { UpstreamError } from '../core/errors.js';

/** Assets checked per release; the rest are listed as not checked. */
export const MAX_CHECKED_ASSETS = 100;
/** An asset GitHub recorded no digest for is downloaded to hash it, up to this size (the whole body is held in memory). */
export const MAX_ASSET_DOWNLOAD_BYTES = 128 * 1024 * 1024;

export type AssetProvenance = { readonly asset: string } & (ReleaseProvenanceVerdict | { readonly status: 'unverifiable'; readonly reason: string });

export interface ProvenanceInput {
  readonly client: GitHubRequester;
  readonly repository: RepoRef;
  readonly tag: string;
  readonly builders: readonly string[];
  readonly verifier: Verifier;
  /** The repository's web URL (`https://github.com/owner/repo`, the payload's `html_url`): the provenance must name it. */
  readonly repositoryUrl: string;
}

/**
 * Each uploaded asset's provenance: its sha256 (GitHub's digest, else the
 * bytes), the attestations GitHub lists for that digest in the repository,
 * then {@link verifyReleaseProvenance}. An asset whose upload did not finish,
 * or that cannot be hashed, is `unverifiable`.
 * @throws GitHub failures, for the queue to retry.
 */
export async function checkAssetsProvenance(input: ProvenanceInput, assets: readonly ReleaseAsset[]): Promise<AssetProvenance[]> {
  const results: AssetProvenance[] = [];
  const expected = { repository: input.repositoryUrl, tag: input.tag, builders: input.builders };
  for (const asset of assets.slice(0, MAX_CHECKED_ASSETS)) {
    if (asset.state !== 'uploaded') {
      results.push({ asset: asset.name, status: 'unverifiable', reason: `its upload did not finish (state ${asset.state})` });
      continue;
    }
    let sha256: string;
    try {
      sha256 = await assetSha256(input.client, input.repository, asset, MAX_ASSET_DOWNLOAD_BYTES, (bytes) => createHash('sha256').update(bytes).digest('hex'));
    } catch (error) {
      if (!(error instanceof UpstreamError) || error.code !== 'BAD_RESPONSE') throw error;
      results.push({ asset: asset.name, status: 'unverifiable', reason: error.message });
      continue;
    }
    const bundles = await listAttestationBundles(input.client, input.repository, sha256);
    results.push({ asset: asset.name, ...verifyReleaseProvenance(bundles, { ...expected, sha256 }, input.verifier) });
  }
  return results;
}
