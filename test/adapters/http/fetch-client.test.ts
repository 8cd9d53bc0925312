import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient, MemoryCache, type HttpClientOptions } from '../../../src/adapters/http/index.js';
import { startFakeServer, type FakeServer } from '../../helpers/http-server.js';
import { rejectedWith } from '../../helpers/errors.js';
import { UpstreamError } from '../../../src/core/errors.js';

const upstreamError = (promise: Promise<unknown>) => rejectedWith(UpstreamError, promise);

let server: FakeServer;
let slept: number[];

beforeEach(async () => {
  server = await startFakeServer();
  slept = [];
});
afterEach(async () => {
  await server.close();
});

function client(overrides: HttpClientOptions = {}) {
  return createHttpClient({
    sleep: async (ms) => {
      slept.push(ms);
    },
    random: () => 1,
    now: () => Date.UTC(2025, 8, 8, 12, 0, 0),
    ...overrides,
  });
}

describe('createHttpClient', () => {
  it('returns parsed JSON with status and lower-case headers', async () => {
    server.route({ method: 'GET', path: '/v1/vulns/X', reply: { json: { id: 'X' }, headers: { 'X-Thing': 'y' } } });
    const answer = await client().getJson(`${server.url}/v1/vulns/X`, { service: 'osv' });
    expect(answer).toMatchObject({ status: 200, body: { id: 'X' } });
    expect(answer.headers['x-thing']).toBe('y');
    server.assertDone();
  });

  it('sends JSON bodies with a content type', async () => {
    server.route({ method: 'POST', path: '/q', body: (b) => (b as { a?: number }).a === 1, reply: { json: {} } });
    await client().postJson(`${server.url}/q`, { a: 1 }, { service: 'osv' });
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
    server.assertDone();
  });

  it('waits as long as Retry-After asks on 429, then succeeds', async () => {
    server.route({ method: 'GET', path: '/r', reply: { status: 429, headers: { 'retry-after': '7' } } });
    server.route({ method: 'GET', path: '/r', reply: { json: { ok: true } } });
    const http = client();
    const answer = await http.getJson(`${server.url}/r`, { service: 's' });
    expect(answer.body).toEqual({ ok: true });
    expect(slept).toEqual([7000]);
    expect(http.stats().requests).toBe(2);
    server.assertDone();
  });

  it('waits until GitHub x-ratelimit-reset when the remaining count is 0', async () => {
    const resetAt = Date.UTC(2025, 8, 8, 12, 0, 30) / 1000;
    server.route({ method: 'GET', path: '/gh', reply: { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt) } } });
    server.route({ method: 'GET', path: '/gh', reply: { json: [] } });
    await client().getJson(`${server.url}/gh`, { service: 'github' });
    expect(slept).toEqual([30_000]);
    server.assertDone();
  });

  it('fails RATE_LIMITED at once when the server asks for a wait over the cap', async () => {
    server.route({ method: 'GET', path: '/r', reply: { status: 429, headers: { 'retry-after': '3600' } } });
    const error = await upstreamError(client().getJson(`${server.url}/r`, { service: 's' }));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterSeconds).toBe(3600);
    expect(slept).toEqual([]);
    server.assertDone();
  });

  it('retries 5xx with growing backoff, then fails SERVER_ERROR', async () => {
    server.route({ method: 'GET', path: '/down', reply: { status: 503 }, times: 4 });
    const http = client();
    const error = await upstreamError(http.getJson(`${server.url}/down`, { service: 'osv' }));
    expect(error.code).toBe('SERVER_ERROR');
    expect(error.service).toBe('osv');
    expect(slept).toEqual([500, 1000, 2000]);
    expect(http.stats().requests).toBe(4);
    server.assertDone();
  });

  it('puts jitter in the backoff', async () => {
    server.route({ method: 'GET', path: '/down', reply: { status: 500 }, times: 2 });
    await upstreamError(client({ random: () => 0, retry: { maxRetries: 1 } }).getJson(`${server.url}/down`, { service: 's' }));
    expect(slept).toEqual([250]);
    server.assertDone();
  });

  it('fails TIMEOUT when the server is slower than the timeout', async () => {
    server.route({ method: 'GET', path: '/slow', reply: { json: {}, delayMs: 2000 }, times: 2 });
    const error = await upstreamError(client({ timeoutMs: 250, retry: { maxRetries: 1 } }).getJson(`${server.url}/slow`, { service: 's' }));
    expect(error.code).toBe('TIMEOUT');
    server.assertDone();
  });

  it('fails UNREACHABLE when nothing listens', async () => {
    const url = server.url;
    await server.close();
    const error = await upstreamError(client({ retry: { maxRetries: 1 } }).getJson(`${url}/x`, { service: 's' }));
    expect(error.code).toBe('UNREACHABLE');
    expect(slept).toHaveLength(1);
    server = await startFakeServer();
  });

  it('fails BAD_RESPONSE on malformed JSON, without retrying', async () => {
    server.route({ method: 'GET', path: '/bad', reply: { raw: '{"vulns": [' } });
    const error = await upstreamError(client().getJson(`${server.url}/bad`, { service: 's' }));
    expect(error.code).toBe('BAD_RESPONSE');
    server.assertDone();
  });

  it('fails UNAUTHORIZED on 401 and BAD_RESPONSE on other 4xx', async () => {
    server.route({ method: 'GET', path: '/a', reply: { status: 401 } });
    server.route({ method: 'GET', path: '/b', reply: { status: 400, json: { message: 'bad' } } });
    expect((await upstreamError(client().getJson(`${server.url}/a`, { service: 's' }))).code).toBe('UNAUTHORIZED');
    expect((await upstreamError(client().getJson(`${server.url}/b`, { service: 's' }))).code).toBe('BAD_RESPONSE');
    server.assertDone();
  });

  it('returns accepted non-2xx statuses as answers', async () => {
    server.route({ method: 'GET', path: '/missing', reply: { status: 404, json: { code: 5, message: 'Bug not found.' } } });
    const answer = await client().getJson(`${server.url}/missing`, { service: 's', acceptStatus: [404] });
    expect(answer.status).toBe(404);
    server.assertDone();
  });

  it('refuses a body over the size limit, declared or streamed', async () => {
    const big = { data: 'x'.repeat(5000) };
    server.route({ method: 'GET', path: '/big', reply: { json: big } });
    const error = await upstreamError(client({ maxBodyBytes: 1000 }).getJson(`${server.url}/big`, { service: 's' }));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toMatch(/larger than/);
    server.assertDone();
  });

  it('answers a repeated call from the cache within its TTL, by method, URL and body', async () => {
    let now = 0;
    const cache = new MemoryCache(() => now);
    server.route({ method: 'POST', path: '/q', reply: { json: { n: 1 } }, times: 3 });
    const http = client({ cache });
    const call = { service: 's', cacheTtlMs: 1000 };
    await http.postJson(`${server.url}/q`, { a: 1 }, call);
    expect((await http.postJson(`${server.url}/q`, { a: 1 }, call)).body).toEqual({ n: 1 });
    await http.postJson(`${server.url}/q`, { a: 2 }, call);
    now = 2000;
    await http.postJson(`${server.url}/q`, { a: 1 }, call);
    expect(http.stats()).toEqual({ requests: 3, cacheHits: 1 });
    server.assertDone();
  });

  it('keeps at most the configured number of requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const fakeFetch: typeof fetch = async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return new Response('{}', { status: 200 });
    };
    const http = client({ fetch: fakeFetch, concurrency: 3 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => http.getJson(`http://x/${i}`, { service: 's' })));
    expect(peak).toBe(3);
    expect(http.stats().requests).toBe(20);
  });
});

describe('startFakeServer', () => {
  it('reports undeclared requests and unused routes', async () => {
    server.route({ method: 'GET', path: '/used', reply: { json: {} } });
    server.route({ method: 'GET', path: '/unused', reply: { json: {} } });
    await client().getJson(`${server.url}/used`, { service: 's' });
    await upstreamError(client().getJson(`${server.url}/other`, { service: 's' }));
    expect(() => server.assertDone()).toThrow(/undeclared request: GET \/other[\s\S]*route never used \(1 left\): GET \/unused/);
  });
});

describe('body size limit while streaming', () => {
  it('stops reading a body without content-length once it passes the limit', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(400).fill(0x20));
        if (pulled > 100) controller.close();
      },
    });
    const http = createHttpClient({ fetch: async () => new Response(stream, { status: 200 }), maxBodyBytes: 1000 });
    const error = await http.getJson('http://x/y', { service: 's' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_RESPONSE' });
    expect(pulled).toBeLessThan(10);
  });
});
