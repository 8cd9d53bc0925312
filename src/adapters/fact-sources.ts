import type { FactSet } from '../core/check/check-trees.js';
import type { FactSources } from '../core/check/gather-facts.js';
import type { PackageRef, UnavailableFacts } from '../core/facts.js';
import type { ProgressListener } from '../core/ports.js';
import { GithubAdvisorySource } from './github-advisories/index.js';
import { createHttpClient, defaultCacheDirectory, DiskCache, MemoryCache } from './http/index.js';
import { NpmBulkAdvisorySource, NpmRegistrySource } from './npm-registry/index.js';
import { loadOsvOffline, OsvApiSource } from './osv/index.js';
import { NpmProvenanceSource } from './sigstore/index.js';
import { trustMaterialFor } from './trusted-root.js';
import { chaingateVersion } from './version.js';

export interface SourceOptions {
  /** `--advisories PATH`: an OSV directory or all.zip, read offline. */
  readonly advisoriesPath?: string | undefined;
  /** `--offline`: no network at all. */
  readonly offline: boolean;
  /** `--no-cache`: keep HTTP answers in memory only. */
  readonly cache: boolean;
  /** npm registry for metadata, bulk advisories and attestations (`--registry`). */
  readonly registry?: string | undefined;
  /** `--trusted-root FILE`: a Sigstore trusted_root.json instead of the shipped one. */
  readonly trustedRoot?: string | undefined;
  /** `--osv-url URL`: an OSV API mirror instead of api.osv.dev. */
  readonly osvUrl?: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Told before long steps (indexing an advisory export). */
  readonly onProgress?: ProgressListener | undefined;
}

/**
 * The fact sources a check consults. Online: OSV, GitHub's advisory database
 * (a token from GITHUB_TOKEN or GH_TOKEN raises its rate limit), npm's bulk
 * advisories, npm packuments and npm provenance verified against the Sigstore
 * trust root, all through one HTTP client with a shared cache and
 * concurrency limit. Offline, only the OSV export given with
 * `--advisories` is used, and missing advisory data is reported as
 * unavailable so the policy (by default) fails closed rather than passing a
 * change nobody checked.
 */
export async function buildFactSources(options: SourceOptions): Promise<FactSet & { unavailable: UnavailableFacts[] }> {
  const advisories: FactSources['advisories'][number][] = [];
  if (options.advisoriesPath) {
    options.onProgress?.({ kind: 'advisories', path: options.advisoriesPath });
    const onProgress = options.onProgress;
    advisories.push(await loadOsvOffline(options.advisoriesPath, onProgress ? { onWarning: (message) => onProgress({ kind: 'warning', message }) } : {}));
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
  const registry = options.registry;
  const token = options.env.GITHUB_TOKEN ?? options.env.GH_TOKEN;
  // GITHUB_API_URL is how Actions runners (and GitHub Enterprise Server users) name the API.
  const githubApi = options.env.GITHUB_API_URL;
  advisories.push(
    new OsvApiSource({ http, ...(options.osvUrl ? { baseUrl: options.osvUrl } : {}) }),
    new GithubAdvisorySource({ http, token, ...(githubApi ? { baseUrl: githubApi } : {}) }),
    new NpmBulkAdvisorySource({ http, registry }),
  );
  const registrySource = new NpmRegistrySource({ http, registry });
  const metadataOf = (ref: PackageRef) => registrySource.metadata(ref.ecosystem, ref.name);
  const provenance = new NpmProvenanceSource({
    http,
    registry,
    trustMaterial: await trustMaterialFor(options.trustedRoot),
    repositoryOf: async (ref) => (await metadataOf(ref))?.repository,
    isTrustedPublisher: async (ref) => (await metadataOf(ref))?.versions.get(ref.version)?.trust === 'trusted-publisher',
  });
  return { sources: { advisories, registry: registrySource, provenance }, unavailable: [] };
}
