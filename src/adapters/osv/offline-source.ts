import { lstat, open, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ParseError, UpstreamError } from '../../core/errors.js';
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

/** A file or zip entry that was not used, and why. */
export interface SkippedRecord {
  readonly file: string;
  readonly reason: string;
}

export interface OsvOfflineOptions extends Partial<OsvOfflineLimits> {
  /**
   * Told once, after indexing, what was skipped (counts and a few file names)
   * or why the whole set was refused, for the shell to print.
   */
  readonly onWarning?: ((message: string) => void) | undefined;
}

/** How many skipped files are named in a warning. */
const EXAMPLES_KEPT = 5;

/** What loading found beyond the index: examples of skipped files, and a reason to refuse the whole set. */
export class OsvLoadReport {
  readonly examples: SkippedRecord[] = [];
  /** Set when the set must not be trusted at all (an archive entry with an unsafe name). */
  refusal: string | undefined;

  constructor(readonly stats: OsvIndexStats) {}

  skip(file: string, reason: string): void {
    this.stats.badRecords++;
    if (this.examples.length < EXAMPLES_KEPT) this.examples.push({ file, reason });
  }

  /** One line for the user, or `undefined` when nothing was skipped or refused. */
  warning(label: string): string | undefined {
    if (this.refusal) return `${label}: ${this.refusal}`;
    const skipped = this.skipped();
    return skipped && `${label}: ${skipped}`;
  }

  /** Counts and a few names of the skipped files, or `undefined` when none were. */
  skipped(): string | undefined {
    if (this.stats.badRecords === 0) return undefined;
    const shown = this.examples.map((e) => `${e.file} (${e.reason})`).join('; ');
    const more = this.stats.badRecords > this.examples.length ? `; and ${this.stats.badRecords - this.examples.length} more` : '';
    return `skipped ${this.stats.badRecords} file(s) that are not usable OSV records, ${this.stats.records} indexed: ${shown}${more}`;
  }
}

/**
 * Advisories from a local OSV export, indexed once; no network. A set that
 * yields no usable record (an empty or wrong directory, only malformed
 * files) or that was refused answers with an {@link UpstreamError}, so the
 * check records the advisories as unavailable and (by default) fails closed
 * instead of passing changes nothing was checked against.
 */
export class OsvOfflineSource implements AdvisorySource {
  readonly name: string;
  constructor(
    readonly index: OsvIndex,
    label: string,
    readonly report: OsvLoadReport = new OsvLoadReport(index.stats),
  ) {
    this.name = `osv-offline:${label}`;
  }

  get stats(): OsvIndexStats {
    return this.index.stats;
  }

  /** @throws {UpstreamError} BAD_RESPONSE when the set was refused or holds no usable record. */
  async advisoriesFor(packages: readonly PackageRef[]): Promise<ReadonlyMap<string, readonly Advisory[]>> {
    const out = new Map<string, readonly Advisory[]>();
    if (packages.length === 0) return out;
    this.assertUsable();
    for (const ref of packages) {
      const key = packageKey(ref);
      if (out.has(key)) continue;
      const found = this.index.match(ref.ecosystem.toLowerCase(), ref.name, ref.version);
      if (found.length > 0) out.set(key, found);
    }
    return out;
  }

  private assertUsable(): void {
    if (this.report.refusal) throw new UpstreamError('BAD_RESPONSE', this.name, `refused: ${this.report.refusal}`);
    if (this.stats.records > 0) return;
    const skipped = this.report.skipped();
    throw new UpstreamError('BAD_RESPONSE', this.name, `holds no usable OSV record, so nothing was checked against it${skipped ? ` (${skipped})` : ''}`);
  }
}

/**
 * Loads a directory of OSV JSON records (walked recursively) or a `.zip` with
 * the layout of OSV's per-ecosystem `all.zip`, and indexes it. Bad records
 * are skipped, counted in `stats.badRecords`, named (a few) in `report.examples`
 * and told through `onWarning`. An archive entry whose name climbs out (`..`),
 * is absolute, or holds `\\` or NUL refuses the whole set: no OSV export has
 * one, so the archive was tampered with.
 * @throws {ParseError} NOT_FOUND when the path does not exist, UNKNOWN_FORMAT when it is neither a directory nor a zip,
 *   TOO_LARGE / LIMIT_EXCEEDED over the limits, MALFORMED for a zip whose structure is broken.
 */
