import { bundleFromJSON } from '@sigstore/bundle';
import { PolicyError, toSignedEntity, VerificationError, Verifier, type Signer } from '@sigstore/verify';
import { InvalidProvenance, type InvalidProvenanceCode } from './invalid.js';

/** A bundle whose signature, certificate chain, transparency log entry and timestamps verified. */
export interface VerifiedEnvelope {
  readonly payloadType: string;
  readonly payload: Buffer;
  readonly signer: Signer;
}

const CODES: Readonly<Record<string, InvalidProvenanceCode>> = {
  SIGNATURE_ERROR: 'signature',
  CERTIFICATE_ERROR: 'certificate',
  PUBLIC_KEY_ERROR: 'public-key',
  TIMESTAMP_ERROR: 'timestamp',
  TLOG_ERROR: 'tlog',
  TLOG_INCLUSION_PROOF_ERROR: 'tlog',
  TLOG_INCLUSION_PROMISE_ERROR: 'tlog',
  TLOG_MISSING_INCLUSION_ERROR: 'tlog',
  TLOG_BODY_ERROR: 'tlog',
};

/**
 * Verifies a Sigstore bundle holding a DSSE envelope signed with a Fulcio certificate:
 * the certificate chains to a CA of the trusted root valid at the time the transparency log
 * recorded (and carries an SCT from a trusted CT log), the log entry's promise or inclusion proof
 * verifies against a trusted Rekor key and matches the envelope, and the signature over the DSSE
 * pre-authentication encoding verifies with the certificate's key. All of it is `@sigstore/verify`.
 * @throws {InvalidProvenance} malformed, signature, certificate, public-key, timestamp, tlog.
 */
export function verifyDsseBundle(json: unknown, verifier: Verifier): VerifiedEnvelope {
  let bundle: ReturnType<typeof bundleFromJSON>;
  try {
    bundle = bundleFromJSON(json);
  } catch (error) {
    throw new InvalidProvenance('malformed', `not a Sigstore bundle (${messageOf(error)})`, { cause: error });
  }
  if (bundle.content.$case !== 'dsseEnvelope') throw new InvalidProvenance('malformed', 'the bundle holds no DSSE envelope');
  const material = bundle.verificationMaterial.content.$case;
  if (material !== 'certificate' && material !== 'x509CertificateChain') {
    throw new InvalidProvenance('certificate', 'the bundle is signed with a bare key, not a Fulcio certificate');
  }
  let signer: Signer;
  try {
    signer = verifier.verify(toSignedEntity(bundle));
  } catch (error) {
    if (error instanceof VerificationError) throw new InvalidProvenance(CODES[error.code] ?? 'signature', error.message, { cause: error });
    if (error instanceof PolicyError) throw new InvalidProvenance('identity', error.message, { cause: error });
    // Certificates and keys that cannot even be parsed surface as plain errors from @sigstore/core.
    throw new InvalidProvenance('malformed', messageOf(error), { cause: error });
  }
  const envelope = bundle.content.dsseEnvelope;
  return { payloadType: envelope.payloadType, payload: Buffer.from(envelope.payload), signer };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
