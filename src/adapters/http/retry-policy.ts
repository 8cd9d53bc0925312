/** How long to wait before a retry, from the response's own hints or by backoff. */

export interface RetrySettings {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** First backoff delay; doubled each retry. */
  readonly baseDelayMs: number;
  /** Longest single backoff delay. */
  readonly maxDelayMs: number;
  /** Longest wait a server may ask for (Retry-After, rate-limit reset) before the call fails as RATE_LIMITED. */
  readonly maxWaitMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 8_000, maxWaitMs: 60_000 };

/** Exponential backoff with jitter: a delay in [d/2, d] where d = base·2^attempt, capped. */
export function backoffDelay(attempt: number, settings: RetrySettings, random: () => number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * The wait a response asks for, in milliseconds: `Retry-After` (seconds or an
 * HTTP date), or GitHub's `x-ratelimit-remaining: 0` with `x-ratelimit-reset`
 * (epoch seconds). `undefined` when the response names none.
 */
export function requestedWaitMs(headers: Readonly<Record<string, string>>, nowMs: number): number | undefined {
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  if (headers['x-ratelimit-remaining']?.trim() === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - nowMs);
  }
  return undefined;
}

/** A 403 that is GitHub's rate limit rather than a permission problem. */
export function isRateLimitResponse(status: number, headers: Readonly<Record<string, string>>): boolean {
  if (status === 429) return true;
  return status === 403 && (headers['x-ratelimit-remaining']?.trim() === '0' || headers['retry-after'] !== undefined);
}