export async function loadOsvOffline(path: string, options: OsvOfflineOptions = {}): Promise<OsvOfflineSource> {
  const { onWarning, ...limits } = options;
  const bounds: OsvOfflineLimits = { ...DEFAULT_OSV_OFFLINE_LIMITS, ...limits };
  let info;
  try {
    info = await lstat(path);
  } catch {
    throw new ParseError('NOT_FOUND', path, 'no such file or directory (--advisories takes a directory of OSV JSON records or an OSV all.zip)');
  }
  const index = new OsvIndex();
  const report = new OsvLoadReport(index.stats);
  if (info.isDirectory()) await indexDirectory(path, index, report, bounds);
  else if (info.isFile() && (await startsWithZipSignature(path))) await indexZip(path, info.size, index, report, bounds);
  else throw new ParseError('UNKNOWN_FORMAT', path, 'is neither a directory nor a zip archive of OSV records');
  const warning = report.warning(path);
  if (warning) onWarning?.(warning);
  return new OsvOfflineSource(index, path, report);
}

async function indexZip(path: string, size: number, index: OsvIndex, report: OsvLoadReport, limits: OsvOfflineLimits): Promise<void> {
  if (size > limits.maxArchiveBytes) {
    throw new ParseError('TOO_LARGE', path, `is ${size} bytes, over the limit of ${limits.maxArchiveBytes}`);
  }
  indexZipBuffer(await readFile(path), path, index, report, limits);
}

/**
 * Indexes an OSV `all.zip` already in memory (`file` names it in errors).
 * @throws {ParseError} MALFORMED / LIMIT_EXCEEDED for an archive whose structure is broken or over the limits.
 */
export function indexZipBuffer(zip: Buffer, file: string, index: OsvIndex, report: OsvLoadReport, limits: ZipLimits): void {
  const entries = readZipDirectory(zip, file, limits);
  const unsafe = entries.find((entry) => isUnsafeEntryName(entry.name));
  if (unsafe) {
    report.refusal = `archive entry ${JSON.stringify(unsafe.name)} has an unsafe name (climbs out with "..", is absolute, or holds "\\" or NUL): the archive is not an OSV export and was not used`;
    return;
  }
  for (const entry of entries) {
    if (entry.name.endsWith('/') || !entry.name.endsWith('.json')) continue;
    let bytes: Buffer;
    try {
      bytes = entry.read();
    } catch (error) {
      if (!(error instanceof ZipEntryError)) throw error;
      report.skip(entry.name, error.reason);
      continue;
    }
    indexRecordText(bytes.toString('utf8'), entry.name, index, report);
  }
}

async function indexDirectory(root: string, index: OsvIndex, report: OsvLoadReport, limits: OsvOfflineLimits): Promise<void> {
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
      if (!entry.name.endsWith('.json')) continue;
      if (++seen > limits.maxEntries) {
        throw new ParseError('LIMIT_EXCEEDED', root, `holds more than ${limits.maxEntries} JSON files`);
      }
      const shown = relative(root, full);
      if (!entry.isFile()) {
        report.skip(shown, entry.isSymbolicLink() ? 'a symbolic link, not followed' : 'not a regular file');
        continue;
      }
      const text = await readBoundedText(full, limits.maxEntryBytes);
      if (text === undefined) report.skip(shown, `over ${limits.maxEntryBytes} bytes`);
      else indexRecordText(text, shown, index, report);
    }
  }
}

/** Indexes one record's JSON text, or skips it (reported) when it is not JSON or not an OSV record. */
export function indexRecordText(text: string, file: string, index: OsvIndex, report: OsvLoadReport): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    report.skip(file, 'not JSON');
    return;
  }
  const record = toOsvRecord(value);
  if (record) index.add(record);
  else report.skip(file, 'not an OSV record: no string "id"');
}

async function readBoundedText(path: string, maxBytes: number): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > maxBytes) return undefined;
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
