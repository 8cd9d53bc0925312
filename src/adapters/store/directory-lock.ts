import { mkdir, open, readFile, rm, access, constants } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreError } from '../../core/errors.js';

const LOCK_FILE = 'chaingate.lock';
const heldInThisProcess = new Set<string>();

const SHARED_USE_HINT = 'the embedded store serves one process at a time; for shared use (an App and CLI commands together, or several replicas) set DATABASE_URL to a PostgreSQL database';

/**
 * Takes the embedded store's directory for this process. PGlite is one
 * PostgreSQL backend in-process: two processes on one directory would corrupt
 * it, so the second is refused with a message instead. A lock left by a
 * process that no longer runs (killed, crashed) is taken over.
 * @throws {StoreError} LOCKED when another live process holds it; UNWRITABLE when it cannot be created or written.
 * @returns a release function.
 */
export async function lockStoreDirectory(dir: string): Promise<() => Promise<void>> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (cause) {
    throw new StoreError('UNWRITABLE', dir, `cannot be created or written (${(cause as NodeJS.ErrnoException).code ?? String(cause)}): choose another directory with --store or CHAINGATE_STORE`, { cause });
  }
  if (heldInThisProcess.has(dir)) throw new StoreError('LOCKED', dir, `is already open in this process; ${SHARED_USE_HINT}`);
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname() }));
      await handle.close();
      heldInThisProcess.add(dir);
      return async () => {
        heldInThisProcess.delete(dir);
        await rm(path, { force: true });
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
        throw new StoreError('UNWRITABLE', dir, `cannot be written (${code}): choose another directory with --store or CHAINGATE_STORE`, { cause: error });
      }
      if (code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(path);
    if (holder && holder.host === hostname() && isAlive(holder.pid)) {
      throw new StoreError('LOCKED', dir, `is in use by another chaingate process (pid ${holder.pid}, e.g. a running App); ${SHARED_USE_HINT}`);
    }
    if (holder && holder.host !== hostname()) {
      throw new StoreError('LOCKED', dir, `is in use by a chaingate process on host ${holder.host} (pid ${holder.pid}); ${SHARED_USE_HINT}`);
    }
    await rm(path, { force: true });
  }
  throw new StoreError('LOCKED', dir, `could not be locked; ${SHARED_USE_HINT}`);
}

async function readHolder(path: string): Promise<{ pid: number; host: string } | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as { pid?: unknown; host?: unknown };
    if (typeof value.pid === 'number' && typeof value.host === 'string') return { pid: value.pid, host: value.host };
  } catch {
    // Unreadable or half-written: the writer died before finishing, so nobody holds it.
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
