import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../../src/core/errors.js';
import { embeddedStoreDirectory, openStoreDatabase } from '../../../src/adapters/store/open-store.js';
import { rejectedWith } from '../../helpers/errors.js';
import { pgliteTemplate, STORE_HOOK_TIMEOUT } from './engines.js';

const dirs: string[] = [];
async function storeDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cg-open-'));
  dirs.push(dir);
  await cp(await pgliteTemplate(), join(dir, 'pgdata'), { recursive: true });
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('opening the store', () => {
  it('chooses the embedded directory from --store, then CHAINGATE_STORE, then XDG_DATA_HOME, then ~/.local/share', () => {
    expect(embeddedStoreDirectory({ storeDir: 's', env: { CHAINGATE_STORE: '/e' }, cwd: '/w' })).toBe('/w/s');
    expect(embeddedStoreDirectory({ env: { CHAINGATE_STORE: '/e', XDG_DATA_HOME: '/x' }, cwd: '/w' })).toBe('/e');
    expect(embeddedStoreDirectory({ env: { XDG_DATA_HOME: '/x', HOME: '/h' }, cwd: '/w' })).toBe('/x/chaingate');
    expect(embeddedStoreDirectory({ env: { HOME: '/h' }, cwd: '/w' })).toBe('/h/.local/share/chaingate');
  });

  it('refuses a store directory another live process holds, and says how to share one', async () => {
    const dir = await storeDir();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      await writeFile(join(dir, 'chaingate.lock'), JSON.stringify({ pid: holder.pid, host: (await import('node:os')).hostname() }));
      const error = await rejectedWith(StoreError, openStoreDatabase({ storeDir: dir, env: {}, cwd: '/' }));
      expect(error.code).toBe('LOCKED');
      expect(error.message).toContain(`pid ${holder.pid}`);
      expect(error.message).toContain('DATABASE_URL');
    } finally {
      holder.kill('SIGKILL');
    }
  }, STORE_HOOK_TIMEOUT);

  it('takes over the lock of a process that died, and refuses a second open in the same process', async () => {
    const dir = await storeDir();
    await writeFile(join(dir, 'chaingate.lock'), JSON.stringify({ pid: 2 ** 22 + 7, host: (await import('node:os')).hostname() }));
    const db = await openStoreDatabase({ storeDir: dir, env: {}, cwd: '/' });
    try {
      expect((await rejectedWith(StoreError, openStoreDatabase({ storeDir: dir, env: {}, cwd: '/' }))).code).toBe('LOCKED');
      expect(await db.query('select count(*)::int as n from repositories')).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  }, STORE_HOOK_TIMEOUT);

  it('refuses a store directory it cannot create or write', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'cg-ro-'));
    dirs.push(parent);
    // A regular file where a directory should be: cannot be created even by root.
    await writeFile(join(parent, 'file'), '');
    const error = await rejectedWith(StoreError, openStoreDatabase({ storeDir: join(parent, 'file', 'store'), env: {}, cwd: '/' }));
    expect(error.code).toBe('UNWRITABLE');
    expect(error.message).toContain('--store');
  });

  it('names the PostgreSQL host it cannot reach, never the password', async () => {
    const error = await rejectedWith(StoreError, openStoreDatabase({ env: { DATABASE_URL: 'postgresql://me:s3cret@127.0.0.1:1/db' }, cwd: '/' }));
    expect(error.code).toBe('UNREACHABLE');
    expect(error.message).toContain('PostgreSQL at 127.0.0.1:1/db');
    expect(error.message).not.toContain('s3cret');
  });
});
