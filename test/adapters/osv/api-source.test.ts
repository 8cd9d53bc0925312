import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackageRef } from '../../../src/core/facts.js';
import { createHttpClient, MemoryCache, type HttpClientOptions } from '../../../src/adapters/http/index.js';
import { OsvApiSource } from '../../../src/adapters/osv/index.js';
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

const npm = (name: string, version: string): PackageRef => ({ ecosystem: 'npm', name, version });

async function record(id: string): Promise<unknown> {
  return JSON.parse(await readFile(join(FIXTURES, 'osv', 'records', `${id}.json`), 'utf8'));
}

function source(overrides: HttpClientOptions = {}) {
  const http = createHttpClient({ sleep: async () => {}, random: () => 0.5, ...overrides });
  return { http, osv: new OsvApiSource({ http, baseUrl: server.url }) };
}

interface BatchBody {
  queries: Array<{ package: { ecosystem: string; name: string }; version: string; page_token?: string }>;
}
const queriesOf = (json: unknown) => (json as BatchBody).queries;

describe('OsvApiSource', () => {
  it('asks querybatch in OSV’s shape, then fetches each record once', async () => {
    server
      .route({
        method: 'POST',
        path: '/v1/querybatch',
        reply: {
          json: {
            results: [
              { vulns: [{ id: 'MAL-2025-46974', modified: '2025-09-12T01:13:34Z' }] },
              {},
              { vulns: [{ id: 'GHSA-p6mc-m468-83gw', modified: '2022-02-08T22:04:28Z' }] },
              { vulns: [{ id: 'GHSA-p6mc-m468-83gw', modified: '2022-02-08T22:04:28Z' }] },
            ],
          },
        },
      })
      .route({ method: 'GET', path: '/v1/vulns/MAL-2025-46974', reply: { json: await record('MAL-2025-46974') } })
      .route({ method: 'GET', path: '/v1/vulns/GHSA-p6mc-m468-83gw', reply: { json: await record('GHSA-p6mc-m468-83gw') } });
    const { osv, http } = source();
    const refs = [npm('debug', '4.4.2'), npm('chalk', '5.6.2'), npm('lodash', '4.17.15'), npm('lodash-es', '4.17.15'), { ecosystem: 'generic', name: 'x', version: '1' }];
    const found = await osv.advisoriesFor(refs);

    expect(queriesOf(server.requests[0]?.json)).toEqual([
      { package: { ecosystem: 'npm', name: 'debug' }, version: '4.4.2' },
      { package: { ecosystem: 'npm', name: 'chalk' }, version: '5.6.2' },
      { package: { ecosystem: 'npm', name: 'lodash' }, version: '4.17.15' },
      { package: { ecosystem: 'npm', name: 'lodash-es' }, version: '4.17.15' },
    ]);
    expect([...found.keys()]).toEqual(['npm:debug@4.4.2', 'npm:lodash@4.17.15', 'npm:lodash-es@4.17.15']);
    expect(found.get('npm:debug@4.4.2')?.[0]).toMatchObject({ id: 'MAL-2025-46974', malware: true, severity: 'critical' });
    expect(found.get('npm:lodash-es@4.17.15')?.[0]).toMatchObject({ id: 'GHSA-p6mc-m468-83gw', severity: 'high', fixedVersions: ['4.17.20'] });
    expect(http.stats().requests).toBe(3);
    server.assertDone();
  });

  it('maps purl types to OSV ecosystem names', async () => {
    server.route({ method: 'POST', path: '/v1/querybatch', reply: { json: { results: [{}, {}, {}] } } });
    await source().osv.advisoriesFor([
      { ecosystem: 'pypi', name: 'jinja2', version: '2.4.1' },
      { ecosystem: 'cargo', name: 'time', version: '0.1.0' },
      { ecosystem: 'golang', name: 'golang.org/x/net', version: '0.1.0' },
    ]);
    expect(queriesOf(server.requests[0]?.json).map((q) => q.package.ecosystem)).toEqual(['PyPI', 'crates.io', 'Go']);
    server.assertDone();
  });

  it('checks 2,000 packages with 2 batch calls plus one call per distinct vulnerability', async () => {
    const refs = Array.from({ length: 2000 }, (_, i) => npm(`pkg-${i}`, '1.0.0'));
    const ids = ['GHSA-0001', 'GHSA-0002', 'MAL-2025-0003'];
    const vulnsFor = (name: string) => {
      const n = Number(name.slice(4));
      if (n % 500 === 0) return { vulns: [{ id: ids[n % 3], modified: '2025-01-01T00:00:00Z' }] };
      return {};
    };
    for (const [first, last] of [
      [0, 999],
      [1000, 1999],
    ] as const) {
      server.route({
        method: 'POST',
        path: '/v1/querybatch',
        body: (json) => queriesOf(json)[0]?.package.name === `pkg-${first}` && queriesOf(json).length === 1000 && queriesOf(json)[999]?.package.name === `pkg-${last}`,
        reply: (req) => ({ json: { results: queriesOf(req.json).map((q) => vulnsFor(q.package.name)) } }),
      });
    }
    for (const id of ids) {
      server.route({
        method: 'GET',
        path: `/v1/vulns/${id}`,
        reply: { json: { id, summary: `advisory ${id}`, affected: [{ package: { ecosystem: 'npm', name: 'pkg-0' }, versions: ['1.0.0'] }] } },
      });
    }
    const { osv, http } = source();
    const found = await osv.advisoriesFor(refs);
    expect(found.size).toBe(4); // pkg-0, pkg-500, pkg-1000, pkg-1500
    expect(http.stats().requests).toBe(Math.ceil(2000 / 1000) + ids.length);
    server.assertDone();
  });

  it('follows next_page_token only for the queries that returned one', async () => {
    server
      .route({
        method: 'POST',
        path: '/v1/querybatch',
        body: (json) => queriesOf(json).every((q) => q.page_token === undefined),
        reply: {
          json: {
            results: [{ vulns: [{ id: 'GHSA-0001', modified: 'x' }], next_page_token: 'page-2-for-a' }, { vulns: [{ id: 'GHSA-0002', modified: 'x' }] }],
          },
        },
      })
      .route({
        method: 'POST',
        path: '/v1/querybatch',
        body: (json) => queriesOf(json).length === 1 && queriesOf(json)[0]?.page_token === 'page-2-for-a' && queriesOf(json)[0]?.package.name === 'a',
        reply: { json: { results: [{ vulns: [{ id: 'GHSA-0003', modified: 'x' }] }] } },
      });
    for (const [id, name] of [
      ['GHSA-0001', 'a'],
      ['GHSA-0002', 'b'],
      ['GHSA-0003', 'a'],
    ] as const) {
      server.route({ method: 'GET', path: `/v1/vulns/${id}`, reply: { json: { id, affected: [{ package: { ecosystem: 'npm', name }, versions: ['1.0.0'] }] } } });
    }
    const found = await source().osv.advisoriesFor([npm('a', '1.0.0'), npm('b', '1.0.0')]);
    expect(found.get('npm:a@1.0.0')?.map((a) => a.id)).toEqual(['GHSA-0001', 'GHSA-0003']);
    expect(found.get('npm:b@1.0.0')?.map((a) => a.id)).toEqual(['GHSA-0002']);
    server.assertDone();
  });

  it('fails BAD_RESPONSE, instead of answering with the first pages only, when a package\'s pages never end', async () => {
    server.route({
      method: 'POST',
      path: '/v1/querybatch',
      times: 3,
      reply: { json: { results: [{ vulns: [{ id: 'GHSA-0001', modified: 'x' }], next_page_token: 'more' }] } },
    });
    const http = createHttpClient({ sleep: async () => {}, random: () => 0.5 });
    const osv = new OsvApiSource({ http, baseUrl: server.url, maxPages: 2 });
    const error = await upstreamError(osv.advisoriesFor([npm('a', '1.0.0')]));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toContain('a@1.0.0 has more than 3 pages');
    server.assertDone();
  });

  it('fails BAD_RESPONSE on a querybatch result that is not an object', async () => {
    server.route({ method: 'POST', path: '/v1/querybatch', reply: { json: { results: ['GHSA-0001'] } } });
    expect((await upstreamError(source().osv.advisoriesFor([npm('a', '1.0.0')]))).code).toBe('BAD_RESPONSE');
  });

  it('waits out a 429 with Retry-After, then succeeds', async () => {
    const slept: number[] = [];
    server
      .route({ method: 'POST', path: '/v1/querybatch', reply: { status: 429, headers: { 'retry-after': '2' }, json: { code: 8, message: 'Resource exhausted' } } })
      .route({ method: 'POST', path: '/v1/querybatch', reply: { json: { results: [{}] } } });
    const { osv } = source({ sleep: async (ms) => void slept.push(ms) });
    expect((await osv.advisoriesFor([npm('debug', '4.4.1')])).size).toBe(0);
    expect(slept).toEqual([2000]);
    server.assertDone();
  });

  it('fails SERVER_ERROR when 5xx outlasts the retries', async () => {
    server.route({ method: 'POST', path: '/v1/querybatch', reply: { status: 503, raw: 'upstream connect error' }, times: 4 });
    const error = await upstreamError(source().osv.advisoriesFor([npm('debug', '4.4.1')]));
    expect(error).toMatchObject({ code: 'SERVER_ERROR', service: 'osv' });
    server.assertDone();
  });

  it('fails TIMEOUT when OSV does not answer in time', async () => {
    server.route({ method: 'POST', path: '/v1/querybatch', reply: { json: { results: [{}] }, delayMs: 2000 }, times: 2 });
    const error = await upstreamError(source({ timeoutMs: 250, retry: { maxRetries: 1 } }).osv.advisoriesFor([npm('debug', '4.4.1')]));
    expect(error.code).toBe('TIMEOUT');
    server.assertDone();
  });

  it('fails BAD_RESPONSE on malformed JSON and on a results list of the wrong length', async () => {
    server.route({ method: 'POST', path: '/v1/querybatch', reply: { raw: '{"results": [{"vulns": [' } });
    expect((await upstreamError(source().osv.advisoriesFor([npm('a', '1.0.0')]))).code).toBe('BAD_RESPONSE');
    server.route({ method: 'POST', path: '/v1/querybatch', reply: { json: { results: [] } } });
    expect((await upstreamError(source().osv.advisoriesFor([npm('a', '1.0.0')]))).code).toBe('BAD_RESPONSE');
    server.assertDone();
  });

  it('skips ids that are gone (404) and withdrawn records', async () => {
    server
      .route({ method: 'POST', path: '/v1/querybatch', reply: { json: { results: [{ vulns: [{ id: 'GHSA-gone' }, { id: 'GHSA-wdrn' }] }] } } })
      .route({ method: 'GET', path: '/v1/vulns/GHSA-gone', reply: { status: 404, json: { code: 5, message: 'Bug not found.' } } })
      .route({ method: 'GET', path: '/v1/vulns/GHSA-wdrn', reply: { json: { id: 'GHSA-wdrn', withdrawn: '2024-01-01T00:00:00Z', affected: [] } } });
    expect((await source().osv.advisoriesFor([npm('a', '1.0.0')])).size).toBe(0);
    server.assertDone();
  });

  it('fetches each record once across checks when a cache is given', async () => {
    const batch = { json: { results: [{ vulns: [{ id: 'MAL-2025-46969' }] }] } };
    server
      .route({ method: 'POST', path: '/v1/querybatch', reply: batch, times: 2 })
      .route({ method: 'GET', path: '/v1/vulns/MAL-2025-46969', reply: { json: await record('MAL-2025-46969') } });
    const { osv, http } = source({ cache: new MemoryCache() });
    await osv.advisoriesFor([npm('chalk', '5.6.1')]);
    const again = await osv.advisoriesFor([npm('chalk', '5.6.1')]);
    expect(again.get('npm:chalk@5.6.1')?.[0]?.id).toBe('MAL-2025-46969');
    expect(http.stats()).toEqual({ requests: 3, cacheHits: 1 });
    server.assertDone();
  });
});
