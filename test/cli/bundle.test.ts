import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const ROOT = resolve(import.meta.dirname, '../..');
// Two levels below the package root, like dist/bin/, so the bundle finds data/.
mkdirSync(join(ROOT, 'dist'), { recursive: true });
const out = mkdtempSync(join(ROOT, 'dist', 'bin-test-'));
const BIN = join(out, 'chaingate.js');

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: '/', encoding: 'utf8', maxBuffer: 1 << 28 });
}

// The bundle is the published `bin` (package.json), built by `npm run build`.
describe('the bundled CLI (scripts/build-cli.mjs), run as a user runs it', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), '--out', out], { cwd: ROOT });
  }, 60_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('is what package.json publishes as the bin', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; version: string };
    expect(manifest.bin.chaingate).toBe('dist/bin/chaingate.js');
  });

  it('prints the version of package.json', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = run('--version');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${manifest.version}\n`);
  });

  it.each([
    ['an npm lockfile', 'npm/v3-resolved/app'],
    ['a pnpm lockfile', 'pnpm/pnpm9/monorepo'],
    ['a yarn lockfile', 'yarn'],
  ])('writes the same SBOM of %s as the sources', async (_what, fixture) => {
    const args = ['sbom', join(FIXTURES, fixture), '--deterministic', '-q'];
    const bundled = run(...args);
    expect(bundled.stderr).toBe('');
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toBe((await cli(args, '/')).stdout);
  });

  it('writes the same XML SBOM as the sources (no XML library in the bundle)', async () => {
    const args = ['sbom', join(FIXTURES, 'npm/v3/app/package-lock.json'), '--deterministic', '--format', 'xml', '-q'];
    const bundled = run(...args);
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toBe((await cli(args, '/')).stdout);
  });

  it('diffs two lockfiles like the sources', async () => {
    const args = ['diff', '--base', join(FIXTURES, 'npm/v2/upgrade/base/package-lock.json'), '--head', join(FIXTURES, 'npm/v2/upgrade/head/package-lock.json'), '--format', 'json'];
    const bundled = run(...args);
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toBe((await cli(args, '/')).stdout);
  });

  it('opens the embedded store: inventory add, then scope, answer as from the sources', () => {
    const store = join(out, 'store');
    // The embedded store, whatever the environment says (CI sets DATABASE_URL for the PostgreSQL tests).
    const env = { ...process.env, DATABASE_URL: '' };
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: '/', encoding: 'utf8', env });
    const added = run('inventory', 'add', '--store', store, '--repo-name', 'acme/shop', '--ref', 'main', '--sha', 'a'.repeat(40), join(FIXTURES, 'npm/v3-resolved/app'));
    expect(added.stderr).not.toMatch(/ENOENT|pglite\.data/u);
    expect(added.status).toBe(0);
    const scoped = run('scope', 'ms', '--store', store, '--format', 'json');
    expect(scoped.status).toBe(0);
    expect(new Set(JSON.parse(scoped.stdout).exposures.map((e: { repository: string }) => e.repository))).toEqual(new Set(['acme/shop']));
  }, 60_000);

  it('loads the check command and reports errors with the usual exit code', () => {
    expect(run('help', 'check').stdout).toContain('Usage: chaingate check');
    const refused = run('check', '--base', join(FIXTURES, 'does-not-exist.json'), '--head', join(FIXTURES, 'does-not-exist.json'));
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^chaingate: error: /u);
  });
});
