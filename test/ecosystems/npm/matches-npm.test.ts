import { describe, expect, it } from 'vitest';
import { idsOf, parseFixture, readExpected, readLockfile } from './fixture-graph.js';

const RECIPES = ['app', 'monorepo', 'upgrade/base', 'upgrade/head'];
const V1_RECIPES = ['app', 'upgrade/base', 'upgrade/head', 'sources']; // npm 6 has no workspaces
const MODERN = ['v2', 'v3', 'v3-resolved'].flatMap((v) => RECIPES.map((r) => `${v}/${r}`)).concat('v3-resolved/sources');
const ALL = [...MODERN, ...V1_RECIPES.map((r) => `v1/${r}`)];

interface NpmFlags {
  dev: boolean;
  optional: boolean;
  peer: boolean;
}

describe('npm lockfiles written by the real npm', () => {
  it.each(ALL)('%s holds exactly the packages npm ls lists', async (dir) => {
    const [graph, expected] = await Promise.all([parseFixture(dir), readExpected(dir)]);
    expect(graph.packages.size).toBe(expected.packages);
    expect(idsOf(graph)).toEqual(expected.ids);
    expect(graph.format).toBe('npm-package-lock');
    expect(graph.formatVersion).toBe(String(expected.lockfileVersion));
  });

  it.each(MODERN)('%s: dev, optional and peer flags equal the ones npm recorded for every entry', async (dir) => {
    const [graph, lock] = await Promise.all([parseFixture(dir), readLockfile(dir)]);
    // One graph node stands for every install location of a name@version: it is dev only if each of them is.
    const recorded = new Map<string, NpmFlags>();
    for (const [key, value] of Object.entries(lock.packages as Record<string, Record<string, unknown>>)) {
      const at = key.lastIndexOf('node_modules/');
      if (at < 0 || value.link === true) continue;
      const id = `${(value.name as string | undefined) ?? key.slice(at + 'node_modules/'.length)}@${value.version as string}`;
      const seen = recorded.get(id) ?? { dev: true, optional: true, peer: true };
      // devOptional entries are neither dev nor optional.
      recorded.set(id, {
        dev: seen.dev && value.dev === true,
        optional: seen.optional && value.optional === true,
        peer: seen.peer && value.peer === true,
      });
    }
    expect(recorded.size).toBe(graph.packages.size - linkedFolders(dir));
    for (const [id, flags] of recorded) {
      const node = graph.packages.get(id);
      expect({ id, dev: node?.dev, optional: node?.optional, peer: node?.peer }).toEqual({ id, ...flags });
    }
  });

  it.each(V1_RECIPES.map((r) => `v1/${r}`))('%s: dev and optional flags equal the ones npm 6 recorded', async (dir) => {
    const [graph, lock] = await Promise.all([parseFixture(dir), readLockfile(dir)]);
    const recorded = new Map<string, Omit<NpmFlags, 'peer'>>();
    const walk = (deps: Record<string, Record<string, unknown>> | undefined): void => {
      for (const [alias, value] of Object.entries(deps ?? {})) {
        const version = value.version as string;
        const alias_ = /^npm:(.+)@([^@]+)$/.exec(version);
        const id = alias_ ? `${alias_[1]}@${alias_[2]}` : `${alias}@${version}`;
        const seen = recorded.get(id) ?? { dev: true, optional: true };
        recorded.set(id, { dev: seen.dev && value.dev === true, optional: seen.optional && value.optional === true });
        walk(value.dependencies as Record<string, Record<string, unknown>> | undefined);
      }
    };
    walk(lock.dependencies as Record<string, Record<string, unknown>>);
    let compared = 0;
    for (const node of graph.packages.values()) {
      const flags = recorded.get(`${node.name}@${node.version}`);
      if (!flags) continue; // a linked folder, recorded as file:<folder>
      compared++;
      expect({ id: node.id, dev: node.dev, optional: node.optional }).toEqual({ id: node.id, ...flags });
    }
    expect(compared).toBe(graph.packages.size - linkedFolders(dir));
  });

  it.each(['app', 'upgrade/base', 'upgrade/head'])('%s gives the same packages from lockfile v1 and v3', async (recipe) => {
    const [v1, v3] = await Promise.all([parseFixture(`v1/${recipe}`), parseFixture(`v3-resolved/${recipe}`)]);
    expect(idsOf(v1)).toEqual(idsOf(v3));
  });

  it('marks the sources fixture the way npm does: peer of a dev dependency, devOptional, bundled optional', async () => {
    const graph = await parseFixture('v3-resolved/sources');
    expect(graph.packages.get('react@18.3.1')).toMatchObject({ dev: true, peer: true, optional: false });
    expect(graph.packages.get('has-flag@4.0.0')).toMatchObject({ dev: false, optional: false });
    expect(graph.packages.get('chalk@4.1.2')).toMatchObject({ dev: false, optional: true });
    expect(graph.packages.get('encoding@0.1.13')).toMatchObject({ dev: false, optional: true });
    expect(graph.packages.get('ms@2.1.3')).toMatchObject({ dev: false, optional: false });
  });
});

function linkedFolders(dir: string): number {
  return dir.endsWith('/sources') ? 1 : 0; // local-lib, a file: folder, is a package without a node_modules entry
}
