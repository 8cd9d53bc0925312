import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDatabase } from '../../../src/adapters/store/sql.js';
import { STORE_HOOK_TIMEOUT, testEngines } from './engines.js';

const postgres = testEngines().filter((engine) => engine.name === 'postgres');

describe.runIf(postgres.length > 0).each(postgres)('the $name store connection', (engine) => {
  let handle: Awaited<ReturnType<typeof engine.fresh>>;
  let db: SqlDatabase;
  beforeAll(async () => {
    handle = await engine.fresh();
    db = handle.db;
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => {
    await db.close();
    await handle.drop();
  });

  it('runs without JIT compilation, in and outside transactions', async () => {
    expect(await db.query('show jit')).toEqual([{ jit: 'off' }]);
    expect(await db.transaction((tx) => tx.query('show jit'))).toEqual([{ jit: 'off' }]);
  });
});
