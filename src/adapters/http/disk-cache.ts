import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Cache } from './cache.js';
import type { JsonResponse } from './types.js';

/** The default cache directory: `$XDG_CACHE_HOME/chaingate`, else `~/.cache/chaingate`. */
export function defaultCacheDirectory(env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env['XDG_CACHE_HOME'];
  return xdg && xdg.startsWith('/') ? join(xdg, 'chaingate') : join(homedir(), '.cache', 'chaingate');
}

interface StoredEntry {
  readonly expiresAt: number;
  readonly value: JsonResponse;
}

/**
 * A cache of one JSON file per entry under `directory/http/<2 hex>/<key>.json`.
 * Writes go to a temporary file renamed into place, so a reader never sees half
 * an entry; an entry that cannot be read or parsed counts as absent.
 */
export class DiskCache implements Cache {
  readonly #root: string;
  readonly #now: () => number;
  #sequence = 0;

  constructor(directory: string, now: () => number = Date.now) {
    this.#root = join(directory, 'http');
    this.#now = now;
  }

  async get(key: string): Promise<JsonResponse | undefined> {
    let text: string;
    try {
      text = await readFile(this.#pathOf(key), 'utf8');
    } catch {
      return undefined;
    }
    const entry = parseEntry(text);
    if (!entry || entry.expiresAt <= this.#now()) return undefined;
    return entry.value;
  }

  async set(key: string, value: JsonResponse, ttlMs: number): Promise<void> {
    const path = this.#pathOf(key);
    const entry: StoredEntry = { expiresAt: this.#now() + ttlMs, value };
    const temporary = `${path}.${process.pid}.${++this.#sequence}.tmp`;
    try {
      await mkdir(join(this.#root, key.slice(0, 2)), { recursive: true });
      await writeFile(temporary, JSON.stringify(entry));
      await rename(temporary, path);
    } catch {
      // A cache that cannot be written only costs a request next time.
    }
  }

  #pathOf(key: string): string {
    if (!/^[0-9a-f]{16,}$/.test(key)) throw new Error(`cache key must be a hex digest, got ${JSON.stringify(key)}`);
    return join(this.#root, key.slice(0, 2), `${key}.json`);
  }
}

function parseEntry(text: string): StoredEntry | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { expiresAt, value } = parsed as { expiresAt?: unknown; value?: unknown };
  if (typeof expiresAt !== 'number' || typeof value !== 'object' || value === null) return undefined;
  const { status, headers } = value as { status?: unknown; headers?: unknown };
  if (typeof status !== 'number' || typeof headers !== 'object' || headers === null) return undefined;
  return parsed as StoredEntry;
}
