import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { initializeCA, initializeCTLog, initializeTLog } from '@sigstore/mock';

/**
 * A private Sigstore built from @sigstore/mock's CA, CT log and Rekor: bundles made here really
 * verify with @sigstore/verify against {@link MockSigstore.trustedRoot}, and nothing else does.
 */

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

export interface MockSigstore {
  /** `trusted_root.json` (JSON form) naming this CA, CT log and Rekor. */
  readonly trustedRoot: Record<string, unknown>;
  /** Signs `statement` as a GitHub Actions workflow would and returns the Sigstore bundle (JSON). */
  bundle(statement: unknown, identity: SigningIdentity, tamper?: Tamper): Promise<Record<string, unknown>>;
}

export interface SigningIdentity {
  /** The certificate's SAN URI: the workflow that signed. */
  readonly san: string;
  readonly issuer?: string;
  /** Fulcio extension 1.12, `https://github.com/o/r`. */
  readonly sourceRepository?: string;
  /** Fulcio extension 1.18, the top-level workflow. */
  readonly buildConfig?: string;
}

export interface Tamper {
  /** Sign with another key than the certificate's. */
  readonly wrongKey?: boolean;
  /** Change the payload after signing and logging. */
  readonly payload?: (text: string) => string;
}

export async function createMockSigstore(): Promise<MockSigstore> {
  // The mock's root certificate is valid from the real now; everything signed later is stamped a little after.
  const clock = new Date(Date.now() + 2000);
  const ctLog = await initializeCTLog(ecKeyPair(), clock);
  const ca = await initializeCA(ecKeyPair('secp384r1'), ctLog, clock);
  const tlog = await initializeTLog('https://rekor.sigstore.dev', ecKeyPair(), clock);
  const since = { start: '2020-01-01T00:00:00Z' };

  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      {
        baseUrl: 'https://rekor.sigstore.dev',
        hashAlgorithm: 'SHA2_256',
        publicKey: { rawBytes: tlog.publicKey.toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: since },
        logId: { keyId: createHash('sha256').update(tlog.publicKey).digest('base64') },
      },
    ],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: 'https://fulcio.sigstore.dev',
        certChain: { certificates: [{ rawBytes: bytes(ca.rootCertificate).toString('base64') }] },
        validFor: since,
      },
    ],
    ctlogs: [
      {
        baseUrl: 'https://ctfe.sigstore.dev/test',
        hashAlgorithm: 'SHA2_256',
        publicKey: { rawBytes: ctLog.publicKey.toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: since },
        logId: { keyId: bytes(ctLog.logID).toString('base64') },
      },
    ],
    timestampAuthorities: [],
  };

  async function bundle(statement: unknown, identity: SigningIdentity, tamper: Tamper = {}): Promise<Record<string, unknown>> {
    const signingKey = ecKeyPair();
    const issuer = identity.issuer ?? GITHUB_ISSUER;
    const extensions = [
      { oid: '1.3.6.1.4.1.57264.1.1', value: issuer, legacy: true },
      { oid: '1.3.6.1.4.1.57264.1.8', value: issuer },
      ...(identity.sourceRepository ? [{ oid: '1.3.6.1.4.1.57264.1.12', value: identity.sourceRepository }] : []),
      ...(identity.buildConfig ? [{ oid: '1.3.6.1.4.1.57264.1.18', value: identity.buildConfig }] : []),
    ];
    const certificate = bytes(
      await ca.issueCertificate({ publicKey: signingKey.publicKey.export({ format: 'der', type: 'spki' }), subjectAltName: identity.san, extensions }),
    );
    const payloadType = 'application/vnd.in-toto+json';
    const payload = Buffer.from(JSON.stringify(statement));
    const signer = tamper.wrongKey ? ecKeyPair().privateKey : signingKey.privateKey;
    const signature = sign('sha256', preAuthEncoding(payloadType, payload), signer);
    const envelope = { payloadType, payload: payload.toString('base64'), signatures: [{ sig: signature.toString('base64'), keyid: '' }] };

    const pem = `-----BEGIN CERTIFICATE-----\n${certificate.toString('base64')}\n-----END CERTIFICATE-----\n`;
    const proposed = {
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        envelopeHash: { algorithm: 'sha256', value: createHash('sha256').update(JSON.stringify(envelope)).digest('hex') },
        payloadHash: { algorithm: 'sha256', value: createHash('sha256').update(payload).digest('hex') },
        signatures: [{ signature: signature.toString('base64'), verifier: Buffer.from(pem).toString('base64') }],
      },
    };
    const logged = Object.values(await tlog.log(proposed))[0] as {
      body: string;
      integratedTime: number;
      logID: string;
      logIndex: number;
      verification: { signedEntryTimestamp: string };
    };
    const finalPayload = tamper.payload ? Buffer.from(tamper.payload(payload.toString('utf8'))) : payload;
    return {
      mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
      verificationMaterial: {
        x509CertificateChain: { certificates: [{ rawBytes: certificate.toString('base64') }] },
        tlogEntries: [
          {
            logIndex: String(logged.logIndex),
            logId: { keyId: Buffer.from(logged.logID, 'hex').toString('base64') },
            kindVersion: { kind: 'dsse', version: '0.0.1' },
            integratedTime: String(logged.integratedTime),
            inclusionPromise: { signedEntryTimestamp: logged.verification.signedEntryTimestamp },
            canonicalizedBody: logged.body,
          },
        ],
        timestampVerificationData: { rfc3161Timestamps: [] },
      },
      dsseEnvelope: { ...envelope, payload: finalPayload.toString('base64') },
    };
  }

  return { trustedRoot, bundle };
}

