import { beforeAll, describe, expect, it } from 'vitest';
import type { TrustMaterial } from '@sigstore/verify';
import { invalidReasonCode, loadTrustMaterial, NpmProvenanceSource, type NpmAttestation } from '../../../src/adapters/sigstore/index.js';
import { createHttpClient } from '../../../src/adapters/http/index.js';
import { readFixture } from '../../helpers/fixtures.js';

/** Real registry answers, verified against the shipped public-good trusted root with no network at all. */

const SIGSTORE_040 = { ecosystem: 'npm', name: 'sigstore', version: '0.4.0' };
const SIGSTORE_040_INTEGRITY = 'sha512-KCwMX6k20mQyFkNYG2XT3lwK9u1P36wS9YURFd85zCXPrwrSLZCEh7/vMBFNYcJXRiBtGDS+T4/RZZF493zABA==';
const PLAYWRIGHT_CLI = { ecosystem: 'npm', name: '@playwright/cli', version: '0.1.1' };
const PLAYWRIGHT_CLI_INTEGRITY = 'sha512-9k11ZfDwAfMVDDIuEVW1Wvs8SoDNXIY1dNQ+9C9/SS8ZmElkcxesu5eoL7vNa96ntibUGaq1TM2qQoqvdl/I9g==';

let trustMaterial: TrustMaterial;
let source: NpmProvenanceSource;

beforeAll(async () => {
  trustMaterial = await loadTrustMaterial();
  // No request may go out: the transport fails the test if it is called.
  const http = createHttpClient({ fetch: () => Promise.reject(new Error('no network in this test')) });
  source = new NpmProvenanceSource({ http, trustMaterial });
});

async function attestationsOf(file: string): Promise<NpmAttestation[]> {
  return (JSON.parse(await readFixture(`sigstore/${file}`)) as { attestations: NpmAttestation[] }).attestations;
}

describe('real npm provenance against the shipped trusted root', () => {
  it('verifies sigstore@0.4.0 (SLSA v0.2, bundle v0.1, 2023) and names its repository and workflow', async () => {
    const verdict = await source.verifyAttestations(SIGSTORE_040, SIGSTORE_040_INTEGRITY, await attestationsOf('sigstore-0.4.0.attestations.json'), 'git+https://github.com/sigstore/sigstore-js.git');
    expect(verdict).toEqual({ status: 'verified', repository: 'https://github.com/sigstore/sigstore-js', workflow: '.github/workflows/publish.yml', trust: 'provenance' });
  });

  it('verifies @playwright/cli@0.1.1 (SLSA v1, bundle v0.3, 2026) with its scoped purl subject', async () => {
    const verdict = await source.verifyAttestations(PLAYWRIGHT_CLI, PLAYWRIGHT_CLI_INTEGRITY, await attestationsOf('playwright-cli-0.1.1.attestations.json'), 'git+https://github.com/microsoft/playwright-cli.git');
    expect(verdict).toEqual({ status: 'verified', repository: 'https://github.com/microsoft/playwright-cli', workflow: '.github/workflows/publish.yml', trust: 'provenance' });
  });

  it('rejects a real bundle for a lockfile whose integrity is another tarball', async () => {
    const verdict = await source.verifyAttestations(SIGSTORE_040, PLAYWRIGHT_CLI_INTEGRITY, await attestationsOf('sigstore-0.4.0.attestations.json'));
    expect(verdict.status).toBe('invalid');
    expect(verdict.status === 'invalid' && invalidReasonCode(verdict.reason)).toBe('digest-mismatch');
  });

  it('rejects a real bundle presented for another package', async () => {
    const verdict = await source.verifyAttestations({ ...SIGSTORE_040, name: 'sigstore-fork' }, SIGSTORE_040_INTEGRITY, await attestationsOf('sigstore-0.4.0.attestations.json'));
    expect(verdict.status === 'invalid' && invalidReasonCode(verdict.reason)).toBe('subject');
  });

  it('rejects a real bundle when the package declares another repository', async () => {
    const verdict = await source.verifyAttestations(PLAYWRIGHT_CLI, PLAYWRIGHT_CLI_INTEGRITY, await attestationsOf('playwright-cli-0.1.1.attestations.json'), 'github:microsoft/playwright');
    expect(verdict.status === 'invalid' && invalidReasonCode(verdict.reason)).toBe('repository-mismatch');
  });

  it('rejects a real bundle whose signed payload was altered by one byte', async () => {
    const attestations = await attestationsOf('playwright-cli-0.1.1.attestations.json');
    const tampered = attestations.map((a) => {
      if (a.predicateType !== 'https://slsa.dev/provenance/v1') return a;
      const bundle = structuredClone(a.bundle) as { dsseEnvelope: { payload: string } };
      const statement = Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8').replace('microsoft/playwright-cli', 'microsoft/playwright-cl1');
      bundle.dsseEnvelope.payload = Buffer.from(statement).toString('base64');
      return { ...a, bundle };
    });
    const verdict = await source.verifyAttestations(PLAYWRIGHT_CLI, PLAYWRIGHT_CLI_INTEGRITY, tampered);
    expect(verdict.status).toBe('invalid');
    // The log entry records the payload's hash, so the tlog check catches the change before the signature check.
    expect(verdict.status === 'invalid' && invalidReasonCode(verdict.reason)).toBe('tlog');
  });

  it('rejects a real bundle against a trusted root that lacks its certificate authority', async () => {
    const withoutFulcio: TrustMaterial = { ...trustMaterial, certificateAuthorities: [] };
    const strict = new NpmProvenanceSource({ http: createHttpClient(), trustMaterial: withoutFulcio });
    const verdict = await strict.verifyAttestations(SIGSTORE_040, SIGSTORE_040_INTEGRITY, await attestationsOf('sigstore-0.4.0.attestations.json'));
    expect(verdict.status === 'invalid' && invalidReasonCode(verdict.reason)).toBe('certificate');
  });
});
