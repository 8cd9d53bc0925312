import { createHash } from 'node:crypto';
import type { JsonResponse } from './types.js';

/** Where answers are kept between calls (and between runs, on disk). */
export interface Cache {
  /** @returns the entry, or `undefined` when absent, expired or unreadable. */
  get(key: string): Promise<JsonResponse | undefined>;
  set(key: string, value: JsonResponse, ttlMs: number): Promise<void>;
}

/** Key of a request: a hash of method, URL and body, so bodies of any size make short keys. */
export function cacheKey(method: string, url: string, body: string | undefined): string {
  return createHash('sha256')
    .update(method)
    .update('\n')
    .update(url)
    .update('\n')
    .update(body ?? '')
    .digest('hex');
}

/** A cache in memory, for tests and one-shot runs. */
export class MemoryCache implements Cache {
  readonly #entries = new Map<string, { value: JsonResponse; expiresAt: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async get(key: string): Promise<JsonResponse | undefined> {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async set(key: string, value: JsonResponse, ttlMs: number): Promise<void> {
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
  }

  get size(): number {
    return this.#entries.size;
  }
}
