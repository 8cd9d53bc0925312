import { resolve } from 'node:path';
import { diskRepo, readBounded } from '../../adapters/fs/disk-repo.js';
import { createHttpClient, defaultCacheDirectory, DiskCache } from '../../adapters/http/index.js';
import { NpmRegistrySource } from '../../adapters/npm-registry/index.js';
import { osvAffectedPackages, toOsvRecord, type OsvRecord } from '../../adapters/osv/index.js';
import { ParseError, UpstreamError, UsageError } from '../../core/errors.js';
import { decodeText, readText } from '../../core/read-text.js';
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
      const bytes = await readBounded(resolve(cwd, value), value, MAX_ADVISORY_BYTES);
      if (bytes) return parseAdvisoryFile(decodeText(bytes, value, MAX_ADVISORY_BYTES), value);
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

function parseAdvisoryFile(text: string, shown: string): OsvRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
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

/**
 * Reads a project file as text, `undefined` when absent. Like every working
 * tree chaingate reads, links are never followed and only regular files are
 * read, bounded before reading: `fix` writes back what it read.
 */
export async function readProjectFile(root: string, path: string, maxBytes: number): Promise<string | undefined> {
  return readText(diskRepo(root), path, maxBytes);
}
