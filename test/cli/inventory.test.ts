import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { pgliteTemplate, STORE_HOOK_TIMEOUT } from '../adapters/store/engines.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const SHA1 = '1'.repeat(40);
const SHA2 = '2'.repeat(40);

describe('chaingate inventory and scope (embedded store)', () => {
  let work: string;
  let store: string;
  const run = (...args: string[]) => cli([...args, '--store', store], work, {});
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'cg-inv-cli-'));
    store = join(work, 'store');
    await cp(await pgliteTemplate(), join(store, 'pgdata'), { recursive: true });
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('adds a directory, a lockfile and an SBOM, lists them, and skips an unchanged re-ingest', async () => {
    expect(await run('inventory', 'add', '--repo-name', 'acme/shop', '--ref', 'main', '--sha', SHA1, '--environment', 'production', fixtures + 'npm/v3/app')).toMatchObject({ code: 0 });
    expect((await run('inventory', 'add', '--repo-name', 'acme/api', '--ref', 'v1.0.0', '--sha', SHA1, fixtures + 'pnpm/pnpm9/monorepo/pnpm-lock.yaml')).code).toBe(0);
    expect((await run('inventory', 'add', '--repo-name', 'acme/bom', '--ref', 'main', '--sha', SHA1, fixtures + 'cyclonedx/app/bom.1.6.cdx.json')).code).toBe(0);
    const again = await run('inventory', 'add', '--repo-name', 'acme/shop', '--ref', 'main', '--sha', SHA1, fixtures + 'npm/v3/app');
    expect(again.stderr).toContain('unchanged: nothing to do');
    const moved = await run('inventory', 'add', '--repo-name', 'acme/shop', '--ref', 'main', '--sha', SHA2, fixtures + 'npm/v3/app');
    expect(moved.stderr).toContain('moved the snapshot to the new commit');
    const list = JSON.parse((await run('inventory', 'list', '--format', 'json')).stdout) as { repository: string; ref: string; sha: string; components: number }[];
    expect(list.map((s) => `${s.repository} ${s.ref} ${s.sha.slice(0, 1)}`)).toEqual(['acme/api v1.0.0 1', 'acme/bom main 1', 'acme/shop main 2']);
    expect(list.every((s) => s.components > 10)).toBe(true);
  }, STORE_HOOK_TIMEOUT);

  it('answers scope in the documented JSON shape, with deployments where the SHA runs', async () => {
    await run('inventory', 'add', '--repo-name', 'acme/shop', '--ref', 'main', '--sha', SHA2, '--environment', 'production', fixtures + 'npm/v3/app');
    const result = await run('scope', 'debug@*', '--format', 'json');
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout) as { query: string; exposures: Record<string, unknown>[]; tookMs: number };
    expect(Object.keys(answer)).toEqual(['query', 'exposures', 'tookMs']);
    expect(answer.query).toBe('debug@*');
    const shop = answer.exposures.find((e) => e.repository === 'acme/shop');
    expect(Object.keys(shop ?? {})).toEqual(['repository', 'ref', 'sha', 'environments', 'ecosystem', 'name', 'version', 'direct', 'dev', 'path', 'lockfile']);
    expect(shop).toMatchObject({ ref: 'main', sha: SHA2, environments: ['production'], ecosystem: 'npm', name: 'debug', lockfile: 'package-lock.json' });
    expect((shop?.path as string[])[0]).toBe('.');
    expect(new Set(answer.exposures.map((e) => e.repository))).toEqual(new Set(['acme/shop', 'acme/api', 'acme/bom']));
  }, STORE_HOOK_TIMEOUT);

  it('lists only the first --limit exposures in order and says how many there are in all', async () => {
    const all = JSON.parse((await run('scope', 'debug@*', '--format', 'json')).stdout) as { exposures: { repository: string }[] };
    expect(all.exposures.length).toBeGreaterThan(2);
    const limited = await run('scope', 'debug@*', '--format', 'json', '--limit', '2');
    const answer = JSON.parse(limited.stdout) as { exposures: { repository: string }[]; total: number };
    expect(Object.keys(answer)).toEqual(['query', 'exposures', 'total', 'tookMs']);
    expect(answer.total).toBe(all.exposures.length);
    expect(answer.exposures).toEqual(all.exposures.slice(0, 2));
    expect((await run('scope', 'debug@*', '--limit', '1')).stdout).toContain(`${all.exposures.length} exposures; the first 1 (--limit)`);
    for (const bad of ['0', '-3', 'ten']) {
      const result = await run('scope', 'debug@*', '--limit', bad);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--limit');
    }
  }, STORE_HOOK_TIMEOUT);

  it('prints text and Markdown grouped by repository, with the path and the policy tier', async () => {
    const text = await run('scope', 'pkg:npm/ms');
    expect(text.stdout).toMatch(/^acme\/shop$/m);
    expect(text.stdout).toMatch(/ms@\S+ {2}tier 3 {2}transitive, runtime/);
    expect(text.stdout).toContain('← (root)');
    const markdown = await run('scope', 'ms@*', '--format', 'markdown');
    expect(markdown.stdout).toContain('#### acme/shop');
    expect(markdown.stdout).toContain('| Package | Tier |');
  }, STORE_HOOK_TIMEOUT);

  it('scopes an OSV malware record file: every affected range, tier 1', async () => {
    const record = { id: 'MAL-2025-0001', summary: 'compromised debug', affected: [{ package: { ecosystem: 'npm', name: 'debug' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] }] };
    await writeFile(join(work, 'mal.json'), JSON.stringify(record));
    const result = await run('scope', 'mal.json');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/debug@\S+ {2}tier 1/);
    const offline = await run('scope', 'MAL-2025-0001', '--advisories', '.', '--format', 'json');
    expect((JSON.parse(offline.stdout) as { exposures: unknown[] }).exposures.length).toBeGreaterThan(0);
  }, STORE_HOOK_TIMEOUT);

  it('rejects an invalid range or purl in one line with exit 2', async () => {
    for (const query of ['debug@not-a-range!', 'pkg:npm/', 'Bad Name@1']) {
      const result = await run('scope', query);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('refuses a malformed lockfile naming it, and writes nothing', async () => {
    await writeFile(join(work, 'package-lock.json'), '{"lockfileVersion": 3, "packages": ');
    const result = await run('inventory', 'add', '--repo-name', 'acme/broken', '--ref', 'main', '--sha', SHA1, 'package-lock.json');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('package-lock.json');
    expect((await run('inventory', 'list')).stdout).not.toContain('acme/broken');
  }, STORE_HOOK_TIMEOUT);

  it('removes one ref or a whole repository', async () => {
    await run('inventory', 'remove', '--repo-name', 'acme/api', '--ref', 'v1.0.0');
    await run('inventory', 'remove', '--repo-name', 'acme/bom');
    const list = (await run('inventory', 'list')).stdout;
    expect(list).toContain('acme/shop');
    expect(list).not.toContain('acme/api');
    expect(list).not.toContain('acme/bom');
  }, STORE_HOOK_TIMEOUT);
});
