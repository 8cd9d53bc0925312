/**
 * Why a provenance bundle was judged invalid. The verdict's `reason` starts
 * with the code and a colon (`digest-mismatch: …`), so callers and tests can
 * tell the kinds apart without reading the prose.
 */
export type InvalidProvenanceCode =
  /** The bundle or its DSSE payload is not what the format says. */
  | 'malformed'
  /** The signature does not verify with the signing certificate's key. */
  | 'signature'
  /** The certificate does not chain to a trusted Fulcio CA, was not valid at signing time, or lacks its SCT. */
  | 'certificate'
  /** The transparency log entry is missing, does not verify, or does not match the bundle. */
  | 'tlog'
  /** No trusted time of signing. */
  | 'timestamp'
  /** A key hint the trusted root does not know. */
  | 'public-key'
  /** The certificate's identity (SAN, issuer) is not the workflow the provenance names. */
  | 'identity'
  /** The statement is about another package or version. */
  | 'subject'
  /** The statement's sha512 is not the package's integrity. */
  | 'digest-mismatch'
  /** The provenance names another source repository than the package declares. */
  | 'repository-mismatch'
  /** The provenance names another git ref than the release's tag. */
  | 'ref-mismatch'
  /** The signer workflow is not one the policy allows to build release assets. */
  | 'builder'
  /** A build type whose source repository chaingate cannot read. */
  | 'unsupported';

/** Thrown inside the adapter only; {@link NpmProvenanceSource} turns it into an `invalid` verdict. */
export class InvalidProvenance extends Error {
  override readonly name = 'InvalidProvenance';
  constructor(
    readonly code: InvalidProvenanceCode,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${detail}`, options);
  }
}

/** The code at the start of an `invalid` verdict's reason, if it has one. */
export function invalidReasonCode(reason: string): InvalidProvenanceCode | undefined {
  const code = /^([a-z-]+):/.exec(reason)?.[1];
  return code !== undefined && INVALID_CODES.has(code) ? (code as InvalidProvenanceCode) : undefined;
}

const INVALID_CODES = new Set<string>([
  'malformed',
  'signature',
  'certificate',
  'tlog',
  'timestamp',
  'public-key',
  'identity',
  'subject',
  'digest-mismatch',
  'repository-mismatch',
  'ref-mismatch',
  'builder',
  'unsupported',
]);
