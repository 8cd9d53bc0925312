import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/adapters/store/migrations.js';
import type { SqlDatabase } from '../../../src/adapters/store/sql.js';
import { storeInventory } from '../../../src/adapters/store/store-inventory.js';
import { vacuumWhenGrown } from '../../../src/adapters/store/vacuum-when-grown.js';
import type { InventoryComponent } from '../../../src/core/ports.js';
import { STORE_HOOK_TIMEOUT, testEngines } from './engines.js';

const rows = (tag: string): InventoryComponent[] =>
  Array.from({ length: 800 }, (_, i) => ({
    ecosystem: 'npm', name: `pkg-${i}`, version: '1.0.0', purl: `pkg:npm/pkg-${i}@1.0.0`, direct: false, dev: false,
    workspaces: ['.'], path: ['.', `parent-${tag}@1.0.0`, `pkg-${i}@1.0.0`], lockfile: `${tag}/package-lock.json`,
  }));
const write = (inventory: ReturnType<typeof storeInventory>, name: string) =>
  inventory.writeSnapshot({ repository: { owner: 'acme', name }, ref: 'main', sha: 'a'.repeat(40), scannedAt: new Date(), contentHash: name, components: rows(name) });

// The embedded engine only (the one that needs it): on a shared PostgreSQL server another session's open
// transaction can keep fresh rows from being marked all-visible, so the assertions would depend on other tests.
describe.each(testEngines().filter((e) => e.name === 'embedded'))('vacuuming the inventory after ingests on the $name store', (engine) => {
  let handle: Awaited<ReturnType<typeof engine.fresh>>;
  let db: SqlDatabase;
  const visibility = async () => (await db.query<{ pages: number; visible: number }>(
    `select (pg_relation_size(oid) / current_setting('block_size')::int)::int as pages, relallvisible as visible from pg_class where oid = 'components'::regclass`,
  ))[0];
  beforeAll(async () => {
    handle = await engine.fresh();
    db = handle.db;
    await migrate(db);
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => {
    await db.close();
    await handle.drop();
  });

  it('vacuums once the pages written since the last vacuum pass the threshold, and not again until more are written', async () => {
    const inventory = storeInventory(db, { vacuum: { minPages: 1_000_000, share: 0 } });
    await write(inventory, 'one');
    await write(inventory, 'two');
    expect((await visibility())?.visible).toBe(0);
    expect(await vacuumWhenGrown(db, { minPages: 10_000, share: 0 })).toBe(false);
    expect(await vacuumWhenGrown(db, { minPages: 1, share: 0.2 })).toBe(true);
    const after = await visibility();
    expect(after?.pages).toBeGreaterThan(0);
    expect(after?.visible).toBe(after?.pages);
    expect(await vacuumWhenGrown(db, { minPages: 1, share: 0.2 })).toBe(false);
  });

  it('runs after a written snapshot when the store is given a threshold (the embedded default)', async () => {
    const inventory = storeInventory(db, { vacuum: { minPages: 1, share: 0.2 } });
    await write(inventory, 'three');
    await write(inventory, 'four');
    const after = await visibility();
    expect(after?.visible).toBe(after?.pages);
  });
});
