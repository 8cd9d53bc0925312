import { createHash } from 'node:crypto';

/** A release as the fake keeps it; `assets` grow with uploads. */
export interface FakeRelease {
  readonly id: number;
  readonly tag: string;
  readonly draft: boolean;
  readonly publishedAt: string | null;
  readonly assets: FakeAsset[];
}

export interface FakeAsset {
  readonly id: number;
  readonly name: string;
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly state: 'uploaded' | 'open';
  /** `sha256:…` as GitHub records it, or `null` for assets uploaded before GitHub recorded digests. */
  readonly digest: string | null;
}

export interface NewRelease {
  readonly tag: string;
  readonly draft?: boolean;
  readonly publishedAt: string;
  readonly assets?: readonly { readonly name: string; readonly content: string | Buffer; readonly withoutDigest?: boolean }[];
}

export interface Answer {
  readonly status: number;
  readonly json?: unknown;
  /** A binary body (an asset download). */
  readonly raw?: Buffer;
}

/**
 * Releases, release assets and artifact attestations of the fake GitHub
 * (repos/list-releases, list-release-assets, upload-release-asset,
 * get-release-asset, list-attestations), in memory, in the shapes of
 * GitHub's OpenAPI description.
 */
export class FakeReleases {
  readonly #releases = new Map<string, FakeRelease[]>();
  readonly #attestations = new Map<string, unknown[]>();
  #nextId = 90_000;

  constructor(
    private readonly root: string,
    private readonly uploadsRoot: string,
  ) {}

