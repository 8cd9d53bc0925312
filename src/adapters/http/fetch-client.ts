import { UpstreamError } from '../../core/errors.js';
import { cacheKey, type Cache } from './cache.js';
import { readBodyBounded } from './read-body.js';
import { backoffDelay, DEFAULT_RETRY, isRateLimitResponse, requestedWaitMs, type RetrySettings } from './retry-policy.js';
import { Semaphore } from './semaphore.js';
import type { HttpClient, HttpStats, JsonResponse, RequestOptions } from './types.js';

export interface HttpClientOptions {
  /** Default per-attempt timeout (10 s). */
  readonly timeoutMs?: number;
  /** Requests in flight at once, across all services using this client (8). */
  readonly concurrency?: number;
  /** Largest body accepted (32 MiB). */
  readonly maxBodyBytes?: number;
  readonly retry?: Partial<RetrySettings>;
  readonly cache?: Cache | undefined;
  readonly userAgent?: string;
  /** Injected for tests: the transport, the sleep between retries, the clock and the jitter source. */
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  readonly random?: () => number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

type Attempt =
  | { readonly kind: 'answer'; readonly response: JsonResponse }
  | { readonly kind: 'retry'; readonly error: UpstreamError; readonly waitMs: number };

/** Builds the shared client over Node's global fetch. Nothing is read from the environment. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const retry: RetrySettings = { ...DEFAULT_RETRY, ...options.retry };
  const semaphore = new Semaphore(options.concurrency ?? DEFAULT_CONCURRENCY);
  const doFetch = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const userAgent = options.userAgent ?? 'chaingate';
  let requests = 0;
  let cacheHits = 0;

  async function attemptOnce(method: string, url: string, body: string | undefined, call: RequestOptions, attempt: number): Promise<Attempt> {
    const service = call.service;
    requests++;
    let status: number;
    let headers: Record<string, string>;
    let text: string;
    try {
      const response = await doFetch(url, {
        method,
        headers: {
          accept: 'application/json',
          'user-agent': userAgent,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...call.headers,
        },
        body,
        signal: AbortSignal.timeout(call.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      status = response.status;
      headers = Object.fromEntries(response.headers);
      text = await readBodyBounded(response, maxBodyBytes, service);
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      const timedOut = isTimeout(error);
      const failure = timedOut
        ? new UpstreamError('TIMEOUT', service, `no answer from ${redact(url)} in time`, { cause: error })
        : new UpstreamError('UNREACHABLE', service, `cannot reach ${redact(url)}`, { cause: error });
      return { kind: 'retry', error: failure, waitMs: backoffDelay(attempt, retry, random) };
    }

    if ((status >= 200 && status < 300) || call.acceptStatus?.includes(status)) {
      return { kind: 'answer', response: { status, headers, body: parseBody(text, service, url) } };
    }
    const asked = requestedWaitMs(headers, now());
    if (isRateLimitResponse(status, headers)) {
      const error = new UpstreamError('RATE_LIMITED', service, `rate limited by ${redact(url)} (HTTP ${status})`, {
        retryAfterSeconds: asked === undefined ? undefined : Math.ceil(asked / 1000),
      });
      if (asked !== undefined && asked > retry.maxWaitMs) throw error;
      return { kind: 'retry', error, waitMs: asked ?? backoffDelay(attempt, retry, random) };
    }
    if (status >= 500) {
      const error = new UpstreamError('SERVER_ERROR', service, `HTTP ${status} from ${redact(url)}`);
      return { kind: 'retry', error, waitMs: Math.min(asked ?? backoffDelay(attempt, retry, random), retry.maxWaitMs) };
    }
    if (status === 401 || status === 403) {
      throw new UpstreamError('UNAUTHORIZED', service, `HTTP ${status} from ${redact(url)}: check the token and its permissions`);
    }
    throw new UpstreamError('BAD_RESPONSE', service, `HTTP ${status} from ${redact(url)}`);
  }

  async function request(method: string, url: string, body: string | undefined, call: RequestOptions): Promise<JsonResponse> {
    const ttl = call.cacheTtlMs ?? 0;
    const key = options.cache && ttl > 0 ? cacheKey(method, url, body) : undefined;
    if (key !== undefined) {
      const cached = await options.cache?.get(key);
      if (cached) {
        cacheHits++;
        return cached;
      }
    }
    for (let attempt = 0; ; attempt++) {
      const outcome = await semaphore.run(() => attemptOnce(method, url, body, call, attempt));
      if (outcome.kind === 'answer') {
        if (key !== undefined) await options.cache?.set(key, outcome.response, ttl);
        return outcome.response;
      }
      if (attempt >= retry.maxRetries) throw outcome.error;
      await sleep(outcome.waitMs);
    }
  }

  return {
    getJson: (url, call) => request('GET', url, undefined, call),
    postJson: (url, body, call) => request('POST', url, JSON.stringify(body), call),
    stats: (): HttpStats => ({ requests, cacheHits }),
  };
}

function parseBody(text: string, service: string, url: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UpstreamError('BAD_RESPONSE', service, `${redact(url)} answered with malformed JSON`, { cause: error });
  }
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | undefined)?.name;
  return name === 'TimeoutError' || (name === 'AbortError' && (error as { cause?: { name?: unknown } }).cause?.name === 'TimeoutError');
}

/** Drops query strings from URLs in messages: they may carry tokens. */
function redact(url: string): string {
  const index = url.indexOf('?');
  return index === -1 ? url : `${url.slice(0, index)}?…`;
}
