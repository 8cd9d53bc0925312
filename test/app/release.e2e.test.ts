import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustMaterialFromJson } from '../../src/adapters/sigstore/index.js';
import { RELEASE_CHECK_NAME } from '../../src/app/check-name.js';
import { STORE_HOOK_TIMEOUT } from '../adapters/store/engines.js';
import { createMockSigstore, releaseAssetStatement, type MockSigstore } from '../adapters/sigstore/mock-sigstore.js';
import { sha256 } from '../helpers/fake-github-releases.js';
import { FIXTURES } from '../helpers/fixtures.js';
import type { CheckRun } from '../helpers/fake-github-api.js';
import { examplePayload, FULL_NAME, type Harness, OWNER, REPO, startHarness } from './app-harness.js';

const WEB = `https://github.com/${FULL_NAME}`;
const WORKFLOW = '.github/workflows/release.yml';
const TAG = 'v1.1.0';
const SAN = `${WEB}/${WORKFLOW}@refs/tags/${TAG}`;
const SBOM_NAME = `${REPO}-${TAG}.cdx.json`;

let sigstore: MockSigstore;
let h: Harness;

beforeAll(async () => {
  sigstore = await createMockSigstore();
  h = await startHarness({ store: 'embedded', trustMaterial: trustMaterialFromJson(sigstore.trustedRoot, 'mock trusted_root.json') });
}, STORE_HOOK_TIMEOUT);
afterAll(async () => {
  await h?.close();
}, STORE_HOOK_TIMEOUT);

/** A real `release.published` payload from @octokit/webhooks-examples, for a release the fake GitHub holds. */
function releasePayload(release: { id: number; tag: string; upload_url: string; publishedAt: string }, repo = REPO): Record<string, unknown> {
  const payload = examplePayload('release', 'published');
  Object.assign(payload.release as Record<string, unknown>, { id: release.id, tag_name: release.tag, upload_url: release.upload_url, published_at: release.publishedAt, draft: false });
  Object.assign(payload.repository, { name: repo, full_name: `${OWNER}/${repo}`, html_url: `https://github.com/${OWNER}/${repo}`, default_branch: 'main' });
  return payload;
}

