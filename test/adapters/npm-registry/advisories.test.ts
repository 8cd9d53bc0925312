import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClientOptions } from '../../../src/adapters/http/index.js';
import { NpmBulkAdvisorySource } from '../../../src/adapters/npm-registry/index.js';
import { UpstreamError } from '../../../src/core/errors.js';
import type { PackageRef } from '../../../src/core/facts.js';
import { FIXTURES } from '../../helpers/fixtures.js';
import { startFakeServer, type FakeServer } from '../../helpers/http-server.js';

const PATH = '/-/npm/v1/security/advisories/bulk';
let server: FakeServer;
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(async () => {
  await server.close();
});

const npm = (name: string, version: string): PackageRef => ({ ecosystem: 'npm', name, version });
const bulk = async (file: string): Promise<unknown> => JSON.parse(await readFile(join(FIXTURES, 'npm-registry', 'bulk', file), 'utf8'));

function source(overrides: HttpClientOptions = {}, batchSize?: number) {
  const http = createHttpClient({ sleep: async () => {}, random: () => 0.5, ...overrides });
  return { http, npmAdvisories: new NpmBulkAdvisorySource({ http, registry: `${server.url}/`, batchSize }) };
}

async function upstreamError(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

const REFS = [npm('lodash', '4.17.15'), npm('lodash', '4.17.21'), npm('debug', '4.4.1'), npm('debug', '4.4.2'), npm('ms', '2.1.3')];

describe('NpmBulkAdvisorySource', () => {
  it('posts every package in npm’s shape in one request and keeps the advisories whose range holds the version', async () => {
    server.route({ method: 'POST', path: PATH, reply: { json: await bulk('response.json') } });
    const { npmAdvisories, http } = source();
    const found = await npmAdvisories.advisoriesFor([...REFS, npm('lodash', '4.17.15'), { ecosystem: 'pypi', name: 'lodash', version: '1' }]);

    expect(server.requests[0]?.json).toEqual(await bulk('request.json'));
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
    expect([...found.keys()]).toEqual(['npm:lodash@4.17.15', 'npm:debug@4.4.2']);
    expect(found.get('npm:lodash@4.17.15')).toEqual([
      {
        id: '1106913',
        aliases: ['GHSA-35jh-r3h4-6jhm'],
        source: 'npm',
        summary: 'Command Injection in lodash',
        severity: 'high',
        cvssScore: 7.2,
        cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H',
        malware: false,
        fixedVersions: [],
        url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm',
      },
      expect.objectContaining({ id: '1106914', aliases: ['GHSA-p6mc-m468-83gw'], cvssScore: 7.4 }),
    ]);
    expect(found.get('npm:debug@4.4.2')).toEqual([expect.objectContaining({ id: '1107424', severity: 'critical', malware: true, cvssScore: undefined, cvssVector: undefined })]);
    expect(http.stats().requests).toBe(1);
    server.assertDone();
  });

  it('reads defaults as npm does: no severity is high, no range is every version, info is low', async () => {
    server.route({
      method: 'POST',
      path: PATH,
      reply: { json: { a: [{ id: 1, title: 'no range, no severity' }, { id: 2, title: 'informational', severity: 'info', vulnerable_versions: '>=1.0.0-0' }] } },
    });
    const found = await source().npmAdvisories.advisoriesFor([npm('a', '1.0.0-beta.1')]);
    expect(found.get('npm:a@1.0.0-beta.1')?.map((a) => [a.id, a.severity])).toEqual([
      ['1', 'high'],
      ['2', 'low'],
    ]);
    server.assertDone();
  });

  it('splits more than batchSize versions over several requests, keeping npm’s body shape', async () => {
    const refs = Array.from({ length: 12_000 }, (_, i) => npm(`p${i % 4000}`, `1.0.${Math.floor(i / 4000)}`));
    server.route({
      method: 'POST',
      path: PATH,
      times: 3,
      reply: (request) => {
        const body = request.json as Record<string, string[]>;
        const versions = Object.values(body).flat();
        expect(versions.length).toBeLessThanOrEqual(5000);
        return { json: 'p0' in body && body['p0']?.includes('1.0.0') ? { p0: [{ id: 7, title: 'x', severity: 'low', vulnerable_versions: '<1.0.1' }] } : {} };
      },
    });
    const { npmAdvisories, http } = source();
    const found = await npmAdvisories.advisoriesFor(refs);
    expect([...found.keys()]).toEqual(['npm:p0@1.0.0']);
    expect(http.stats().requests).toBe(Math.ceil(12_000 / 5000));
    expect(server.requests.map((r) => Object.values(r.json as Record<string, string[]>).flat().length)).toEqual([5000, 5000, 2000]);
    server.assertDone();
  });

  it('makes no request when there is no npm package to ask about', async () => {
    const { npmAdvisories, http } = source();
    expect((await npmAdvisories.advisoriesFor([{ ecosystem: 'cargo', name: 'x', version: '1.0.0' }])).size).toBe(0);
    expect(http.stats().requests).toBe(0);
    server.assertDone();
  });

  it('waits out a 429, then succeeds', async () => {
    const slept: number[] = [];
    server
      .route({ method: 'POST', path: PATH, reply: { status: 429, headers: { 'retry-after': '1' }, raw: 'Too Many Requests' } })
      .route({ method: 'POST', path: PATH, reply: { json: await bulk('response.json') } });
    const { npmAdvisories, http } = source({ sleep: async (ms) => void slept.push(ms) });
    expect((await npmAdvisories.advisoriesFor(REFS)).size).toBe(2);
    expect(slept).toEqual([1000]);
    expect(http.stats().requests).toBe(2);
    server.assertDone();
  });

  it('fails SERVER_ERROR when 5xx outlasts the retries', async () => {
    server.route({ method: 'POST', path: PATH, reply: { status: 503, raw: 'Service Unavailable' }, times: 4 });
    const { npmAdvisories, http } = source();
    expect(await upstreamError(npmAdvisories.advisoriesFor(REFS))).toMatchObject({ code: 'SERVER_ERROR', service: 'npm advisories' });
    expect(http.stats().requests).toBe(4);
    server.assertDone();
  });

  it('fails TIMEOUT when the registry does not answer in time', async () => {
    server.route({ method: 'POST', path: PATH, reply: { json: {}, delayMs: 2000 }, times: 2 });
    expect((await upstreamError(source({ timeoutMs: 250, retry: { maxRetries: 1 } }).npmAdvisories.advisoriesFor(REFS))).code).toBe('TIMEOUT');
    server.assertDone();
  });

  it('fails BAD_RESPONSE on malformed JSON, a list body, a package whose advisories are not a list, an advisory without id', async () => {
    for (const reply of [{ raw: '{"lodash": [' }, { json: [] }, { json: { lodash: { id: 1 } } }, { json: { lodash: [{ title: 'no id' }] } }]) {
      server.route({ method: 'POST', path: PATH, reply });
      expect((await upstreamError(source().npmAdvisories.advisoriesFor(REFS))).code).toBe('BAD_RESPONSE');
    }
    server.assertDone();
  });
});
