import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { migrate } from './migrations.js';
import { openPgliteDatabase } from './pglite-database.js';
import { openPostgresDatabase } from './postgres-database.js';
import type { SqlDatabase } from './sql.js';

export interface StoreLocation {
  /** `--store DIR`: the embedded store's directory (wins over CHAINGATE_STORE). */
  readonly storeDir?: string | undefined;
  /** Tables in this PostgreSQL schema instead of `public` (tests, benches). */
  readonly schema?: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory relative store paths are resolved against. */
  readonly cwd: string;
}

/**
 * The store every command and the App use: PostgreSQL when DATABASE_URL is
 * set, otherwise the embedded store in `--store`, CHAINGATE_STORE, or the
 * user's data directory. The schema is migrated before it is returned.
 * @throws {StoreError} when it cannot be opened (locked, unwritable, newer version, unreachable).
 */
export async function openStoreDatabase(location: StoreLocation): Promise<SqlDatabase> {
  const url = location.env.DATABASE_URL;
  const db = url
    ? await openPostgresDatabase({ url, schema: location.schema })
    : await openPgliteDatabase(embeddedStoreDirectory(location));
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** `--store`, then CHAINGATE_STORE, then `$XDG_DATA_HOME/chaingate`, then `~/.local/share/chaingate`. */
export function embeddedStoreDirectory(location: Pick<StoreLocation, 'storeDir' | 'env' | 'cwd'>): string {
  const explicit = location.storeDir ?? location.env.CHAINGATE_STORE;
  if (explicit) return resolve(location.cwd, explicit);
  const dataHome = location.env.XDG_DATA_HOME;
  return join(dataHome ? resolve(location.cwd, dataHome) : join(location.env.HOME ?? homedir(), '.local', 'share'), 'chaingate');
}
