import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TrustMaterial } from '@sigstore/verify';
import { createHttpClient, MemoryCache } from '../../../src/adapters/http/index.js';
import { attestationsUrl, loadTrustMaterial, NpmProvenanceSource } from '../../../src/adapters/sigstore/index.js';
import { UpstreamError } from '../../../src/core/errors.js';
import { readFixture } from '../../helpers/fixtures.js';
import { startFakeServer, type FakeServer } from '../../helpers/http-server.js';

const PLAYWRIGHT_CLI = { ecosystem: 'npm', name: '@playwright/cli', version: '0.1.1' };
const PLAYWRIGHT_CLI_INTEGRITY = 'sha512-9k11ZfDwAfMVDDIuEVW1Wvs8SoDNXIY1dNQ+9C9/SS8ZmElkcxesu5eoL7vNa96ntibUGaq1TM2qQoqvdl/I9g==';
const PLAYWRIGHT_PATH = '/-/npm/v1/attestations/@playwright%2fcli@0.1.1';

let trustMaterial: TrustMaterial;
let server: FakeServer;

beforeAll(async () => {
  trustMaterial = await loadTrustMaterial();
});
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(async () => {
  await server.close();
});

function sourceFor(options: { cache?: MemoryCache; repository?: string } = {}): NpmProvenanceSource {
  const http = createHttpClient({ sleep: async () => {}, retry: { maxRetries: 1 }, cache: options.cache });
  return new NpmProvenanceSource({ http, trustMaterial, registry: `${server.url}/`, repositoryOf: () => options.repository });
}

describe('npm attestations endpoint', () => {
  it('escapes scoped names as npm does', () => {
    expect(attestationsUrl('https://registry.npmjs.org/', '@playwright/cli', '0.1.1')).toBe('https://registry.npmjs.org/-/npm/v1/attestations/@playwright%2fcli@0.1.1');
    expect(attestationsUrl('https://registry.npmjs.org', 'sigstore', '1.0.0+build.5')).toBe('https://registry.npmjs.org/-/npm/v1/attestations/sigstore@1.0.0%2Bbuild.5');
  });

  it('fetches the real answer for a scoped package and verifies it', async () => {
    server.route({ method: 'GET', path: PLAYWRIGHT_PATH, reply: { json: JSON.parse(await readFixture('sigstore/playwright-cli-0.1.1.attestations.json')) } });
    const verdict = await sourceFor({ repository: 'git+https://github.com/microsoft/playwright-cli.git' }).provenance(PLAYWRIGHT_CLI, PLAYWRIGHT_CLI_INTEGRITY);
    expect(verdict).toEqual({ status: 'verified', repository: 'https://github.com/microsoft/playwright-cli', workflow: '.github/workflows/publish.yml', trust: 'provenance' });
    server.assertDone();
  });

  it('asks once per version: the answer is cached', async () => {
    server.route({ method: 'GET', path: PLAYWRIGHT_PATH, reply: { json: JSON.parse(await readFixture('sigstore/playwright-cli-0.1.1.attestations.json')) } });
    const source = sourceFor({ cache: new MemoryCache() });
    await source.provenance(PLAYWRIGHT_CLI, PLAYWRIGHT_CLI_INTEGRITY);
    expect((await source.provenance(PLAYWRIGHT_CLI, PLAYWRIGHT_CLI_INTEGRITY)).status).toBe('verified');
    server.assertDone();
  });

  it('says absent on 404: the version was published without provenance', async () => {
    server.route({ method: 'GET', path: '/-/npm/v1/attestations/left-pad@1.3.0', reply: { status: 404, json: { error: 'Not found' } } });
    expect(await sourceFor().provenance({ ecosystem: 'npm', name: 'left-pad', version: '1.3.0' }, undefined)).toEqual({ status: 'absent' });
    server.assertDone();
  });

  it('asks nothing for packages of other ecosystems', async () => {
    expect(await sourceFor().provenance({ ecosystem: 'pypi', name: 'requests', version: '2.0.0' }, undefined)).toEqual({ status: 'absent' });
    server.assertDone();
  });

  it('turns a repository mismatch with the declared repository into an invalid verdict', async () => {
    server.route({ method: 'GET', path: PLAYWRIGHT_PATH, reply: { json: JSON.parse(await readFixture('sigstore/playwright-cli-0.1.1.attestations.json')) } });
    const verdict = await sourceFor({ repository: 'https://github.com/someone/else' }).provenance(PLAYWRIGHT_CLI, PLAYWRIGHT_CLI_INTEGRITY);
    expect(verdict.status === 'invalid' && verdict.reason.startsWith('repository-mismatch:')).toBe(true);
    server.assertDone();
  });

  it('throws SERVER_ERROR after retrying a 5xx', async () => {
    server.route({ method: 'GET', path: PLAYWRIGHT_PATH, reply: { status: 503, raw: 'unavailable' }, times: 2 });
    await expect(sourceFor().provenance(PLAYWRIGHT_CLI, PLAYWRIGHT_CLI_INTEGRITY)).rejects.toMatchObject({ name: 'UpstreamError', code: 'SERVER_ERROR' });
    server.assertDone();
  });

  it('throws BAD_RESPONSE for a body that is not JSON', async () => {
    server.route({ method: 'GET', path: PLAYWRIGHT_PATH, reply: { raw: '{"attestations": [' } });
    await expect(sourceFor().provenance(PLAYWRIGHT_CLI, PLAYWRIGHT_CLI_INTEGRITY)).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    server.assertDone();
  });

  it('throws BAD_RESPONSE for JSON without an attestations list', async () => {
    server.route({ method: 'GET', path: PLAYWRIGHT_PATH, reply: { json: { error: 'something else' } } });
    const failure = await sourceFor().provenance(PLAYWRIGHT_CLI, PLAYWRIGHT_CLI_INTEGRITY).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect((failure as UpstreamError).code).toBe('BAD_RESPONSE');
    server.assertDone();
  });

  it('throws BAD_RESPONSE for an entry without a predicate type', async () => {
    server.route({ method: 'GET', path: PLAYWRIGHT_PATH, reply: { json: { attestations: [{ bundle: {} }] } } });
    await expect(sourceFor().provenance(PLAYWRIGHT_CLI, PLAYWRIGHT_CLI_INTEGRITY)).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    server.assertDone();
  });

  it('judges a well-formed answer with a broken bundle instead of throwing', async () => {
    server.route({ method: 'GET', path: PLAYWRIGHT_PATH, reply: { json: { attestations: [{ predicateType: 'https://slsa.dev/provenance/v1', bundle: { mediaType: 'x' } }] } } });
    const verdict = await sourceFor().provenance(PLAYWRIGHT_CLI, PLAYWRIGHT_CLI_INTEGRITY);
    expect(verdict.status === 'invalid' && verdict.reason.startsWith('malformed:')).toBe(true);
    server.assertDone();
  });
});
