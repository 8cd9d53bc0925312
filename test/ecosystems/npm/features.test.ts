import { describe, expect, it } from 'vitest';
import { npmParser } from '../../../src/ecosystems/npm/index.js';
import { readFixture } from '../../helpers/fixtures.js';
import { DEFAULT_LIMITS } from '../../../src/core/limits.js';
import { edgeTargets, idsOf as idsOfGraph, parseFixture } from './fixture-graph.js';

describe('npm workspaces', () => {
  it.each(['v2', 'v3', 'v3-resolved'])('%s: reads each workspace with its own direct dependencies', async (variant) => {
    const graph = await parseFixture(`${variant}/monorepo`);
    expect([...graph.workspaces.keys()].sort()).toEqual(['.', 'packages/api', 'packages/shared']);
    expect(graph.workspaces.get('packages/api')).toMatchObject({ name: '@fixture/api', version: '1.0.0' });
    expect(graph.workspaces.get('.')).toMatchObject({ name: 'fixture-monorepo', version: '0.0.0' });
    // api pins ms 2.0.0 in its own node_modules; shared gets the hoisted ms 2.1.3. @fixture/shared is a
    // project, not a package: a workspace link, not a package edge.
    expect(edgeTargets(graph.workspaces.get('packages/api')?.dependencies ?? [])).toEqual([
      'express->express@4.22.3:prod',
      'ms->ms@2.0.0:prod',
    ]);
    expect(edgeTargets(graph.workspaces.get('packages/shared')?.dependencies ?? [])).toEqual([
      'lodash->lodash@4.18.1:prod',
      'ms->ms@2.1.3:prod',
    ]);
    expect(graph.workspaces.get('packages/api')?.links).toEqual([
      { to: 'packages/shared', alias: '@fixture/shared', kind: 'prod' },
    ]);
    expect(graph.workspaces.get('packages/shared')?.links).toEqual([]);
    expect(edgeTargets(graph.workspaces.get('.')?.dependencies ?? [])).toEqual(['semver->semver@7.8.6:dev']);
    expect(graph.packages.get('ms@2.0.0')?.directIn).toEqual(new Set(['packages/api']));
    expect(graph.packages.get('semver@7.8.6')).toMatchObject({ dev: true });
    expect([...graph.packages.values()].some((p) => p.name.startsWith('@fixture/'))).toBe(false);
  });
});

describe('npm package entries', () => {
  it('keeps an npm: alias beside the real package: two lodash versions, the alias on the edge', async () => {
    const graph = await parseFixture('v3/app');
    const lodash = [...graph.packages.values()].filter((p) => p.name === 'lodash').map((p) => p.version);
    expect(lodash.sort()).toEqual(['3.10.1', '4.18.1']);
    const root = graph.workspaces.get('.')?.dependencies ?? [];
    expect(root).toContainEqual({ to: 'lodash@3.10.1', alias: 'lodash3', kind: 'prod' });
    expect(root).toContainEqual({ to: 'lodash@4.18.1', alias: 'lodash', kind: 'prod' });
    expect(graph.packages.get('lodash@3.10.1')?.purl).toBe('pkg:npm/lodash@3.10.1');
  });

  it('flags the install script of core-js and no other package of the app', async () => {
    const graph = await parseFixture('v3/app');
    const withScripts = [...graph.packages.values()].filter((p) => p.hasInstallScript).map((p) => p.id);
    expect(withScripts).toEqual(['core-js@3.38.1']);
    expect(graph.packages.get('express@4.22.3')?.hasInstallScript).toBe(false);
  });

  it('keeps resolved, integrity and license when npm wrote them', async () => {
    const graph = await parseFixture('v3-resolved/app');
    for (const node of graph.packages.values()) {
      expect(node.resolved, node.id).toMatch(/^https:\/\/registry\.npmjs\.org\/.+\.tgz$/);
      expect(node.integrity, node.id).toMatch(/^sha512-/);
      expect(node.source, node.id).toBe('registry');
    }
    expect(graph.packages.get('express@4.22.3')).toMatchObject({ license: 'MIT' });
  });

  it('reads registry packages without resolved (omit-lockfile-registry-resolved) as registry packages', async () => {
    const graph = await parseFixture('v3/app');
    const express = graph.packages.get('express@4.22.3');
    expect(express).toMatchObject({ resolved: undefined, source: 'registry' });
    expect(express?.integrity).toMatch(/^sha512-/);
  });

  it('resolves nested node_modules before hoisted ones', async () => {
    const graph = await parseFixture('v3/app');
    expect(edgeTargets(graph.packages.get('debug@2.6.9')?.dependencies ?? [])).toEqual(['ms->ms@2.0.0:prod']);
    expect(edgeTargets(graph.packages.get('debug@4.4.3')?.dependencies ?? [])).toEqual(['ms->ms@2.1.3:prod']);
  });

  it('declares peer dependencies as peer edges', async () => {
    const graph = await parseFixture('v3/app');
    expect(graph.packages.get('react-dom@18.3.1')?.dependencies).toContainEqual({
      to: 'react@18.3.1',
      alias: 'react',
      kind: 'peer',
    });
  });
});

