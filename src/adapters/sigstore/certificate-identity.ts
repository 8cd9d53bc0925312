import type { Signer } from '@sigstore/verify';
import { InvalidProvenance } from './invalid.js';
import { normaliseRepositoryUrl } from './repository-url.js';
import type { BuildSource } from './statement.js';

const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';

/** Fulcio certificate extensions (https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md). */
const OID = {
  /** Legacy (raw bytes): `owner/repo` of a GitHub workflow. */
  githubWorkflowRepository: '1.3.6.1.4.1.57264.1.5',
  /** DER UTF8String: `https://github.com/owner/repo`. */
  sourceRepositoryUri: '1.3.6.1.4.1.57264.1.12',
  /** DER UTF8String: the top-level workflow, `https://github.com/o/r/.github/workflows/x.yml@refs/tags/v1`. */
  buildConfigUri: '1.3.6.1.4.1.57264.1.18',
} as const;

/** Identity facts of a verified signing certificate. */
export interface CertificateIdentity {
  readonly subjectAlternativeName: string | undefined;
  readonly issuer: string | undefined;
  readonly sourceRepository: string | undefined;
  readonly buildConfig: string | undefined;
}

/** Reads the identity `@sigstore/verify` extracted from a verified certificate. */
export function certificateIdentity(signer: Signer): CertificateIdentity {
  const identity = signer.identity;
  const extension = (oid: string): string | undefined => {
    const found = identity?.oids?.find((pair) => pair.oid?.id.join('.') === oid);
    return found ? decodeExtension(Buffer.from(found.value)) : undefined;
  };
  const legacyRepository = extension(OID.githubWorkflowRepository);
  return {
    subjectAlternativeName: identity?.subjectAlternativeName,
    issuer: identity?.extensions?.issuer,
    sourceRepository: extension(OID.sourceRepositoryUri) ?? (legacyRepository ? `https://github.com/${legacyRepository}` : undefined),
    buildConfig: extension(OID.buildConfigUri),
  };
}

/**
 * The certificate must have been issued to the build the provenance describes: same source repository, and
 * for GitHub Actions the GitHub OIDC issuer and the same workflow file at the same ref, named either by the
 * SAN (the workflow that signed) or by the build-config extension (the top-level workflow, when a reusable
 * workflow signed).
 * @throws {InvalidProvenance} identity.
 */
export function checkCertificateIdentity(identity: CertificateIdentity, source: BuildSource): void {
  const san = identity.subjectAlternativeName;
  if (!san) throw new InvalidProvenance('identity', 'the signing certificate has no subject alternative name');
  if (identity.sourceRepository !== undefined && normaliseRepositoryUrl(identity.sourceRepository) !== source.repository) {
    throw new InvalidProvenance('identity', `the certificate was issued for ${identity.sourceRepository}, the provenance names ${source.repository}`);
  }
  const repositoryPrefix = `${source.repository.toLowerCase()}/`;
  if (new URL(source.repository).hostname !== 'github.com') {
    if (!san.toLowerCase().startsWith(repositoryPrefix) && identity.sourceRepository === undefined) {
      throw new InvalidProvenance('identity', `certificate identity ${san} is not a build of ${source.repository}`);
    }
    return;
  }
  if (identity.issuer !== GITHUB_ACTIONS_ISSUER) {
    throw new InvalidProvenance('identity', `certificate issuer ${identity.issuer ?? '(none)'} is not GitHub Actions (${GITHUB_ACTIONS_ISSUER})`);
  }
  if (source.workflowPath === undefined || source.ref === undefined) {
    if (!san.toLowerCase().startsWith(repositoryPrefix)) throw new InvalidProvenance('identity', `certificate identity ${san} is not a workflow of ${source.repository}`);
    return;
  }
  const expected = `${source.repository}/${source.workflowPath}@${source.ref}`.toLowerCase();
  if (san.toLowerCase() === expected || identity.buildConfig?.toLowerCase() === expected) return;
  throw new InvalidProvenance('identity', `certificate identity ${san} is not the workflow the provenance names (${source.repository}/${source.workflowPath}@${source.ref})`);
}

/** Fulcio's newer extensions are DER UTF8Strings; the legacy ones are the raw text. */
function decodeExtension(value: Buffer): string {
  if (value[0] !== 0x0c || value.length < 2) return value.toString('utf8');
  const first = value[1]!;
  if (first < 0x80) return value.subarray(2, 2 + first).toString('utf8');
  const octets = first & 0x7f;
  if (octets < 1 || octets > 2 || value.length < 2 + octets) return value.toString('utf8');
  const length = octets === 1 ? value[2]! : value.readUInt16BE(2);
  return value.subarray(2 + octets, 2 + octets + length).toString('utf8');
}
