import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createHttpClient, defaultCacheDirectory, DiskCache } from '../../adapters/http/index.js';
import { NpmRegistrySource } from '../../adapters/npm-registry/index.js';
import { osvAffectedPackages, toOsvRecord, type OsvRecord } from '../../adapters/osv/index.js';
import { ParseError, UpstreamError, UsageError } from '../../core/errors.js';
import type { PackageMetadata } from '../../core/facts.js';
import type { AffectedPackage } from '../../core/remediation/index.js';
import { chaingateVersion } from '../../adapters/version.js';

const MAX_ADVISORY_BYTES = 4 * 1024 * 1024;
const ADVISORY_ID = /^[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9._:-]+$/u;

export interface FixSources {
  /** The advisory's record, from a file or the OSV API. */
  advisory(value: string): Promise<OsvRecord>;
  metadata(name: string): Promise<PackageMetadata>;
}

/** Reads advisories from files or api.osv.dev and package versions from the npm registry, through one cached client. */
export function fixSources(cwd: string, env: Readonly<Record<string, string | undefined>>, registry: string | undefined): FixSources {
  const http = createHttpClient({ cache: new DiskCache(defaultCacheDirectory(env)), userAgent: `chaingate/${chaingateVersion()}` });
  const npm = new NpmRegistrySource({ http, registry, ttlMs: 5 * 60 * 1000 });
  return {
    async advisory(value) {
      const path = resolve(cwd, value);
      if (await isFile(path)) return readAdvisoryFile(path, value);
      if (!ADVISORY_ID.test(value)) throw new UsageError('NOT_FOUND', `--advisory ${JSON.stringify(value)} is neither a file nor an advisory id (GHSA-…, MAL-…, CVE-…)`);
      const answer = await http.getJson(`https://api.osv.dev/v1/vulns/${encodeURIComponent(value)}`, { service: 'osv', acceptStatus: [404], cacheTtlMs: 5 * 60 * 1000 });
      if (answer.status === 404) throw new UsageError('NOT_FOUND', `OSV has no advisory ${value}`);
      const record = toOsvRecord(answer.body);
      if (!record) throw new UpstreamError('BAD_RESPONSE', 'osv', `GET /v1/vulns/${value} did not answer an OSV record`);
      return record;
    },
    async metadata(name) {
      const metadata = await npm.metadata('npm', name);
      if (!metadata) throw new UsageError('NOT_FOUND', `the npm registry has no package ${name}`);
      return metadata;
    },
  };
}

async function readAdvisoryFile(path: string, shown: string): Promise<OsvRecord> {
  const size = (await stat(path)).size;
  if (size > MAX_ADVISORY_BYTES) throw new ParseError('TOO_LARGE', shown, `is ${size} bytes; an advisory is at most ${MAX_ADVISORY_BYTES}`);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new ParseError('MALFORMED', shown, 'is not JSON (expected an OSV or GHSA record in OSV format)', { cause });
  }
  const record = toOsvRecord(json);
  if (!record) throw new ParseError('MALFORMED', shown, 'is not an OSV record: it has no "id"');
  if (record.withdrawn) throw new ParseError('MALFORMED', shown, `${record.id} was withdrawn on ${record.withdrawn}; there is nothing to fix`);
  return record;
}

/** The npm packages an OSV record names, each with the record's verdict on its versions. */
export function affectedPackages(record: OsvRecord): AffectedPackage[] {
  return osvAffectedPackages(record).filter((p) => p.ecosystem === 'npm');
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Reads a project file as text, `undefined` when absent. */
export async function readProjectFile(root: string, path: string, maxBytes: number): Promise<string | undefined> {
  const absolute = join(root, path);
  try {
    const size = (await stat(absolute)).size;
    if (size > maxBytes) throw new ParseError('TOO_LARGE', path, `is ${size} bytes, above the ${maxBytes}-byte limit (--max-file-size)`);
    return await readFile(absolute, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
