import { readdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { ParseOptions } from '../../src/ecosystems/types.js';
import { FIXTURES, fixtureOptions } from './fixtures.js';

/**
 * Lists the files below a fixture lockfile's directory the way
 * `ParseOptions.listFiles` does: relative to it, `/`-separated, without
 * node_modules. `rel` is the lockfile, relative to test/fixtures.
 */
export function fixtureFileLister(rel: string): () => Promise<readonly string[]> {
  const dir = dirname(join(FIXTURES, rel));
  return async () => {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
      .filter((p) => !p.split('/').includes('node_modules'))
      .sort();
  };
}

/** {@link fixtureOptions} plus a `listFiles` over the fixture's folder. */
export function fixtureOptionsWithFiles(rel: string, overrides: Partial<ParseOptions> = {}): ParseOptions {
  return fixtureOptions(rel, { listFiles: fixtureFileLister(rel), ...overrides });
}
