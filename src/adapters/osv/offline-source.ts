import { lstat, open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ParseError } from '../../core/errors.js';
import type { Advisory, PackageRef } from '../../core/facts.js';
import { packageKey, type AdvisorySource } from '../../core/ports.js';
import { OsvIndex, type OsvIndexStats } from './offline-index.js';
import { toOsvRecord } from './record.js';
import { isUnsafeEntryName, readZipDirectory, ZipEntryError, type ZipLimits } from './zip-reader.js';

/** Bounds on an offline advisory set (a directory or OSV's `all.zip`). */
export interface OsvOfflineLimits extends ZipLimits {
  /** Largest zip file read into memory. */
  readonly maxArchiveBytes: number;
}

/** Room for every OSV export there is (npm's all.zip: ~200,000 records, a few hundred MB uncompressed). */
export const DEFAULT_OSV_OFFLINE_LIMITS: OsvOfflineLimits = {
  maxArchiveBytes: 1024 * 1024 * 1024,
  maxEntries: 2_000_000,
  maxEntryBytes: 8 * 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024 * 1024,
  maxRatio: 200,
};

/** Advisories from a local OSV export, indexed once; no network. */
export class OsvOfflineSource implements AdvisorySource {
  readonly name: string;
  constructor(
    readonly index: OsvIndex,
    label: string,
  ) {
    this.name = `osv-offline:${label}`;
  }

  get stats(): OsvIndexStats {
    return this.index.stats;
  }

  async advisoriesFor(packages: readonly PackageRef[]): Promise<ReadonlyMap<string, readonly Advisory[]>> {
    const out = new Map<string, readonly Advisory[]>();
    for (const ref of packages) {
      const key = packageKey(ref);
      if (out.has(key)) continue;
      const found = this.index.match(ref.ecosystem.toLowerCase(), ref.name, ref.version);
      if (found.length > 0) out.set(key, found);
    }
    return out;
  }
}

/**
 * Loads a directory of OSV JSON records (walked recursively) or a `.zip` with
 * the layout of OSV's per-ecosystem `all.zip`, and indexes it. Bad records
 * are skipped and counted in `stats.badRecords`, never fatal.
 * @throws {ParseError} NOT_FOUND when the path does not exist, UNKNOWN_FORMAT when it is neither a directory nor a zip,
 *   TOO_LARGE / LIMIT_EXCEEDED over the limits, MALFORMED for a zip whose structure is broken.
 */
export async function loadOsvOffline(path: string, limits: Partial<OsvOfflineLimits> = {}): Promise<OsvOfflineSource> {
  const bounds: OsvOfflineLimits = { ...DEFAULT_OSV_OFFLINE_LIMITS, ...limits };
  let info;
  try {
    info = await lstat(path);
  } catch {
    throw new ParseError('NOT_FOUND', path, 'no such file or directory (--advisories takes a directory of OSV JSON records or an OSV all.zip)');
  }
  const index = new OsvIndex();
  if (info.isDirectory()) await indexDirectory(path, index, bounds);
  else if (info.isFile() && (await startsWithZipSignature(path))) await indexZip(path, info.size, index, bounds);
  else throw new ParseError('UNKNOWN_FORMAT', path, 'is neither a directory nor a zip archive of OSV records');
  return new OsvOfflineSource(index, path);
}

async function indexZip(path: string, size: number, index: OsvIndex, limits: OsvOfflineLimits): Promise<void> {
  if (size > limits.maxArchiveBytes) {
    throw new ParseError('TOO_LARGE', path, `is ${size} bytes, over the limit of ${limits.maxArchiveBytes}`);
  }
  const zip = await readFile(path);
  for (const entry of readZipDirectory(zip, path, limits)) {
    if (entry.name.endsWith('/') || !entry.name.endsWith('.json')) continue;
    if (isUnsafeEntryName(entry.name)) {
      index.stats.badRecords++;
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = entry.read();
    } catch (error) {
      if (!(error instanceof ZipEntryError)) throw error;
      index.stats.badRecords++;
      continue;
    }
    addText(bytes.toString('utf8'), index);
  }
}

async function indexDirectory(root: string, index: OsvIndex, limits: OsvOfflineLimits): Promise<void> {
  const pending = [root];
  let seen = 0;
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        pending.push(full);
        continue;
      }
      if (!entry.isFile() || !entry.name.endsWith('.json')) continue; // symbolic links are not followed
      if (++seen > limits.maxEntries) {
        throw new ParseError('LIMIT_EXCEEDED', root, `holds more than ${limits.maxEntries} JSON files`);
      }
      const text = await readBoundedText(full, limits.maxEntryBytes);
      if (text === undefined) index.stats.badRecords++;
      else addText(text, index);
    }
  }
}

function addText(text: string, index: OsvIndex): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    index.stats.badRecords++;
    return;
  }
  const record = toOsvRecord(value);
  if (record) index.add(record);
  else index.stats.badRecords++;
}

async function readBoundedText(path: string, maxBytes: number): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) return undefined;
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

async function startsWithZipSignature(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    // PK\x03\x04 (a first entry) or PK\x05\x06 (an empty archive).
    return bytesRead === 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5);
  } finally {
    await handle.close();
  }
}
