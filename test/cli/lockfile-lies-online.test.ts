import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

// A packument in the shape GET /ms answers (only the fields chaingate reads), with the real dist.integrity
// of ms 2.1.3 (as npm writes it into lockfiles). The forged head lockfile records other bits for that version.
const REAL = 'sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==';
const FORGED = `sha512-${'Z'.repeat(86)}==`;
const packument = {
  name: 'ms',
  'dist-tags': { latest: '2.1.3' },
  time: { '2.1.3': '2020-12-08T13:54:35.223Z' },
  versions: { '2.1.3': { name: 'ms', version: '2.1.3', license: 'MIT', dist: { integrity: REAL, tarball: 'https://registry.npmjs.org/ms/-/ms-2.1.3.tgz' } } },
  maintainers: [],
};

let server: Server;
let url = '';
beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '';
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (request.method === 'POST' && path === '/osv/v1/querybatch') return json(200, { results: [{}] });
    if (request.method === 'GET' && path.startsWith('/github/advisories?')) return json(200, []);
    if (request.method === 'POST' && path === '/npm/-/npm/v1/security/advisories/bulk') return json(200, {});
    if (request.method === 'GET' && path.startsWith('/npm/-/npm/v1/attestations/')) return json(404, { error: 'not found' });
    if (request.method === 'GET' && path === '/npm/ms') return json(200, packument);
    return json(404, { error: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const dir = mkdtempSync(join(tmpdir(), 'chaingate-lies-online-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function lockfile(name: string, integrity: string | undefined): string {
  const packages: Record<string, unknown> = { '': { name: 'app', version: '1.0.0', ...(integrity ? { dependencies: { ms: '2.1.3' } } : {}) } };
  if (integrity) packages['node_modules/ms'] = { version: '2.1.3', resolved: 'https://registry.npmjs.org/ms/-/ms-2.1.3.tgz', integrity, license: 'MIT' };
  mkdirSync(join(dir, name));
  writeFileSync(join(dir, name, 'package-lock.json'), JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));
  return join(dir, name, 'package-lock.json');
}

let bases = 0;
async function check(head: string) {
  const args = ['check', '--base', lockfile(`base-${++bases}`, undefined), '--head', head, '--osv-url', `${url}/osv`, '--registry', `${url}/npm/`, '--no-cache', '--format', 'json'];
  const { code, stdout } = await cli(args, '/', { GITHUB_API_URL: `${url}/github` });
  return { code, findings: JSON.parse(stdout).findings as { name: string; outcome: string; rule: string; evidence: Record<string, unknown> }[] };
}

it('blocks a lockfile entry whose integrity is not the one the registry publishes', async () => {
  const { code, findings } = await check(lockfile('forged', FORGED));
  const blocked = findings.filter((f) => f.outcome === 'block');
  expect(blocked.map((f) => [f.name, f.rule, f.evidence.registryIntegrity])).toEqual([['ms', 'lockfile-mismatch', REAL]]);
  expect(code).toBe(1);
});

it('passes the entry with the registry integrity', async () => {
  const { findings } = await check(lockfile('real', REAL));
  expect(findings.filter((f) => f.rule === 'lockfile-mismatch')).toEqual([]);
});
