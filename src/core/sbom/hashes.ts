import * as Enums from '@cyclonedx/cyclonedx-library/Enums';

type HashAlgorithm = Enums.HashAlgorithm;

/** SRI algorithm name → CycloneDX algorithm and digest length in bytes. */
const SRI_ALGORITHMS: ReadonlyMap<string, readonly [HashAlgorithm, number]> = new Map([
  ['sha512', [Enums.HashAlgorithm['SHA-512'], 64]],
  ['sha384', [Enums.HashAlgorithm['SHA-384'], 48]],
  ['sha256', [Enums.HashAlgorithm['SHA-256'], 32]],
  ['sha1', [Enums.HashAlgorithm['SHA-1'], 20]],
]);

const BASE64_VALUES = buildBase64Table();
const HEX_DIGITS = new TextEncoder().encode('0123456789abcdef');
/** The longest digest (SHA-512) as hex; decoded digests are written here and read out as one string. */
const hexOut = new Uint8Array(128);
const ascii = new TextDecoder();

/**
 * Turns a subresource-integrity string (`sha512-<base64> sha1-<base64>`) into
 * CycloneDX hashes: algorithm and lowercase hex digest. Unknown algorithms,
 * bad base64 and digests of the wrong length are skipped, never thrown: the
 * integrity comes from an untrusted lockfile and a missing hash is only a
 * missing fact. The first digest of an algorithm wins.
 */
export function hashesFromIntegrity(integrity: string | undefined): Array<readonly [HashAlgorithm, string]> {
  const hashes: Array<readonly [HashAlgorithm, string]> = [];
  if (!integrity) return hashes;
  for (const token of integrity.split(/\s+/)) {
    const dash = token.indexOf('-');
    if (dash <= 0) continue;
    const known = SRI_ALGORITHMS.get(token.slice(0, dash).toLowerCase());
    if (!known) continue;
    const [algorithm, length] = known;
    if (hashes.some(([a]) => a === algorithm)) continue;
    // SRI allows `?options` after the digest; they carry no part of the hash.
    const question = token.indexOf('?', dash);
    const digest = base64ToHex(token.slice(dash + 1, question < 0 ? undefined : question), length);
    if (digest !== undefined) hashes.push([algorithm, digest]);
  }
  return hashes;
}

/** Decodes standard or URL-safe base64 (padding optional) to hex, or `undefined` unless it is exactly `length` bytes. */
export function base64ToHex(text: string, length: number): string | undefined {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  if (end === 0 || end % 4 === 1 || Math.floor((end * 3) / 4) !== length) return undefined;
  // One string per digest: appending two characters per byte would leave a chain of ~64 string pieces per
  // package for a cold process's garbage collector.
  const out = length * 2 <= hexOut.length ? hexOut : new Uint8Array(length * 2);
  let written = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const value = BASE64_VALUES[text.charCodeAt(i)];
    if (value === undefined || value < 0) return undefined;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      const byte = (buffer >> bits) & 0xff;
      out[written++] = HEX_DIGITS[byte >> 4] as number;
      out[written++] = HEX_DIGITS[byte & 0x0f] as number;
    }
  }
  return ascii.decode(out.subarray(0, written));
}

function buildBase64Table(): Int8Array {
  const table = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  table[45 /* - */] = 62;
  table[95 /* _ */] = 63;
  return table;
}
