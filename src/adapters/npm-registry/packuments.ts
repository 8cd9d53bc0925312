import { UpstreamError } from '../../core/errors.js';
import type { PackageMetadata } from '../../core/facts.js';
import type { RegistrySource } from '../../core/ports.js';
import type { HttpClient } from '../http/index.js';
import { toPackageMetadata } from './packument.js';
import { packumentUrl, registryBase } from './registry-url.js';

export interface NpmRegistryOptions {
  /** The shared client; its `maxBodyBytes` (32 MiB by default) bounds a packument. */
  readonly http: HttpClient;
  /** `https://registry.npmjs.org/` by default. */
  readonly registry?: string;
  readonly token?: string | undefined;
  /** How long a packument is cached (1 hour). */
  readonly ttlMs?: number;
  /** Packuments fetched at once by {@link NpmRegistrySource.metadataMany} (8). */
  readonly concurrency?: number;
}

const SERVICE = 'npm registry';

/**
 * Full packuments from an npm registry. The abbreviated form
 * (`application/vnd.npm.install-v1+json`) has no `time`, `_npmUser` or
 * `repository`, so the full document is asked for.
 */
export class NpmRegistrySource implements RegistrySource {
  readonly name = 'npm registry';
  readonly #http: HttpClient;
  readonly #base: string;
  readonly #token: string | undefined;
  readonly #ttl: number;
  readonly #concurrency: number;
  /** Calls in flight, so two asks for one package make one request. */
  readonly #pending = new Map<string, Promise<PackageMetadata | undefined>>();

  constructor(options: NpmRegistryOptions) {
    this.#http = options.http;
    this.#base = registryBase(options.registry);
    this.#token = options.token;
    this.#ttl = options.ttlMs ?? 60 * 60 * 1000;
    this.#concurrency = Math.max(1, options.concurrency ?? 8);
  }

  /** @returns `undefined` for other ecosystems and for packages the registry does not have (404). */
  metadata(ecosystem: string, name: string): Promise<PackageMetadata | undefined> {
    if (ecosystem.toLowerCase() !== 'npm') return Promise.resolve(undefined);
    const pending = this.#pending.get(name);
    if (pending) return pending;
    const call = this.#fetch(name).finally(() => this.#pending.delete(name));
    this.#pending.set(name, call);
    return call;
  }

  /**
   * Metadata of many npm packages, at most `concurrency` requests at once.
   * @throws {UpstreamError} the first failure, once the requests already started have settled.
   */
  async metadataMany(names: Iterable<string>): Promise<Map<string, PackageMetadata | undefined>> {
    const queue = [...new Set(names)];
    const out = new Map<string, PackageMetadata | undefined>();
    let failure: unknown;
    const worker = async (): Promise<void> => {
      for (let name = queue.shift(); name !== undefined && failure === undefined; name = queue.shift()) {
        try {
          out.set(name, await this.metadata('npm', name));
        } catch (error) {
          failure ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, queue.length) }, worker));
    if (failure !== undefined) throw failure;
    return out;
  }

  async #fetch(name: string): Promise<PackageMetadata | undefined> {
    const answer = await this.#http.getJson(packumentUrl(this.#base, name), {
      service: SERVICE,
      headers: { accept: 'application/json', ...(this.#token ? { authorization: `Bearer ${this.#token}` } : {}) },
      cacheTtlMs: this.#ttl,
      acceptStatus: [404],
    });
    if (answer.status === 404) return undefined;
    const metadata = toPackageMetadata(name, answer.body);
    if (!metadata) throw new UpstreamError('BAD_RESPONSE', SERVICE, `GET ${name} did not answer that package's packument`);
    return metadata;
  }
}
