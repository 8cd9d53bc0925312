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

  it('removes a ref, then the repository with its deployments', async () => {
    await inventory.writeSnapshot({ ...snapshot('d'.repeat(40), 'tag', components(2, '1')), ref: 'v1.0.0' });
    expect(await inventory.remove(repo, 'v1.0.0')).toBe(1);
    expect(await inventory.remove(repo)).toBe(1);
    expect(await db.query('select 1 from deployments union all select 1 from components')).toEqual([]);
  });
});
