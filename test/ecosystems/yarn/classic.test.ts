import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../../src/core/model.js';
import { yarnClassicParser } from '../../../src/ecosystems/yarn/index.js';
import { fixtureOptionsWithFiles } from '../../helpers/fixture-files.js';
import { FIXTURES, fixtureOptions, readFixture } from '../../helpers/fixtures.js';

async function parseFixture(recipe: string, withSiblings = true): Promise<DependencyGraph> {
  const rel = `yarn/classic/${recipe}/yarn.lock`;
  const options = fixtureOptions(rel);
  return yarnClassicParser.parse(await readFixture(rel), withSiblings ? options : { ...options, openSibling: undefined });
}

async function expectedCount(recipe: string): Promise<number> {
  const json = JSON.parse(await readFile(join(FIXTURES, 'yarn/classic', recipe, 'expected.json'), 'utf8')) as { packages: number };
  return json.packages;
}

describe('yarn classic parser', () => {
  it.each(['app', 'monorepo', 'upgrade/base', 'upgrade/head'])('finds as many packages as yarn installed for %s', async (recipe) => {
    const graph = await parseFixture(recipe);
    expect(graph.format).toBe('yarn-classic');
    expect(graph.formatVersion).toBe('1');
    expect(graph.packages.size).toBe(await expectedCount(recipe));
  });

  it('takes the root workspace and its direct dependencies from package.json', async () => {
    const graph = await parseFixture('app');
    const root = graph.workspaces.get('.');
    expect(root?.name).toBe('fixture-app');
    expect(root?.version).toBe('1.0.0');
    expect(root?.dependencies.map((e) => e.alias).sort()).toEqual(
      ['core-js', 'debug', 'express', 'is-number', 'lodash', 'lodash3', 'react', 'react-dom', 'semver'],
    );
    expect(graph.packages.get('express@4.22.3')?.directIn).toEqual(new Set(['.']));
    expect(graph.packages.get('ms@2.0.0')?.directIn.size).toBe(0);
  });

  it('keeps an npm: alias as its own package beside the other version', async () => {
    const graph = await parseFixture('app');
    const edges = graph.workspaces.get('.')?.dependencies ?? [];
    expect(edges.find((e) => e.alias === 'lodash3')?.to).toBe('lodash@3.10.1');
    expect(edges.find((e) => e.alias === 'lodash')?.to).toBe('lodash@4.18.1');
    expect(graph.packages.get('lodash@3.10.1')?.purl).toBe('pkg:npm/lodash@3.10.1');
  });

  it('marks dev and optional packages from the kinds package.json declares', async () => {
    const graph = await parseFixture('app');
    expect(graph.packages.get('semver@7.8.6')).toMatchObject({ dev: true, optional: false });
    expect(graph.packages.get('is-number@7.0.0')).toMatchObject({ dev: false, optional: true });
    expect(graph.packages.get('express@4.22.3')).toMatchObject({ dev: false, optional: false, peer: false });
  });

  it('records resolved URL, SRI integrity and a registry source for each package', async () => {
    const graph = await parseFixture('app');
    const ms = graph.packages.get('ms@2.0.0');
    expect(ms?.resolved).toMatch(/\/ms\/-\/ms-2\.0\.0\.tgz#/);
    expect(ms?.integrity).toMatch(/^sha512-/);
    expect([...graph.packages.values()].every((p) => p.source === 'registry')).toBe(true);
  });

  it('links packages through their dependencies', async () => {
    const graph = await parseFixture('app');
    const debug = graph.packages.get('debug@2.6.9');
    expect(debug?.dependencies).toEqual([{ to: 'ms@2.0.0', alias: 'ms', kind: 'prod' }]);
  });

  it('finds workspaces behind a packages/* glob from the tree listing, with their direct dependencies', async () => {
    const rel = 'yarn/classic/monorepo/yarn.lock';
    const graph = await yarnClassicParser.parse(await readFixture(rel), fixtureOptionsWithFiles(rel));
    expect([...graph.workspaces.keys()].sort()).toEqual(['.', 'packages/api', 'packages/shared']);
    const direct = (id: string) => (graph.workspaces.get(id)?.dependencies ?? []).map((e) => `${e.alias}>${e.to}:${e.kind}`).sort();
    expect(graph.workspaces.get('packages/api')).toMatchObject({ name: '@fixture/api', version: '1.0.0' });
    // @fixture/shared is another workspace: linked by yarn, not locked, so a workspace link and no package edge.
    expect(direct('packages/api')).toEqual(['express>express@4.22.3:prod', 'ms>ms@2.0.0:prod']);
    expect(graph.workspaces.get('packages/api')!.links).toEqual([{ to: 'packages/shared', alias: '@fixture/shared', kind: 'prod' }]);
    expect(graph.workspaces.get('packages/shared')!.links).toEqual([]);
    expect([...graph.packages.values()].some((p) => p.name === '@fixture/shared')).toBe(false);
    expect(direct('packages/shared')).toEqual(['lodash>lodash@4.18.1:prod', 'ms>ms@2.1.3:prod']);
    expect(direct('.')).toEqual(['semver>semver@7.8.6:dev']);
    expect(graph.packages.get('ms@2.1.3')?.directIn).toEqual(new Set(['packages/shared']));
    expect(graph.packages.get('ms@2.0.0')?.directIn).toEqual(new Set(['packages/api']));
    // Only the root's devDependency is dev; what the workspaces need is not.
    expect([...graph.packages.values()].filter((p) => p.dev).map((p) => p.id)).toEqual(['semver@7.8.6']);
    expect(graph.packages.get('express@4.22.3')).toMatchObject({ dev: false, optional: false });
    expect(graph.packages.size).toBe(await expectedCount('monorepo'));
  });

  it('sees only the root of a glob monorepo when the tree cannot be listed', async () => {
    const graph = await parseFixture('monorepo');
    expect([...graph.workspaces.keys()]).toEqual(['.']);
    expect(graph.packages.get('semver@7.8.6')?.dev).toBe(true);
  });

  it('applies a negated workspace pattern', async () => {
    const rel = 'yarn/classic/monorepo/yarn.lock';
    const base = fixtureOptionsWithFiles(rel);
    const options = {
      ...base,
      openSibling: async (p: string) => {
        const text = await base.openSibling?.(p);
        return p === 'package.json' && text ? text.replace('"packages/*"', '"packages/*", "!packages/shared"') : text;
      },
    };
    const graph = await yarnClassicParser.parse(await readFixture(rel), options);
    expect([...graph.workspaces.keys()].sort()).toEqual(['.', 'packages/api']);
  });

  it('reads workspaces named by explicit paths', async () => {
    const rel = 'yarn/classic/monorepo/yarn.lock';
    const base = fixtureOptions(rel);
    const options = {
      ...base,
      openSibling: async (p: string) => {
        const text = await base.openSibling?.(p);
        return p === 'package.json' && text ? text.replace('"packages/*"', '"packages/api", "./packages/shared/"') : text;
      },
    };
    const graph = await yarnClassicParser.parse(await readFixture(rel), options);
    expect([...graph.workspaces.keys()].sort()).toEqual(['.', 'packages/api', 'packages/shared']);
    expect(graph.workspaces.get('packages/api')?.dependencies.map((e) => e.to).sort()).toEqual(['express@4.22.3', 'ms@2.0.0']);
    expect(graph.packages.get('ms@2.1.3')?.directIn).toEqual(new Set(['packages/shared']));
  });

  it('links a workspace only where the lockfile has no entry for the range, with the declared kind', async () => {
    // `tool` asks for shared@^2, which the workspace (1.0.0) does not satisfy: yarn fetched and locked it.
    const lock = `# yarn lockfile v1


shared@^2.0.0:
  version "2.0.0"
  resolved "https://registry.yarnpkg.com/shared/-/shared-2.0.0.tgz#abc"
  integrity sha512-AAAA
`;
    const files: Record<string, string> = {
      'package.json': '{"name": "root", "workspaces": ["api", "tool", "shared"]}',
      'api/package.json': '{"name": "api", "devDependencies": {"shared": "^1.0.0", "api": "*"}}',
      'tool/package.json': '{"name": "tool", "dependencies": {"shared": "^2.0.0"}}',
      'shared/package.json': '{"name": "shared", "version": "1.0.0"}',
    };
    const graph = await yarnClassicParser.parse(lock, { path: 'yarn.lock', limits: fixtureOptions('x').limits, openSibling: async (p) => files[p] });
    expect(graph.workspaces.get('api')!.links).toEqual([{ to: 'shared', alias: 'shared', kind: 'dev' }]);
    expect(graph.workspaces.get('tool')!.links).toEqual([]);
    expect(graph.workspaces.get('tool')!.dependencies).toEqual([{ to: 'shared@2.0.0', alias: 'shared', kind: 'prod' }]);
  });

  it('gives a graph without workspaces when package.json cannot be opened', async () => {
    const graph = await parseFixture('app', false);
    expect(graph.workspaces.size).toBe(0);
    expect(graph.packages.size).toBe(await expectedCount('app'));
  });

  it('reads a v1 file without its header comment', async () => {
    const text = await readFixture('yarn/classic/upgrade/base/yarn.lock');
    const graph = await yarnClassicParser.parse(text.replace(/^#.*\n/gm, ''), { path: 'yarn.lock', limits: fixtureOptions('x').limits });
    expect(graph.packages.size).toBe(await expectedCount('upgrade/base'));
  });

  it('reads a resolution to an npm: alias as the aliased package, for every range it overrides', async () => {
    const graph = await parseFixture('resolutions');
    expect(graph.warnings).toEqual([]);
    expect(graph.packages.size).toBe(await expectedCount('resolutions'));
    // `"@types/react@*", "@types/react@npm:types-react@19.0.0-rc.1":` is one entry: the alias's package.
    expect(graph.packages.get('@types/react-dom@18.2.0')?.dependencies).toEqual([
      { to: 'types-react@19.0.0-rc.1', alias: '@types/react', kind: 'prod' },
    ]);
    expect([...graph.packages.values()].some((p) => p.name === '@types/react')).toBe(false);
    expect(graph.packages.get('is-odd@3.0.1')?.dependencies).toEqual([{ to: 'is-number@7.0.0', alias: 'is-number', kind: 'prod' }]);
    expect(graph.packages.get('debug@2.6.9')?.dependencies).toEqual([{ to: 'ms@2.1.1', alias: 'ms', kind: 'prod' }]);
  });

  it('reads git dependencies whose keys and values hold an unquoted #', async () => {
    const graph = await parseFixture('git');
    expect(graph.warnings).toEqual([]);
    expect(graph.packages.size).toBe(await expectedCount('git'));
    expect(graph.packages.get('left-pad@1.3.0')).toMatchObject({ source: 'git', resolved: expect.stringMatching(/^https:\/\/codeload\.github\.com\/stevemao\/left-pad\//) });
    expect(graph.packages.get('is-number@7.0.0')?.source).toBe('git');
    expect(graph.packages.get('pad-fork@2.0.0')?.dependencies).toEqual([
      { to: 'left-pad@1.3.0', alias: 'left-pad', kind: 'prod' },
      { to: 'ms@2.0.0', alias: 'ms', kind: 'prod' },
    ]);
    const direct = graph.workspaces.get('.')?.dependencies.map((e) => e.to).sort();
    expect(direct).toEqual(['debug@2.6.9', 'is-number@7.0.0', 'left-pad@1.3.0', 'pad-fork@2.0.0']);
  });

  it('does not report workspace dependencies as missing when the workspaces behind a glob cannot be listed', async () => {
    const rel = 'yarn/classic/monorepo/yarn.lock';
    const base = fixtureOptions(rel);
    const options = {
      ...base,
      openSibling: async (p: string) => {
        const text = await base.openSibling?.(p);
        return p === 'package.json' && text ? text.replace('"devDependencies": {', '"devDependencies": {"@fixture/api": "*", ') : text;
      },
    };
    expect((await yarnClassicParser.parse(await readFixture(rel), options)).warnings).toEqual([]);
    const listed = await yarnClassicParser.parse(await readFixture(rel), { ...fixtureOptionsWithFiles(rel), openSibling: options.openSibling });
    expect(listed.warnings).toEqual([]);
    expect(listed.workspaces.get('.')?.links).toEqual([{ to: 'packages/api', alias: '@fixture/api', kind: 'dev' }]);
  });
});
