export type { HttpClient, HttpStats, JsonResponse, RequestOptions } from './types.js';
export { createHttpClient, type HttpClientOptions } from './fetch-client.js';
export { cacheKey, MemoryCache, type Cache } from './cache.js';
export { DiskCache, defaultCacheDirectory } from './disk-cache.js';
export { DEFAULT_RETRY, type RetrySettings } from './retry-policy.js';
