import { UpstreamError } from '../../core/errors.js';
import type { GitHubRequester, RepoRef } from './requester.js';

/** One asset of a release. */
export interface ReleaseAsset {
  readonly id: number;
  readonly name: string;
  readonly size: number;
  /** `uploaded`, or `open`/`starter` when an upload did not finish. */
  readonly state: string;
  /** Lower-case hex sha256 GitHub computed for it; absent for assets uploaded before GitHub recorded digests. */
  readonly sha256: string | undefined;
}

const PER_PAGE = 100;
/** A release holds at most 1,000 assets (GitHub's limit). */
const MAX_PAGES = 10;
const SERVICE = 'GitHub release assets API';

export async function listReleaseAssets(client: GitHubRequester, repository: RepoRef, releaseId: number): Promise<ReleaseAsset[]> {
  const assets: ReleaseAsset[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await client.request('GET /repos/{owner}/{repo}/releases/{release_id}/assets', { ...repository, release_id: releaseId, per_page: PER_PAGE, page });
    assets.push(...data.map(toAsset));
    if (data.length < PER_PAGE) break;
  }
  return assets;
}

/**
 * Uploads one asset to the release's `upload_url`. The URL comes from a
 * webhook payload, so it must be the uploads endpoint of this GitHub for
 * this very release: the installation token is never sent anywhere else.
 * @throws {UpstreamError} BAD_RESPONSE when the URL is not that endpoint.
 */
export async function uploadReleaseAsset(
  client: GitHubRequester,
  target: { readonly uploadUrl: string; readonly uploadsRoot: string; readonly repository: RepoRef; readonly releaseId: number },
  asset: { readonly name: string; readonly contentType: string; readonly bytes: Uint8Array },
): Promise<ReleaseAsset> {
  const { owner, repo } = target.repository;
  const expected = `${target.uploadsRoot.replace(/\/+$/u, '')}/repos/${owner}/${repo}/releases/${target.releaseId}/assets`;
  const url = target.uploadUrl.replace(/\{\?[^}]*\}$/u, '');
  if (url.toLowerCase() !== expected.toLowerCase()) throw new UpstreamError('BAD_RESPONSE', SERVICE, `the release's upload_url ${url.slice(0, 200)} is not ${expected}`);
  const { data } = await client.request({
    method: 'POST',
    url: `${url}{?name}`,
    name: asset.name,
    data: asset.bytes,
    headers: { 'content-type': asset.contentType, 'content-length': asset.bytes.byteLength },
  });
  return toAsset(data as Parameters<typeof toAsset>[0]);
}

/**
 * The sha256 of an asset: GitHub's recorded digest, else the downloaded bytes hashed.
 * @throws {UpstreamError} BAD_RESPONSE when the asset is over `maxBytes` and GitHub recorded no digest.
 */
export async function assetSha256(client: GitHubRequester, repository: RepoRef, asset: ReleaseAsset, maxBytes: number, sha256: (bytes: Uint8Array) => string): Promise<string> {
  if (asset.sha256) return asset.sha256;
  if (asset.size > maxBytes) throw new UpstreamError('BAD_RESPONSE', SERVICE, `${asset.name} is ${asset.size} bytes with no digest recorded by GitHub; chaingate downloads at most ${maxBytes} bytes to hash`);
  const { data } = await client.request('GET /repos/{owner}/{repo}/releases/assets/{asset_id}', { ...repository, asset_id: asset.id, headers: { accept: 'application/octet-stream' } });
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : typeof data === 'string' ? new TextEncoder().encode(data) : undefined;
  if (!bytes || bytes.byteLength > maxBytes) throw new UpstreamError('BAD_RESPONSE', SERVICE, `${asset.name}: the download is not the asset's bytes`);
  return sha256(bytes);
}

function toAsset(data: { id: number; name: string; size: number; state: string; digest?: string | null }): ReleaseAsset {
  const digest = /^sha256:([0-9a-f]{64})$/iu.exec(data.digest ?? '')?.[1]?.toLowerCase();
  return { id: data.id, name: data.name, size: data.size, state: data.state, sha256: digest };
}

/** Where release assets are uploaded: `https://uploads.github.com` for github.com, `…/api/uploads` on GitHub Enterprise Server (API at `…/api/v3`). */
export function uploadsRootFor(apiBaseUrl: string): string {
  const base = apiBaseUrl.replace(/\/+$/u, '');
  if (/^https:\/\/api\.github\.com$/iu.test(base)) return 'https://uploads.github.com';
  return base.replace(/\/api\/v3$/u, '/api/uploads');
}
