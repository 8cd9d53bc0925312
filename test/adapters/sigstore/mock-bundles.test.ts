import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/adapters/http/index.js';
import { invalidReasonCode, NpmProvenanceSource, trustMaterialFromJson, type NpmAttestation } from '../../../src/adapters/sigstore/index.js';
import type { ProvenanceVerdict } from '../../../src/core/facts.js';
import { createMockSigstore, slsaV02Statement, slsaV1Statement, type MockSigstore } from './mock-sigstore.js';

const TARBALL = Buffer.from('the package tarball');
const SHA512 = createHash('sha512').update(TARBALL).digest();
const INTEGRITY = `sha512-${SHA512.toString('base64')}`;
const REF = { ecosystem: 'npm', name: '@acme/widget', version: '1.2.3' };
const REPOSITORY = 'https://github.com/acme/widget';
const WORKFLOW = '.github/workflows/release.yml';
const GIT_REF = 'refs/tags/v1.2.3';
const SAN = `${REPOSITORY}/${WORKFLOW}@${GIT_REF}`;
const V1 = 'https://slsa.dev/provenance/v1';

let sigstore: MockSigstore;
let source: NpmProvenanceSource;

beforeAll(async () => {
  sigstore = await createMockSigstore();
  source = sourceTrusting(sigstore);
});

function sourceTrusting(authority: MockSigstore, options: Partial<ConstructorParameters<typeof NpmProvenanceSource>[0]> = {}): NpmProvenanceSource {
  const http = createHttpClient({ fetch: () => Promise.reject(new Error('no network in this test')) });
  return new NpmProvenanceSource({ http, trustMaterial: trustMaterialFromJson(authority.trustedRoot, 'mock trusted_root.json'), ...options });
}

function statement(overrides: Partial<Parameters<typeof slsaV1Statement>[0]> = {}): unknown {
  return slsaV1Statement({ name: REF.name, version: REF.version, sha512: SHA512.toString('hex'), repository: REPOSITORY, workflowPath: WORKFLOW, ref: GIT_REF, ...overrides });
}

function provenance(bundle: unknown, predicateType = V1): NpmAttestation[] {
  return [{ predicateType, bundle }];
}

function reasonCode(verdict: ProvenanceVerdict): string | undefined {
  return verdict.status === 'invalid' ? invalidReasonCode(verdict.reason) : `not invalid: ${verdict.status}`;
}

