import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { toTrustMaterial, type TrustMaterial } from '@sigstore/verify';
import { ConfigError } from '../../core/errors.js';

/** The protobuf `TrustedRoot` that `toTrustMaterial` takes, named without importing @sigstore/protobuf-specs. */
type TrustedRoot = Parameters<typeof toTrustMaterial>[0];
type LogInstance = TrustedRoot['tlogs'][number];
type Authority = TrustedRoot['certificateAuthorities'][number];

/**
 * The Sigstore public-good trusted root shipped with chaingate (see data/sigstore/README.md).
 * Read as a file beside the package, so nothing is fetched: no TUF refresh happens.
 */
export const DEFAULT_TRUSTED_ROOT_PATH = fileURLToPath(new URL('../../../data/sigstore/trusted_root.json', import.meta.url));

const MAX_TRUSTED_ROOT_BYTES = 1024 * 1024;
const MEDIA_TYPE_PREFIX = 'application/vnd.dev.sigstore.trustedroot';

/** `PublicKeyDetails` values (sigstore protobuf-specs) that change how a log key is read: PKCS#1 RSA keys. */
const KEY_DETAILS: Readonly<Record<string, number>> = {
  PKCS1_RSA_PKCS1V5: 1,
  PKIX_RSA_PKCS1V5: 3,
  PKIX_ECDSA_P256_SHA_256: 5,
  PKIX_ED25519: 7,
  PKIX_RSA_PKCS1V15_2048_SHA256: 9,
  PKIX_RSA_PKCS1V15_3072_SHA256: 10,
  PKIX_RSA_PKCS1V15_4096_SHA256: 11,
  PKIX_ECDSA_P384_SHA_384: 12,
  PKIX_ECDSA_P521_SHA_512: 13,
};

/**
 * Reads a `trusted_root.json` (Sigstore's TrustedRoot, JSON form) from disk: the shipped
 * public-good root by default, or one the user supplies (a private Sigstore deployment, a fresher root).
 * @throws {ConfigError} NOT_FOUND when the file cannot be read, TOO_LARGE over 1 MiB, MALFORMED when it is no trusted root.
 */
