import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheKey, DiskCache, defaultCacheDirectory } from '../../../src/adapters/http/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chaingate-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('DiskCache', () => {
  const value = { status: 200, headers: { etag: '"1"' }, body: { id: 'GHSA-p6mc-m468-83gw' } };

  it('returns what was stored until the TTL passes, also from a new instance', async () => {
    let now = 1000;
    const key = cacheKey('GET', 'https://api.osv.dev/v1/vulns/GHSA-p6mc-m468-83gw', undefined);
    await new DiskCache(dir, () => now).set(key, value, 500);
    const reader = new DiskCache(dir, () => now);
    expect(await reader.get(key)).toEqual(value);
    now = 1500;
    expect(await reader.get(key)).toBeUndefined();
  });

  it('ignores corrupt entries and leaves no temporary files', async () => {
    const cache = new DiskCache(dir);
    const key = cacheKey('GET', 'u', undefined);
    await cache.set(key, value, 10_000);
    const files = await readdir(join(dir, 'http', key.slice(0, 2)));
    expect(files).toEqual([`${key}.json`]);
    await writeFile(join(dir, 'http', key.slice(0, 2), `${key}.json`), '{"expiresAt": 9e99, "val');
    expect(await cache.get(key)).toBeUndefined();
    await writeFile(join(dir, 'http', key.slice(0, 2), `${key}.json`), '{"expiresAt": 9e99, "value": 3}');
    expect(await cache.get(key)).toBeUndefined();
  });

  it('keys differ by method, URL and body', () => {
    const keys = new Set([cacheKey('GET', 'u', undefined), cacheKey('POST', 'u', undefined), cacheKey('POST', 'u', '{}'), cacheKey('POST', 'v', '{}')]);
    expect(keys.size).toBe(4);
  });

  it('defaults to $XDG_CACHE_HOME/chaingate, else ~/.cache/chaingate', () => {
    expect(defaultCacheDirectory({ XDG_CACHE_HOME: '/var/cache' })).toBe('/var/cache/chaingate');
    expect(defaultCacheDirectory({})).toBe(join(homedir(), '.cache', 'chaingate'));
  });
});
