import { describe, expect, it } from 'vitest';
import { ParseError, type InputErrorCode } from '../../../src/core/errors.js';
import { readFixture } from '../../helpers/fixtures.js';
import { parseText } from './fixture-graph.js';
import type { Limits } from '../../../src/core/limits.js';
import { rejectedWith } from '../../helpers/errors.js';

function failure(content: string, limits: Partial<Limits> = {}): Promise<ParseError> {
  return rejectedWith(ParseError, parseText(content, limits));
}

async function expectCode(content: string, code: InputErrorCode, reason?: RegExp, limits: Partial<Limits> = {}): Promise<void> {
  const error = await failure(content, limits);
  expect(error.code).toBe(code);
  expect(error.message.startsWith('package-lock.json: ')).toBe(true);
  if (reason) expect(error.message).toMatch(reason);
}

function v3(packages: Record<string, unknown>): string {
  return JSON.stringify({ name: 'x', lockfileVersion: 3, requires: true, packages: { '': { name: 'x' }, ...packages } });
}

function v1(dependencies: unknown): string {
  return JSON.stringify({ name: 'x', lockfileVersion: 1, requires: true, dependencies });
}

const ms = { version: '2.1.3', integrity: 'sha512-x' };

describe('npm lockfiles that cannot be read', () => {
  it('refuses truncated JSON', async () => {
    const real = await readFixture('npm/v3/app/package-lock.json');
    await expectCode(real.slice(0, real.length / 2), 'MALFORMED', /not valid JSON/);
  });

  it('refuses JSON that is not an object or has no numeric lockfileVersion', async () => {
    await expectCode('[1,2]', 'MALFORMED');
    await expectCode('{"name":"x","packages":{}}', 'MALFORMED', /lockfileVersion/);
    await expectCode('{"lockfileVersion":"3","packages":{}}', 'MALFORMED', /lockfileVersion/);
  });

  it.each([0, 4, 1.5, -1])('refuses lockfileVersion %s as unsupported', async (version) => {
    await expectCode(JSON.stringify({ lockfileVersion: version, packages: {} }), 'UNSUPPORTED_VERSION', /lockfileVersion/);
  });

  it('refuses packages that is not an object', async () => {
    await expectCode(JSON.stringify({ lockfileVersion: 3, packages: [] }), 'MALFORMED', /packages/);
    await expectCode(JSON.stringify({ lockfileVersion: 3, packages: null }), 'MALFORMED', /packages/);
  });

  it('refuses a root entry "" that is null or not an object', async () => {
    await expectCode(JSON.stringify({ lockfileVersion: 3, packages: { '': null } }), 'MALFORMED', /root entry ""/);
    await expectCode(JSON.stringify({ lockfileVersion: 2, packages: { '': [] } }), 'MALFORMED', /root entry ""/);
  });

  it('refuses root workspaces that are a number, a string or null', async () => {
    for (const workspaces of [3, 'packages/*', null]) {
      const content = JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'x', workspaces } } });
      await expectCode(content, 'MALFORMED', /root workspaces/);
    }
  });

  it('names the entry whose version is not a string, or that is not an object', async () => {
    await expectCode(v3({ 'node_modules/ms': { version: 2 } }), 'MALFORMED', /"node_modules\/ms".*version/);
    await expectCode(v3({ 'node_modules/ms': { integrity: 'sha512-x' } }), 'MALFORMED', /"node_modules\/ms".*version/);
    await expectCode(v3({ 'node_modules/ms': 'ms@2.1.3' }), 'MALFORMED', /"node_modules\/ms" is not an object/);
    await expectCode(v3({ 'node_modules/ms': { ...ms, resolved: 7 } }), 'MALFORMED', /"node_modules\/ms".*resolved/);
    await expectCode(v3({ 'node_modules/ms': { ...ms, dependencies: ['a'] } }), 'MALFORMED', /"node_modules\/ms".*dependencies/);
  });

  it('refuses a link that has no target or points at another link', async () => {
    await expectCode(v3({ 'node_modules/lib': { link: true } }), 'MALFORMED', /"node_modules\/lib"/);
    await expectCode(
      v3({ 'node_modules/a': { resolved: 'node_modules/b', link: true }, 'node_modules/b': { resolved: 'b', link: true }, b: {} }),
      'MALFORMED',
      /another link/,
    );
  });

  it('refuses two workspaces with the same name, as npm does', async () => {
    const content = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { name: 'x', workspaces: ['packages/*'] },
        'packages/a': { name: 'same', version: '1.0.0' },
        'packages/b': { name: 'same', version: '2.0.0' },
      },
    });
    await expectCode(content, 'CONFLICT', /"packages\/a" and "packages\/b" are both named "same"/);
  });

  it('reads a duplicate key the way npm does: JSON.parse keeps the last one', async () => {
    // Not an error: npm reads the file with JSON.parse too, so the last entry is what it installs.
    const content = `{"lockfileVersion":3,"packages":{"":{"dependencies":{"ms":"*"}},
      "node_modules/ms":{"version":"2.0.0"},"node_modules/ms":{"version":"2.1.3"}}}`;
    const graph = await parseText(content);
    expect([...graph.packages.keys()]).toEqual(['ms@2.1.3']);
  });

  it('refuses a file over limits.maxBytes, counting UTF-8 bytes', async () => {
    const content = v3({ 'node_modules/ms': ms });
    await expectCode(content, 'TOO_LARGE', /limit/, { maxBytes: 100 });
    const accented = v3({ 'node_modules/ms': { ...ms, license: 'é'.repeat(200) } });
    await expectCode(accented, 'TOO_LARGE', undefined, { maxBytes: accented.length + 100 });
  });

  it('refuses more entries than limits.maxPackages, in v3 and in v1', async () => {
    const packages = Object.fromEntries(['a', 'b', 'c', 'd'].map((n) => [`node_modules/${n}`, { version: '1.0.0' }]));
    await expectCode(v3(packages), 'LIMIT_EXCEEDED', /more than the 3 limit/, { maxPackages: 3 });
    const deps = Object.fromEntries(['a', 'b', 'c', 'd'].map((n) => [n, { version: '1.0.0' }]));
    await expectCode(v1(deps), 'LIMIT_EXCEEDED', /more than 3/, { maxPackages: 3 });
  });

  it('refuses a v1 tree nested deeper than limits.maxDepth', async () => {
    let deps: Record<string, unknown> = { leaf: { version: '1.0.0' } };
    for (let i = 0; i < 10; i++) deps = { [`p${i}`]: { version: '1.0.0', dependencies: deps } };
    await expectCode(v1(deps), 'LIMIT_EXCEEDED', /more than 5 levels/, { maxDepth: 5 });
    await expect(parseText(v1(deps), { maxDepth: 11 })).resolves.toBeDefined();
  });

  it('refuses a v3 install path nested deeper than limits.maxDepth', async () => {
    const key = Array.from({ length: 8 }, (_, i) => `node_modules/p${i}`).join('/');
    await expectCode(v3({ [key]: { version: '1.0.0' } }), 'LIMIT_EXCEEDED', /node_modules levels/, { maxDepth: 5 });
  });

  it('refuses malformed v1 entries', async () => {
    await expectCode(v1([]), 'MALFORMED', /dependencies/);
    await expectCode(v1({ ms: { resolved: 'x' } }), 'MALFORMED', /"ms" has no version/);
    await expectCode(v1({ a: { version: '1.0.0', dependencies: { b: 3 } } }), 'MALFORMED', /"a > b" is not an object/);
    await expectCode(v1({ l: { version: 'npm:lodash' } }), 'MALFORMED', /alias/);
    await expectCode(v1({ a: { version: '1.0.0', requires: ['ms'] } }), 'MALFORMED', /requires/);
  });
});

describe('npm package names that no registry would publish', () => {
  const bad = ['../../etc/passwd', '..', 'evil\u0007name', '<script>alert(1)</script>', 'a b', '@scope/../x'];

  it.each(bad)('refuses %j as an install path in v3', async (name) => {
    await expectCode(v3({ [`node_modules/${name}`]: { version: '1.0.0' } }), 'INVALID_NAME');
  });

  it.each(bad)('refuses %j as the name field of an aliased v3 entry', async (name) => {
    await expectCode(v3({ 'node_modules/ok': { name, version: '1.0.0' } }), 'INVALID_NAME');
  });

  it.each(bad)('refuses %j as a v1 key and as a v1 alias target', async (name) => {
    await expectCode(v1({ [name]: { version: '1.0.0' } }), 'INVALID_NAME');
    await expectCode(v1({ ok: { version: `npm:${name}@1.0.0` } }), 'INVALID_NAME');
  });

  it('refuses a version with control characters or HTML', async () => {
    await expectCode(v3({ 'node_modules/ms': { version: '1.0.0\u0000' } }), 'INVALID_NAME', /version/);
    await expectCode(v1({ ms: { version: '<img src=x>' } }), 'INVALID_NAME', /version/);
  });
});
