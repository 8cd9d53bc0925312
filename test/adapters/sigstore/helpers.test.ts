import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TRUSTED_ROOT_PATH, loadTrustMaterial, normaliseRepositoryUrl, sameRepository, sha512Hex, trustMaterialFromJson } from '../../../src/adapters/sigstore/index.js';
import { ConfigError } from '../../../src/core/errors.js';

describe('normaliseRepositoryUrl', () => {
  it.each([
    ['git+https://github.com/Sigstore/sigstore-js.git', 'https://github.com/sigstore/sigstore-js'],
    ['https://github.com/microsoft/playwright-cli', 'https://github.com/microsoft/playwright-cli'],
    ['git://github.com/o/r.git', 'https://github.com/o/r'],
    ['git+ssh://git@github.com/o/r.git', 'https://github.com/o/r'],
    ['git@github.com:o/r.git', 'https://github.com/o/r'],
    ['github:o/r', 'https://github.com/o/r'],
    ['o/r', 'https://github.com/o/r'],
    ['https://github.com/o/r/tree/main/packages/x', 'https://github.com/o/r'],
    ['https://github.com/o/r#readme', 'https://github.com/o/r'],
    ['gitlab:group/project', 'https://gitlab.com/group/project'],
    ['https://gitlab.com/group/sub/Project/-/tree/main', 'https://gitlab.com/group/sub/Project'],
  ])('reads %s as %s', (input, expected) => {
    expect(normaliseRepositoryUrl(input)).toBe(expected);
  });

  it.each(['', 'not a url', 'https://github.com/only-owner', 'file:///tmp/x/y'])('names no repository in %j', (input) => {
    expect(normaliseRepositoryUrl(input)).toBeUndefined();
  });

  it('compares spellings of one repository as equal and of two as different', () => {
    expect(sameRepository('git+https://github.com/o/r.git', 'github:O/R')).toBe(true);
    expect(sameRepository('https://github.com/o/r', 'https://github.com/o/r2')).toBe(false);
  });
});

describe('sha512Hex', () => {
  it('reads the sha512 of an SRI string among other hashes', () => {
    const hex = 'ab'.repeat(64);
    const b64 = Buffer.from(hex, 'hex').toString('base64');
    expect(sha512Hex(`sha1-Zm9v sha512-${b64}`)).toBe(hex);
    expect(sha512Hex('sha1-Zm9vYmFy')).toBeUndefined();
    expect(sha512Hex('sha512-dG9vc2hvcnQ=')).toBeUndefined();
  });
});

describe('trusted root', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chaingate-trusted-root-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the shipped public-good root with its logs and authorities', async () => {
    const material = await loadTrustMaterial();
    expect(material.tlogs.map((t) => t.baseURL)).toContain('https://rekor.sigstore.dev');
    expect(material.certificateAuthorities.length).toBeGreaterThanOrEqual(2);
    expect(material.ctlogs.length).toBeGreaterThanOrEqual(2);
  });

  it('loads a user-supplied trusted_root.json', async () => {
    const path = join(dir, 'trusted_root.json');
    await writeFile(path, await readFile(DEFAULT_TRUSTED_ROOT_PATH));
    expect((await loadTrustMaterial(path)).tlogs.length).toBeGreaterThan(0);
  });

  it('fails with NOT_FOUND for a missing file', async () => {
    await expect(loadTrustMaterial(join(dir, 'missing.json'))).rejects.toMatchObject({ name: 'ConfigError', code: 'NOT_FOUND' });
  });

  it('fails with MALFORMED for text that is not JSON', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(path, '{"mediaType":');
    await expect(loadTrustMaterial(path)).rejects.toMatchObject({ code: 'MALFORMED' });
  });

  it('fails with TOO_LARGE over 1 MiB without parsing', async () => {
    const path = join(dir, 'huge.json');
    await writeFile(path, ' '.repeat(1024 * 1024 + 1));
    await expect(loadTrustMaterial(path)).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });

  it.each([
    ['another document', { mediaType: 'application/json' }],
    ['no logs', { mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1', tlogs: [], certificateAuthorities: [] }],
    ['a key that is not base64', { mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1', tlogs: [{ publicKey: { rawBytes: '%%%' }, logId: { keyId: 'AA==' } }], certificateAuthorities: [] }],
    ['a certificate that is not one', { mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1', tlogs: [{ publicKey: { rawBytes: 'AAAA' }, logId: { keyId: 'AA==' } }], certificateAuthorities: [{ certChain: { certificates: [{ rawBytes: 'AAAA' }] } }] }],
  ])('refuses %s as MALFORMED', (_what, json) => {
    let failure: unknown;
    try {
      trustMaterialFromJson(json, 'root.json');
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).code).toBe('MALFORMED');
  });
});
