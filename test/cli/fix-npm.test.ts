import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { realPackageManagers, saySkipped } from '../helpers/npm-registry.js';

// These tests run the real npm against the npm registry; without it they cannot mean anything.
const realNpm = realPackageManagers({ sandboxedNpm: true });
saySkipped('chaingate fix with the real npm', realNpm.reason);
const HERE = join(FIXTURES, 'remediation');
const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' };
const work = mkdtempSync(join(tmpdir(), 'chaingate-fix-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function project(name: string): string {
  const dir = join(work, name);
  cpSync(join(HERE, name), dir, { recursive: true });
  return dir;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a lockfile read in a test, asserted field by field
function json(path: string): Record<string, any> {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** npm's own frozen-lockfile check: `npm ci` refuses a lockfile out of sync with package.json. */
function npmCiAccepts(dir: string): void {
  execFileSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'pipe', timeout: 120_000 });
}

describe.skipIf(!realNpm.run)('chaingate fix with the real npm (needs the npm registry)', () => {
  it('patches a vulnerable transitive minimist below a pinned mkdirp with a scoped override', async () => {
    const dir = project('npm-transitive');
    const { code, stderr } = await cli(['fix', '--advisory', join(HERE, 'GHSA-xvch-5gv4-984h.json'), dir], work, env);
    expect(stderr).toContain('wrote package-lock.json and package.json');
    expect(code).toBe(0);
    expect(json(join(dir, 'package.json'))['overrides']).toEqual({ 'minimist@1.2.5': '1.2.6' });
    expect(json(join(dir, 'package.json'))['dependencies']).toEqual({ mkdirp: '0.5.5' });
    const lock = json(join(dir, 'package-lock.json'));
    expect(lock['packages']['node_modules/minimist'].version).toBe('1.2.6');
    expect(lock['packages']['node_modules/mkdirp'].version).toBe('0.5.5');
    npmCiAccepts(dir);
    const diff = await cli(['diff', '--base', join(HERE, 'npm-transitive/package-lock.json'), '--head', join(dir, 'package-lock.json'), '--format', 'json'], work, env);
    expect(JSON.parse(diff.stdout).changes.map((c: { type: string; name: string; from?: string; to?: string }) => [c.type, c.name, c.from, c.to])).toEqual([['upgraded', 'minimist', '1.2.5', '1.2.6']]);
  }, 180_000);

  it('updates the parent within its range instead of overriding, when its newer release drops the bad transitive', async () => {
    const dir = project('npm-parent-in-range');
    const { code, stdout } = await cli(['fix', '--advisory', join(HERE, 'GHSA-xvch-5gv4-984h.json'), dir, '--format', 'json'], work, env);
    expect(code).toBe(0);
    const [plan] = JSON.parse(stdout).plans;
    expect(plan.remedies[0].via).toMatchObject({ name: 'mkdirp', from: '0.5.5', to: '0.5.6', range: '^1.2.6' });
    // No override, and the manifest is left byte for byte.
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(readFileSync(join(HERE, 'npm-parent-in-range/package.json'), 'utf8'));
    const lock = json(join(dir, 'package-lock.json'));
    expect(lock['packages']['node_modules/mkdirp'].version).toBe('0.5.6');
    expect(lock['packages']['node_modules/minimist'].version).toBe(plan.remedies[0].to);
    npmCiAccepts(dir);
  }, 180_000);

  it('reverts the malicious debug 4.4.2 to 4.4.1 by pinning the direct dependency', async () => {
    const dir = project('npm-malware');
    const { code } = await cli(['fix', '--advisory', join(FIXTURES, 'osv/records/MAL-2025-46974.json'), dir], work, env);
    expect(code).toBe(0);
    expect(json(join(dir, 'package.json'))['dependencies']).toEqual({ debug: '4.4.1' });
    const lock = json(join(dir, 'package-lock.json'));
    expect(lock['packages']['node_modules/debug'].version).toBe('4.4.1');
    expect(lock['packages']['node_modules/ms'].version).toBe(json(join(HERE, 'npm-malware/package-lock.json'))['packages']['node_modules/ms'].version);
    npmCiAccepts(dir);
  }, 180_000);

  it('raises the range of a direct dependency and keeps its operator', async () => {
    const dir = project('npm-direct');
    const { code, stdout } = await cli(['fix', '--advisory', join(HERE, 'GHSA-xvch-5gv4-984h.json'), dir, '--format', 'json'], work, env);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).written).toEqual(['package-lock.json', 'package.json']);
    expect(json(join(dir, 'package.json'))['dependencies']).toEqual({ minimist: '^1.2.6' });
    expect(json(join(dir, 'package-lock.json'))['packages']['node_modules/minimist'].version).toBe('1.2.6');
    npmCiAccepts(dir);
  }, 180_000);

  it('overrides a transitive below a workspace from the root manifest, copying every workspace manifest', async () => {
    const dir = project('npm-workspaces');
    const { code } = await cli(['fix', '--advisory', join(HERE, 'GHSA-xvch-5gv4-984h.json'), dir], work, env);
    expect(code).toBe(0);
    expect(json(join(dir, 'package.json'))['overrides']).toEqual({ 'minimist@1.2.5': '1.2.6' });
    expect(readFileSync(join(dir, 'packages/a/package.json'), 'utf8')).toBe(readFileSync(join(HERE, 'npm-workspaces/packages/a/package.json'), 'utf8'));
    expect(json(join(dir, 'package-lock.json'))['packages']['node_modules/minimist'].version).toBe('1.2.6');
    npmCiAccepts(dir);
  }, 180_000);
});
