import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

const GitHubClient = Octokit.plugin(retry, throttling);
/** An Octokit with retries (5xx, network) and GitHub's primary and secondary rate limits honoured. */
export type GitHubClient = InstanceType<typeof GitHubClient>;

/** An octokit authentication function with its request hook, as auth strategies return (Probot's installation auth). */
export type GitHubAuth = ((...args: never[]) => Promise<unknown>) & { readonly hook: (...args: never[]) => Promise<unknown> };

export interface GitHubClientOptions {
  /** A token, or an auth strategy's instance whose hook authenticates each request. */
  readonly token: string | GitHubAuth;
  /** `GITHUB_API_URL` on a runner: https://api.github.com, or a GHES host's `/api/v3`. */
  readonly baseUrl: string;
  readonly userAgent: string;
  /** Retries after a rate limit or server error (2 by default; 0 in tests that assert a failure). */
  readonly retries?: number;
  /** Unit of GitHub's `retry-after` and of the retry backoff, in ms (1000; tests shrink it). */
  readonly retryAfterBaseMs?: number;
  /** The fetch every request goes through (to count requests, or a test's). */
  readonly fetch?: typeof fetch;
  /**
   * octokit's own throttling (false where the incident pacer (pacer.ts) on a simulated clock paces
   * the writes and honours `retry-after` itself: tests and the incident bench).
   */
  readonly throttle?: boolean;
  /** Called when a rate limit makes the client wait, for the log. */
  readonly onWait?: (kind: 'rate-limit' | 'secondary-rate-limit', retryAfterSeconds: number) => void;
}

/**
 * A GitHub REST client. Nothing is read from the environment here: the
 * composition root hands in the token and the API URL.
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const retries = options.retries ?? 2;
  const onLimit = (kind: 'rate-limit' | 'secondary-rate-limit') => (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) => {
    options.onWait?.(kind, retryAfter);
    // Returning true retries the request after `retryAfter` seconds.
    return retryCount < retries;
  };
  return new GitHubClient({
    ...(typeof options.token === 'string' ? { auth: options.token } : { authStrategy: () => options.token }),
    baseUrl: options.baseUrl.replace(/\/+$/u, ''),
    userAgent: options.userAgent,
    retry: { retries, enabled: retries > 0, ...(options.retryAfterBaseMs === undefined ? {} : { retryAfterBaseValue: options.retryAfterBaseMs }) },
    throttle: {
      enabled: options.throttle ?? true,
      onRateLimit: onLimit('rate-limit'),
      onSecondaryRateLimit: onLimit('secondary-rate-limit'),
      ...(options.retryAfterBaseMs === undefined ? {} : { retryAfterBaseValue: options.retryAfterBaseMs }),
    },
    request: { timeout: 30_000, ...(options.fetch ? { fetch: options.fetch } : {}) },
  });
}
