import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient, MemoryCache, type HttpClientOptions } from '../../../src/adapters/http/index.js';
import { GithubAdvisorySource } from '../../../src/adapters/github-advisories/index.js';
import type { PackageRef } from '../../../src/core/facts.js';
import { FIXTURES } from '../../helpers/fixtures.js';
import { startFakeServer, type FakeServer } from '../../helpers/http-server.js';
import { loadAdvisoriesSpec, requestProblems } from './openapi.js';
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

async function response(name: string): Promise<unknown[]> {
  return JSON.parse(await readFile(join(FIXTURES, 'github-advisories', 'responses', name), 'utf8')) as unknown[];
}

/** The path the adapter asks for one type and `affects` list, as URLSearchParams encodes it. */
function advisoriesPath(type: string, affects: string[], extra = ''): string {
  return `/advisories?${new URLSearchParams({ ecosystem: 'npm', type, affects: affects.join(','), per_page: '100' }).toString()}${extra}`;
}

function source(overrides: HttpClientOptions = {}, token?: string) {
  const http = createHttpClient({ sleep: async () => {}, random: () => 0.5, ...overrides });
  return { http, github: new GithubAdvisorySource({ http, baseUrl: server.url, token }) };
}

describe('GithubAdvisorySource', () => {
  it('asks reviewed and malware advisories for all packages at once and maps them to Advisory', async () => {
    const affects = ['debug@4.4.2', 'lodash@4.17.15', 'ua-parser-js@0.7.29', 'ms@2.1.3'];
    server
      .route({ method: 'GET', path: advisoriesPath('reviewed', affects), reply: { json: await response('reviewed-page-1.json') } })
      .route({ method: 'GET', path: advisoriesPath('malware', affects), reply: { json: await response('malware.json') } });
    const { github, http } = source({}, 'ghp_test');
    const found = await github.advisoriesFor([...affects.map((a) => npm(a.slice(0, a.lastIndexOf('@')), a.slice(a.lastIndexOf('@') + 1))), { ecosystem: 'pypi', name: 'x', version: '1' }]);

    expect([...found.keys()].sort()).toEqual(['npm:debug@4.4.2', 'npm:lodash@4.17.15', 'npm:ua-parser-js@0.7.29']);
    expect(found.get('npm:debug@4.4.2')).toEqual([
      {
        id: 'GHSA-8mgj-vmr8-frr6',
        aliases: [],
        source: 'github',
        summary: 'Malware in debug',
        severity: 'critical',
        cvssScore: undefined,
        cvssVector: undefined,
        malware: true,
        fixedVersions: [],
        url: 'https://github.com/advisories/GHSA-8mgj-vmr8-frr6',
        published: '2025-09-08T17:54:47Z',
        withdrawn: undefined,
      },
    ]);
    expect(found.get('npm:lodash@4.17.15')?.[0]).toMatchObject({
      id: 'GHSA-p6mc-m468-83gw',
      aliases: ['CVE-2020-8203'],
      severity: 'high',
      cvssScore: 7.4,
      cvssVector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H',
      malware: false,
      fixedVersions: ['4.17.20'],
    });
    // Reviewed, not `type: malware`: GitHub files the 2021 hijack as a vulnerability with CWE-506.
    expect(found.get('npm:ua-parser-js@0.7.29')?.[0]).toMatchObject({ id: 'GHSA-pjwm-rvh2-c87w', severity: 'critical', malware: false, fixedVersions: ['0.7.30', '0.8.1', '1.0.1'] });
    expect(http.stats().requests).toBe(2);
    for (const request of server.requests) {
      expect(request.headers['accept']).toBe('application/vnd.github+json');
      expect(request.headers['x-github-api-version']).toBe('2022-11-28');
      expect(request.headers['authorization']).toBe('Bearer ghp_test');
    }
    server.assertDone();
  });

  it('sends no Authorization header without a token', async () => {
    server.route({ method: 'GET', path: advisoriesPath('reviewed', ['ms@2.1.3']), reply: { json: [] } }).route({ method: 'GET', path: advisoriesPath('malware', ['ms@2.1.3']), reply: { json: [] } });
    expect((await source().github.advisoriesFor([npm('ms', '2.1.3')])).size).toBe(0);
    expect(server.requests.map((r) => r.headers['authorization'])).toEqual([undefined, undefined]);
    server.assertDone();
  });

  it('checks vulnerable_version_range itself: an advisory GitHub returns for another version does not match', async () => {
    // GitHub answered lodash 4.17.21 with the advisory fixed in 4.17.20 (as if its filter were package-only).
    server
      .route({ method: 'GET', path: advisoriesPath('reviewed', ['lodash@4.17.21', 'ua-parser-js@0.7.28']), reply: { json: await response('reviewed-page-1.json') } })
      .route({ method: 'GET', path: advisoriesPath('malware', ['lodash@4.17.21', 'ua-parser-js@0.7.28']), reply: { json: [] } });
    expect((await source().github.advisoriesFor([npm('lodash', '4.17.21'), npm('ua-parser-js', '0.7.28')])).size).toBe(0);
    server.assertDone();
  });

  it('follows the Link header rel="next" until the last page', async () => {
    const affects = ['event-stream@3.3.6', 'lodash@4.17.15'];
    const first = advisoriesPath('reviewed', affects);
    const second = `${first}&after=Y3Vyc29yOnYyOpK0MjAyMC0wNy0xNVQxOToxNTo0OFrOAABbAQ%3D%3D`;
    server
      .route({
        method: 'GET',
        path: first,
        reply: { headers: { link: `<${server.url}${second}>; rel="next"` }, json: await response('reviewed-page-1.json') },
      })
      .route({ method: 'GET', path: second, reply: { json: await response('reviewed-page-2.json') } })
      .route({ method: 'GET', path: advisoriesPath('malware', affects), reply: { json: [] } });
    const { github, http } = source();
    const found = await github.advisoriesFor([npm('event-stream', '3.3.6'), npm('lodash', '4.17.15')]);
    expect(found.get('npm:event-stream@3.3.6')?.map((a) => [a.id, a.severity, a.fixedVersions])).toEqual([['GHSA-mh6f-8j2x-4483', 'critical', ['4.0.0']]]);
    expect(found.get('npm:lodash@4.17.15')?.map((a) => a.id)).toEqual(['GHSA-p6mc-m468-83gw']);
    expect(http.stats().requests).toBe(3);
    server.assertDone();
  });

  it('refuses a next link to another host, so the token never leaves the API', async () => {
    server.route({
      method: 'GET',
      path: advisoriesPath('reviewed', ['ms@2.1.3']),
      reply: { headers: { link: '<https://evil.example/advisories?after=x>; rel="next"' }, json: [] },
    });
    server.route({ method: 'GET', path: advisoriesPath('malware', ['ms@2.1.3']), reply: { json: [] } });
    expect((await upstreamError(source({}, 'ghp_secret').github.advisoriesFor([npm('ms', '2.1.3')]))).code).toBe('BAD_RESPONSE');
    server.assertDone();
  });

  it('puts at most 1000 packages in one affects list: 2,500 packages make 3 batches × 2 types', async () => {
    const refs = Array.from({ length: 2500 }, (_, i) => npm(`p${i}`, '1.0.0'));
    for (const [from, to] of [
      [0, 1000],
      [1000, 2000],
      [2000, 2500],
    ] as const) {
      const affects = refs.slice(from, to).map((r) => `${r.name}@${r.version}`);
      for (const type of ['reviewed', 'malware']) server.route({ method: 'GET', path: advisoriesPath(type, affects), reply: { json: [] } });
    }
    const http = createHttpClient({ sleep: async () => {} });
    const github = new GithubAdvisorySource({ http, baseUrl: server.url, maxUrlLength: 100_000 });
    await github.advisoriesFor(refs);
    expect(http.stats().requests).toBe(6);
    server.assertDone();
  });

  it('splits an affects list that would make the URL longer than maxUrlLength', async () => {
    const refs = ['@scope/a', '@scope/b', '@scope/c'].map((name) => npm(name, '1.0.0'));
    const one = advisoriesPath('reviewed', ['@scope/a@1.0.0']).length + server.url.length;
    const http = createHttpClient({ sleep: async () => {} });
    const github = new GithubAdvisorySource({ http, baseUrl: server.url, maxUrlLength: one + 20 });
    for (const name of ['@scope/a', '@scope/b', '@scope/c']) {
      for (const type of ['reviewed', 'malware']) server.route({ method: 'GET', path: advisoriesPath(type, [`${name}@1.0.0`]), reply: { json: [] } });
    }
    await github.advisoriesFor(refs);
    expect(server.requests[0]?.path).toContain('affects=%40scope%2Fa%401.0.0');
    server.assertDone();
  });

  it('makes only requests that GitHub’s OpenAPI description declares (path, parameters, enums, bounds)', async () => {
    const spec = await loadAdvisoriesSpec();
    const affects = ['debug@4.4.2', '@babel/core@7.0.0'];
    const next = `${advisoriesPath('reviewed', affects)}&after=abc`;
    server
      .route({ method: 'GET', path: advisoriesPath('reviewed', affects), reply: { headers: { link: `<${server.url}${next}>; rel="next"` }, json: [] } })
      .route({ method: 'GET', path: next, reply: { json: [] } })
      .route({ method: 'GET', path: advisoriesPath('malware', affects), reply: { json: [] } });
    await source().github.advisoriesFor([npm('debug', '4.4.2'), npm('@babel/core', '7.0.0')]);
    expect(server.requests).toHaveLength(3);
    for (const request of server.requests) expect(requestProblems(spec, request)).toEqual([]);
    // The checker itself catches what the adapter must never send.
    expect(requestProblems(spec, { ...server.requests[0]!, path: '/advisories?type=reviewed,malware&per_page=500&package=x' })).toEqual([
      'type=reviewed,malware is not one of reviewed, malware, unreviewed',
      'per_page=500 is outside 1–100',
      'query parameter package is not declared',
    ]);
    server.assertDone();
  });

  it('answers fixtures that validate against the global-advisory schema', async () => {
    const spec = await loadAdvisoriesSpec();
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    for (const [name, schema] of Object.entries(spec.components['schemas'] ?? {})) ajv.addSchema(schema, `#/components/schemas/${name}`);
    const validate = ajv.compile({ type: 'array', items: { $ref: '#/components/schemas/global-advisory' } });
    for (const file of ['reviewed-page-1.json', 'reviewed-page-2.json', 'malware.json']) {
      expect(validate(await response(file)), `${file}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it('waits out a 429 with Retry-After, then succeeds', async () => {
    const slept: number[] = [];
    const path = advisoriesPath('reviewed', ['debug@4.4.2']);
    server
      .route({ method: 'GET', path, reply: { status: 429, headers: { 'retry-after': '3' }, json: { message: 'API rate limit exceeded', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' } } })
      .route({ method: 'GET', path, reply: { json: [] } })
      .route({ method: 'GET', path: advisoriesPath('malware', ['debug@4.4.2']), reply: { json: await response('malware.json') } });
    const { github, http } = source({ sleep: async (ms) => void slept.push(ms) });
    expect((await github.advisoriesFor([npm('debug', '4.4.2')])).get('npm:debug@4.4.2')?.[0]?.malware).toBe(true);
    expect(slept).toEqual([3000]);
    expect(http.stats().requests).toBe(3);
    server.assertDone();
  });

  it('treats a 403 with x-ratelimit-remaining: 0 as the rate limit and fails RATE_LIMITED when the reset is too far', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    server
      .route({ method: 'GET', path: advisoriesPath('reviewed', ['ms@2.1.3']), reply: { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, json: { message: 'API rate limit exceeded' } } })
      .route({ method: 'GET', path: advisoriesPath('malware', ['ms@2.1.3']), reply: { json: [] } });
    const error = await upstreamError(source().github.advisoriesFor([npm('ms', '2.1.3')]));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterSeconds).toBeGreaterThan(3000);
    server.assertDone();
  });

  it('fails SERVER_ERROR when 5xx outlasts the retries', async () => {
    server
      .route({ method: 'GET', path: advisoriesPath('reviewed', ['ms@2.1.3']), reply: { status: 502, raw: '<html>Bad gateway</html>' }, times: 4 })
      .route({ method: 'GET', path: advisoriesPath('malware', ['ms@2.1.3']), reply: { json: [] } });
    const { github, http } = source();
    expect(await upstreamError(github.advisoriesFor([npm('ms', '2.1.3')]))).toMatchObject({ code: 'SERVER_ERROR', service: 'github advisories' });
    expect(http.stats().requests).toBe(5);
    server.assertDone();
  });

  it('fails TIMEOUT when GitHub does not answer in time', async () => {
    server
      .route({ method: 'GET', path: advisoriesPath('reviewed', ['ms@2.1.3']), reply: { json: [], delayMs: 2000 }, times: 2 })
      .route({ method: 'GET', path: advisoriesPath('malware', ['ms@2.1.3']), reply: { json: [] } });
    expect((await upstreamError(source({ timeoutMs: 250, retry: { maxRetries: 1 } }).github.advisoriesFor([npm('ms', '2.1.3')]))).code).toBe('TIMEOUT');
    server.assertDone();
  });

  it('fails BAD_RESPONSE on malformed JSON, a non-list body and an item without ghsa_id', async () => {
    for (const reply of [{ raw: '[{"ghsa_id": "GHSA-' }, { json: { message: 'Not Found' } }, { json: [{ summary: 'no id' }] }]) {
      server.route({ method: 'GET', path: advisoriesPath('reviewed', ['ms@2.1.3']), reply }).route({ method: 'GET', path: advisoriesPath('malware', ['ms@2.1.3']), reply: { json: [] } });
      expect((await upstreamError(source().github.advisoriesFor([npm('ms', '2.1.3')]))).code).toBe('BAD_RESPONSE');
    }
    server.assertDone();
  });

  it('fails BAD_RESPONSE on a 422 (validation failed) and skips withdrawn advisories', async () => {
    server
      .route({ method: 'GET', path: advisoriesPath('reviewed', ['ms@2.1.3']), reply: { status: 422, json: { message: 'Validation Failed', documentation_url: 'x' } } })
      .route({ method: 'GET', path: advisoriesPath('malware', ['ms@2.1.3']), reply: { json: [] } });
    expect((await upstreamError(source().github.advisoriesFor([npm('ms', '2.1.3')]))).code).toBe('BAD_RESPONSE');
    const [lodash] = await response('reviewed-page-1.json');
    server
      .route({ method: 'GET', path: advisoriesPath('reviewed', ['lodash@4.17.15']), reply: { json: [{ ...(lodash as object), withdrawn_at: '2024-01-01T00:00:00Z' }] } })
      .route({ method: 'GET', path: advisoriesPath('malware', ['lodash@4.17.15']), reply: { json: [] } });
    expect((await source().github.advisoriesFor([npm('lodash', '4.17.15')])).size).toBe(0);
    server.assertDone();
  });

  it('answers a repeated check from the cache when queryTtlMs is set', async () => {
    server
      .route({ method: 'GET', path: advisoriesPath('reviewed', ['ms@2.1.3']), reply: { json: [] } })
      .route({ method: 'GET', path: advisoriesPath('malware', ['ms@2.1.3']), reply: { json: [] } });
    const http = createHttpClient({ cache: new MemoryCache() });
    const github = new GithubAdvisorySource({ http, baseUrl: server.url, queryTtlMs: 60_000 });
    await github.advisoriesFor([npm('ms', '2.1.3')]);
    await github.advisoriesFor([npm('ms', '2.1.3')]);
    expect(http.stats()).toEqual({ requests: 2, cacheHits: 2 });
    server.assertDone();
  });

  it('reaches GitHub Enterprise Server under /api/v3', async () => {
    server
      .route({ method: 'GET', path: `/api/v3${advisoriesPath('reviewed', ['ms@2.1.3'])}`, reply: { json: [] } })
      .route({ method: 'GET', path: `/api/v3${advisoriesPath('malware', ['ms@2.1.3'])}`, reply: { json: [] } });
    const github = new GithubAdvisorySource({ http: createHttpClient(), baseUrl: `${server.url}/api/v3/` });
    await github.advisoriesFor([npm('ms', '2.1.3')]);
    server.assertDone();
  });
});
