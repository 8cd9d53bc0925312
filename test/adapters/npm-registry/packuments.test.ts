import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient, MemoryCache, type HttpClientOptions } from '../../../src/adapters/http/index.js';
import { NpmRegistrySource, packumentUrl } from '../../../src/adapters/npm-registry/index.js';
import { FIXTURES } from '../../helpers/fixtures.js';
import { startFakeServer, type FakeServer } from '../../helpers/http-server.js';
import { rejectedWith } from '../../helpers/errors.js';
import { UpstreamError } from '../../../src/core/errors.js';

const upstreamError = (promise: Promise<unknown>) => rejectedWith(UpstreamError, promise);

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(async () => {
  await server.close();
});

const packument = async (name: string): Promise<unknown> => JSON.parse(await readFile(join(FIXTURES, 'npm-registry', `${name.replace('/', '__')}.json`), 'utf8'));

function source(overrides: HttpClientOptions = {}, options: { concurrency?: number; ttlMs?: number } = {}) {
  const http = createHttpClient({ sleep: async () => {}, random: () => 0.5, ...overrides });
  return { http, registry: new NpmRegistrySource({ http, registry: server.url, ...options }) };
}

describe('NpmRegistrySource', () => {
  it('reads the debug packument: 4.4.1 with provenance, 4.4.2 (Sept 2025) with a registry signature only', async () => {
    server.route({ method: 'GET', path: '/debug', reply: { json: await packument('debug') } });
    const { registry, http } = source();
    const debug = await registry.metadata('npm', 'debug');

    expect(server.requests[0]?.headers['accept']).toBe('application/json');
    expect(debug?.repository).toBe('git://github.com/debug-js/debug.git');
    expect([...(debug?.versions.keys() ?? [])]).toEqual(['4.4.0', '4.4.1', '4.4.2', '4.4.3']);
    expect(debug?.versions.get('4.4.1')).toEqual({
      version: '4.4.1',
      publishedAt: new Date('2025-05-13T12:00:00.000Z'),
      deprecated: undefined,
      installScripts: [],
      trust: 'provenance',
      integrity: 'sha512-KcKCqiftBJcZr++7ykoDIEwSa3XWowTfNPo92BYxjXiyYEVrUQh2aLyhxBCwww+heortUFxEJYcRzosstTEBYQ==',
      publishedBy: undefined,
      dependencies: { ms: '^2.1.3' },
    });
    expect(debug?.versions.get('4.4.2')).toMatchObject({ trust: 'registry-signature', publishedAt: new Date('2025-09-08T13:16:00.000Z'), installScripts: [] });
    expect(http.stats().requests).toBe(1);
    server.assertDone();
  });

  it('lists maintainers and who published each version', async () => {
    const doc = {
      name: 'tiny',
      maintainers: [{ name: 'zed', email: 'z@example.com' }, { name: 'amy', email: 'a@example.com' }, 'junk'],
      versions: { '1.0.0': { name: 'tiny', version: '1.0.0', dist: {}, _npmUser: { name: 'amy' }, dependencies: { ok: '^1.0.0', odd: 7 } } },
      time: { '1.0.0': '2024-01-01T00:00:00.000Z' },
    };
    server.route({ method: 'GET', path: '/tiny', reply: { json: doc } });
    const tiny = await source().registry.metadata('npm', 'tiny');
    expect(tiny?.maintainers).toEqual(['amy', 'zed']);
    expect(tiny?.versions.get('1.0.0')?.publishedBy).toBe('amy');
    // Only string ranges are dependencies; anything else in an untrusted packument reads as absent.
    expect(tiny?.versions.get('1.0.0')?.dependencies).toEqual({ ok: '^1.0.0' });
    server.assertDone();
  });

  it('sees the preinstall script that ua-parser-js 0.7.29 added', async () => {
    server.route({ method: 'GET', path: '/ua-parser-js', reply: { json: await packument('ua-parser-js') } });
    const ua = await source().registry.metadata('npm', 'ua-parser-js');
    expect(['0.7.28', '0.7.29', '0.7.30'].map((v) => ua?.versions.get(v)?.installScripts)).toEqual([[], ['preinstall'], []]);
    server.assertDone();
  });

  it('reads deprecation messages (request) and signature-only trust (ms)', async () => {
    server.route({ method: 'GET', path: '/request', reply: { json: await packument('request') } }).route({ method: 'GET', path: '/ms', reply: { json: await packument('ms') } });
    const { registry } = source();
    const request = await registry.metadata('npm', 'request');
    expect(request?.versions.get('2.88.2')?.deprecated).toBe('request has been deprecated, see https://github.com/request/request/issues/3142');
    expect(request?.repository).toBe('https://github.com/request/request.git') // the latest version's, as the mirror serves no top-level repository;
    const ms = await registry.metadata('npm', 'ms');
    expect([...(ms?.versions.values() ?? [])].map((v) => v.trust)).toEqual(['registry-signature', 'registry-signature']);
    server.assertDone();
  });

  it('asks for a scoped package as @scope%2fname and reads a trusted publisher', async () => {
    server.route({ method: 'GET', path: '/@sigstore%2fbundle', reply: { json: await packument('@sigstore/bundle') } });
    const bundle = await source().registry.metadata('npm', '@sigstore/bundle');
    expect(bundle?.versions.get('3.1.0')?.trust).toBe('provenance');
    expect(bundle?.versions.get('4.0.0')?.trust).toBe('trusted-publisher');
    server.assertDone();
  });

  it('counts gypfile as an install script, as npm runs node-gyp rebuild for it', async () => {
    const doc = {
      name: 'native-thing',
      versions: {
        '1.0.0': { name: 'native-thing', version: '1.0.0', gypfile: true, dist: {} },
        '1.0.1': { name: 'native-thing', version: '1.0.1', gypfile: true, scripts: { install: 'prebuild-install || node-gyp rebuild', postinstall: 'node x.js' } },
        '1.0.2': { name: 'native-thing', version: '1.0.2', gypfile: false, scripts: { test: 'x', preinstall: '' } },
      },
    };
    server.route({ method: 'GET', path: '/native-thing', reply: { json: doc } });
    const native = await source().registry.metadata('npm', 'native-thing');
    expect(['1.0.0', '1.0.1', '1.0.2'].map((v) => native?.versions.get(v)?.installScripts)).toEqual([['install'], ['install', 'postinstall'], []]);
    server.assertDone();
  });

  it('answers undefined for a package the registry does not have (404) and for other ecosystems', async () => {
    server.route({ method: 'GET', path: '/no-such-package-xyz', reply: { status: 404, json: { error: 'Not found' } } });
    const { registry, http } = source();
    expect(await registry.metadata('npm', 'no-such-package-xyz')).toBeUndefined();
    expect(await registry.metadata('pypi', 'requests')).toBeUndefined();
    expect(http.stats().requests).toBe(1);
    server.assertDone();
  });

  it('fetches many packages at most `concurrency` at a time, each once', async () => {
    let inFlight = 0;
    let most = 0;
    const names = Array.from({ length: 12 }, (_, i) => `pkg-${i}`);
    for (const name of names) {
      server.route({
        method: 'GET',
        path: `/${name}`,
        reply: () => {
          inFlight++;
          most = Math.max(most, inFlight);
          setTimeout(() => inFlight--, 25);
          return { delayMs: 25, json: { name, versions: { '1.0.0': { name, version: '1.0.0' } } } };
        },
      });
    }
    const { registry, http } = source({}, { concurrency: 3 });
    const all = await registry.metadataMany([...names, 'pkg-0', 'pkg-1']);
    expect(all.size).toBe(12);
    expect(most).toBeLessThanOrEqual(3);
    expect(most).toBeGreaterThan(1);
    expect(http.stats().requests).toBe(12);
    server.assertDone();
  });

  it('caches each packument for the TTL and shares one request between simultaneous asks', async () => {
    let now = 0;
    server.route({ method: 'GET', path: '/ms', reply: { json: await packument('ms') }, times: 2 });
    const http = createHttpClient({ cache: new MemoryCache(() => now) });
    const registry = new NpmRegistrySource({ http, registry: server.url });
    await Promise.all([registry.metadata('npm', 'ms'), registry.metadata('npm', 'ms')]);
    now = 59 * 60 * 1000;
    await registry.metadata('npm', 'ms');
    expect(http.stats()).toEqual({ requests: 1, cacheHits: 1 });
    now = 61 * 60 * 1000;
    await registry.metadata('npm', 'ms');
    expect(http.stats().requests).toBe(2);
    server.assertDone();
  });

  it('refuses a packument over the client’s body limit as BAD_RESPONSE', async () => {
    server.route({ method: 'GET', path: '/debug', reply: { json: await packument('debug') } });
    const error = await upstreamError(source({ maxBodyBytes: 4096 }).registry.metadata('npm', 'debug'));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toMatch(/larger than/);
    server.assertDone();
  });

  it('waits out a 429, then succeeds', async () => {
    const slept: number[] = [];
    server
      .route({ method: 'GET', path: '/ms', reply: { status: 429, headers: { 'retry-after': '2' }, raw: '' } })
      .route({ method: 'GET', path: '/ms', reply: { json: await packument('ms') } });
    const { registry, http } = source({ sleep: async (ms) => void slept.push(ms) });
    expect((await registry.metadata('npm', 'ms'))?.versions.size).toBe(2);
    expect(slept).toEqual([2000]);
    expect(http.stats().requests).toBe(2);
    server.assertDone();
  });

  it('fails SERVER_ERROR when 5xx outlasts the retries, and metadataMany reports it', async () => {
    server.route({ method: 'GET', path: '/ms', reply: { status: 500, raw: 'Internal Server Error' }, times: 4 });
    const { registry, http } = source();
    expect(await upstreamError(registry.metadataMany(['ms']))).toMatchObject({ code: 'SERVER_ERROR', service: 'npm registry' });
    expect(http.stats().requests).toBe(4);
    server.assertDone();
  });

  it('fails TIMEOUT when the registry does not answer in time', async () => {
    server.route({ method: 'GET', path: '/ms', reply: { json: {}, delayMs: 2000 }, times: 2 });
    expect((await upstreamError(source({ timeoutMs: 250, retry: { maxRetries: 1 } }).registry.metadata('npm', 'ms'))).code).toBe('TIMEOUT');
    server.assertDone();
  });

  it('fails BAD_RESPONSE on malformed JSON, a document without versions, another package’s packument', async () => {
    for (const reply of [{ raw: '{"name":"ms","versions":{' }, { json: { name: 'ms' } }, { json: { name: 'not-ms', versions: {} } }]) {
      server.route({ method: 'GET', path: '/ms', reply });
      expect((await upstreamError(source().registry.metadata('npm', 'ms'))).code).toBe('BAD_RESPONSE');
    }
    server.assertDone();
  });
});

describe('packumentUrl', () => {
  it('escapes the scope slash as npm does and percent-encodes the rest', () => {
    expect(packumentUrl('https://registry.npmjs.org/', '@babel/core')).toBe('https://registry.npmjs.org/@babel%2fcore');
    expect(packumentUrl('https://registry.npmjs.org/', 'lodash')).toBe('https://registry.npmjs.org/lodash');
    expect(packumentUrl('https://r/', '../../etc/passwd')).toBe('https://r/..%2F..%2Fetc%2Fpasswd');
    expect(packumentUrl('https://r/', '@a/b?c#d')).toBe('https://r/@a%2fb%3Fc%23d');
  });
});
