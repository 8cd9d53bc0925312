import { Enums } from '@cyclonedx/cyclonedx-library';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64ToHex, hashesFromIntegrity } from '../../../src/core/sbom/hashes.js';
import { EMPTY_SHA1_HEX, EMPTY_SHA1_SRI, EMPTY_SHA512_HEX, EMPTY_SHA512_SRI } from './sample-graphs.js';

describe('hashesFromIntegrity', () => {
  it('decodes a known sha512 SRI to its hex digest', () => {
    expect(hashesFromIntegrity(EMPTY_SHA512_SRI)).toEqual([[Enums.HashAlgorithm['SHA-512'], EMPTY_SHA512_HEX]]);
  });

  it('decodes every supported algorithm to the digest node:crypto computes', () => {
    const data = 'chaingate';
    for (const [sri, algorithm] of [
      ['sha512', 'SHA-512'],
      ['sha384', 'SHA-384'],
      ['sha256', 'SHA-256'],
      ['sha1', 'SHA-1'],
    ] as const) {
      const integrity = `${sri}-${createHash(sri).update(data).digest('base64')}`;
      expect(hashesFromIntegrity(integrity)).toEqual([[Enums.HashAlgorithm[algorithm], createHash(sri).update(data).digest('hex')]]);
    }
  });

  it('reads several hashes from one integrity and ignores SRI options', () => {
    expect(hashesFromIntegrity(`${EMPTY_SHA512_SRI}?opt  ${EMPTY_SHA1_SRI}`)).toEqual([
      [Enums.HashAlgorithm['SHA-512'], EMPTY_SHA512_HEX],
      [Enums.HashAlgorithm['SHA-1'], EMPTY_SHA1_HEX],
    ]);
  });

  it('skips unknown algorithms, bad base64, wrong lengths and junk without throwing', () => {
    for (const junk of ['md5-1B2M2Y8AsgTpgAmY7PhCfg==', 'sha512-<script>', 'sha1-AAAA', 'sha512-', 'nonsense', '-', '10c0/abcdef']) {
      expect(hashesFromIntegrity(junk)).toEqual([]);
    }
    expect(hashesFromIntegrity(undefined)).toEqual([]);
  });
});

describe('base64ToHex', () => {
  it('accepts unpadded and URL-safe base64', () => {
    const bytes = Buffer.from([0xfb, 0xff, 0x00, 0x10]);
    expect(base64ToHex(bytes.toString('base64url'), 4)).toBe('fbff0010');
    expect(base64ToHex(bytes.toString('base64'), 4)).toBe('fbff0010');
  });
});
