import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskRepo } from '../../src/adapters/fs/disk-repo.js';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { readLockfiles } from '../../src/ecosystems/reader.js';
import { findLockfiles } from '../../src/ecosystems/scan.js';
import { FIXTURES } from '../helpers/fixtures.js';

describe('findLockfiles', () => {
  it('leaves out a package-lock.json beside an npm-shrinkwrap.json, in that folder only', () => {
    const found = findLockfiles([
      'package-lock.json',
      'npm-shrinkwrap.json',
      'tools/package-lock.json',
      'lib/npm-shrinkwrap.json',
      'node_modules/x/package-lock.json',
    ]);
    expect(found).toEqual(['lib/npm-shrinkwrap.json', 'npm-shrinkwrap.json', 'tools/package-lock.json']);
  });
});

describe('readLockfiles of a tree', () => {
  it('reads only the shrinkwrap when a folder has both, as npm installs from it (real npm files)', async () => {
    const graphs = (await readLockfiles(diskRepo(join(FIXTURES, 'npm/edge/shrinkwrap')), { limits: DEFAULT_LIMITS })).map((r) => r.graph);
    expect(graphs.map((g) => g.path)).toEqual(['npm-shrinkwrap.json']);
    // The stale package-lock.json pins ms 2.0.0; npm ls shows the shrinkwrap's ms 2.1.3.
    expect([...(graphs[0]?.packages.keys() ?? [])]).toEqual(['ms@2.1.3']);
  });
});
