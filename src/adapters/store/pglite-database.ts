import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { StoreError } from '../../core/errors.js';
import { lockStoreDirectory } from './directory-lock.js';
import type { SqlDatabase, SqlExecutor } from './sql.js';

/**
 * The embedded engine: PostgreSQL compiled to WebAssembly (PGlite), its data
 * in `<dir>/pgdata`. One process at a time (see {@link lockStoreDirectory}).
 * @throws {StoreError} LOCKED, UNWRITABLE, or FAILED when the data cannot be opened.
 */
export async function openPgliteDatabase(dir: string): Promise<SqlDatabase> {
  const release = await lockStoreDirectory(dir);
  let pg: PGlite;
  try {
    pg = await PGlite.create(join(dir, 'pgdata'));
  } catch (cause) {
    await release();
    throw new StoreError('FAILED', dir, `the embedded database could not be opened (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
  const executor = (target: Pick<PGlite, 'query' | 'exec'>): SqlExecutor => ({
    async query<Row>(text: string, params?: readonly unknown[]) {
      return (await target.query<Row>(text, params ? [...params] : undefined)).rows;
    },
    async script<Row>(text: string) {
      return ((await target.exec(text)).at(-1)?.rows ?? []) as Row[];
    },
  });
  return {
    engine: 'embedded',
    location: dir,
    ...executor(pg),
    transaction: (work) => pg.transaction((tx) => work(executor(tx))),
    async close() {
      try {
        await pg.close();
      } finally {
        await release();
      }
    },
  };
}
