import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskRepo } from '../../../src/adapters/fs/disk-repo.js';
import { migrate } from '../../../src/adapters/store/migrations.js';
import { componentsOf } from '../../../src/core/inventory/components.js';
import { DEFAULT_LIMITS } from '../../../src/core/limits.js';
import { readLockfiles } from '../../../src/ecosystems/reader.js';
import { bundleEntry, startChild } from './child-process.js';
import { STORE_HOOK_TIMEOUT, testEngines } from './engines.js';

const first = fileURLToPath(new URL('../../fixtures/npm/v3/app', import.meta.url));
const second = fileURLToPath(new URL('../../fixtures/yarn/classic/monorepo', import.meta.url));

describe.each(testEngines())('an ingest killed at random points on the $name store', (engine) => {
  let handle: Awaited<ReturnType<typeof engine.fresh>>;
  beforeAll(async () => {
    handle = await engine.fresh();
    await migrate(handle.db);
    await handle.db.close();
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => {
    await handle.drop();
  });

  it('leaves one whole snapshot: the components of exactly one of the two lockfiles', async () => {
    const expected = await Promise.all(
      [first, second].map(async (dir) => componentsOf((await readLockfiles(diskRepo(dir), { limits: DEFAULT_LIMITS })).map((r) => r.graph)).length),
    );
    expect(expected[0]).not.toBe(expected[1]);
    const script = await bundleEntry(new URL('./ingest-child.ts', import.meta.url));
    const env = { ...handle.env, ...(handle.schema ? { CG_TEST_SCHEMA: handle.schema } : {}) };
    for (let round = 0; round < 3; round++) {
      const child = startChild(script, [first, second], env);
      await child.waitForLine((line) => line.startsWith('ingested'));
      // Kill somewhere inside a later ingest: a random delay spread over a few ingests.
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 1500));
      child.process.kill('SIGKILL');
      expect(await child.exited).toBe('SIGKILL');

      const db = await handle.reopen();
      try {
        const snapshots = await db.query<{ id: number; n: number }>('select s.id, (select count(*)::int from components c where c.snapshot_id = s.id) as n from snapshots s');
        // Every committed ingest survives the kill on both engines: PGlite writes through to the store's
        // files at each commit (README: "Store and inventory", Durability).
        expect(snapshots).toHaveLength(1);
        for (const snapshot of snapshots) expect(expected).toContain(snapshot.n);
        expect(await db.query('select 1 from components c where not exists (select 1 from snapshots s where s.id = c.snapshot_id)')).toEqual([]);
        expect((await db.query<{ n: number }>('select count(*)::int as n from repositories'))[0]?.n).toBeLessThanOrEqual(1);
      } finally {
        await db.close();
      }
    }
  }, STORE_HOOK_TIMEOUT * 2);
});
