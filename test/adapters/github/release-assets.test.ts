import { describe, expect, it } from 'vitest';
import { uploadReleaseAsset, uploadsRootFor } from '../../../src/adapters/github/index.js';
import { UpstreamError } from '../../../src/core/errors.js';

const refusing = { request: () => Promise.reject(new Error('no request may be made')) } as unknown as Parameters<typeof uploadReleaseAsset>[0];
const asset = { name: 'shop-v1.cdx.json', contentType: 'application/vnd.cyclonedx+json', bytes: new Uint8Array([123, 125]) };
const target = (uploadUrl: string) => ({ uploadUrl, uploadsRoot: 'https://uploads.github.com', repository: { owner: 'octo-org', repo: 'shop' }, releaseId: 7 });

describe('release asset uploads', () => {
  it('finds the uploads endpoint of github.com and of GitHub Enterprise Server', () => {
    expect(uploadsRootFor('https://api.github.com')).toBe('https://uploads.github.com');
    expect(uploadsRootFor('https://ghe.example.com/api/v3/')).toBe('https://ghe.example.com/api/uploads');
  });

  it('refuses an upload_url that is not this release\'s uploads endpoint, before any request', async () => {
    for (const url of [
      'https://evil.example/repos/octo-org/shop/releases/7/assets{?name,label}',
      'https://uploads.github.com/repos/octo-org/other/releases/7/assets{?name,label}',
      'https://uploads.github.com/repos/octo-org/shop/releases/8/assets{?name,label}',
      'https://uploads.github.com.evil.example/repos/octo-org/shop/releases/7/assets',
    ]) {
      await expect(uploadReleaseAsset(refusing, target(url), asset), url).rejects.toSatisfy((e) => e instanceof UpstreamError && e.code === 'BAD_RESPONSE');
    }
  });

  it('uploads to the release\'s own endpoint with the name as a query parameter', async () => {
    const seen: unknown[] = [];
    const client = {
      request: (options: unknown) => {
        seen.push(options);
        return Promise.resolve({ data: { id: 1, name: asset.name, size: 2, state: 'uploaded', digest: `sha256:${'a'.repeat(64)}` } });
      },
    } as unknown as Parameters<typeof uploadReleaseAsset>[0];
    const uploaded = await uploadReleaseAsset(client, target('https://uploads.github.com/repos/octo-org/shop/releases/7/assets{?name,label}'), asset);
    expect(uploaded).toEqual({ id: 1, name: asset.name, size: 2, state: 'uploaded', sha256: 'a'.repeat(64) });
    expect(seen[0]).toMatchObject({ method: 'POST', url: 'https://uploads.github.com/repos/octo-org/shop/releases/7/assets{?name}', name: asset.name });
  });
});
