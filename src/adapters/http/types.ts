/** A JSON answer from a service, with the parts of the response callers may need. */
export interface JsonResponse {
  readonly status: number;
  /** Response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed body: untrusted, shape it with a type guard before use. */
  readonly body: unknown;
}

/** Options of one call. */
export interface RequestOptions {
  /** The service's name, used in errors (`osv`, `npm registry`). */
  readonly service: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Per-attempt timeout; the client's default (10 s) otherwise. */
  readonly timeoutMs?: number;
  /** Cache the answer for this long; no caching when absent or 0. */
  readonly cacheTtlMs?: number;
  /** Statuses other than 2xx returned as answers instead of errors (e.g. 404 for "no such package"). */
  readonly acceptStatus?: readonly number[];
}

/** Counts for the bench and for tests: how many requests really went out. */
export interface HttpStats {
  /** Network attempts made, retries included. */
  readonly requests: number;
  /** Calls answered from the cache without a request. */
  readonly cacheHits: number;
}

/**
 * The one HTTP client every adapter uses: timeouts, retries with backoff,
 * rate-limit handling, a concurrency limit, a body size limit and a cache.
 */
export interface HttpClient {
  /** @throws {UpstreamError} when the service cannot give a usable answer. */
  getJson(url: string, options: RequestOptions): Promise<JsonResponse>;
  /** @throws {UpstreamError} when the service cannot give a usable answer. */
  postJson(url: string, body: unknown, options: RequestOptions): Promise<JsonResponse>;
  stats(): HttpStats;
}
