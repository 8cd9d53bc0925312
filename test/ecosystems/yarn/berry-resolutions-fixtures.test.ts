import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../../src/core/model.js';
import { yarnBerryParser } from '../../../src/ecosystems/yarn/index.js';
import { fixtureOptions, readFixture } from '../../helpers/fixtures.js';

async function parseFixture(variant: string, recipe: string, withSiblings = true): Promise<DependencyGraph> {
  const rel = `yarn/${variant}/${recipe}/yarn.lock`;
  const options = fixtureOptions(rel);
  return yarnBerryParser.parse(await readFixture(rel), withSiblings ? options : { ...options, openSibling: undefined });
}

function edge(graph: DependencyGraph, from: string, alias: string): string | undefined {
  const edges = graph.workspaces.get(from)?.dependencies ?? graph.packages.get(from)?.dependencies ?? [];
  return edges.find((e) => e.alias === alias)?.to;
}

// Every fixture here is also checked edge by edge against `yarn info` in berry.test.ts.
describe.each(['berry4', 'berry3'])('yarn berry with resolutions in the root package.json (%s)', (variant) => {
  it('sends a dependent that keeps the original range to the resolved entry (minimist: npm:1.2.5)', async () => {
    const graph = await parseFixture(variant, 'resolutions');
    expect(edge(graph, 'mkdirp@0.5.5', 'minimist')).toBe('minimist@1.2.5');
    // The name-only form overrides every range of the name, here also mkdirp 0.5.1's `0.0.8`.
    expect(edge(graph, 'mkdirp@0.5.1', 'minimist')).toBe('minimist@1.2.5');
    expect([...graph.packages.keys()].filter((id) => id.startsWith('minimist@'))).toEqual(['minimist@1.2.5']);
  });

  it('applies parent/name only below that parent, leaving other versions of the name alone', async () => {
    const graph = await parseFixture(variant, 'resolutions');
    expect(edge(graph, 'debug@2.6.9', 'ms')).toBe('ms@2.1.1');
    expect(edge(graph, '.', 'ms')).toBe('ms@2.1.3');
  });

  it('applies name@range to the dependents asking for that range', async () => {
    const graph = await parseFixture(variant, 'resolutions');
    expect(edge(graph, 'strip-ansi@6.0.1', 'ansi-regex')).toBe('ansi-regex@5.0.1');
  });

  it('resolves a scoped name to an npm: alias of another package, keeping the alias on the edge', async () => {
    const graph = await parseFixture(variant, 'resolutions');
    expect(graph.packages.get('@types/react-dom@18.2.0')?.dependencies).toEqual([
      { to: 'types-react@19.0.0-rc.1', alias: '@types/react', kind: 'prod' },
    ]);
    expect(graph.packages.get('types-react@19.0.0-rc.1')?.purl).toBe('pkg:npm/types-react@19.0.0-rc.1');
  });

  it('matches parent@version/name as that yarn does: yarn 4 normalises the version, yarn 3 compares it as written', async () => {
    const graph = await parseFixture(variant, 'resolutions');
    // `is-odd@3.0.1/is-number` names the parent `is-odd@npm:3.0.1` only after yarn 4's normalisation.
    expect(edge(graph, 'is-odd@3.0.1', 'is-number')).toBe(variant === 'berry4' ? 'is-number@7.0.0' : 'is-number@6.0.0');
  });

  it('applies the root resolutions to workspaces and ignores those of a nested workspace', async () => {
    const graph = await parseFixture(variant, 'resolutions-monorepo');
    expect(edge(graph, 'packages/api', 'lodash')).toBe('lodash@4.17.20');
    expect(edge(graph, 'packages/shared', 'lodash')).toBe('lodash@4.18.1');
    expect(edge(graph, 'packages/api', 'ms')).toBe('ms@2.1.2');
    expect(edge(graph, 'debug@4.3.4', 'ms')).toBe('ms@2.1.2');
  });

  it('reads a portal: resolution and file: dependencies as local packages named by their project folder', async () => {
    const graph = await parseFixture(variant, 'resolutions-monorepo');
    expect(graph.packages.get('is-number@6.0.0-fork.1')).toMatchObject({ source: 'link', resolved: 'portal:vendor/is-number' });
    expect(edge(graph, 'is-odd@3.0.1', 'is-number')).toBe('is-number@6.0.0-fork.1');
    // The root's `file:./vendor/local-lib` and the api's `file:../../vendor/local-lib` are one folder.
    expect(graph.packages.get('local-lib@2.0.0')).toMatchObject({ source: 'file', resolved: 'file:vendor/local-lib' });
    expect(edge(graph, '.', 'local-lib')).toBe('local-lib@2.0.0');
    expect(edge(graph, 'packages/api', 'local-lib')).toBe('local-lib@2.0.0');
  });

  it('keeps the lockfile version of a portal: package when its package.json cannot be opened', async () => {
    const graph = await parseFixture(variant, 'resolutions-monorepo', false);
    expect(graph.packages.get('is-number@0.0.0-use.local')?.source).toBe('link');
  });

  it('sends dependents to the patch a `yarn patch-commit -s` resolution names', async () => {
    const graph = await parseFixture(variant, 'resolutions-patch');
    const ms = graph.packages.get(edge(graph, 'debug@2.6.9', 'ms') ?? '');
    expect(ms).toMatchObject({ name: 'ms', version: '2.0.0', source: 'registry' });
    expect(ms?.resolved).toMatch(/^ms@patch:ms@npm%3A2\.0\.0#.*\.yarn\/patches\/ms-npm-2\.0\.0-[0-9a-f]+\.patch/);
  });

  it('pins optional platform packages through resolutions and keeps them optional', async () => {
    const graph = await parseFixture(variant, 'resolutions-optional');
    const rollup = graph.packages.get('rollup@4.69.3');
    expect(rollup?.dependencies).toContainEqual({ to: '@rollup/rollup-linux-x64-gnu@4.69.2', alias: '@rollup/rollup-linux-x64-gnu', kind: 'optional' });
    expect(rollup?.dependencies).toContainEqual({ to: '@rollup/rollup-darwin-arm64@4.69.2', alias: '@rollup/rollup-darwin-arm64', kind: 'optional' });
    expect(rollup?.dependencies).toContainEqual({ to: '@rollup/rollup-win32-x64-msvc@4.69.3', alias: '@rollup/rollup-win32-x64-msvc', kind: 'optional' });
    expect(graph.packages.get('@rollup/rollup-linux-x64-gnu@4.69.2')?.optional).toBe(true);
  });

  it('without package.json, records the overridden dependencies as dangling instead of refusing the file', async () => {
    const graph = await parseFixture(variant, 'resolutions', false);
    expect(graph.packages.has('minimist@1.2.5')).toBe(true);
    expect(graph.warnings).toContainEqual(expect.objectContaining({
      code: 'DANGLING_DEPENDENCY',
      from: 'mkdirp@0.5.5',
      reference: variant === 'berry4' ? 'minimist@npm:^1.2.5' : 'minimist@^1.2.5',
    }));
  });

  it('reads what the lockfile locked when a resolution was added to package.json after the last install', async () => {
    const rel = `yarn/${variant}/app/yarn.lock`;
    const base = fixtureOptions(rel);
    const options = {
      ...base,
      openSibling: async (p: string) => {
        const text = await base.openSibling?.(p);
        return p === 'package.json' && text ? text.replace('"dependencies": {', '"resolutions": {"ms": "2.1.1"}, "dependencies": {') : text;
      },
    };
    const graph = await yarnBerryParser.parse(await readFixture(rel), options);
    expect(graph.warnings).toEqual([]);
    expect(edge(graph, 'debug@2.6.9', 'ms')).toBe('ms@2.0.0');
  });
});
