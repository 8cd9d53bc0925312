import { createHttpClient, defaultCacheDirectory, DiskCache, MemoryCache } from '../adapters/http/index.js';
import { loadOsvOffline, OsvApiSource } from '../adapters/osv/index.js';
import type { FactSources } from '../core/check/gather-facts.js';
import type { UnavailableFacts } from '../core/facts.js';
import type { CliIo } from '../cli/io.js';
import { chaingateVersion } from './version.js';

export interface SourceOptions {
  /** `--advisories PATH`: an OSV directory or all.zip, read offline. */
  readonly advisoriesPath?: string | undefined;
  /** `--offline`: no network at all. */
  readonly offline: boolean;
  /** `--no-cache`: keep HTTP answers in memory only. */
  readonly cache: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly io: CliIo;
}

/**
 * The fact sources a check consults. Offline, only the OSV export given with
 * `--advisories` is used, and missing advisory data is reported as
 * unavailable so the policy (by default) fails closed rather than passing a
 * change nobody checked.
 */
export async function buildFactSources(options: SourceOptions): Promise<{ sources: FactSources; unavailable: UnavailableFacts[] }> {
  const advisories: FactSources['advisories'][number][] = [];
  if (options.advisoriesPath) {
    if (options.io.interactive) options.io.stderr(`chaingate: indexing advisories in ${options.advisoriesPath}\n`);
    advisories.push(await loadOsvOffline(options.advisoriesPath));
  }
  if (options.offline) {
    const unavailable: UnavailableFacts[] = advisories.length > 0
      ? []
      : [
          { source: 'offline', kind: 'advisories', reason: 'offline and no --advisories given: vulnerabilities were not checked' },
          { source: 'offline', kind: 'malware', reason: 'offline and no --advisories given: malware was not checked' },
        ];
    return { sources: { advisories }, unavailable };
  }
  const http = createHttpClient({
    cache: options.cache ? new DiskCache(defaultCacheDirectory(options.env)) : new MemoryCache(),
    userAgent: `chaingate/${chaingateVersion()}`,
  });
  advisories.push(new OsvApiSource({ http }));
  return { sources: { advisories }, unavailable: [] };
}
