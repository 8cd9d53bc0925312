import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import type { ParseOptions } from '../../src/ecosystems/types.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Reads a fixture file as text. `rel` is relative to test/fixtures. */
export function readFixture(rel: string): Promise<string> {
  return readFile(join(FIXTURES, rel), 'utf8');
}

/** Parse options for a fixture lockfile, opening siblings from disk like the CLI does. */
export function fixtureOptions(rel: string, overrides: Partial<ParseOptions> = {}): ParseOptions {
  const dir = dirname(join(FIXTURES, rel));
  return {
    path: relative(FIXTURES, join(FIXTURES, rel)),
    limits: DEFAULT_LIMITS,
    openSibling: async (p) => {
      try {
        return await readFile(join(dir, p), 'utf8');
      } catch {
        return undefined;
      }
    },
    ...overrides,
  };
}