  add(fullName: string, release: NewRelease): FakeRelease & { readonly upload_url: string } {
    const created: FakeRelease = {
      id: this.#nextId++,
      tag: release.tag,
      draft: release.draft ?? false,
      publishedAt: release.draft ? null : release.publishedAt,
      assets: (release.assets ?? []).map((a) => {
        const bytes = Buffer.isBuffer(a.content) ? a.content : Buffer.from(a.content);
        return { id: this.#nextId++, name: a.name, bytes, contentType: 'application/octet-stream', state: 'uploaded', digest: a.withoutDigest ? null : `sha256:${sha256(bytes)}` };
      }),
    };
    this.#releases.set(fullName, [created, ...(this.#releases.get(fullName) ?? [])]);
    return { ...created, upload_url: `${this.uploadsRoot}/repos/${fullName}/releases/${created.id}/assets{?name,label}` };
  }

  list(fullName: string): readonly FakeRelease[] {
    return this.#releases.get(fullName) ?? [];
  }

  /** Lists `bundle` for `sha256` (hex) in the repository, as the attestations API would after actions/attest-build-provenance ran. */
  attest(fullName: string, sha256Hex: string, bundle: unknown): void {
    const key = `${fullName}@sha256:${sha256Hex}`;
    this.#attestations.set(key, [...(this.#attestations.get(key) ?? []), bundle]);
  }

  /** The answer to a release operation, or `undefined` when `operationId` is not one. */
  answer(operationId: string, fullName: string, params: Readonly<Record<string, string>>, query: URLSearchParams, request: { readonly body: Buffer; readonly contentType: string; readonly accept: string }): Answer | undefined {
    const notFound = { status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
    const releases = this.#releases.get(fullName) ?? [];
    switch (operationId) {
      case 'repos/list-releases':
        return { status: 200, json: page(releases, query).map((r) => this.#releaseJson(fullName, r)) };
      case 'repos/list-release-assets': {
        const release = releases.find((r) => r.id === Number(params.release_id));
        return release ? { status: 200, json: page(release.assets, query).map((a) => this.#assetJson(fullName, a)) } : notFound;
      }
      case 'repos/upload-release-asset': {
        const release = releases.find((r) => r.id === Number(params.release_id));
        if (!release) return notFound;
        const name = query.get('name') ?? '';
        // GitHub refuses a second asset with the same name.
        if (release.assets.some((a) => a.name === name)) {
          return { status: 422, json: { message: 'Validation Failed', errors: [{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }], documentation_url: 'https://docs.github.com/rest' } };
        }
        const asset: FakeAsset = { id: this.#nextId++, name, bytes: request.body, contentType: request.contentType, state: 'uploaded', digest: `sha256:${sha256(request.body)}` };
        release.assets.push(asset);
        return { status: 201, json: this.#assetJson(fullName, asset) };
      }
      case 'repos/get-release-asset': {
        const asset = releases.flatMap((r) => r.assets).find((a) => a.id === Number(params.asset_id));
        if (!asset) return notFound;
        return request.accept.includes('application/octet-stream') ? { status: 200, raw: asset.bytes } : { status: 200, json: this.#assetJson(fullName, asset) };
      }
      case 'repos/list-attestations': {
        const bundles = this.#attestations.get(`${fullName}@${params.subject_digest}`);
        if (!bundles) return notFound;
        return { status: 200, json: { attestations: bundles.map((bundle) => ({ bundle, repository_id: 1, bundle_url: 'https://example.invalid/bundle' })) } };
      }
      default:
        return undefined;
    }
  }

  #releaseJson(fullName: string, r: FakeRelease) {
    const url = `${this.root}/repos/${fullName}/releases/${r.id}`;
    return {
      url, assets_url: `${url}/assets`, upload_url: `${this.uploadsRoot}/repos/${fullName}/releases/${r.id}/assets{?name,label}`, html_url: `https://github.com/${fullName}/releases/tag/${r.tag}`,
      id: r.id, node_id: `RE_${r.id}`, tag_name: r.tag, target_commitish: 'main', name: r.tag, draft: r.draft, prerelease: false, immutable: false,
      created_at: r.publishedAt ?? new Date(0).toISOString(), published_at: r.publishedAt, author: USER, assets: r.assets.map((a) => this.#assetJson(fullName, a)),
      tarball_url: `${this.root}/repos/${fullName}/tarball/${r.tag}`, zipball_url: `${this.root}/repos/${fullName}/zipball/${r.tag}`,
    };
  }

  #assetJson(fullName: string, a: FakeAsset) {
    return {
      url: `${this.root}/repos/${fullName}/releases/assets/${a.id}`, browser_download_url: `https://github.com/${fullName}/releases/download/x/${encodeURIComponent(a.name)}`,
      id: a.id, node_id: `RA_${a.id}`, name: a.name, label: null, state: a.state, content_type: a.contentType, size: a.bytes.byteLength, digest: a.digest,
      download_count: 0, created_at: new Date(0).toISOString(), updated_at: new Date(0).toISOString(), uploader: USER,
    };
  }
}

const USER = {
  login: 'chaingate[bot]', id: 1, node_id: 'BOT_1', avatar_url: 'https://avatars.githubusercontent.com/u/1', gravatar_id: '', url: 'https://api.github.com/users/chaingate%5Bbot%5D',
  html_url: 'https://github.com/apps/chaingate', followers_url: 'https://api.github.com/users/x/followers', following_url: 'https://api.github.com/users/x/following{/other_user}',
  gists_url: 'https://api.github.com/users/x/gists{/gist_id}', starred_url: 'https://api.github.com/users/x/starred{/owner}{/repo}', subscriptions_url: 'https://api.github.com/users/x/subscriptions',
  organizations_url: 'https://api.github.com/users/x/orgs', repos_url: 'https://api.github.com/users/x/repos', events_url: 'https://api.github.com/users/x/events{/privacy}',
  received_events_url: 'https://api.github.com/users/x/received_events', type: 'Bot', site_admin: false,
};

function page<T>(items: readonly T[], query: URLSearchParams): T[] {
  const perPage = Number(query.get('per_page') ?? 30);
  const index = Number(query.get('page') ?? 1);
  return items.slice((index - 1) * perPage, index * perPage);
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
