import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/adapters/store/migrations.js';
import type { SqlDatabase } from '../../../src/adapters/store/sql.js';
import { storeInventory } from '../../../src/adapters/store/store-inventory.js';
import { parsePackageQuery } from '../../../src/core/inventory/query.js';
import type { Inventory, InventoryComponent } from '../../../src/core/ports.js';
import { STORE_HOOK_TIMEOUT, testEngines } from './engines.js';

const repo = { owner: 'acme', name: 'shop' };
function components(count: number, tag: string): InventoryComponent[] {
  return Array.from({ length: count }, (_, i) => ({
    ecosystem: 'npm', name: `pkg-${i}`, version: `1.0.${tag}`, purl: `pkg:npm/pkg-${i}@1.0.${tag}`, direct: i === 0, dev: false,
    workspaces: ['.'], path: ['.', `pkg-${i}@1.0.${tag}`], lockfile: 'package-lock.json',
  }));
}
const snapshot = (sha: string, hash: string, rows: InventoryComponent[]) => ({ repository: repo, ref: 'main', sha, scannedAt: new Date(), contentHash: hash, components: rows });

describe.each(testEngines())('the inventory on the $name store', (engine) => {
  let handle: Awaited<ReturnType<typeof engine.fresh>>;
  let db: SqlDatabase;
  let inventory: Inventory;
  beforeAll(async () => {
    handle = await engine.fresh();
    db = handle.db;
    await migrate(db);
    inventory = storeInventory(db);
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => {
    await db.close();
    await handle.drop();
  });

  it('serialises concurrent ingests of one repository: one snapshot, the rows of exactly one writer', async () => {
    const sizes = [30, 40, 50, 60, 70];
    await Promise.all(sizes.map((n, i) => inventory.writeSnapshot(snapshot(`${i}`.repeat(40), `h${n}`, components(n, `${n}`)))));
    const rows = await db.query<{ snapshots: number; components: number }>(
      'select (select count(*)::int from snapshots) as snapshots, (select count(*)::int from components) as components',
    );
    expect(rows[0]?.snapshots).toBe(1);
    expect(sizes).toContain(rows[0]?.components);
    expect(await db.query<{ n: number }>('select count(*)::int as n from repositories')).toEqual([{ n: 1 }]);
  });

  it('moves a snapshot with unchanged files to a new commit without touching its rows, and reports a stale digest', async () => {
    await inventory.writeSnapshot(snapshot('a'.repeat(40), 'same', components(5, '9')));
    expect(await inventory.moveSnapshot(repo, 'main', 'same', 'a'.repeat(40), new Date())).toBe('unchanged');
    expect(await inventory.moveSnapshot(repo, 'main', 'same', 'b'.repeat(40), new Date())).toBe('moved');
    expect(await inventory.moveSnapshot(repo, 'main', 'other', 'c'.repeat(40), new Date())).toBe('stale');
    expect(await inventory.snapshotState(repo, 'main')).toEqual({ sha: 'b'.repeat(40), contentHash: 'same' });
    expect((await inventory.findExposures([parsePackageQuery('pkg-3@1.0.9')])).exposures.map((e) => e.sha)).toEqual(['b'.repeat(40)]);
  });

  it('names the environments whose deployed SHA is the snapshot, and only the latest deployment counts', async () => {
    await inventory.recordDeployment(repo, 'production', 'b'.repeat(40), new Date('2026-01-02'));
    await inventory.recordDeployment(repo, 'staging', 'f'.repeat(40), new Date('2026-01-02'));
    await inventory.recordDeployment(repo, 'staging', 'b'.repeat(40), new Date('2026-01-01'));
    const [exposure] = (await inventory.findExposures([parsePackageQuery('pkg:npm/pkg-0')])).exposures;
    expect(exposure?.environments).toEqual(['production']);
    expect((await inventory.list())[0]?.environments).toEqual(['production']);
  });

  it('stores names, paths and lockfiles with quotes, backslashes, braces and commas exactly as given', async () => {
    const odd: InventoryComponent = {
      ecosystem: 'npm', name: '@odd/na"me', version: '1.0.0', purl: 'pkg:npm/%40odd/na%22me@1.0.0', direct: false, dev: true,
      workspaces: ['packages/{a,b}', 'x\\y'], path: ['packages/{a,b}', 'a "quoted", {braced}@1.0.0', '@odd/na"me@1.0.0'], lockfile: 'dir\\with,comma/"q"/package-lock.json',
    };
    const other = { owner: 'acme', name: 'odd' };
    await inventory.writeSnapshot({ ...snapshot('e'.repeat(40), 'odd', [odd]), repository: other });
    const { exposures } = await inventory.findExposures([{ ecosystem: 'npm', name: '@odd/na"me', versions: '*', matches: () => true }]);
    expect(exposures.map((e) => [e.name, e.path, e.lockfile, e.dev])).toEqual([[odd.name, odd.path, odd.lockfile, true]]);
    await inventory.remove(other);
  });

  it('does not remember the packages of an ingest that rolled back: ingesting them again stores rows scope finds', async () => {
    const other = { owner: 'acme', name: 'rolled-back' };
    const fresh = components(3, '77');
    // A NUL byte cannot be stored in a text column: the insert of the rows fails after the new packages were added.
    const broken = fresh.map((c, i) => (i === 2 ? { ...c, lockfile: 'bad\u0000lock' } : c));
    await expect(inventory.writeSnapshot({ ...snapshot('1'.repeat(40), 'broken', broken), repository: other })).rejects.toThrow();
    expect(await db.query("select 1 from packages where version = '1.0.77'")).toEqual([]);
    await inventory.writeSnapshot({ ...snapshot('2'.repeat(40), 'fixed', fresh), repository: other });
    const { exposures } = await inventory.findExposures([parsePackageQuery('pkg-1@1.0.77')]);
    expect(exposures.map((e) => [e.repository, e.sha])).toEqual([['acme/rolled-back', '2'.repeat(40)]]);
    await inventory.remove(other);
  });

  it('pages exposures with --limit: the first N of the full list in its order, and the exact total', async () => {
    // Owners whose order differs between "owner/name" code units and (owner, name) or a locale's collation.
    const owners = ['a', 'a-b', 'B', 'a.c', 'zz', 'a_b'];
    const paged = (n: number, i: number): InventoryComponent[] =>
      Array.from({ length: n }, (_, k) => ({
        ecosystem: 'npm', name: 'paged', version: `2.0.${k % 2}`, purl: `pkg:npm/paged@2.0.${k % 2}`, direct: false, dev: false,
        workspaces: ['.'], path: ['.', `paged@2.0.${k % 2}`], lockfile: `w${i}/${k}/package-lock.json`,
      }));
    for (const [i, owner] of owners.entries()) {
      await inventory.writeSnapshot({ ...snapshot(`${i}`.repeat(40), `paged${i}`, paged(i + 1, i)), repository: { owner, name: 'x' } });
      if (i % 2 === 0) await inventory.writeSnapshot({ ...snapshot(`${i}`.repeat(40), `pagedtag${i}`, paged(1, i)), repository: { owner, name: 'x' }, ref: 'v1' });
    }
    const query = [parsePackageQuery('paged@^2.0.0')];
    const all = (await inventory.findExposures(query)).exposures;
    expect(all).toHaveLength(21 + 3);
    for (const limit of [1, 2, 3, 5, 8, 13, 23, 24, 50]) {
      const page = await inventory.findExposures(query, { limit });
      expect(page.total).toBe(all.length);
      expect(page.exposures).toEqual(all.slice(0, limit));
    }
    expect((await inventory.findExposures([parsePackageQuery('paged@2.0.1')], { limit: 4 })).exposures).toEqual(all.filter((e) => e.version === '2.0.1').slice(0, 4));
    for (const owner of owners) await inventory.remove({ owner, name: 'x' });
  });

  it('removes a ref, then the repository with its deployments', async () => {
    await inventory.writeSnapshot({ ...snapshot('d'.repeat(40), 'tag', components(2, '1')), ref: 'v1.0.0' });
    expect(await inventory.remove(repo, 'v1.0.0')).toBe(1);
    expect(await inventory.remove(repo)).toBe(1);
    expect(await db.query('select 1 from deployments union all select 1 from components')).toEqual([]);
  });
});
