import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../../src/core/model.js';
import { npmParser } from '../../../src/ecosystems/npm/index.js';
import { fixtureOptions, readFixture } from '../../helpers/fixtures.js';
import { parseFixture, parseText, readLockfile } from './fixture-graph.js';

function warningsOf(graph: DependencyGraph): string[] {
  return graph.warnings.map((w) => `${w.code} ${w.from} ${w.reference}`);
}

/** A real fixture lockfile with some entries deleted, as a hand-trimmed file would be; its package.json stays beside it. */
async function trimmed(dir: string, drop: readonly string[]): Promise<DependencyGraph> {
  const lock = await readLockfile(dir);
  const packages = lock.packages as Record<string, unknown>;
  for (const key of drop) delete packages[key];
  const rel = `npm/${dir}/package-lock.json`;
  return npmParser.parse(JSON.stringify(lock), fixtureOptions(rel));
}

describe('npm lockfiles out of sync with their package.json', () => {
  it('reads what the lock holds and warns about each dependency package.json added since (real npm lock)', async () => {
    const graph = await parseFixture('edge/out-of-sync');
    expect([...graph.packages.keys()]).toEqual(['ms@2.1.3']);
    expect(warningsOf(graph)).toEqual([
      'MISSING_FROM_LOCKFILE . left-pad@^1.3.0',
      'MISSING_FROM_LOCKFILE . semver@^7.0.0',
    ]);
    expect(graph.warnings[0]?.message).toMatch(/package\.json declares "left-pad@\^1\.3\.0" in dependencies/);
  });

  it('gives no warning for a lock in sync with its package.json', async () => {
    for (const dir of ['v3/app', 'v3-resolved/monorepo', 'v2/upgrade/head', 'v1/app', 'v3-resolved/sources', 'edge/link-folders']) {
      expect((await parseFixture(dir)).warnings, dir).toEqual([]);
    }
  });

  it('warns about a v1 lock missing a dependency of package.json', async () => {
    const lock = JSON.parse(await readFixture('npm/v1/app/package-lock.json')) as { dependencies: Record<string, unknown> };
    delete lock.dependencies.express;
    const graph = await npmParser.parse(JSON.stringify(lock), fixtureOptions('npm/v1/app/package-lock.json'));
    expect(warningsOf(graph)).toEqual(['MISSING_FROM_LOCKFILE . express@^4.21.0']);
    expect(graph.packages.has('lodash@4.18.1')).toBe(true);
  });
});

describe('hand-trimmed npm lockfiles', () => {
  it('keeps the rest of the graph and warns with the dependent and the reference of each entry removed', async () => {
    const graph = await trimmed('v3/app', ['node_modules/ms', 'node_modules/debug']);
    expect(warningsOf(graph).sort()).toEqual([
      'DANGLING_DEPENDENCY . debug@^4.3.7',
      'DANGLING_DEPENDENCY send@0.19.2 ms@2.1.3',
    ]);
    expect(graph.packages.has('express@4.22.3')).toBe(true);
    // express keeps its own nested debug 2.6.9; the hoisted debug 4 the root declares is gone.
    expect([...graph.packages.values()].filter((p) => p.name === 'debug').map((p) => p.id)).toEqual(['debug@2.6.9']);
  });

  it('says nothing when an optional dependency or a peer has no entry (another platform, an unmet peer)', async () => {
    const content = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { optionalDependencies: { fsevents: '^2.3.3' }, dependencies: { 'react-dom': '18.3.1' } },
        'node_modules/react-dom': { version: '18.3.1', peerDependencies: { react: '^18.3.1' } },
      },
    });
    expect((await parseText(content)).warnings).toEqual([]);
  });

  it('warns about a link whose target folder has no entry and keeps reading', async () => {
    const content = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { dependencies: { lib: 'file:libs/lib', ms: '2.1.3' } },
        'node_modules/lib': { resolved: 'libs/lib', link: true },
        'node_modules/ms': { version: '2.1.3' },
      },
    });
    const graph = await parseText(content);
    expect([...graph.packages.keys()]).toEqual(['ms@2.1.3']);
    expect(warningsOf(graph)).toEqual(['DANGLING_LINK . libs/lib', 'DANGLING_DEPENDENCY . lib@file:libs/lib']);
  });
});

describe('npm lockfiles with no packages', () => {
  it('reads the lock of a project without dependencies (real npm) as an empty graph', async () => {
    const graph = await parseFixture('edge/empty');
    expect(graph.packages.size).toBe(0);
    expect(graph.workspaces.get('.')).toMatchObject({ name: 'fixture-empty', version: '1.0.0', dependencies: [] });
    expect(graph.warnings).toEqual([]);
  });

  it('reads a v3 lock without a packages map, or with an empty one, as an empty graph', async () => {
    for (const content of ['{"lockfileVersion":3}', '{"lockfileVersion":3,"packages":{}}', '{"lockfileVersion":1}']) {
      const graph = await parseText(content);
      expect(graph.packages.size, content).toBe(0);
      expect([...graph.workspaces.keys()], content).toEqual(['.']);
    }
  });
});
