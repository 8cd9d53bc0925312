import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/core/limits.js';
import type { DependencyGraph } from '../../../src/core/model.js';
import { bunParser } from '../../../src/ecosystems/bun/index.js';
import { fixtureOptions, readFixture } from '../../helpers/fixtures.js';

function parseText(content: string): Promise<DependencyGraph> {
  return bunParser.parse(content, { path: 'bun.lock', limits: DEFAULT_LIMITS });
}

async function parseFixture(dir: string): Promise<DependencyGraph> {
  const rel = `bun/${dir}/bun.lock`;
  return bunParser.parse(await readFixture(rel), fixtureOptions(rel));
}

function warningsOf(graph: DependencyGraph): string[] {
  return graph.warnings.map((w) => `${w.code} ${w.from} ${w.reference}`);
}

describe('bun.lock out of sync with package.json', () => {
  it('reads what the lock holds and warns about each dependency package.json added since (real bun lock)', async () => {
    const graph = await parseFixture('edge/out-of-sync');
    expect([...graph.packages.keys()]).toEqual(['ms@2.1.3']);
    expect(warningsOf(graph)).toEqual(['MISSING_FROM_LOCKFILE . left-pad@^1.3.0', 'MISSING_FROM_LOCKFILE . semver@^7.0.0']);
  });

  it.each(['app', 'monorepo', 'upgrade/head'])('%s: a lock in sync gives no warning', async (dir) => {
    expect((await parseFixture(dir)).warnings).toEqual([]);
  });
});

describe('hand-trimmed bun.lock', () => {
  it('warns about a workspace dependency and a package dependency that "packages" does not hold, and keeps the rest', async () => {
    const graph = await parseText(`{
  "lockfileVersion": 1,
  "workspaces": { "": { "name": "root", "dependencies": { "a": "^1.0.0", "gone": "^2.0.0" } } },
  "packages": {
    "a": ["a@1.0.0", "", { "dependencies": { "b": "^1.0.0", "c": "^1.0.0" }, "optionalDependencies": { "fsevents": "^2.0.0" } }, "sha512-A"],
    "c": ["c@1.0.0", "", {}, "sha512-C"],
  }
}`);
    expect(graph.packages.get('a@1.0.0')?.dependencies).toEqual([{ to: 'c@1.0.0', alias: 'c', kind: 'prod' }]);
    // An optional dependency for another platform is absent by design: no warning.
    expect(warningsOf(graph)).toEqual(['DANGLING_DEPENDENCY a@1.0.0 b@^1.0.0', 'DANGLING_DEPENDENCY . gone@^2.0.0']);
  });
});

describe('bun.lock with nothing locked', () => {
  it.each([
    ['{}', '{}'],
    ['{} with a comment and white space', '// emptied\n{ }\n'],
    ['a root workspace without "packages"', '{ "lockfileVersion": 1, "workspaces": { "": { "name": "x" } } }'],
    ['an empty "packages"', '{ "lockfileVersion": 1, "workspaces": { "": { "name": "x" } }, "packages": {} }'],
  ])('reads %s as an empty graph', async (_what, content) => {
    const graph = await parseText(content);
    expect(graph.packages.size).toBe(0);
    expect([...graph.workspaces.keys()]).toEqual(['.']);
    expect(graph.warnings).toEqual([]);
  });

  it('still refuses "packages" that is not an object', async () => {
    await expect(parseText('{ "lockfileVersion": 1, "workspaces": { "": {} }, "packages": null }')).rejects.toMatchObject({ code: 'MALFORMED' });
  });
});
