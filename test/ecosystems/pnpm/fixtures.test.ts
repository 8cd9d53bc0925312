import { describe, expect, it } from 'vitest';
import type { DependencyGraph, PackageNode } from '../../../src/core/model.js';
import { pnpmParser } from '../../../src/ecosystems/pnpm/index.js';
import { fixtureOptions, readFixture } from '../../helpers/fixtures.js';

const VARIANTS = [
  ['pnpm5', '5.2'],
  ['pnpm6', '5.3'],
  ['pnpm7', '5.4'],
  ['pnpm8', '6.0'],
  ['pnpm9', '9.0'],
  ['pnpm10', '9.0'],
] as const;
const RECIPES = ['app', 'monorepo', 'upgrade/base', 'upgrade/head'] as const;

interface Expected {
  readonly packages: number;
  readonly listedByPnpmList: number;
  readonly ids: readonly string[];
}

async function load(variant: string, recipe: string): Promise<DependencyGraph> {
  const rel = `pnpm/${variant}/${recipe}/pnpm-lock.yaml`;
  return pnpmParser.parse(await readFixture(rel), fixtureOptions(rel));
}

function nameAtVersion(graph: DependencyGraph): string[] {
  return [...new Set([...graph.packages.values()].map((p) => `${p.name}@${p.version}`))].sort();
}

function node(graph: DependencyGraph, id: string): PackageNode {
  const found = graph.packages.get(id);
  if (!found) throw new Error(`no package ${id}`);
  return found;
}

describe.each(VARIANTS)('%s fixtures (lockfileVersion %s)', (variant, lockfileVersion) => {
  it.each(RECIPES)('%s: holds exactly the packages pnpm installed', async (recipe) => {
    const expected = JSON.parse(await readFixture(`pnpm/${variant}/${recipe}/expected.json`)) as Expected;
    const graph = await load(variant, recipe);
    expect(graph.format).toBe('pnpm-lock');
    expect(graph.formatVersion).toBe(lockfileVersion);
    expect(graph.packages.size).toBe(expected.packages);
    expect(graph.packages.size).toBe(expected.listedByPnpmList);
    expect(nameAtVersion(graph)).toEqual(expected.ids);
  });

  it('app: direct dependencies of the root with their kinds, the lodash3 alias and flags', async () => {
    const graph = await load(variant, 'app');
    expect([...graph.workspaces.keys()]).toEqual(['.']);
    const root = graph.workspaces.get('.');
    expect(root?.name).toBe('fixture-app');
    const direct = Object.fromEntries(root?.dependencies.map((e) => [e.alias, `${e.to} ${e.kind}`]) ?? []);
    expect(direct).toEqual({
      'core-js': 'core-js@3.38.1 prod',
      debug: 'debug@4.4.3 prod',
      express: 'express@4.22.3 prod',
      lodash: 'lodash@4.18.1 prod',
      lodash3: 'lodash@3.10.1 prod',
      react: 'react@18.3.1 prod',
      'react-dom': 'react-dom@18.3.1 prod',
      'is-number': 'is-number@7.0.0 optional',
      semver: 'semver@7.8.6 dev',
    });
    expect(node(graph, 'semver@7.8.6').dev).toBe(true);
    expect(node(graph, 'is-number@7.0.0').optional).toBe(true);
    expect(node(graph, 'lodash@3.10.1').directIn).toEqual(new Set(['.']));
    expect(node(graph, 'express@4.22.3').dev).toBe(false);
  });

  it('app: a peer-suffixed react-dom is one node whose resolved peer edge is a peer edge', async () => {
    const graph = await load(variant, 'app');
    const reactDoms = [...graph.packages.values()].filter((p) => p.name === 'react-dom');
    expect(reactDoms.map((p) => p.id)).toEqual(['react-dom@18.3.1']);
    const edges = node(graph, 'react-dom@18.3.1').dependencies.map((e) => `${e.alias} ${e.to} ${e.kind}`);
    expect(edges.sort()).toEqual(['loose-envify loose-envify@1.4.0 prod', 'react react@18.3.1 peer', 'scheduler scheduler@0.23.2 prod']);
    // react is also a direct dependency, so it is not "installed only for a peer".
    expect(node(graph, 'react@18.3.1').peer).toBe(false);
  });

  it('app: registry packages carry their integrity; install scripts as far as the lockfile records them', async () => {
    const graph = await load(variant, 'app');
    const lodash = node(graph, 'lodash@4.18.1');
    expect(lodash.source).toBe('registry');
    expect(lodash.integrity).toMatch(/^sha512-/);
    expect(lodash.purl).toBe('pkg:npm/lodash@4.18.1');
    if (lockfileVersion === '9.0') {
      expect(node(graph, 'core-js@3.38.1').hasInstallScript).toBeUndefined();
      expect(lodash.hasInstallScript).toBeUndefined();
    } else {
      expect(node(graph, 'core-js@3.38.1').hasInstallScript).toBe(true);
      expect(lodash.hasInstallScript).toBe(false);
    }
  });

  it('monorepo: each importer is a workspace with its own direct dependencies and two versions of ms', async () => {
    const graph = await load(variant, 'monorepo');
    const workspaces = [...graph.workspaces.values()].map((w) => [w.id, w.name, w.dependencies.map((e) => `${e.alias} ${e.to} ${e.kind}`)]);
    expect(workspaces).toEqual([
      ['.', 'fixture-monorepo', ['semver semver@7.8.6 dev']],
      // @fixture/shared is a `link:` to another importer: a workspace link, not a package edge.
      ['packages/api', '@fixture/api', ['express express@4.22.3 prod', 'ms ms@2.0.0 prod']],
      ['packages/shared', '@fixture/shared', ['lodash lodash@4.18.1 prod', 'ms ms@2.1.3 prod']],
    ]);
    expect(graph.workspaces.get('packages/api')!.links).toEqual([{ to: 'packages/shared', alias: '@fixture/shared', kind: 'prod' }]);
    expect(graph.workspaces.get('packages/shared')!.links).toEqual([]);
    expect(graph.workspaces.get('.')!.links).toEqual([]);
    expect(node(graph, 'ms@2.0.0').directIn).toEqual(new Set(['packages/api']));
    expect(node(graph, 'ms@2.1.3').directIn).toEqual(new Set(['packages/shared']));
    expect([...graph.packages.values()].some((p) => p.name.startsWith('@fixture/'))).toBe(false);
  });
});

describe('the same recipe across lockfile versions', () => {
  it.each(RECIPES)('%s: 5.4, 6.0 and 9.0 lock the same name@version set', async (recipe) => {
    const sets = await Promise.all(VARIANTS.map(async ([variant]) => nameAtVersion(await load(variant, recipe))));
    for (const set of sets.slice(1)) expect(set).toEqual(sets[0]);
  });
});
