import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../src/core/model.js';
import { bunParser } from '../../src/ecosystems/bun/index.js';
import { npmParser } from '../../src/ecosystems/npm/index.js';
import { pnpmParser } from '../../src/ecosystems/pnpm/index.js';
import type { LockfileParser } from '../../src/ecosystems/types.js';
import { yarnBerryParser, yarnClassicParser } from '../../src/ecosystems/yarn/index.js';
import { fixtureOptionsWithFiles } from '../helpers/fixture-files.js';
import { readFixture } from '../helpers/fixtures.js';

// One recipe (test/fixtures/recipes/) resolved by each package manager on the same day: every
// lockfile holds the same versions, so every parser must tell the same story about it.
const FORMATS: ReadonlyArray<readonly [string, LockfileParser, string]> = [
  ['npm v3', npmParser, 'npm/v3'],
  ['yarn classic', yarnClassicParser, 'yarn/classic'],
  ['yarn berry 4', yarnBerryParser, 'yarn/berry4'],
  ['pnpm 9', pnpmParser, 'pnpm/pnpm9'],
  ['bun', bunParser, 'bun'],
];
const LOCKFILES: Readonly<Record<string, string>> = {
  'npm v3': 'package-lock.json',
  'yarn classic': 'yarn.lock',
  'yarn berry 4': 'yarn.lock',
  'pnpm 9': 'pnpm-lock.yaml',
  bun: 'bun.lock',
};

async function parse(format: string, parser: LockfileParser, dir: string, recipe: string): Promise<DependencyGraph> {
  const rel = `${dir}/${recipe}/${LOCKFILES[format] ?? ''}`;
  // The tree listing lets yarn classic expand `packages/*`; the others do not need it.
  return parser.parse(await readFixture(rel), fixtureOptionsWithFiles(rel));
}

const label = (graph: DependencyGraph, id: string): string => {
  const node = graph.packages.get(id);
  return node ? `${node.name}@${node.version}` : `missing ${id}`;
};

/** Each workspace: id, name and version. */
const workspaces = (graph: DependencyGraph): string[] =>
  [...graph.workspaces.values()].map((w) => `${w.id} ${w.name ?? '-'}@${w.version ?? '-'}`).sort();

/** Each workspace's direct dependencies as alias → name@version and kind. */
const directDependencies = (graph: DependencyGraph): string[] =>
  [...graph.workspaces.values()].flatMap((w) => w.dependencies.map((e) => `${w.id}: ${e.alias} > ${label(graph, e.to)} ${e.kind}`)).sort();

const links = (graph: DependencyGraph): string[] =>
  [...graph.workspaces.values()].flatMap((w) => w.links.map((l) => `${w.id}: ${l.alias} > ${l.to} ${l.kind}`)).sort();

/** Every package as name@version with the flags the builder derives and the workspaces that declare it. */
const packages = (graph: DependencyGraph): string[] =>
  [...graph.packages.values()]
    .map((p) => `${p.name}@${p.version}${p.dev ? ' dev' : ''}${p.optional ? ' optional' : ''}${p.peer ? ' peer' : ''} [${[...p.directIn].sort().join()}]`)
    .sort();

const packageEdges = (graph: DependencyGraph): string[] =>
  [...graph.packages.values()].flatMap((p) => p.dependencies.map((e) => `${p.name}@${p.version} > ${e.alias} ${label(graph, e.to)} ${e.kind}`)).sort();

describe('the monorepo recipe through every lockfile format', () => {
  const graphs = (): Promise<Array<readonly [string, DependencyGraph]>> =>
    Promise.all(FORMATS.map(async ([format, parser, dir]) => [format, await parse(format, parser, dir, 'monorepo')] as const));

  it('gives identical workspaces, with names and versions', async () => {
    for (const [format, graph] of await graphs()) {
      expect(workspaces(graph), format).toEqual([
        '. fixture-monorepo@0.0.0',
        'packages/api @fixture/api@1.0.0',
        'packages/shared @fixture/shared@1.0.0',
      ]);
    }
  });

  it('gives identical direct dependencies per workspace, by name@version and kind', async () => {
    for (const [format, graph] of await graphs()) {
      expect(directDependencies(graph), format).toEqual([
        '.: semver > semver@7.8.6 dev',
        'packages/api: express > express@4.22.3 prod',
        'packages/api: ms > ms@2.0.0 prod',
        'packages/shared: lodash > lodash@4.18.1 prod',
        'packages/shared: ms > ms@2.1.3 prod',
      ]);
    }
  });

  it('gives the workspace protocol dependency as the same link, and never as a package', async () => {
    for (const [format, graph] of await graphs()) {
      expect(graph.workspaces.get('packages/api')!.links, format).toEqual([{ to: 'packages/shared', alias: '@fixture/shared', kind: 'prod' }]);
      expect(links(graph), format).toEqual(['packages/api: @fixture/shared > packages/shared prod']);
      expect([...graph.packages.values()].filter((p) => p.name.startsWith('@fixture/')).map((p) => p.id), format).toEqual([]);
    }
  });

  it('gives identical package sets, flags, declaring workspaces and package edges', async () => {
    const all = await graphs();
    const [, npm] = all[0]!;
    // 73 is what every manager installed (each fixture's expected.json); workspaces are not among them.
    expect(npm.packages.size).toBe(73);
    for (const [format, graph] of all.slice(1)) {
      expect(packages(graph), format).toEqual(packages(npm));
      expect(packageEdges(graph), format).toEqual(packageEdges(npm));
    }
  });
});

describe('the app recipe through every lockfile format', () => {
  const graphs = (): Promise<Array<readonly [string, DependencyGraph]>> =>
    Promise.all(FORMATS.map(async ([format, parser, dir]) => [format, await parse(format, parser, dir, 'app')] as const));

  it('gives identical direct dependencies, packages and flags', async () => {
    const all = await graphs();
    const [, npm] = all[0]!;
    for (const [format, graph] of all.slice(1)) {
      expect(workspaces(graph), format).toEqual(workspaces(npm));
      expect(directDependencies(graph), format).toEqual(directDependencies(npm));
      expect(links(graph), format).toEqual([]);
      expect(packages(graph), format).toEqual(packages(npm));
    }
  });

  it('gives identical package edges, except the peer edges yarn classic cannot know', async () => {
    const all = await graphs();
    const [, npm] = all[0]!;
    const peers = packageEdges(npm).filter((e) => e.endsWith(' peer'));
    expect(peers).toEqual(['react-dom@18.3.1 > react react@18.3.1 peer']);
    for (const [format, graph] of all.slice(1)) {
      // Exception: a yarn v1 lockfile entry has no peerDependencies field, so yarn classic has no
      // peer edges at all. react still is a package there, reached directly from the root.
      const expected = format === 'yarn classic' ? packageEdges(npm).filter((e) => !peers.includes(e)) : packageEdges(npm);
      expect(packageEdges(graph), format).toEqual(expected);
    }
  });
});
