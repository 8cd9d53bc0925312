import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const ADVISORIES = join(FIXTURES, 'osv/check');
const dir = mkdtempSync(join(tmpdir(), 'chaingate-lies-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real lockfile with one entry edited by hand: the entry still says ms 2.1.3, its artefact is another. */
function tampered(name: string, fixture: string, from: string, to: string): string {
  const text = readFileSync(join(FIXTURES, fixture), 'utf8');
  if (!text.includes(from)) throw new Error(`${fixture} has no ${from}`);
  mkdirSync(join(dir, name));
  const file = join(dir, name, basename(fixture));
  writeFileSync(file, text.replace(from, to));
  return file;
}

const cases: [string, string, string, string, string][] = [
  ['npm: another version', 'npm/v3-resolved/upgrade/head/package-lock.json', '"resolved": "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz"', '"resolved": "https://registry.npmjs.org/ms/-/ms-2.1.2.tgz"', 'ms@2.1.2'],
  ['npm: another package', 'npm/v3-resolved/upgrade/head/package-lock.json', '"resolved": "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz"', '"resolved": "https://registry.npmjs.org/evil-ms/-/evil-ms-2.1.3.tgz"', 'evil-ms@2.1.3'],
  ['yarn classic: another version', 'yarn/classic/upgrade/head/yarn.lock', 'resolved "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz#', 'resolved "https://registry.npmjs.org/ms/-/ms-2.1.2.tgz#', 'ms@2.1.2'],
  ['yarn berry: another version', 'yarn/berry4/upgrade/head/yarn.lock', 'resolution: "ms@npm:2.1.3"', 'resolution: "ms@npm:2.1.2"', 'ms@2.1.2'],
];

describe.each(cases)('chaingate check on a lockfile that lies (%s)', (name, fixture, from, to, claimed) => {
  it('blocks the entry whose artefact is not the one it names', async () => {
    const head = tampered(name.replace(/\W+/gu, '-'), fixture, from, to);
    const { code, stdout } = await cli(['check', '--base', join(FIXTURES, fixture), '--head', head, '--offline', '--advisories', ADVISORIES, '--format', 'json'], '/');
    const verdict = JSON.parse(stdout);
    const blocked = verdict.findings.filter((f: { outcome: string }) => f.outcome === 'block');
    expect(blocked.map((f: { name: string; version: string; rule: string; title: string }) => [f.name, f.version, f.rule])).toEqual([['ms', '2.1.3', 'lockfile-mismatch']]);
    expect(blocked[0].title).toContain(claimed);
    expect(code).toBe(1);
  });
});

it('passes the same lockfiles untouched', async () => {
  const file = join(FIXTURES, 'npm/v3-resolved/upgrade/head/package-lock.json');
  const { code } = await cli(['check', '--base', file, '--head', file, '--offline', '--advisories', ADVISORIES], '/');
  expect(code).toBe(0);
});

describe('a registry entry fetched from a host outside allowed-registries', () => {
  const fixture = 'npm/v3-resolved/upgrade/head/package-lock.json';
  const from = '"resolved": "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz"';

  it('blocks by default: the name and version were judged, the bits come from elsewhere', async () => {
    const head = tampered('evil-host', fixture, from, '"resolved": "https://registry.evil.example/ms/-/ms-2.1.3.tgz"');
    const { code, stdout } = await cli(['check', '--base', join(FIXTURES, fixture), '--head', head, '--offline', '--advisories', ADVISORIES, '--format', 'json'], '/');
    const blocked = JSON.parse(stdout).findings.filter((f: { outcome: string }) => f.outcome === 'block');
    expect(blocked.map((f: { name: string; rule: string; title: string }) => [f.name, f.rule, f.title])).toEqual([
      ['ms', 'registry-not-allowed', 'ms@2.1.3 comes from registry registry.evil.example, which is not allowed'],
    ]);
    expect(code).toBe(1);
  });

  it('passes when the policy allows that registry', async () => {
    const head = tampered('private-host', fixture, from, '"resolved": "https://npm.internal.example/ms/-/ms-2.1.3.tgz"');
    const policy = join(dir, 'private-host', 'chaingate.yml');
    writeFileSync(policy, 'version: 1\nsettings:\n  allowed-registries: [registry.npmjs.org, npm.internal.example]\n');
    const { code } = await cli(['check', '--base', join(FIXTURES, fixture), '--head', head, '--offline', '--advisories', ADVISORIES, '--policy', policy], '/');
    expect(code).toBe(0);
  });
});
