import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/core/limits.js';
import type { DependencyGraph } from '../../../src/core/model.js';
import { pnpmParser } from '../../../src/ecosystems/pnpm/index.js';
import { fixtureOptions, readFixture } from '../../helpers/fixtures.js';

const EDGE_MAJORS = ['pnpm7', 'pnpm8', 'pnpm9'] as const;

async function load(rel: string, content?: string): Promise<DependencyGraph> {
  const path = `pnpm/${rel}/pnpm-lock.yaml`;
  return pnpmParser.parse(content ?? (await readFixture(path)), fixtureOptions(path));
}

function parseText(content: string): Promise<DependencyGraph> {
  return pnpmParser.parse(content, { path: 'pnpm-lock.yaml', limits: DEFAULT_LIMITS });
}

function warningsOf(graph: DependencyGraph): string[] {
  return graph.warnings.map((w) => `${w.code} ${w.from} ${w.reference}`);
}

describe.each(EDGE_MAJORS)('%s: folders pnpm writes without a version', (major) => {
  it('reads a file: folder whose package.json has no version, named by its spec, with its own dependencies', async () => {
    const graph = await load(`edge/${major}/folders`);
    const folder = graph.packages.get('noversion@file:libs/noversion');
    expect(folder).toMatchObject({ name: 'noversion', version: 'file:libs/noversion', resolved: 'file:libs/noversion' });
    expect(folder?.dependencies).toEqual([{ to: 'ms@2.1.3', alias: 'ms', kind: 'prod' }]);
    expect(graph.warnings).toEqual([]);
  });

  it('reads a link: folder without a name or version as a link package that no registry version can collide with', async () => {
    const graph = await load(`edge/${major}/folders`);
    expect(graph.packages.get('plain@file:libs/plain')).toMatchObject({ source: 'link', resolved: 'file:libs/plain' });
    expect([...graph.packages.values()].map((p) => p.version)).not.toContain('0.0.0');
  });

  it('reads a workspace depending on the root project (`link:../..`) as a workspace link to "."', async () => {
    const graph = await load(`edge/${major}/folders`);
    expect(graph.workspaces.get('packages/a')?.links).toEqual([{ to: '.', alias: 'fixture-pnpm-folders', kind: 'prod' }]);
    expect(graph.workspaces.get('packages/a')?.dependencies).toEqual([]);
  });

  it('warns about each dependency package.json declares that the lock does not record (real pnpm lock)', async () => {
    const graph = await load(`edge/${major}/out-of-sync`);
    expect([...graph.packages.keys()]).toEqual(['ms@2.1.3']);
    expect(warningsOf(graph)).toEqual(['MISSING_FROM_LOCKFILE . left-pad@^1.3.0', 'MISSING_FROM_LOCKFILE . semver@^7.0.0']);
    expect(graph.warnings[1]?.message).toMatch(/package\.json declares "semver@\^7\.0\.0" in devDependencies/);
  });
});

describe('importer dependencies recorded without a version', () => {
  it('reads a link: dependency given by its specifier alone as the folder it names', async () => {
    const graph = await parseText(`lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      shared: {specifier: 'link:packages/shared'}
  packages/shared: {}
`);
    expect(graph.workspaces.get('.')?.links).toEqual([{ to: 'packages/shared', alias: 'shared', kind: 'prod' }]);
  });

  it('still refuses a registry dependency without a version', async () => {
    await expect(
      parseText(`lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      ms: {specifier: ^2.1.3}\n`),
    ).rejects.toMatchObject({ code: 'MALFORMED', message: expect.stringMatching(/"ms" has no version/) });
  });
});

describe('pnpm lockfiles in sync', () => {
  it.each(['pnpm6/app', 'pnpm7/monorepo', 'pnpm8/upgrade/head', 'pnpm9/app', 'pnpm10/monorepo'])('%s: no warnings', async (rel) => {
    expect((await load(rel)).warnings).toEqual([]);
  });
});

describe('hand-trimmed pnpm lockfiles', () => {
  it('reads a real lock whose snapshots section was dropped, warning about each reference left without an entry', async () => {
    const text = await readFixture('pnpm/pnpm9/app/pnpm-lock.yaml');
    const graph = await load('pnpm9/app', text.slice(0, text.indexOf('\nsnapshots:')));
    // Every package is still locked under `packages`; only the importer's references miss their snapshots.
    expect(graph.packages.size).toBeGreaterThan(50);
    expect(warningsOf(graph)).toContain('DANGLING_DEPENDENCY . express@4.22.3');
    expect(graph.workspaces.get('.')?.dependencies).toEqual([]);
  });

  it('keeps the edges that resolve and warns, naming the dependent package, about the one that does not', async () => {
    const graph = await parseText(`lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      a: {specifier: ^1.0.0, version: 1.0.0}
packages:
  a@1.0.0: {resolution: {integrity: sha512-A}}
  c@1.0.0: {resolution: {integrity: sha512-C}}
snapshots:
  a@1.0.0:
    dependencies: {b: 2.0.0, c: 1.0.0}
  c@1.0.0: {}
`);
    expect(graph.packages.get('a@1.0.0')?.dependencies).toEqual([{ to: 'c@1.0.0', alias: 'c', kind: 'prod' }]);
    expect(warningsOf(graph)).toEqual(['DANGLING_DEPENDENCY a@1.0.0 b@2.0.0']);
  });
});

describe('pnpm lockfiles with nothing locked', () => {
  it('reads the lock of a project without dependencies (real pnpm 9) as an empty graph', async () => {
    const graph = await load('edge/pnpm9/empty');
    expect(graph.packages.size).toBe(0);
    expect([...graph.workspaces.keys()]).toEqual(['.']);
    expect(graph.formatVersion).toBe('9.0');
  });

  it.each([
    ['an empty file', ''],
    ['white space', '\n  \n'],
    ['comments only', '# emptied by hand\n\n# nothing here\n'],
  ])('reads %s as an empty graph, as pnpm does', async (_what, content) => {
    const graph = await parseText(content);
    expect(graph.packages.size).toBe(0);
    expect([...graph.workspaces.keys()]).toEqual(['.']);
  });
});
