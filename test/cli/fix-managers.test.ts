import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { realPackageManagers, saySkipped } from '../helpers/npm-registry.js';

// These tests install yarn, pnpm and bun from the npm registry and run them against it.
const realNpm = realPackageManagers({ sandboxedNpm: false });
saySkipped('chaingate fix with the real yarn, pnpm and bun', realNpm.reason);
const HERE = join(FIXTURES, 'remediation');
const ADVISORY = join(HERE, 'GHSA-xvch-5gv4-984h.json');
// The machine's CA bundle (a proxy may re-sign TLS): yarn, pnpm and bun read it from the environment, not npm's config.
const env = Object.fromEntries(['PATH', 'HOME', 'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE'].flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]!]])));
const work = mkdtempSync(join(tmpdir(), 'chaingate-fix-managers-'));
const tools = join(work, 'tools');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function project(name: string): string {
  const dir = join(work, name);
  cpSync(join(HERE, name), dir, { recursive: true });
  return dir;
}

/** Each package manager's own frozen-lockfile check, run by the test with the releases chaingate chooses. */
const frozen: Record<string, (dir: string) => void> = {
  'yarn-classic': (dir) => run(dir, process.execPath, [join(tools, 'node_modules/yarn/bin/yarn.js'), 'install', '--frozen-lockfile', '--ignore-scripts', '--non-interactive', '--cache-folder', join(work, 'cache-yc')]),
  'yarn-berry': (dir) => run(dir, process.execPath, [join(tools, 'node_modules/@yarnpkg/cli-dist/bin/yarn.js'), 'install', '--immutable', '--mode=skip-build'], {
    YARN_ENABLE_GLOBAL_CACHE: 'false',
    YARN_CACHE_FOLDER: join(work, 'cache-yb'),
    YARN_ENABLE_TELEMETRY: 'false',
  }),
  pnpm: (dir) => run(dir, process.execPath, [join(tools, 'node_modules/pnpm/bin/pnpm.cjs'), 'install', '--frozen-lockfile', '--lockfile-only', '--ignore-scripts'], { npm_config_store_dir: join(work, 'cache-pnpm') }),
  bun: (dir) => {
    const platform = readdirSync(join(tools, 'node_modules/@oven'))[0]!;
    run(dir, join(tools, 'node_modules/@oven', platform, 'bin/bun'), ['install', '--frozen-lockfile', '--ignore-scripts', '--no-progress'], { BUN_INSTALL_CACHE_DIR: join(work, 'cache-bun') });
  },
};

function run(dir: string, command: string, args: string[], extra: Record<string, string> = {}): void {
  execFileSync(command, args, { cwd: dir, stdio: 'pipe', timeout: 120_000, env: { ...process.env, ...extra } });
}

async function changesBetween(base: string, head: string): Promise<unknown[]> {
  const diff = await cli(['diff', '--base', base, '--head', head, '--format', 'json'], work, env);
  return JSON.parse(diff.stdout).changes.map((c: { type: string; name: string; from?: string; to?: string }) => [c.type, c.name, c.from, c.to]);
}

const cases = [
  { manager: 'yarn-classic', lockfile: 'yarn.lock', override: { resolutions: { minimist: '1.2.6' } } },
  { manager: 'yarn-berry', lockfile: 'yarn.lock', override: { resolutions: { minimist: '1.2.6' } } },
  { manager: 'pnpm', lockfile: 'pnpm-lock.yaml', override: { pnpm: { overrides: { 'minimist@1.2.5': '1.2.6' } } } },
  { manager: 'bun', lockfile: 'bun.lock', override: { overrides: { minimist: '1.2.6' } } },
] as const;

describe.skipIf(!realNpm.run)('chaingate fix with the real yarn, pnpm and bun (needs the npm registry)', () => {
  beforeAll(() => {
    execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', tools, 'yarn@1.22.22', '@yarnpkg/cli-dist@4', 'pnpm@10', 'bun@1'], { stdio: 'pipe', timeout: 180_000 });
  }, 200_000);

  it.each(cases)('patches minimist 1.2.5 below a pinned mkdirp with $manager, which then accepts the lockfile frozen', async ({ manager, lockfile, override }) => {
    const name = `${manager}-transitive`;
    const dir = project(name);
    const { code, stderr } = await cli(['fix', '--advisory', ADVISORY, dir], work, env);
    expect(stderr).toContain(`wrote ${lockfile} and package.json`);
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toMatchObject({ dependencies: { mkdirp: '0.5.5' }, ...override });
    expect(await changesBetween(join(HERE, name, lockfile), join(dir, lockfile))).toEqual([['upgraded', 'minimist', '1.2.5', '1.2.6']]);
    frozen[manager]!(dir);
  }, 240_000);

  it.each(cases)('patches minimist 1.2.5 below a workspace of a $manager monorepo from the root manifest, and $manager accepts it frozen', async ({ manager, lockfile, override }) => {
    const name = `${manager}-workspaces`;
    const dir = project(name);
    const { code, stderr } = await cli(['fix', '--advisory', ADVISORY, dir], work, env);
    expect(stderr).toContain(`wrote ${lockfile} and package.json`);
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toMatchObject(override);
    expect(readFileSync(join(dir, 'packages/a/package.json'), 'utf8')).toBe(readFileSync(join(HERE, name, 'packages/a/package.json'), 'utf8'));
    expect(await changesBetween(join(HERE, name, lockfile), join(dir, lockfile))).toEqual([['upgraded', 'minimist', '1.2.5', '1.2.6']]);
    frozen[manager]!(dir);
  }, 240_000);

  it.each(['yarn-classic', 'yarn-berry'] as const)('raises a direct range with %s and locks the planned 1.2.6, not the newest in the range', async (manager) => {
    const dir = project(`${manager}-direct`);
    const { code, stderr } = await cli(['fix', '--advisory', ADVISORY, dir], work, env);
    expect(stderr).toContain('wrote yarn.lock and package.json');
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies).toEqual({ minimist: '^1.2.6' });
    expect(await changesBetween(join(HERE, `${manager}-direct/yarn.lock`), join(dir, 'yarn.lock'))).toEqual([['upgraded', 'minimist', '1.2.5', '1.2.6']]);
    frozen[manager]!(dir);
  }, 240_000);

  it('reverts the malicious debug 4.4.2 to 4.4.1 with yarn 1 by pinning the direct dependency', async () => {
    const dir = project('yarn-classic-malware');
    const { code, stderr } = await cli(['fix', '--advisory', join(FIXTURES, 'osv/records/MAL-2025-46974.json'), dir], work, env);
    expect(stderr).toContain('wrote yarn.lock and package.json');
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies).toEqual({ debug: '4.4.1' });
    expect(await changesBetween(join(HERE, 'yarn-classic-malware/yarn.lock'), join(dir, 'yarn.lock'))).toEqual([['downgraded', 'debug', '4.4.2', '4.4.1']]);
    frozen['yarn-classic']!(dir);
  }, 240_000);
});
