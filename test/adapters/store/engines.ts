import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openPgliteDatabase } from '../../../src/adapters/store/pglite-database.js';
import { openPostgresDatabase } from '../../../src/adapters/store/postgres-database.js';
import type { SqlDatabase } from '../../../src/adapters/store/sql.js';

/** One engine under test: how to open a fresh, empty database and how to clean it up. */
export interface TestEngine {
  readonly name: 'embedded' | 'postgres';
  /** A fresh empty database (its own directory or its own schema); `reopen` opens the same one again. */
  fresh(): Promise<{ db: SqlDatabase; reopen: () => Promise<SqlDatabase>; env: Record<string, string>; schema?: string; dir?: string; drop: () => Promise<void> }>;
}

const pgliteVersion = (JSON.parse(readFileSync(new URL('../../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string }).version;
/** Generous: a PGlite start (or the one-off template build) takes seconds on a busy machine. */
export const STORE_HOOK_TIMEOUT = 180_000;

const databaseUrl = process.env.DATABASE_URL;
let skipNoted = false;

/**
 * The engines the store suite runs on: always the embedded one; PostgreSQL
 * when DATABASE_URL is set. Each database gets its own directory or schema
 * (other test runs share the server), dropped afterwards.
 */
export function testEngines(): TestEngine[] {
  const engines: TestEngine[] = [embedded];
  if (databaseUrl) engines.push(postgres(databaseUrl));
  else if (!skipNoted) {
    skipNoted = true;
    console.log('PostgreSQL store suite skipped: DATABASE_URL is not set (.ci/run sets it to the local PostgreSQL 15 server)');
  }
  return engines;
}

const embedded: TestEngine = {
  name: 'embedded',
  async fresh() {
    const dir = await mkdtemp(join(tmpdir(), 'cg-store-'));
    await cp(await pgliteTemplate(), join(dir, 'pgdata'), { recursive: true });
    return {
      db: await openPgliteDatabase(dir),
      reopen: () => openPgliteDatabase(dir),
      env: { CHAINGATE_STORE: dir },
      dir,
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  },
};

function postgres(url: string): TestEngine {
  return {
    name: 'postgres',
    async fresh() {
      const schema = `cg_${randomBytes(6).toString('hex')}`;
      return {
        db: await openPostgresDatabase({ url, schema }),
        reopen: () => openPostgresDatabase({ url, schema }),
        env: { DATABASE_URL: url },
        schema,
        drop: () => dropSchema(url, schema),
      };
    },
  };
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/**
 * PGlite's first start runs initdb (tens of seconds on a busy machine); every
 * test store starts from a copy of one initialised data directory instead.
 * Created once per machine, atomically (a rename), so parallel test files agree.
 */
export async function pgliteTemplate(): Promise<string> {
  const template = join(tmpdir(), `chaingate-pglite-template-${pgliteVersion}-${process.getuid?.() ?? 0}`);
  if (await exists(join(template, 'PG_VERSION'))) return template;
  const building = await mkdtemp(join(tmpdir(), 'cg-pglite-build-'));
  const db = await PGlite.create(join(building, 'pgdata'));
  await db.close();
  await rename(join(building, 'pgdata'), template).catch(() => undefined);
  await rm(building, { recursive: true, force: true });
  return template;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
