import { crc32, inflateRawSync } from 'node:zlib';
import { ParseError } from '../../core/errors.js';

/**
 * A small, bounded reader of a zip archive held in memory: central directory
 * (ZIP64 included), stored and deflated entries. Nothing is ever written to
 * disk, so entry names are only labels; still, names that climb (`..`) or are
 * absolute are reported so callers can skip them.
 */
export interface ZipLimits {
  /** Most entries the central directory may list. */
  readonly maxEntries: number;
  /** Largest uncompressed entry read. */
  readonly maxEntryBytes: number;
  /** Largest sum of uncompressed sizes the directory may declare. */
  readonly maxTotalBytes: number;
  /** Highest uncompressed/compressed ratio accepted for entries over 64 KiB (zip bombs). */
  readonly maxRatio: number;
}

export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly size: number;
  /** The entry's bytes. @throws {ZipEntryError} when this one entry cannot be read safely. */
  read(): Buffer;
}

/** One entry is unreadable (too large, bomb-like, corrupt); the rest of the archive may still be fine. */
export class ZipEntryError extends Error {
  override readonly name = 'ZipEntryError';
  constructor(
    readonly entry: string,
    readonly reason: string,
  ) {
    super(`${entry}: ${reason}`);
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const RATIO_FLOOR_BYTES = 64 * 1024;

/** @throws {ParseError} MALFORMED when the archive's structure is broken, LIMIT_EXCEEDED when it is over the limits. */
export function readZipDirectory(zip: Buffer, file: string, limits: ZipLimits): ZipEntry[] {
  const fail = (reason: string): never => {
    throw new ParseError('MALFORMED', file, `is not a readable zip archive: ${reason}`);
  };
  const eocd = findEndOfCentralDirectory(zip);
  if (eocd === -1) fail('no end of central directory record');
  if (zip.readUInt16LE(eocd + 4) !== 0 || zip.readUInt16LE(eocd + 6) !== 0) fail('multi-disk archives are not supported');
  let count = zip.readUInt16LE(eocd + 10);
  let directorySize = zip.readUInt32LE(eocd + 12);
  let directoryOffset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || zip.readUInt32LE(locator) !== ZIP64_LOCATOR) fail('ZIP64 locator missing');
    const record = safeNumber(zip.readBigUInt64LE(locator + 8));
    if (record + 56 > zip.length || zip.readUInt32LE(record) !== ZIP64_EOCD) fail('ZIP64 end record missing');
    count = safeNumber(zip.readBigUInt64LE(record + 32));
    directorySize = safeNumber(zip.readBigUInt64LE(record + 40));
    directoryOffset = safeNumber(zip.readBigUInt64LE(record + 48));
  }
  if (count > limits.maxEntries) {
    throw new ParseError('LIMIT_EXCEEDED', file, `holds ${count} entries, over the limit of ${limits.maxEntries}`);
  }
  if (directoryOffset + directorySize > zip.length) fail('central directory lies outside the file');

  const entries: ZipEntry[] = [];
  let total = 0;
  let at = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) fail(`central directory entry ${index} is damaged`);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    let compressedSize = zip.readUInt32LE(at + 20);
    let size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    let localOffset = zip.readUInt32LE(at + 42);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength + commentLength > zip.length) fail(`central directory entry ${index} is damaged`);
    const name = zip.toString('utf8', at + 46, nameEnd);
    const zip64 = readZip64Extra(zip, nameEnd, extraLength, { size, compressedSize, localOffset });
    ({ size, compressedSize, localOffset } = zip64);
    total += size;
    if (total > limits.maxTotalBytes) {
      throw new ParseError('LIMIT_EXCEEDED', file, `declares more than ${limits.maxTotalBytes} uncompressed bytes`);
    }
    entries.push({
      name,
      compressedSize,
      size,
      read: () => readEntry(zip, { name, flags, method, crc, compressedSize, size, localOffset }, limits),
    });
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/** True for names that would leave the extraction root, were they ever extracted. */
export function isUnsafeEntryName(name: string): boolean {
  return name.startsWith('/') || name.includes('\\') || /^[a-zA-Z]:/.test(name) || name.split('/').includes('..') || name.includes('\0');
}

interface EntryHeader {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

function readEntry(zip: Buffer, entry: EntryHeader, limits: ZipLimits): Buffer {
  const fail = (reason: string): never => {
    throw new ZipEntryError(entry.name, reason);
  };
  if (entry.flags & 1) fail('encrypted entries are not supported');
  if (entry.size > limits.maxEntryBytes) fail(`${entry.size} bytes uncompressed, over the limit of ${limits.maxEntryBytes}`);
  if (entry.size > RATIO_FLOOR_BYTES && entry.size > entry.compressedSize * limits.maxRatio) {
    fail(`compression ratio over ${limits.maxRatio}: refused as a possible zip bomb`);
  }
  const local = entry.localOffset;
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) fail('local header is damaged');
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length) fail('data runs past the end of the archive');
  const data = zip.subarray(start, end);
  let content: Buffer;
  if (entry.method === 0) {
    content = data;
  } else if (entry.method === 8) {
    try {
      // Never inflate past the declared size: a lying header cannot make us allocate more.
      content = inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
    } catch (error) {
      return fail(`cannot inflate (${(error as Error).message})`);
    }
  } else {
    return fail(`compression method ${entry.method} is not supported`);
  }
  if (content.length !== entry.size) fail('size differs from the central directory');
  if (crc32(content) >>> 0 !== entry.crc >>> 0) fail('CRC-32 mismatch');
  return content;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= lowest; at--) {
    if (zip.readUInt32LE(at) === EOCD && at + 22 + zip.readUInt16LE(at + 20) === zip.length) return at;
  }
  return -1;
}

function readZip64Extra(
  zip: Buffer,
  start: number,
  length: number,
  fields: { size: number; compressedSize: number; localOffset: number },
): { size: number; compressedSize: number; localOffset: number } {
  const out = { ...fields };
  for (let at = start; at + 4 <= start + length; ) {
    const id = zip.readUInt16LE(at);
    const dataLength = zip.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let cursor = at + 4;
      const next = (): number => {
        const value = cursor + 8 <= at + 4 + dataLength ? safeNumber(zip.readBigUInt64LE(cursor)) : 0;
        cursor += 8;
        return value;
      };
      if (out.size === 0xffffffff) out.size = next();
      if (out.compressedSize === 0xffffffff) out.compressedSize = next();
      if (out.localOffset === 0xffffffff) out.localOffset = next();
    }
    at += 4 + dataLength;
  }
  return out;
}

function safeNumber(value: bigint): number {
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}
