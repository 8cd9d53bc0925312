import { UpstreamError } from '../../core/errors.js';

/** One entry of npm's `GET /-/npm/v1/attestations/{name}@{version}` answer. */
export interface NpmAttestation {
  readonly predicateType: string;
  /** A Sigstore bundle in its JSON form: untrusted until verified. */
  readonly bundle: unknown;
}

/**
 * Shapes the registry's answer, `{ "attestations": [ { "predicateType", "bundle" } ] }` (the shape pacote
 * reads in `lib/registry.js` and npm's own fixtures carry). A broken envelope means the service did not
 * answer usefully; a broken bundle inside a well-formed answer is left for verification to judge.
 * @throws {UpstreamError} BAD_RESPONSE.
 */
export function toAttestations(body: unknown, service: string, url: string): NpmAttestation[] {
  const attestations = isRecord(body) ? body['attestations'] : undefined;
  if (!Array.isArray(attestations)) throw new UpstreamError('BAD_RESPONSE', service, `${url} answered without an attestations list`);
  return attestations.map((entry, index) => {
    if (!isRecord(entry) || typeof entry['predicateType'] !== 'string' || !('bundle' in entry)) {
      throw new UpstreamError('BAD_RESPONSE', service, `${url}: attestation ${index} has no predicateType or bundle`);
    }
    return { predicateType: entry['predicateType'], bundle: entry['bundle'] };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