describe('provenance made by a mock Sigstore', () => {
  it('verifies a bundle signed by the trusted CA and logged in the trusted Rekor', async () => {
    const bundle = await sigstore.bundle(statement(), { san: SAN, sourceRepository: REPOSITORY });
    const verdict = await source.verifyAttestations(REF, INTEGRITY, provenance(bundle), 'git+https://github.com/acme/widget.git');
    expect(verdict).toEqual({ status: 'verified', repository: REPOSITORY, workflow: WORKFLOW, trust: 'provenance' });
  });

  it('verifies SLSA v0.2 provenance as npm 9 and 10 wrote it', async () => {
    const v02 = slsaV02Statement({ name: REF.name, version: REF.version, sha512: SHA512.toString('hex'), repository: REPOSITORY, workflowPath: WORKFLOW, ref: GIT_REF });
    const bundle = await sigstore.bundle(v02, { san: SAN });
    const verdict = await source.verifyAttestations(REF, INTEGRITY, provenance(bundle, 'https://slsa.dev/provenance/v0.2'), 'github:acme/widget');
    expect(verdict).toEqual({ status: 'verified', repository: REPOSITORY, workflow: WORKFLOW, trust: 'provenance' });
  });

  it('rejects a payload changed after it was signed and logged', async () => {
    const bundle = await sigstore.bundle(statement(), { san: SAN }, { payload: (text) => text.replace('acme/widget', 'evil/widget') });
    expect(reasonCode(await source.verifyAttestations(REF, INTEGRITY, provenance(bundle)))).toBe('tlog');
  });

  it('rejects a signature made with another key than the certificate', async () => {
    const bundle = await sigstore.bundle(statement(), { san: SAN }, { wrongKey: true });
    expect(reasonCode(await source.verifyAttestations(REF, INTEGRITY, provenance(bundle)))).toBe('signature');
  });

  it('rejects provenance for other bytes than the lockfile integrity', async () => {
    const bundle = await sigstore.bundle(statement({ sha512: 'ab'.repeat(64) }), { san: SAN });
    const verdict = await source.verifyAttestations(REF, INTEGRITY, provenance(bundle));
    expect(reasonCode(verdict)).toBe('digest-mismatch');
  });

  it('matches the digest among the hashes of a multi-hash integrity string', async () => {
    const bundle = await sigstore.bundle(statement(), { san: SAN });
    const verdict = await source.verifyAttestations(REF, `sha1-${createHash('sha1').update(TARBALL).digest('base64')} ${INTEGRITY}`, provenance(bundle));
    expect(verdict.status).toBe('verified');
  });

  it('rejects provenance from another repository than the package declares', async () => {
    const bundle = await sigstore.bundle(statement(), { san: SAN });
    const verdict = await source.verifyAttestations(REF, INTEGRITY, provenance(bundle), 'https://github.com/acme/widget-core');
    expect(reasonCode(verdict)).toBe('repository-mismatch');
  });

  it('rejects a certificate issued to another workflow than the provenance names', async () => {
    const bundle = await sigstore.bundle(statement(), { san: `${REPOSITORY}/.github/workflows/other.yml@${GIT_REF}` });
    expect(reasonCode(await source.verifyAttestations(REF, INTEGRITY, provenance(bundle)))).toBe('identity');
  });

  it('rejects a certificate issued for another source repository', async () => {
    const bundle = await sigstore.bundle(statement(), { san: SAN, sourceRepository: 'https://github.com/evil/widget' });
    expect(reasonCode(await source.verifyAttestations(REF, INTEGRITY, provenance(bundle)))).toBe('identity');
  });

  it('rejects a GitHub workflow identity from another OIDC issuer', async () => {
    const bundle = await sigstore.bundle(statement(), { san: SAN, issuer: 'https://accounts.example.com' });
    expect(reasonCode(await source.verifyAttestations(REF, INTEGRITY, provenance(bundle)))).toBe('identity');
  });

  it('accepts a reusable workflow that signed for the top-level workflow the provenance names', async () => {
    const bundle = await sigstore.bundle(statement(), { san: 'https://github.com/acme/shared/.github/workflows/publish.yml@refs/heads/main', buildConfig: SAN });
    expect((await source.verifyAttestations(REF, INTEGRITY, provenance(bundle))).status).toBe('verified');
  });

  it('rejects a bundle whose certificate chains to an untrusted CA', async () => {
    const stranger = await createMockSigstore();
    const bundle = await stranger.bundle(statement(), { san: SAN });
    expect(reasonCode(await source.verifyAttestations(REF, INTEGRITY, provenance(bundle)))).toBe('certificate');
  });

  it('rejects a bundle logged in a transparency log the root does not trust', async () => {
    const stranger = await createMockSigstore();
    const root = structuredClone(sigstore.trustedRoot) as { tlogs: unknown };
    root.tlogs = (stranger.trustedRoot as { tlogs: unknown }).tlogs;
    const mixed = sourceTrusting({ ...sigstore, trustedRoot: root as Record<string, unknown> });
    const bundle = await sigstore.bundle(statement(), { san: SAN });
    expect(reasonCode(await mixed.verifyAttestations(REF, INTEGRITY, provenance(bundle)))).toBe('tlog');
  });

  it('rejects a statement about another version', async () => {
    const bundle = await sigstore.bundle(statement({ version: '1.2.4' }), { san: SAN });
    expect(reasonCode(await source.verifyAttestations(REF, INTEGRITY, provenance(bundle)))).toBe('subject');
  });

  it('judges a broken bundle as invalid instead of throwing', async () => {
    expect(reasonCode(await source.verifyAttestations(REF, INTEGRITY, provenance({ mediaType: 'nonsense' })))).toBe('malformed');
    expect(reasonCode(await source.verifyAttestations(REF, INTEGRITY, provenance(null)))).toBe('malformed');
    // Signed and logged, but the payload is no in-toto statement.
    const notStatement = await sigstore.bundle('just a string', { san: SAN });
    expect(reasonCode(await source.verifyAttestations(REF, INTEGRITY, provenance(notStatement)))).toBe('malformed');
  });

  it('says absent when only the publish attestation is there', async () => {
    const bundle = await sigstore.bundle(statement(), { san: SAN });
    const verdict = await source.verifyAttestations(REF, INTEGRITY, provenance(bundle, 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1'));
    expect(verdict).toEqual({ status: 'absent' });
  });

  it('rejects a bundle listed under another predicate type than its statement has', async () => {
    const bundle = await sigstore.bundle(statement(), { san: SAN });
    expect(reasonCode(await source.verifyAttestations(REF, INTEGRITY, provenance(bundle, 'https://slsa.dev/provenance/v0.2')))).toBe('malformed');
  });

  it('reports a trusted publisher when the registry records one for a verified version', async () => {
    const trusting = sourceTrusting(sigstore, { isTrustedPublisher: (ref) => ref.version === '1.2.3' });
    const bundle = await sigstore.bundle(statement(), { san: SAN });
    const verdict = await trusting.verifyAttestations(REF, INTEGRITY, provenance(bundle));
    expect(verdict).toMatchObject({ status: 'verified', trust: 'trusted-publisher' });
  });

  it('verifies without an integrity to bind to, checking name and version only', async () => {
    const bundle = await sigstore.bundle(statement({ sha512: 'ab'.repeat(64) }), { san: SAN });
    expect((await source.verifyAttestations(REF, undefined, provenance(bundle))).status).toBe('verified');
  });
});