describe('npm sources', () => {
  it('reads a linked file: folder as a link package whose own dependencies resolve', async () => {
    for (const dir of ['v3-resolved/sources', 'v1/sources']) {
      const graph = await parseFixture(dir);
      const local = graph.packages.get('local-lib@0.1.0');
      expect(local, dir).toMatchObject({ source: 'link', directIn: new Set(['.']) });
      expect(edgeTargets(local?.dependencies ?? []), dir).toEqual(['ms->ms@2.1.3:prod']);
    }
  });

  it('names a linked folder from its package.json name, and never gives a version-less folder a registry version', async () => {
    // Real npm: `my-util` → libs/util (package.json: name @fixture/util, no version); `lodash` → libs/lodash (neither).
    const graph = await parseFixture('edge/link-folders');
    expect(idsOfGraph(graph)).toEqual(['@fixture/util@file:libs/util', 'lodash@file:libs/lodash', 'ms@2.1.3']);
    const root = graph.workspaces.get('.')?.dependencies ?? [];
    expect(edgeTargets(root)).toEqual(['lodash->lodash@file:libs/lodash:prod', 'my-util->@fixture/util@file:libs/util:prod']);
    expect(graph.packages.get('lodash@file:libs/lodash')).toMatchObject({ source: 'link', resolved: 'file:libs/lodash' });
    expect(graph.packages.get('lodash@file:libs/lodash')?.purl).not.toMatch(/@0\.0\.0$/);
    expect(edgeTargets(graph.packages.get('@fixture/util@file:libs/util')?.dependencies ?? [])).toEqual(['ms->ms@2.1.3:prod']);
  });

  it('reads a link to a folder inside an installed package (hand-written v2)', async () => {
    const graph = await parseFixture('hand-written/link-in-package-v2');
    const folder = 'node_modules/@fixture/with-a-link/linked-dep';
    expect(graph.packages.get(`linked-dep@file:${folder}`)).toMatchObject({ source: 'link', resolved: `file:${folder}` });
    expect(graph.packages.get('@fixture/with-a-link@1.1.0')?.dependencies).toEqual([
      { to: `linked-dep@file:${folder}`, alias: 'linked-dep', kind: 'prod' },
    ]);
    expect(graph.warnings).toEqual([]);
  });

  it('reads an entry whose resolved names another entry as a link to it, even without link: true', async () => {
    const lock = JSON.parse(await readFixture('npm/hand-written/link-in-package-v2/package-lock.json')) as {
      packages: Record<string, Record<string, unknown>>;
    };
    delete lock.packages['node_modules/linked-dep']?.link;
    const graph = await npmParser.parse(JSON.stringify(lock), { path: 'package-lock.json', limits: DEFAULT_LIMITS });
    const folder = 'node_modules/@fixture/with-a-link/linked-dep';
    expect([...graph.packages.keys()].sort()).toEqual(['@fixture/with-a-link@1.1.0', `linked-dep@file:${folder}`]);
    expect(graph.packages.get('@fixture/with-a-link@1.1.0')?.dependencies.map((e) => e.to)).toEqual([`linked-dep@file:${folder}`]);
  });

  it('refuses a folder inside an installed package whose package part is not a name', async () => {
    const content = JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/../lib': {} } });
    await expect(npmParser.parse(content, { path: 'package-lock.json', limits: DEFAULT_LIMITS })).rejects.toMatchObject({
      code: 'INVALID_NAME',
    });
  });

  it('reads a git dependency whose entry has no version, naming it by its commit (hand-written v3)', async () => {
    const graph = await parseFixture('hand-written/git-no-version-v3');
    const spec = 'git+ssh://git@github.com/chaingate-fixtures/gitlib.git#89abcdef0123456789abcdef0123456789abcdef';
    expect(graph.packages.get(`gitlib@${spec}`)).toMatchObject({ name: 'gitlib', version: spec, source: 'git', resolved: spec });
    expect(edgeTargets(graph.packages.get(`gitlib@${spec}`)?.dependencies ?? [])).toEqual(['ms->ms@2.1.3:prod']);
  });

  it('still refuses a registry entry without a version', async () => {
    const content = JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/ms': { resolved: 'https://registry.npmjs.org/ms/-/ms-2.1.3.tgz' } } });
    await expect(npmParser.parse(content, { path: 'package-lock.json', limits: DEFAULT_LIMITS })).rejects.toMatchObject({
      code: 'MALFORMED',
      message: expect.stringMatching(/"node_modules\/ms" has no version/),
    });
  });

  it('reads bundled dependencies as packages under the bundling package', async () => {
    const graph = await parseFixture('v3-resolved/sources');
    const npm = graph.packages.get('npm@10.9.2');
    expect(npm?.dependencies).toContainEqual({ to: '@npmcli/arborist@8.0.0', alias: '@npmcli/arborist', kind: 'prod' });
    expect(graph.packages.get('@npmcli/arborist@8.0.0')).toMatchObject({ resolved: undefined, dev: false });
  });

  it('tells git, remote tarball, local tarball and registry sources apart (hand-written v3)', async () => {
    const graph = await parseFixture('hand-written/git-and-tarballs-v3');
    expect(graph.packages.get('gitdep@1.2.3')).toMatchObject({
      source: 'git',
      resolved: 'git+ssh://git@github.com/chaingate-fixtures/gitdep.git#0123456789abcdef0123456789abcdef01234567',
    });
    expect(graph.packages.get('remote-tar@1.0.0')?.source).toBe('remote');
    expect(graph.packages.get('localtgz@1.0.0')?.source).toBe('file');
    expect(graph.packages.get('ms@2.1.3')?.source).toBe('registry');
    expect(edgeTargets(graph.packages.get('gitdep@1.2.3')?.dependencies ?? [])).toEqual(['ms->ms@2.0.0:prod']);
  });

  it('reads an npm 6 git dependency, whose version is the git URL (hand-written v1)', async () => {
    const graph = await parseFixture('hand-written/git-v1');
    const git = [...graph.packages.values()].find((p) => p.name === 'gitdep');
    expect(git).toMatchObject({ source: 'git', version: expect.stringMatching(/^git\+ssh:\/\/.+#0123456789abcdef/) });
    expect(edgeTargets(git?.dependencies ?? [])).toEqual(['ms->ms@2.0.0:prod']);
  });
});

describe('npm lockfile v1 direct dependencies', () => {
  it('takes direct dependencies and their kinds from package.json when it can be opened', async () => {
    const graph = await parseFixture('v1/app');
    const root = graph.workspaces.get('.')?.dependencies ?? [];
    expect(root).toHaveLength(9);
    expect(root).toContainEqual({ to: 'semver@7.8.6', alias: 'semver', kind: 'dev' });
    expect(root).toContainEqual({ to: 'is-number@7.0.0', alias: 'is-number', kind: 'optional' });
    expect(root).toContainEqual({ to: 'lodash@3.10.1', alias: 'lodash3', kind: 'prod' });
  });

  it('without package.json, treats top-level entries no require resolves to as direct, by their dev/optional flags', async () => {
    const [withManifest, without] = await Promise.all([
      parseFixture('v1/app'),
      parseFixture('v1/app', { openSibling: undefined }),
    ]);
    const root = edgeTargets(without.workspaces.get('.')?.dependencies ?? []);
    // Here that gives exactly package.json's list: debug is required by name, but those requires resolve
    // to the debug 2.6.9 nested under express and others, never to the top-level debug 4.
    expect(root).toEqual(edgeTargets(withManifest.workspaces.get('.')?.dependencies ?? []));
    expect(root).toContain('debug->debug@4.4.3:prod');
    expect(root).toContain('semver->semver@7.8.6:dev');
    expect(root).toContain('is-number->is-number@7.0.0:optional');
    expect(root.some((e) => e.startsWith('ms->'))).toBe(false);
    expect(without.packages.get('semver@7.8.6')?.dev).toBe(true);
  });
});

describe('npm detection', () => {
  it('claims package-lock.json and npm-shrinkwrap.json', () => {
    expect(npmParser.fileNames).toEqual(['package-lock.json', 'npm-shrinkwrap.json']);
  });

  it.each(['v1/app', 'v2/app', 'v3/app'])('recognises the real %s lockfile', async (dir) => {
    expect(npmParser.detect(await readFixture(`npm/${dir}/package-lock.json`), 'x.json')).toBe(true);
  });

  it('does not take a bun.lock or another JSON file for an npm lockfile', async () => {
    expect(npmParser.detect(await readFixture('bun/app/bun.lock'), 'bun.lock')).toBe(false);
    expect(npmParser.detect('{"name":"x","dependencies":{}}', 'package.json')).toBe(false);
    expect(npmParser.detect('lockfileVersion: 5.4\n', 'pnpm-lock.yaml')).toBe(false);
  });
});
