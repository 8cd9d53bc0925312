import { describe, expect, it } from 'vitest';
import { onInstallation, onInstallationRepositories } from '../../src/app/handlers/installation.js';
import { onRelease } from '../../src/app/handlers/release.js';
import { releaseSbomName } from '../../src/app/release-sbom.js';
import { examplePayload, INSTALLATION_ID, OWNER, REPO } from './app-harness.js';

function published(overrides: Record<string, unknown> = {}): ReturnType<typeof examplePayload> {
  const payload = examplePayload('release', 'published');
  Object.assign(payload.release as Record<string, unknown>, overrides);
  Object.assign(payload.repository, { default_branch: 'main', html_url: `https://github.com/${OWNER}/${REPO}` });
  return payload;
}

describe('which release payloads ask for a release check', () => {
  it('asks for a published release, with what the job needs from the payload', () => {
    expect(onRelease(published({ id: 77, tag_name: 'v1.2.0' }))).toMatchObject({
      installationId: INSTALLATION_ID,
      owner: OWNER,
      repo: REPO,
      releaseId: 77,
      tag: 'v1.2.0',
      defaultBranch: 'main',
      repositoryUrl: `https://github.com/${OWNER}/${REPO}`,
      uploadUrl: expect.stringMatching(/\/assets\{\?name,label\}$/u),
      reason: 'release.published',
    });
  });

  it('ignores other actions, drafts, and payloads whose tag, id or URLs are not what GitHub sends', () => {
    for (const action of ['created', 'edited', 'deleted', 'prereleased', 'released']) expect(onRelease({ ...published(), action }), action).toBeUndefined();
    expect(onRelease(published({ draft: true }))).toBeUndefined();
    expect(onRelease(published({ id: '77' }))).toBeUndefined();
    expect(onRelease(published({ tag_name: '' }))).toBeUndefined();
    expect(onRelease(published({ tag_name: 'v1\n@everyone' }))).toBeUndefined();
    expect(onRelease(published({ tag_name: 'v'.repeat(256) }))).toBeUndefined();
    expect(onRelease(published({ published_at: 'yesterday' }))).toBeUndefined();
    expect(onRelease(published({ upload_url: 42 }))).toBeUndefined();
    const noUrl = published();
    noUrl.repository.html_url = 'javascript:alert(1)';
    expect(onRelease(noUrl)).toBeUndefined();
  });

  it('names the SBOM asset after the repository and tag, in characters GitHub keeps', () => {
    expect(releaseSbomName('shop', 'v1.2.0')).toBe('shop-v1.2.0.cdx.json');
    expect(releaseSbomName('shop', 'release/2026 "final"')).toBe('shop-release-2026-final.cdx.json');
    expect(releaseSbomName('shop', `${'x'.repeat(300)}`)).toHaveLength(200 + '.cdx.json'.length);
  });
});

describe('which installation payloads change the inventory', () => {
  const list = [{ full_name: `${OWNER}/a` }, { full_name: `${OWNER}/b` }, { full_name: '../../etc' }, { name: 'no-full-name' }];
  it('backfills the repositories of a new installation and forgets them when it is deleted', () => {
    expect(onInstallation({ action: 'created', installation: { id: 1 }, repositories: list })).toEqual({
      installationId: 1,
      added: [{ owner: OWNER, repo: 'a' }, { owner: OWNER, repo: 'b' }],
      removed: [],
      reason: 'installation.created',
    });
    expect(onInstallation({ action: 'deleted', installation: { id: 1 }, repositories: list })).toMatchObject({ added: [], removed: [{ repo: 'a' }, { repo: 'b' }] });
    expect(onInstallation({ action: 'suspend', installation: { id: 1 }, repositories: list })).toBeUndefined();
    expect(onInstallation({ action: 'created', repositories: list })).toBeUndefined();
  });

  it('backfills added repositories and forgets removed ones', () => {
    expect(onInstallationRepositories({ action: 'added', installation: { id: 2 }, repositories_added: list.slice(0, 1), repositories_removed: [] })).toMatchObject({ added: [{ repo: 'a' }], removed: [] });
    expect(onInstallationRepositories({ action: 'removed', installation: { id: 2 }, repositories_added: [], repositories_removed: list })).toMatchObject({ added: [], removed: [{ repo: 'a' }, { repo: 'b' }] });
    expect(onInstallationRepositories({ action: 'added', installation: { id: 2 }, repositories_added: 'all' })).toMatchObject({ added: [] });
  });
});