export async function loadTrustMaterial(path: string = DEFAULT_TRUSTED_ROOT_PATH): Promise<TrustMaterial> {
  let text: string;
  try {
    const { size } = await stat(path);
    if (size > MAX_TRUSTED_ROOT_BYTES) throw new ConfigError('TOO_LARGE', path, `a trusted root is at most 1 MiB; this file has ${size} bytes`);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('NOT_FOUND', path, 'cannot read the Sigstore trusted root', { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('MALFORMED', path, 'the Sigstore trusted root is not JSON', { cause: error });
  }
  return trustMaterialFromJson(json, path);
}

/**
 * Turns a parsed `trusted_root.json` into the trust material `@sigstore/verify` checks against.
 * @param file named in errors.
 * @throws {ConfigError} MALFORMED when a field is missing or a key or certificate cannot be read.
 */
export function trustMaterialFromJson(json: unknown, file: string): TrustMaterial {
  const malformed = (reason: string, cause?: unknown) => new ConfigError('MALFORMED', file, `not a Sigstore trusted root: ${reason}`, { cause });
  if (!isRecord(json)) throw malformed('expected a JSON object');
  if (typeof json['mediaType'] !== 'string' || !json['mediaType'].startsWith(MEDIA_TYPE_PREFIX)) {
    throw malformed(`mediaType must start with ${MEDIA_TYPE_PREFIX}`);
  }
  const root: TrustedRoot = {
    mediaType: json['mediaType'],
    tlogs: listOf(json, 'tlogs', (entry, at) => toLogInstance(entry, at), malformed),
    ctlogs: listOf(json, 'ctlogs', (entry, at) => toLogInstance(entry, at), malformed),
    certificateAuthorities: listOf(json, 'certificateAuthorities', (entry, at) => toAuthority(entry, at), malformed),
    timestampAuthorities: listOf(json, 'timestampAuthorities', (entry, at) => toAuthority(entry, at), malformed),
  };
  if (root.tlogs.length === 0 || root.certificateAuthorities.length === 0) throw malformed('it names no transparency log or no certificate authority');
  try {
    return toTrustMaterial(root);
  } catch (error) {
    throw malformed(`a key or certificate cannot be read (${error instanceof Error ? error.message : String(error)})`, error);
  }
}

function listOf<T>(json: Record<string, unknown>, key: string, convert: (entry: unknown, at: string) => T, malformed: (reason: string) => ConfigError): T[] {
  const value = json[key] ?? [];
  if (!Array.isArray(value)) throw malformed(`${key} must be a list`);
  return value.map((entry, index) => {
    try {
      return convert(entry, `${key}[${index}]`);
    } catch (error) {
      if (error instanceof FieldError) throw malformed(error.message);
      throw error;
    }
  });
}

class FieldError extends Error {}

function toLogInstance(entry: unknown, at: string): LogInstance {
  if (!isRecord(entry)) throw new FieldError(`${at} must be an object`);
  const key = record(entry['publicKey'], `${at}.publicKey`);
  const logId = record(entry['logId'], `${at}.logId`);
  const checkpoint = entry['checkpointKeyId'] === undefined ? undefined : record(entry['checkpointKeyId'], `${at}.checkpointKeyId`);
  const details = key['keyDetails'];
  return {
    baseUrl: typeof entry['baseUrl'] === 'string' ? entry['baseUrl'] : '',
    hashAlgorithm: 0,
    publicKey: {
      rawBytes: base64(key['rawBytes'], `${at}.publicKey.rawBytes`),
      keyDetails: typeof details === 'string' ? (KEY_DETAILS[details] ?? 0) : 0,
      validFor: timeRange(key['validFor'], `${at}.publicKey.validFor`),
    },
    logId: { keyId: base64(logId['keyId'], `${at}.logId.keyId`) },
    checkpointKeyId: checkpoint ? { keyId: base64(checkpoint['keyId'], `${at}.checkpointKeyId.keyId`) } : undefined,
    operator: typeof entry['operator'] === 'string' ? entry['operator'] : '',
  };
}

function toAuthority(entry: unknown, at: string): Authority {
  if (!isRecord(entry)) throw new FieldError(`${at} must be an object`);
  const chain = record(entry['certChain'], `${at}.certChain`);
  const certificates = chain['certificates'];
  if (!Array.isArray(certificates) || certificates.length === 0) throw new FieldError(`${at}.certChain.certificates must be a non-empty list`);
  return {
    subject: undefined,
    uri: typeof entry['uri'] === 'string' ? entry['uri'] : '',
    certChain: { certificates: certificates.map((c, i) => ({ rawBytes: base64(record(c, `${at}.certChain.certificates[${i}]`)['rawBytes'], `${at}.certChain.certificates[${i}].rawBytes`) })) },
    validFor: timeRange(entry['validFor'], `${at}.validFor`),
    operator: typeof entry['operator'] === 'string' ? entry['operator'] : '',
  };
}

function timeRange(value: unknown, at: string): { start: Date; end: Date | undefined } | undefined {
  if (value === undefined) return undefined;
  const range = record(value, at);
  const start = date(range['start'], `${at}.start`);
  if (start === undefined) throw new FieldError(`${at}.start is required`);
  return { start, end: date(range['end'], `${at}.end`) };
}

function date(value: unknown, at: string): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = typeof value === 'string' ? new Date(value) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) throw new FieldError(`${at} must be an RFC 3339 date`);
  return parsed;
}

function base64(value: unknown, at: string): Buffer {
  if (typeof value !== 'string' || value === '' || !/^[A-Za-z0-9+/]+=*$/.test(value)) throw new FieldError(`${at} must be base64`);
  return Buffer.from(value, 'base64');
}

function record(value: unknown, at: string): Record<string, unknown> {
  if (!isRecord(value)) throw new FieldError(`${at} must be an object`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
