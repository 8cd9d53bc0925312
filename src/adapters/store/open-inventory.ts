import type { Inventory } from '../../core/ports.js';
import { openStoreDatabase, type StoreLocation } from './open-store.js';
import type { SqlDatabase } from './sql.js';
import { storeInventory } from './store-inventory.js';

/** The inventory of the store a command or the App uses (see {@link openStoreDatabase}); close it when done. */
export async function openInventory(location: StoreLocation): Promise<{ inventory: Inventory; db: SqlDatabase; close: () => Promise<void> }> {
  const db = await openStoreDatabase(location);
  return { inventory: storeInventory(db), db, close: () => db.close() };
}
