import type { Verifier } from '@sigstore/verify';
import { compileGlob } from '../../core/policy/glob.js';
import { certificateIdentity, checkCertificateIdentity } from './certificate-identity.js';
import { InvalidProvenance, type InvalidProvenanceCode } from './invalid.js';
import { normaliseRepositoryUrl } from './repository-url.js';
import { readBuildSource, readStatement, SLSA_PROVENANCE_V02, SLSA_PROVENANCE_V1 } from './statement.js';
import { verifyDsseBundle } from './verify-bundle.js';

/** What a release asset's provenance must say. */
export interface ReleaseAssetExpectation {
  /** Lower-case hex sha256 of the asset's bytes. */
  readonly sha256: string;
  /** The release's repository, `https://github.com/owner/repo`. */
  readonly repository: string;
  /** The release's tag, e.g. `v1.2.0`: the provenance must name `refs/tags/v1.2.0`. */
  readonly tag: string;
  /** Allowed signer workflows (globs over `host/owner/repo/path`, no scheme, no `@ref`); empty: any workflow of `repository`. */
  readonly builders: readonly string[];
}

export type ReleaseProvenanceVerdict =
  | { readonly status: 'verified'; readonly signer: string; readonly workflow: string | undefined }
  | { readonly status: 'invalid'; readonly code: InvalidProvenanceCode; readonly reason: string }
  | { readonly status: 'absent' };

const PROVENANCE_TYPES = new Set([SLSA_PROVENANCE_V1, SLSA_PROVENANCE_V02]);

/**
 * Judges the attestations GitHub lists for one release asset's digest, as
 * `gh attestation verify` does: the asset has provenance when at least one
 * SLSA provenance bundle verifies (Sigstore signature, certificate chain,
 * transparency log) and binds to it — a subject with the asset's sha256, the
 * release's repository and tag as the build source, a signing certificate
 * issued to that workflow, and a signer the policy allows. Attestations of
 * other predicate types (an SBOM attestation) are ignored. Bundles are
 * untrusted input: every failure is a verdict, never an exception.
 * @returns `absent` when no provenance attestation is listed; otherwise the first verified one, or the first failure.
 */
export function verifyReleaseProvenance(bundles: readonly unknown[], expected: ReleaseAssetExpectation, verifier: Verifier): ReleaseProvenanceVerdict {
  let failure: ReleaseProvenanceVerdict | undefined;
  for (const bundle of bundles) {
    try {
      const verified = verifyOne(bundle, expected, verifier);
      if (verified) return verified;
    } catch (error) {
      if (!(error instanceof InvalidProvenance)) throw error;
      failure ??= { status: 'invalid', code: error.code, reason: error.message };
    }
  }
  return failure ?? { status: 'absent' };
}

/** @returns `undefined` for an attestation that is not SLSA provenance. */
function verifyOne(bundle: unknown, expected: ReleaseAssetExpectation, verifier: Verifier): ReleaseProvenanceVerdict | undefined {
  const envelope = verifyDsseBundle(bundle, verifier);
  const statement = readStatement(envelope.payloadType, envelope.payload);
  if (!PROVENANCE_TYPES.has(statement.predicateType)) return undefined;
  if (!statement.subjects.some((s) => s.sha256 === expected.sha256)) {
    const attested = statement.subjects.map((s) => `${s.name} sha256:${s.sha256 ?? '(none)'}`).join(', ');
    throw new InvalidProvenance('digest-mismatch', `the provenance is about ${attested}, not the asset's sha256:${expected.sha256}`);
  }
  const source = readBuildSource(statement);
  const repository = normaliseRepositoryUrl(expected.repository);
  if (source.repository !== repository) throw new InvalidProvenance('repository-mismatch', `the provenance names ${source.repository}, the release is in ${expected.repository}`);
  const tagRef = `refs/tags/${expected.tag}`;
  if (source.ref !== tagRef) throw new InvalidProvenance('ref-mismatch', `the provenance was built from ${source.ref ?? '(no ref)'}, the release is ${tagRef}`);
  const identity = certificateIdentity(envelope.signer);
  checkCertificateIdentity(identity, source);
  const signer = signerWorkflow(identity.subjectAlternativeName ?? '');
  if (!allowedSigner(signer, repository, expected.builders)) {
    const allowed = expected.builders.length === 0 ? `a workflow of ${expected.repository}` : expected.builders.join(', ');
    throw new InvalidProvenance('builder', `signed by ${signer}, not ${allowed}`);
  }
  return { status: 'verified', signer, workflow: source.workflowPath };
}

/** `https://github.com/o/r/.github/workflows/x.yml@refs/tags/v1` → `github.com/o/r/.github/workflows/x.yml` (lower-case: GitHub names ignore case). */
export function signerWorkflow(san: string): string {
  const withoutScheme = san.replace(/^[a-z]+:\/\//iu, '');
  const at = withoutScheme.indexOf('@');
  return (at === -1 ? withoutScheme : withoutScheme.slice(0, at)).toLowerCase();
}

function allowedSigner(signer: string, repository: string | undefined, builders: readonly string[]): boolean {
  if (builders.length === 0) return repository !== undefined && signer.startsWith(`${repository.replace(/^[a-z]+:\/\//iu, '')}/`);
  return builders.some((pattern) => compileGlob(pattern.toLowerCase())(signer));
}
