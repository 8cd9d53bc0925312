import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../../src/core/model.js';
import { yarnBerryParser } from '../../../src/ecosystems/yarn/index.js';
import { FIXTURES, fixtureOptions, readFixture } from '../../helpers/fixtures.js';

const VARIANTS = [
  ['berry4', '10'],
  ['berry3', '6'],
] as const;

async function parseFixture(variant: string, recipe: string, withSiblings = true): Promise<DependencyGraph> {
  const rel = `yarn/${variant}/${recipe}/yarn.lock`;
  const options = fixtureOptions(rel);
  return yarnBerryParser.parse(await readFixture(rel), withSiblings ? options : { ...options, openSibling: undefined });
}

/** What `yarn info --all --recursive --json` says (see scripts/fixtures/yarn.sh). */
interface Expected {
  readonly packages: number;
  /** package id or workspace folder → name@version of packages, `workspace:<folder>` of workspaces. */
  readonly dependencies: Record<string, readonly string[]>;
}

async function expected(variant: string, recipe: string): Promise<Expected> {
  return JSON.parse(await readFile(join(FIXTURES, 'yarn', variant, recipe, 'expected.json'), 'utf8')) as Expected;
}

async function expectedCount(variant: string, recipe: string): Promise<number> {
  return (await expected(variant, recipe)).packages;
}

/** Each package's and workspace's dependencies (peers aside), written the way expected.json writes them. */
function dependencies(graph: DependencyGraph): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [id, workspace] of graph.workspaces) {
    out[id] = [...new Set([...workspace.dependencies.map((e) => e.to), ...workspace.links.map((l) => `workspace:${l.to}`)])].sort();
  }
  for (const [id, node] of graph.packages) out[id] = [...new Set(node.dependencies.filter((e) => e.kind !== 'peer').map((e) => e.to))].sort();
  return out;
}

const ALL_RECIPES = [
  'app', 'monorepo', 'upgrade/base', 'upgrade/head', 'patch',
  'resolutions', 'resolutions-monorepo', 'resolutions-patch', 'resolutions-optional',
];