/** An npm-CLI-shaped SLSA v1 provenance statement for `name@version` built by `repository`'s `workflowPath` at `ref`. */
export function slsaV1Statement(options: { name: string; version: string; sha512: string; repository: string; workflowPath: string; ref: string }): unknown {
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: `pkg:npm/${options.name.replace(/^@/, '%40')}@${options.version}`, digest: { sha512: options.sha512 } }],
    predicateType: 'https://slsa.dev/provenance/v1',
    predicate: {
      buildDefinition: {
        buildType: 'https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1',
        externalParameters: { workflow: { ref: options.ref, repository: options.repository, path: options.workflowPath } },
        internalParameters: { github: { event_name: 'push', repository_id: '1', repository_owner_id: '2' } },
        resolvedDependencies: [{ uri: `git+${options.repository}@${options.ref}`, digest: { gitCommit: 'a'.repeat(40) } }],
      },
      runDetails: { builder: { id: 'https://github.com/actions/runner/github-hosted' }, metadata: { invocationId: `${options.repository}/actions/runs/1/attempts/1` } },
    },
  };
}

/**
 * A SLSA v1 provenance statement as actions/attest-build-provenance writes it for a release asset:
 * the file name and its sha256 as subject, the GitHub Actions workflow build type.
 */
export function releaseAssetStatement(options: { name: string; sha256: string; repository: string; workflowPath: string; ref: string; commit?: string }): unknown {
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: options.name, digest: { sha256: options.sha256 } }],
    predicateType: 'https://slsa.dev/provenance/v1',
    predicate: {
      buildDefinition: {
        buildType: 'https://actions.github.io/buildtypes/workflow/v1',
        externalParameters: { workflow: { ref: options.ref, repository: options.repository, path: options.workflowPath } },
        internalParameters: { github: { event_name: 'push', repository_id: '1', repository_owner_id: '2', runner_environment: 'github-hosted' } },
        resolvedDependencies: [{ uri: `git+${options.repository}@${options.ref}`, digest: { gitCommit: options.commit ?? 'a'.repeat(40) } }],
      },
      runDetails: { builder: { id: `${options.repository}/${options.workflowPath}@${options.ref}` }, metadata: { invocationId: `${options.repository}/actions/runs/1/attempts/1` } },
    },
  };
}

/** An npm-CLI-shaped SLSA v0.2 provenance statement (npm 9.5 to 10). */
export function slsaV02Statement(options: { name: string; version: string; sha512: string; repository: string; workflowPath: string; ref: string }): unknown {
  return {
    _type: 'https://in-toto.io/Statement/v0.1',
    subject: [{ name: `pkg:npm/${options.name}@${options.version}`, digest: { sha512: options.sha512 } }],
    predicateType: 'https://slsa.dev/provenance/v0.2',
    predicate: {
      buildType: 'https://github.com/npm/cli/gha/v2',
      builder: { id: 'https://github.com/actions/runner' },
      invocation: { configSource: { uri: `git+${options.repository}@${options.ref}`, digest: { sha1: 'a'.repeat(40) }, entryPoint: options.workflowPath }, parameters: {}, environment: {} },
      metadata: { buildInvocationId: '1-1', completeness: { parameters: false, environment: false, materials: false }, reproducible: false },
      materials: [{ uri: `git+${options.repository}@${options.ref}`, digest: { sha1: 'a'.repeat(40) } }],
    },
  };
}

function preAuthEncoding(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType);
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

function ecKeyPair(namedCurve = 'prime256v1'): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve });
}

function bytes(view: ArrayBufferView): Buffer {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}
