import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UpstreamError, UsageError } from '../core/errors.js';
import { readBounded } from '../adapters/fs/disk-repo.js';
import { createHttpClient, MemoryCache } from '../adapters/http/index.js';
import { chaingateVersion } from '../adapters/version.js';
import type { CliIo } from './io.js';

/** How an advisory named on the command line is found: `--advisories DIR`, `--offline`, `--osv-url URL`. */
export interface AdvisoryLookup {
  readonly advisories?: string | undefined;
  readonly offline?: boolean | undefined;
  readonly 'osv-url'?: string | undefined;
}

export const ADVISORY_ID = /^(?:GHSA|CVE|MAL|OSV|PYSEC|RUSTSEC|GO|GSD)-[A-Za-z0-9-]{1,64}$/;
const MAX_ADVISORY_BYTES = 10 * 1024 * 1024;
const MAX_OFFLINE_FILES = 500_000;

/**
 * The advisory JSON an argument names: a file (`advisory.json`, an OSV or
 * GitHub record), or an advisory ID looked up offline in `--advisories` or
 * in OSV. `undefined` when the argument is neither a file nor an ID.
 * @throws {UsageError} NOT_FOUND for a file or ID that cannot be found; BAD_ARGUMENT for a file that is not JSON
 */
export async function loadAdvisoryJson(argument: string, lookup: AdvisoryLookup, io: CliIo): Promise<unknown> {
  const asFile = resolve(io.cwd, argument);
  if (/\.json$/i.test(argument) || (await stat(asFile).then((s) => s.isFile(), () => false))) return readAdvisoryFile(asFile, argument);
  if (!ADVISORY_ID.test(argument)) return undefined;
  const record = lookup.advisories !== undefined ? await findOffline(resolve(io.cwd, lookup.advisories), argument) : lookup.offline ? undefined : await fetchOsv(argument, lookup['osv-url']);
  if (!record) throw new UsageError('NOT_FOUND', `advisory ${argument} not found${lookup.advisories !== undefined ? ` in ${lookup.advisories}` : lookup.offline ? ' (offline without --advisories)' : ' in OSV'}`);
  return record;
}

async function readAdvisoryFile(path: string, shown: string): Promise<unknown> {
  const bytes = await readBounded(path, shown, MAX_ADVISORY_BYTES);
  if (!bytes) throw new UsageError('NOT_FOUND', `${shown} does not exist`);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new UsageError('BAD_ARGUMENT', `${shown} is not JSON (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
}

/** An OSV directory: `<ID>.json` directly, else any record whose id or aliases name it. */
async function findOffline(dir: string, id: string): Promise<unknown> {
  const direct = await readBounded(join(dir, `${id}.json`), `${id}.json`, MAX_ADVISORY_BYTES);
  if (direct) return JSON.parse(new TextDecoder().decode(direct));
  const entries = await readdir(dir, { recursive: true }).catch((cause: unknown) => {
    throw new UsageError('NOT_FOUND', `--advisories ${dir} is not a readable directory of OSV records`, { cause });
  });
  let seen = 0;
  for (const entry of entries) {
    if (!entry.endsWith('.json') || ++seen > MAX_OFFLINE_FILES) continue;
    const bytes = await readBounded(join(dir, entry), entry, MAX_ADVISORY_BYTES).catch(() => undefined);
    if (!bytes) continue;
    let record: unknown;
    try {
      record = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      continue;
    }
    const r = record as { id?: unknown; aliases?: unknown };
    if (r.id === id || (Array.isArray(r.aliases) && r.aliases.includes(id))) return record;
  }
  return undefined;
}

async function fetchOsv(id: string, baseUrl = 'https://api.osv.dev'): Promise<unknown> {
  const http = createHttpClient({ cache: new MemoryCache(), userAgent: `chaingate/${chaingateVersion()}` });
  const response = await http.getJson(`${baseUrl.replace(/\/+$/, '')}/v1/vulns/${encodeURIComponent(id)}`, { service: 'osv', acceptStatus: [404] });
  if (response.status === 404) return undefined;
  if (typeof response.body !== 'object' || response.body === null) throw new UpstreamError('BAD_RESPONSE', 'osv', `answered ${id} with something other than an OSV record`);
  return response.body;
}