async function releaseRun(fullName: string, sha: string, timeoutMs = 30_000): Promise<CheckRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = h.api.checkRuns(fullName).find((r) => r.name === RELEASE_CHECK_NAME && r.head_sha === sha && r.status === 'completed');
    if (run) return run;
    if (Date.now() > deadline) throw new Error(`no completed ${RELEASE_CHECK_NAME} run on ${sha}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function statement(name: string, digest: string, overrides: { repository?: string } = {}): unknown {
  return releaseAssetStatement({ name, sha256: digest, repository: overrides.repository ?? WEB, workflowPath: WORKFLOW, ref: `refs/tags/${TAG}` });
}

describe('a published release', () => {
  let payload: Record<string, unknown>;
  const assets = {
    good: 'shop-linux-x64.tar.gz bytes',
    missing: 'shop-windows.zip bytes',
    tampered: 'shop-darwin.tar.gz bytes',
    foreign: 'shop-src.tar.gz bytes',
    reusable: 'shop-arm64.tar.gz bytes',
    old: 'shop-notes.txt uploaded before GitHub recorded digests',
  };

  beforeAll(async () => {
    h.tag('v1.0.0', h.commits.vulnerable);
    h.tag(TAG, h.commits.clean);
    h.api.addRelease(FULL_NAME, { tag: 'v0.9.0-draft', draft: true, publishedAt: '2026-01-15T00:00:00Z' });
    h.api.addRelease(FULL_NAME, { tag: 'v1.0.0', publishedAt: '2026-01-01T00:00:00Z' });
    const release = h.api.addRelease(FULL_NAME, {
      tag: TAG,
      publishedAt: '2026-02-01T00:00:00Z',
      assets: [
        { name: 'shop-linux-x64.tar.gz', content: assets.good },
        { name: 'shop-windows.zip', content: assets.missing },
        { name: 'shop-darwin.tar.gz', content: assets.tampered },
        { name: 'shop-src.tar.gz', content: assets.foreign },
        { name: 'shop-arm64.tar.gz', content: assets.reusable },
        { name: 'shop-notes.txt', content: assets.old, withoutDigest: true },
      ],
    });
    const attest = async (content: string, subject: unknown, san = SAN, extra: { buildConfig?: string } = {}) =>
      h.api.attest(FULL_NAME, sha256(content), await sigstore.bundle(subject, { san, sourceRepository: WEB, ...extra }));
    await attest(assets.good, statement('shop-linux-x64.tar.gz', sha256(assets.good)));
    await attest(assets.old, statement('shop-notes.txt', sha256(assets.old)));
    // Listed under the asset's digest, but about other bytes.
    await attest(assets.tampered, statement('shop-darwin.tar.gz', sha256('other bytes')));
    const evil = 'https://github.com/evil/shop';
    h.api.attest(FULL_NAME, sha256(assets.foreign), await sigstore.bundle(statement('shop-src.tar.gz', sha256(assets.foreign), { repository: evil }), { san: `${evil}/${WORKFLOW}@refs/tags/${TAG}`, sourceRepository: evil }));
    // Signed by a reusable workflow of another repository, which the default policy does not allow.
    await attest(assets.reusable, statement('shop-arm64.tar.gz', sha256(assets.reusable)), 'https://github.com/octo-org/builders/.github/workflows/build.yml@refs/heads/main', { buildConfig: SAN });
    payload = releasePayload({ id: release.id, tag: TAG, upload_url: release.upload_url, publishedAt: '2026-02-01T00:00:00Z' });
  });

  it('attaches the SBOM of the tag, checks each asset\'s provenance and diffs against the previous release', async () => {
    expect((await h.deliver('release', payload)).status).toBe(200);
    const run = await releaseRun(FULL_NAME, h.commits.clean);
    expect(run.conclusion).toBe('success');
    const summary = run.output.summary ?? '';
    const row = (asset: string) => summary.split('\n').find((line) => line.startsWith(`| \`${asset}\``)) ?? `no row for ${asset}`;
    expect(row('shop-linux-x64.tar.gz')).toContain('✅ verified');
    expect(row('shop-notes.txt')).toContain('✅ verified');
    expect(row('shop-windows.zip')).toContain('⚠️ none');
    expect(row('shop-darwin.tar.gz')).toMatch(/❌ invalid.*digest-mismatch/u);
    expect(row('shop-src.tar.gz')).toMatch(/❌ invalid.*repository-mismatch/u);
    expect(row('shop-arm64.tar.gz')).toMatch(/❌ invalid.*builder/u);
    expect(summary).not.toContain(`| \`${SBOM_NAME}\``);
    // The diff against v1.0.0 (the draft in between is not a published release).
    expect(summary).toContain('Compared with the previous release `v1.0.0`');
    expect(summary).toMatch(/\| upgraded \| `lodash` \| 4\.17\.20 → 4\.17\.21/u);

    const sbom = h.api.releases(FULL_NAME).find((r) => r.tag === TAG)!.assets.find((a) => a.name === SBOM_NAME);
    expect(sbom?.contentType).toBe('application/vnd.cyclonedx+json');
    const bom = JSON.parse(sbom!.bytes.toString('utf8')) as { bomFormat: string; specVersion: string; metadata: { component: { name: string; version: string } }; components: { name: string; version: string }[] };
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6', metadata: { component: { name: REPO, version: TAG } } });
    expect(bom.components).toContainEqual(expect.objectContaining({ name: 'lodash', version: '4.17.21' }));
    h.api.assertValid();
  }, 60_000);

  it('records the tag in the inventory, under the tag as its ref', async () => {
    await h.idle();
    const snapshot = (await h.inventory!.list()).find((s) => s.ref === TAG);
    expect(snapshot).toMatchObject({ repository: FULL_NAME, sha: h.commits.clean });
    expect(snapshot!.components).toBeGreaterThan(0);
  }, 30_000);

  it('redelivered three times, still holds one SBOM asset and one check run, uploaded once', async () => {
    const uploads = () => h.api.requests.filter((r) => r.operationId === 'repos/upload-release-asset').length;
    expect(uploads()).toBe(1);
    const first = await h.deliver('release', payload);
    await Promise.all([h.deliver('release', payload), h.deliver('release', payload, { id: first.id })]);
    await h.idle();
    const release = h.api.releases(FULL_NAME).find((r) => r.tag === TAG)!;
    expect(release.assets.filter((a) => a.name === SBOM_NAME)).toHaveLength(1);
    expect(uploads()).toBe(1);
    const runs = h.api.checkRuns(FULL_NAME).filter((r) => r.name === RELEASE_CHECK_NAME);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(runs[0]!.output.summary).toContain('was already attached');
    h.api.assertValid();
  }, 60_000);
});

