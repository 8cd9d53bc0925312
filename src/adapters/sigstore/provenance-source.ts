import { Verifier, type TrustMaterial } from '@sigstore/verify';
import type { PackageRef, ProvenanceVerdict } from '../../core/facts.js';
import type { ProvenanceSource } from '../../core/ports.js';
import type { HttpClient } from '../http/index.js';
import { toAttestations, type NpmAttestation } from './attestations-response.js';
import { certificateIdentity, checkCertificateIdentity } from './certificate-identity.js';
import { InvalidProvenance } from './invalid.js';
import { normaliseRepositoryUrl } from './repository-url.js';
import { checkSubject, readBuildSource, readStatement, SLSA_PROVENANCE_V02, SLSA_PROVENANCE_V1 } from './statement.js';
import { verifyDsseBundle } from './verify-bundle.js';

export interface NpmProvenanceOptions {
  readonly http: HttpClient;
  /** The Sigstore trust root, from {@link loadTrustMaterial} (shipped public-good root or a supplied `trusted_root.json`). */
  readonly trustMaterial: TrustMaterial;
  /** Registry base URL; default https://registry.npmjs.org. */
  readonly registry?: string;
  /** How long an attestations answer is cached (7 days): a published version's attestations do not change. */
  readonly cacheTtlMs?: number;
  /**
   * The repository the package declares (`repository` of its packument), which the provenance must name.
   * Without it, only the provenance's own consistency is checked.
   */
  readonly repositoryOf?: (ref: PackageRef) => Promise<string | undefined> | string | undefined;
  /**
   * Whether the registry records this version as published by an OIDC trusted publisher. Neither the SLSA
   * provenance nor npm's publish attestation (predicate: name, version, registry) nor the Fulcio certificate
   * tells a trusted-publisher publish from `npm publish --provenance` with a token: the registry says so in the
   * packument (`_npmUser.trustedPublisher`, which pnpm's trust policy reads). When this answers true for a
   * version whose provenance verifies, the verdict's trust is `trusted-publisher`; otherwise `provenance`.
   */
  readonly isTrustedPublisher?: (ref: PackageRef) => Promise<boolean> | boolean;
}

const SERVICE = 'npm attestations';
const PROVENANCE_TYPES = new Set([SLSA_PROVENANCE_V1, SLSA_PROVENANCE_V02]);

/**
 * npm provenance: `GET {registry}/-/npm/v1/attestations/{name}@{version}`, the SLSA provenance bundle
 * verified offline with `@sigstore/verify` against the given trust root, then bound to the package:
 * subject `pkg:npm/name@version` with the lockfile's sha512, the source repository and workflow the
 * predicate names matching the signing certificate, and the package's declared repository.
 * A bundle that fails any check is an `invalid` verdict, never an exception.
 */
export class NpmProvenanceSource implements ProvenanceSource {
  readonly name = 'npm-provenance';
  readonly #http: HttpClient;
  readonly #verifier: Verifier;
  readonly #registry: string;
  readonly #ttl: number;
  readonly #repositoryOf: NpmProvenanceOptions['repositoryOf'];
  readonly #isTrustedPublisher: NpmProvenanceOptions['isTrustedPublisher'];

  constructor(options: NpmProvenanceOptions) {
    this.#http = options.http;
    this.#verifier = new Verifier(options.trustMaterial);
    this.#registry = (options.registry ?? 'https://registry.npmjs.org').replace(/\/+$/, '');
    this.#ttl = options.cacheTtlMs ?? 7 * 24 * 60 * 60 * 1000;
    this.#repositoryOf = options.repositoryOf;
    this.#isTrustedPublisher = options.isTrustedPublisher;
  }

  /** @throws {UpstreamError} when the attestation service cannot answer. */
  async provenance(ref: PackageRef, integrity: string | undefined): Promise<ProvenanceVerdict> {
    if (ref.ecosystem !== 'npm') return { status: 'absent' };
    const attestations = await this.attestations(ref);
    if (attestations === undefined) return { status: 'absent' };
    const expectedRepository = await this.#repositoryOf?.(ref);
    return this.verifyAttestations(ref, integrity, attestations, expectedRepository);
  }

  /**
   * The registry's attestations for one version.
   * @returns `undefined` when the registry has none (404).
   * @throws {UpstreamError} when the service cannot answer.
   */
  async attestations(ref: PackageRef): Promise<NpmAttestation[] | undefined> {
    const url = attestationsUrl(this.#registry, ref.name, ref.version);
    const response = await this.#http.getJson(url, { service: SERVICE, acceptStatus: [404], cacheTtlMs: this.#ttl });
    if (response.status === 404) return undefined;
    return toAttestations(response.body, SERVICE, url);
  }

  /**
   * Judges the attestations of one version (already fetched). Every provenance attestation among them must
   * verify; the verdict names the first one's repository and workflow.
   */
  async verifyAttestations(ref: PackageRef, integrity: string | undefined, attestations: readonly NpmAttestation[], expectedRepository?: string): Promise<ProvenanceVerdict> {
    const provenance = attestations.filter((a) => PROVENANCE_TYPES.has(a.predicateType));
    if (provenance.length === 0) return { status: 'absent' };
    const sources: { repository: string; workflow: string | undefined }[] = [];
    for (const attestation of provenance) {
      try {
        sources.push(this.#verifyOne(ref, integrity, attestation, expectedRepository));
      } catch (error) {
        if (error instanceof InvalidProvenance) return { status: 'invalid', reason: error.message };
        throw error;
      }
    }
    const [first] = sources as [{ repository: string; workflow: string | undefined }];
    const trusted = (await this.#isTrustedPublisher?.(ref)) === true;
    return { status: 'verified', repository: first.repository, workflow: first.workflow, trust: trusted ? 'trusted-publisher' : 'provenance' };
  }

  #verifyOne(ref: PackageRef, integrity: string | undefined, attestation: NpmAttestation, expectedRepository: string | undefined): { repository: string; workflow: string | undefined } {
    const envelope = verifyDsseBundle(attestation.bundle, this.#verifier);
    const statement = readStatement(envelope.payloadType, envelope.payload);
    if (statement.predicateType !== attestation.predicateType) {
      throw new InvalidProvenance('malformed', `the registry lists the bundle as ${attestation.predicateType}, its statement says ${statement.predicateType}`);
    }
    checkSubject(statement, ref.name, ref.version, integrity);
    const source = readBuildSource(statement);
    checkCertificateIdentity(certificateIdentity(envelope.signer), source);
    if (expectedRepository !== undefined && expectedRepository.trim() !== '') {
      const expected = normaliseRepositoryUrl(expectedRepository);
      if (expected !== source.repository) {
        throw new InvalidProvenance('repository-mismatch', `the provenance names ${source.repository}, the package declares ${expectedRepository}`);
      }
    }
    return { repository: source.repository, workflow: source.workflowPath };
  }
}

/** `{registry}/-/npm/v1/attestations/@scope%2fname@1.2.3`, escaped as npm escapes package names. */
export function attestationsUrl(registry: string, name: string, version: string): string {
  const escapedName = name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
  return `${registry.replace(/\/+$/, '')}/-/npm/v1/attestations/${escapedName.replace(/%2F/g, '%2f')}@${encodeURIComponent(version)}`;
}
