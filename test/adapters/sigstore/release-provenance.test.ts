import { createHash } from 'node:crypto';
import { Verifier } from '@sigstore/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import { signerWorkflow, trustMaterialFromJson, verifyReleaseProvenance, type ReleaseAssetExpectation } from '../../../src/adapters/sigstore/index.js';
import { createMockSigstore, releaseAssetStatement, type MockSigstore } from './mock-sigstore.js';

const ASSET = Buffer.from('shop-1.2.0-linux-x64.tar.gz bytes');
const SHA256 = createHash('sha256').update(ASSET).digest('hex');
const REPOSITORY = 'https://github.com/octo-org/shop';
const WORKFLOW = '.github/workflows/release.yml';
const REF = 'refs/tags/v1.2.0';
const SAN = `${REPOSITORY}/${WORKFLOW}@${REF}`;
const EXPECTED: ReleaseAssetExpectation = { sha256: SHA256, repository: REPOSITORY, tag: 'v1.2.0', builders: [] };

let sigstore: MockSigstore;
let verifier: Verifier;

beforeAll(async () => {
  sigstore = await createMockSigstore();
  verifier = new Verifier(trustMaterialFromJson(sigstore.trustedRoot, 'mock trusted_root.json'));
});

function statement(overrides: Partial<Parameters<typeof releaseAssetStatement>[0]> = {}): unknown {
  return releaseAssetStatement({ name: 'shop-1.2.0-linux-x64.tar.gz', sha256: SHA256, repository: REPOSITORY, workflowPath: WORKFLOW, ref: REF, ...overrides });
}

describe('provenance of a release asset', () => {
  it('verifies an attestation of the asset built by a workflow of the release repository at its tag', async () => {
    const bundle = await sigstore.bundle(statement(), { san: SAN, sourceRepository: REPOSITORY });
    expect(verifyReleaseProvenance([bundle], EXPECTED, verifier)).toEqual({ status: 'verified', signer: 'github.com/octo-org/shop/.github/workflows/release.yml', workflow: WORKFLOW });
  });

  it('is absent when GitHub lists no attestation, or only attestations that are not provenance', async () => {
    expect(verifyReleaseProvenance([], EXPECTED, verifier)).toEqual({ status: 'absent' });
    const sbom = { ...(statement() as Record<string, unknown>), predicateType: 'https://cyclonedx.org/bom', predicate: { bomFormat: 'CycloneDX' } };
    expect(verifyReleaseProvenance([await sigstore.bundle(sbom, { san: SAN })], EXPECTED, verifier)).toEqual({ status: 'absent' });
  });

  it('rejects provenance about other bytes (digest mismatch)', async () => {
    const bundle = await sigstore.bundle(statement({ sha256: 'ab'.repeat(32) }), { san: SAN });
    expect(verifyReleaseProvenance([bundle], EXPECTED, verifier)).toMatchObject({ status: 'invalid', code: 'digest-mismatch' });
  });

  it('rejects provenance of another repository, even signed by that repository', async () => {
    const other = 'https://github.com/evil/shop';
    const bundle = await sigstore.bundle(statement({ repository: other }), { san: `${other}/${WORKFLOW}@${REF}`, sourceRepository: other });
    expect(verifyReleaseProvenance([bundle], EXPECTED, verifier)).toMatchObject({ status: 'invalid', code: 'repository-mismatch' });
  });

  it('rejects provenance built from another ref than the release tag', async () => {
    const bundle = await sigstore.bundle(statement({ ref: 'refs/heads/main' }), { san: `${REPOSITORY}/${WORKFLOW}@refs/heads/main` });
    expect(verifyReleaseProvenance([bundle], EXPECTED, verifier)).toMatchObject({ status: 'invalid', code: 'ref-mismatch' });
  });

  it('rejects a certificate issued to another workflow than the provenance names', async () => {
    const bundle = await sigstore.bundle(statement(), { san: `${REPOSITORY}/.github/workflows/other.yml@${REF}` });
    expect(verifyReleaseProvenance([bundle], EXPECTED, verifier)).toMatchObject({ status: 'invalid', code: 'identity' });
  });

  it('rejects a signer the policy does not list, and accepts one it does (reusable workflows)', async () => {
    const reusable = 'https://github.com/octo-org/builders/.github/workflows/build.yml@refs/heads/main';
    const bundle = await sigstore.bundle(statement(), { san: reusable, buildConfig: SAN, sourceRepository: REPOSITORY });
    expect(verifyReleaseProvenance([bundle], EXPECTED, verifier)).toMatchObject({ status: 'invalid', code: 'builder' });
    expect(verifyReleaseProvenance([bundle], { ...EXPECTED, builders: ['github.com/octo-org/builders/.github/workflows/*.yml'] }, verifier)).toMatchObject({ status: 'verified' });
    expect(verifyReleaseProvenance([bundle], { ...EXPECTED, builders: ['github.com/octo-org/shop/**'] }, verifier)).toMatchObject({ status: 'invalid', code: 'builder' });
  });

  it('rejects a payload changed after signing, a foreign signature, and a bundle that is not one', async () => {
    const tampered = await sigstore.bundle(statement(), { san: SAN }, { payload: (text) => text.replace(SHA256, 'cd'.repeat(32)) });
    expect(verifyReleaseProvenance([tampered], EXPECTED, verifier)).toMatchObject({ status: 'invalid', code: 'tlog' });
    const foreign = await (await createMockSigstore()).bundle(statement(), { san: SAN });
    expect(verifyReleaseProvenance([foreign], EXPECTED, verifier)).toMatchObject({ status: 'invalid', code: 'certificate' });
    expect(verifyReleaseProvenance([{ mediaType: 'nonsense' }], EXPECTED, verifier)).toMatchObject({ status: 'invalid', code: 'malformed' });
  });

  it('is verified when one of several attestations verifies, as gh attestation verify decides', async () => {
    const bad = await sigstore.bundle(statement({ sha256: 'ab'.repeat(32) }), { san: SAN });
    const good = await sigstore.bundle(statement(), { san: SAN });
    expect(verifyReleaseProvenance([bad, good], EXPECTED, verifier)).toMatchObject({ status: 'verified' });
  });

  it('names the signer workflow without scheme and ref', () => {
    expect(signerWorkflow('https://github.com/Octo-Org/Shop/.github/workflows/release.yml@refs/tags/v1')).toBe('github.com/octo-org/shop/.github/workflows/release.yml');
  });
});