describe('a release of a repository whose policy requires provenance', () => {
  it('fails the check when an asset has none, and says so when the App may not upload the SBOM', async () => {
    const lockfile = readFileSync(join(FIXTURES, 'npm/v3-resolved/upgrade/head/package-lock.json'), 'utf8');
    const manifest = readFileSync(join(FIXTURES, 'npm/v3-resolved/upgrade/head/package.json'), 'utf8');
    const policy = 'version: 1\nsettings:\n  release-provenance:\n    require: true\n';
    const sha = h.addRepository('tools', { 'package-lock.json': lockfile, 'package.json': manifest, '.github/chaingate.yml': policy }, { tags: ['v2.0.0'] });
    const release = h.api.addRelease(`${OWNER}/tools`, { tag: 'v2.0.0', publishedAt: '2026-03-01T00:00:00Z', assets: [{ name: 'tools.tgz', content: 'tools bytes' }] });
    h.api.injectFault((r) => r.operationId === 'repos/upload-release-asset', { status: 403, message: 'Resource not accessible by integration' });
    await h.deliver('release', releasePayload({ id: release.id, tag: 'v2.0.0', upload_url: release.upload_url, publishedAt: '2026-03-01T00:00:00Z' }, 'tools'));
    const run = await releaseRun(`${OWNER}/tools`, sha);
    expect(run.conclusion).toBe('failure');
    expect(run.output.title).toMatch(/1 asset without verified provenance \(required\)/u);
    expect(run.output.summary).toMatch(/GitHub refused the upload .*the App needs the contents.*write permission/u);
    expect(run.output.summary).toContain('This is the first published release');
    expect(h.api.releases(`${OWNER}/tools`)[0]!.assets.map((a) => a.name)).toEqual(['tools.tgz']);
    h.api.assertValid();
  }, 60_000);

  it('does nothing, once, for a release whose tag was deleted before the job ran', async () => {
    const release = h.api.addRelease(FULL_NAME, { tag: 'v9.9.9-gone', publishedAt: '2026-04-01T00:00:00Z' });
    const runsBefore = h.api.checkRuns(FULL_NAME).length;
    const lookups = () => h.api.requests.filter((r) => r.operationId === 'repos/get-commit' && r.path.includes('v9.9.9-gone')).length;
    await h.deliver('release', releasePayload({ id: release.id, tag: 'v9.9.9-gone', upload_url: release.upload_url, publishedAt: '2026-04-01T00:00:00Z' }));
    await h.idle();
    expect(lookups()).toBe(1);
    expect(h.api.checkRuns(FULL_NAME)).toHaveLength(runsBefore);
    h.api.assertValid();
  }, 30_000);
});