describe.each(VARIANTS)('yarn berry parser on %s lockfiles', (variant, metadataVersion) => {
  it.each(['app', 'monorepo', 'upgrade/base', 'upgrade/head', 'patch'])('finds as many packages as yarn info lists for %s', async (recipe) => {
    const graph = await parseFixture(variant, recipe);
    expect(graph.format).toBe('yarn-berry');
    expect(graph.formatVersion).toBe(metadataVersion);
    expect(graph.packages.size).toBe(await expectedCount(variant, recipe));
  });

  it.each(ALL_RECIPES)('resolves every dependency in %s to the package yarn info lists, without warnings', async (recipe) => {
    const graph = await parseFixture(variant, recipe);
    const yarn = await expected(variant, recipe);
    expect(graph.warnings).toEqual([]);
    expect(graph.packages.size).toBe(yarn.packages);
    expect(dependencies(graph)).toEqual(yarn.dependencies);
  });

  it('turns workspace: resolutions into workspaces keyed by folder', async () => {
    const graph = await parseFixture(variant, 'monorepo');
    expect([...graph.workspaces.keys()].sort()).toEqual(['.', 'packages/api', 'packages/shared']);
    expect(graph.workspaces.get('packages/api')).toMatchObject({ name: '@fixture/api', version: '1.0.0' });
    expect(graph.workspaces.get('packages/api')?.dependencies.map((e) => e.to).sort()).toEqual(['express@4.22.3', 'ms@2.0.0']);
    expect(graph.workspaces.get('packages/shared')?.dependencies.map((e) => e.to).sort()).toEqual(['lodash@4.18.1', 'ms@2.1.3']);
    expect(graph.packages.get('ms@2.1.3')?.directIn).toEqual(new Set(['packages/shared']));
    expect([...graph.packages.keys()].some((id) => id.startsWith('@fixture/'))).toBe(false);
  });

  it('records a workspace:* dependency on another workspace as a workspace link, not a package', async () => {
    const graph = await parseFixture(variant, 'monorepo');
    expect(graph.workspaces.get('packages/api')!.links).toEqual([{ to: 'packages/shared', alias: '@fixture/shared', kind: 'prod' }]);
    expect(graph.workspaces.get('packages/shared')!.links).toEqual([]);
    expect(graph.workspaces.get('.')!.links).toEqual([]);
    expect([...graph.packages.values()].some((p) => p.name === '@fixture/shared')).toBe(false);
  });

  it('takes the kind of a workspace link from package.json', async () => {
    const rel = `yarn/${variant}/monorepo/yarn.lock`;
    const base = fixtureOptions(rel);
    const options = {
      ...base,
      openSibling: async (p: string) => {
        const text = await base.openSibling?.(p);
        return p === 'packages/api/package.json' && text ? text.replace('"dependencies"', '"devDependencies"') : text;
      },
    };
    const graph = await yarnBerryParser.parse(await readFixture(rel), options);
    expect(graph.workspaces.get('packages/api')!.links).toEqual([{ to: 'packages/shared', alias: '@fixture/shared', kind: 'dev' }]);
  });

  it('marks dev and optional dependencies of a workspace from its package.json', async () => {
    const graph = await parseFixture(variant, 'app');
    expect(graph.packages.get('semver@7.8.6')).toMatchObject({ dev: true, optional: false });
    expect(graph.packages.get('is-number@7.0.0')).toMatchObject({ dev: false, optional: true });
    expect(graph.packages.get('react@18.3.1')).toMatchObject({ dev: false, peer: false });
  });

  it('without package.json, counts devDependencies as prod but keeps dependenciesMeta optional', async () => {
    const graph = await parseFixture(variant, 'app', false);
    expect(graph.packages.get('semver@7.8.6')?.dev).toBe(false);
    expect(graph.packages.get('is-number@7.0.0')?.optional).toBe(true);
  });

  it('resolves an npm: alias to the aliased package beside the other version', async () => {
    const graph = await parseFixture(variant, 'app');
    const edges = graph.workspaces.get('.')?.dependencies ?? [];
    expect(edges.find((e) => e.alias === 'lodash3')?.to).toBe('lodash@3.10.1');
    expect(edges.find((e) => e.alias === 'lodash')?.to).toBe('lodash@4.18.1');
  });

  it('records peer edges the lockfile can resolve', async () => {
    const graph = await parseFixture(variant, 'app');
    expect(graph.packages.get('react-dom@18.3.1')?.dependencies).toContainEqual({ to: 'react@18.3.1', alias: 'react', kind: 'peer' });
  });

  it('keeps the checksum out of integrity, since it hashes yarn\'s zip and not the tarball', async () => {
    const graph = await parseFixture(variant, 'app');
    expect([...graph.packages.values()].every((p) => p.integrity === undefined && p.source === 'registry')).toBe(true);
  });

  it('reads a patch: entry as the underlying registry package, patch kept in resolved', async () => {
    const graph = await parseFixture(variant, 'patch');
    const resolve = graph.packages.get('resolve@1.22.14');
    expect(resolve).toMatchObject({ name: 'resolve', version: '1.22.14', source: 'registry', purl: 'pkg:npm/resolve@1.22.14' });
    expect(resolve?.resolved).toMatch(/^resolve@patch:resolve@npm%3A1\.22\.14#.*builtin<compat\/resolve>/);
    expect(graph.workspaces.get('.')?.dependencies).toEqual([{ to: 'resolve@1.22.14', alias: 'resolve', kind: 'prod' }]);
    expect(resolve?.dependencies.map((e) => e.to).sort()).toEqual(
      ['es-errors@1.3.0', 'is-core-module@2.18.0', 'path-parse@1.0.7', 'supports-preserve-symlinks-flag@1.0.0'],
    );
  });
});
