import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/core/errors.js';
import { isUnsafeEntryName, readZipDirectory, ZipEntryError, type ZipLimits } from '../../../src/adapters/osv/zip-reader.js';
import { FIXTURES } from '../../helpers/fixtures.js';
import { buildZip } from './zip-builder.js';
import { thrownBy } from '../../helpers/errors.js';

const LIMITS: ZipLimits = { maxEntries: 100, maxEntryBytes: 1024 * 1024, maxTotalBytes: 10 * 1024 * 1024, maxRatio: 100 };

const parseErrorOf = (run: () => unknown): ParseError => thrownBy(ParseError, run);

describe('readZipDirectory', () => {
  it('reads the archive Python zipfile wrote (the OSV all.zip layout)', async () => {
    const zip = await readFile(join(FIXTURES, 'osv', 'all.zip'));
    const entries = readZipDirectory(zip, 'all.zip', LIMITS);
    expect(entries.map((e) => e.name)).toContain('MAL-2025-46974.json');
    expect(entries).toHaveLength(6);
    const text = entries.find((e) => e.name === 'MAL-2025-46974.json')?.read().toString('utf8');
    expect(JSON.parse(text ?? '')).toMatchObject({ id: 'MAL-2025-46974' });
  });

  it('reads stored and deflated entries and a ZIP64 end record', () => {
    const zip = buildZip(
      [
        { name: 'A.json', content: '{"id":"A"}', method: 0 },
        { name: 'B.json', content: '{"id":"B"}', method: 8 },
      ],
      { zip64: true },
    );
    const entries = readZipDirectory(zip, 'z.zip', LIMITS);
    expect(entries.map((e) => e.read().toString())).toEqual(['{"id":"A"}', '{"id":"B"}']);
  });

  it('refuses a zip bomb entry by its compression ratio without inflating it', () => {
    const zip = buildZip([{ name: 'bomb.json', content: Buffer.alloc(512 * 1024, 0x20) }]);
    const [entry] = readZipDirectory(zip, 'z.zip', LIMITS);
    expect(entry?.compressedSize).toBeLessThan(1024);
    expect(() => entry?.read()).toThrow(ZipEntryError);
    expect(() => entry?.read()).toThrow(/zip bomb/);
  });

  it('refuses an entry over the size limit', () => {
    const zip = buildZip([{ name: 'big.json', content: Buffer.alloc(2000, 0x61), method: 0 }]);
    const [entry] = readZipDirectory(zip, 'z.zip', { ...LIMITS, maxEntryBytes: 1000 });
    expect(() => entry?.read()).toThrow(/over the limit/);
  });

  it('never inflates past the declared size when the header lies', () => {
    const zip = buildZip([{ name: 'liar.json', content: Buffer.alloc(50_000, 0x61), declaredSize: 100 }]);
    const [entry] = readZipDirectory(zip, 'z.zip', LIMITS);
    expect(() => entry?.read()).toThrow(ZipEntryError);
  });

  it('refuses an entry whose CRC does not match', () => {
    const zip = buildZip([{ name: 'x.json', content: '{}', crc: 1234 }]);
    const [entry] = readZipDirectory(zip, 'z.zip', LIMITS);
    expect(() => entry?.read()).toThrow(/CRC-32/);
  });

  it('fails LIMIT_EXCEEDED over the entry count and the declared total', () => {
    const zip = buildZip([
      { name: 'a.json', content: 'x'.repeat(600) },
      { name: 'b.json', content: 'x'.repeat(600) },
    ]);
    expect(parseErrorOf(() => readZipDirectory(zip, 'z.zip', { ...LIMITS, maxEntries: 1 })).code).toBe('LIMIT_EXCEEDED');
    expect(parseErrorOf(() => readZipDirectory(zip, 'z.zip', { ...LIMITS, maxTotalBytes: 1000 })).code).toBe('LIMIT_EXCEEDED');
  });

  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['random bytes', Buffer.from('PK\u0003\u0004 this is not really a zip archive at all')],
    ['a truncated archive', buildZip([{ name: 'a.json', content: '{}' }]).subarray(0, 40)],
  ])('fails MALFORMED on %s', (_name, bytes) => {
    expect(parseErrorOf(() => readZipDirectory(bytes, 'z.zip', LIMITS)).code).toBe('MALFORMED');
  });

  it('fails MALFORMED when the central directory points outside the file', () => {
    const zip = buildZip([{ name: 'a.json', content: '{}' }]);
    zip.writeUInt32LE(0x7fffffff, zip.length - 6); // central directory offset
    expect(parseErrorOf(() => readZipDirectory(zip, 'z.zip', LIMITS)).code).toBe('MALFORMED');
  });

  it.each(['../evil.json', '/etc/passwd.json', 'a/../../b.json', 'C:\\x.json', 'a\\..\\b.json'])('flags %j as an unsafe name', (name) => {
    expect(isUnsafeEntryName(name)).toBe(true);
  });

  it('accepts plain names', () => {
    expect(isUnsafeEntryName('GHSA-mh6f-8j2x-4483.json')).toBe(false);
  });
});
