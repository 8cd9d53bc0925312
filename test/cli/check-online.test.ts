import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

// Every online source chaingate consults, faked on 127.0.0.1 in the shape of the real APIs:
// OSV (querybatch + vulns/{id}), GitHub /advisories, npm bulk advisories, packuments, attestations.
const records = new Map(
  ['GHSA-35jh-r3h4-6jhm', 'GHSA-9wv6-86v2-598j'].map((id) => [id, JSON.parse(readFileSync(join(FIXTURES, 'osv/check', `${id}.json`), 'utf8'))]),
);
const affected: Record<string, string> = { 'lodash@4.17.20': 'GHSA-35jh-r3h4-6jhm', 'path-to-regexp@0.1.7': 'GHSA-9wv6-86v2-598j' };

interface Seen {
  method: string;
  path: string;
}
const seen: Seen[] = [];
const unexpected: string[] = [];
let server: Server;
let url = '';

async function body(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text ? JSON.parse(text) : undefined;
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const path = request.url ?? '';
    seen.push({ method: request.method ?? '', path });
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (request.method === 'POST' && path === '/osv/v1/querybatch') {
      const { queries } = (await body(request)) as { queries: { package: { name: string }; version: string }[] };
      return json(200, { results: queries.map((q) => { const id = affected[`${q.package.name}@${q.version}`]; return id ? { vulns: [{ id, modified: '2024-09-11T17:17:48Z' }] } : {}; }) });
    }
    if (request.method === 'GET' && path.startsWith('/osv/v1/vulns/')) {
      const record = records.get(decodeURIComponent(path.slice('/osv/v1/vulns/'.length)));
      return record ? json(200, record) : json(404, { code: 5, message: 'Bug not found.' });
    }
    if (request.method === 'GET' && path.startsWith('/github/advisories?')) return json(200, []);
    if (request.method === 'POST' && path === '/npm/-/npm/v1/security/advisories/bulk') return json(200, {});
    if (request.method === 'GET' && path.startsWith('/npm/-/npm/v1/attestations/')) return json(404, { error: 'not found' });
    if (request.method === 'GET' && path.startsWith('/npm/')) return json(404, { error: 'Not found' });
    unexpected.push(`${request.method} ${path}`);
    return json(418, { error: 'unexpected request' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('chaingate check online', () => {
  it('asks every source once per batch and blocks what OSV reports, at any depth', async () => {
    const upgrade = join(FIXTURES, 'npm/v3-resolved/upgrade');
    const { code, stdout, stderr } = await cli(
      ['check', '--base', join(upgrade, 'head/package-lock.json'), '--head', join(upgrade, 'base/package-lock.json'), '--osv-url', `${url}/osv`, '--registry', `${url}/npm/`, '--no-cache', '--format', 'json'],
      '/',
      { GITHUB_API_URL: `${url}/github` },
    );
    expect(stderr).toBe('');
    const verdict = JSON.parse(stdout);
    expect(verdict.unavailable).toEqual([]);
    expect(verdict.findings.filter((f: { outcome: string }) => f.outcome === 'block').map((f: { name: string }) => f.name)).toEqual(['lodash', 'path-to-regexp']);
    expect(code).toBe(1);

    expect(unexpected).toEqual([]);
    const count = (pattern: RegExp) => seen.filter((s) => pattern.test(`${s.method} ${s.path}`)).length;
    expect(count(/^POST \/osv\/v1\/querybatch$/u)).toBe(1);
    expect(count(/^GET \/osv\/v1\/vulns\//u)).toBe(2);
    expect(count(/^GET \/github\/advisories\?/u)).toBe(2); // reviewed and malware
    expect(count(/^POST \/npm\/-\/npm\/v1\/security\/advisories\/bulk$/u)).toBe(1);
    // One packument per package the change brings in (npm has no batch endpoint), one attestations call per version.
    const { added, upgraded, downgraded, changed } = verdict.changes;
    const judged = added + upgraded + downgraded + changed;
    expect(judged).toBeGreaterThan(5);
    expect(count(/^GET \/npm\/(?!-\/)/u)).toBe(judged);
    expect(count(/^GET \/npm\/-\/npm\/v1\/attestations\//u)).toBe(judged);
  });

  it('fails closed, naming the source, when the advisory services are down', async () => {
    const upgrade = join(FIXTURES, 'npm/v3-resolved/upgrade');
    const { code, stdout } = await cli(
      ['check', '--base', join(upgrade, 'base/package-lock.json'), '--head', join(upgrade, 'head/package-lock.json'), '--osv-url', 'http://127.0.0.1:9/osv', '--registry', `${url}/npm/`, '--no-cache'],
      '/',
      { GITHUB_API_URL: `${url}/github` },
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/BLOCK advisories from osv: UNREACHABLE/u);
  }, 60_000);
});
