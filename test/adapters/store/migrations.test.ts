import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../../src/core/errors.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, migrate } from '../../../src/adapters/store/migrations.js';
import type { SqlDatabase } from '../../../src/adapters/store/sql.js';
import { storeInventory } from '../../../src/adapters/store/store-inventory.js';
import { rejectedWith } from '../../helpers/errors.js';
import { STORE_HOOK_TIMEOUT, testEngines } from './engines.js';

describe.each(testEngines())('migrations on the $name store', (engine) => {
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

  async function reset(): Promise<void> {
    // Every table of the store's schema, whichever migrations made them.
    const tables = await db.query<{ name: string }>('select tablename as name from pg_tables where schemaname = current_schema()');
    if (tables.length > 0) await db.query(`drop table if exists ${tables.map((t) => `"${t.name}"`).join(', ')} cascade`);
    await db.query('drop function if exists audit_log_append_only() cascade');
  }

  it('migrates an empty database to the latest version, and a second run changes nothing', async () => {
    await reset();
    expect(await migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(await migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    const rows = await db.query<{ version: number }>('select version from chaingate_migrations order by version');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it.each(MIGRATIONS.slice(0, -1).map((m) => m.version))('upgrades a database at version %i without losing its rows', async (version) => {
    await reset();
    await migrate(db, MIGRATIONS.filter((m) => m.version <= version));
    await db.query(`insert into repositories (owner, name, criticality) values ('acme', 'shop', 'high')`);
    expect(await migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(await db.query('select owner, name, criticality from repositories')).toEqual([{ owner: 'acme', name: 'shop', criticality: 'high' }]);
  });

  it('moves the components of a version 2 store into shared packages, every row still found by scope', async () => {
    await reset();
    await migrate(db, MIGRATIONS.filter((m) => m.version <= 2));
    await db.script(`
      insert into repositories (owner, name) values ('acme', 'shop'), ('acme', 'api');
      insert into snapshots (repository_id, ref, sha, scanned_at, content_hash)
        select id, 'main', 'abc', now(), 'h' from repositories;
      insert into components (snapshot_id, ecosystem, name, version, purl, direct, dev, workspaces, path, lockfile)
        select s.id, 'npm', 'debug', '4.4.2', 'pkg:npm/debug@4.4.2', true, false, '["."]'::jsonb, '[".", "debug@4.4.2"]'::jsonb, 'package-lock.json' from snapshots s
        union all select s.id, 'npm', 'ms', '2.1.3', 'pkg:npm/ms@2.1.3', false, false, '["."]'::jsonb, '[".", "debug@4.4.2", "ms@2.1.3"]'::jsonb, 'package-lock.json' from snapshots s;
    `);
    expect(await migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(await db.query<{ n: number }>('select count(*)::int as n from packages')).toEqual([{ n: 2 }]);
    const { exposures } = await storeInventory(db).findExposures([{ ecosystem: 'npm', name: 'ms', versions: '*', matches: () => true }]);
    expect(exposures.map((e) => [e.repository, e.version, e.path.join(' > ')])).toEqual([
      ['acme/api', '2.1.3', '. > debug@4.4.2 > ms@2.1.3'],
      ['acme/shop', '2.1.3', '. > debug@4.4.2 > ms@2.1.3'],
    ]);
  });

  it('refuses a database written by a newer chaingate, naming both versions', async () => {
    await reset();
    await migrate(db);
    await db.query(`insert into chaingate_migrations (version, name) values ($1, 'from the future')`, [LATEST_SCHEMA_VERSION + 1]);
    const error = await rejectedWith(StoreError, migrate(db));
    expect(error.code).toBe('NEWER_VERSION');
    expect(error.message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 1}`);
  });

  it('leaves the database at the last whole version when a migration fails', async () => {
    await reset();
    const broken = [...MIGRATIONS.slice(0, 1), { version: 2, name: 'broken', sql: 'create table half_done (x int); select no_such_function()' }];
    await expect(migrate(db, broken)).rejects.toThrow();
    expect(await db.query<{ version: number }>('select version from chaingate_migrations')).toEqual([{ version: 1 }]);
    expect(await db.query(`select 1 from information_schema.tables where table_name = 'half_done' and table_schema = current_schema()`)).toEqual([]);
  });
});
