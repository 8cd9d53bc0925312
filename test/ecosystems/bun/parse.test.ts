import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/core/errors.js';
import { DEFAULT_LIMITS } from '../../../src/core/limits.js';
import type { DependencyGraph } from '../../../src/core/model.js';
import { bunParser } from '../../../src/ecosystems/bun/index.js';
import { fixtureOptions, readFixture } from '../../helpers/fixtures.js';

interface Expected {
  lockfileVersion: number;
  installedDistinctPackages: number;
}

async function parseFixture(recipe: string): Promise<{ graph: DependencyGraph; expected: Expected }> {
  const rel = `bun/${recipe}/bun.lock`;
  const graph = await bunParser.parse(await readFixture(rel), fixtureOptions(rel));
  const expected = JSON.parse(await readFixture(`bun/${recipe}/expected.json`)) as Expected;
  return { graph, expected };
}

const edgesOf = (graph: DependencyGraph, id: string) =>
  (graph.packages.get(id)?.dependencies ?? []).map((e) => `${e.alias}->${e.to}:${e.kind}`).sort();

describe('bun.lock fixtures from a real bun', () => {
  it.each(['app', 'monorepo', 'upgrade/base', 'upgrade/head'])(
    'finds as many distinct packages in %s as bun installed',
    async (recipe) => {
      const { graph, expected } = await parseFixture(recipe);
      expect(graph.format).toBe('bun-lock');
      expect(graph.formatVersion).toBe(String(expected.lockfileVersion));
      // bun's count leaves workspaces out, and so does the graph: they are workspaces, not packages.
      expect(graph.packages.size).toBe(expected.installedDistinctPackages);
    },
  );

  it('reads direct dependencies of the root with their declared kinds', async () => {
    const { graph } = await parseFixture('app');
    const root = graph.workspaces.get('.');
    expect(root?.name).toBe('fixture-app');
    expect(root?.dependencies.map((e) => `${e.alias}->${e.to}:${e.kind}`).sort()).toEqual([
      'core-js->core-js@3.38.1:prod',
      'debug->debug@4.4.3:prod',
      'express->express@4.22.3:prod',
      'is-number->is-number@7.0.0:optional',
      'lodash->lodash@4.18.1:prod',
      'lodash3->lodash@3.10.1:prod',
      'react->react@18.3.1:prod',
      'react-dom->react-dom@18.3.1:prod',
      'semver->semver@7.8.6:dev',
    ]);
  });

  it('resolves a nested install path before the hoisted one, like node does', async () => {
    const { graph } = await parseFixture('app');
    // express/debug is debug@2.6.9 (the hoisted debug is 4.4.3) and express/debug/ms is ms@2.0.0.
    expect(edgesOf(graph, 'express@4.22.3')).toContain('debug->debug@2.6.9:prod');
    expect(edgesOf(graph, 'debug@2.6.9')).toEqual(['ms->ms@2.0.0:prod']);
    expect(edgesOf(graph, 'debug@4.4.3')).toEqual(['ms->ms@2.1.3:prod']);
  });

  it('keeps an npm: alias under its real name and records integrity and install scripts', async () => {
    const { graph } = await parseFixture('app');
    const lodash3 = graph.packages.get('lodash@3.10.1');
    expect(lodash3?.purl).toBe('pkg:npm/lodash@3.10.1');
    expect(lodash3?.integrity).toMatch(/^sha512-9mDDwqVIma6OZX79/);
    expect(lodash3?.source).toBe('registry');
    expect(graph.packages.get('core-js@3.38.1')?.hasInstallScript).toBe(true);
    // bun records only that a package has scripts, never that it has none.
    expect(graph.packages.get('lodash@3.10.1')?.hasInstallScript).toBeUndefined();
  });

  it('marks dev-only, optional-only and peer edges through the graph builder', async () => {
    const { graph } = await parseFixture('app');
    expect(graph.packages.get('semver@7.8.6')?.dev).toBe(true);
    expect(graph.packages.get('is-number@7.0.0')?.optional).toBe(true);
    expect(edgesOf(graph, 'react-dom@18.3.1')).toContain('react->react@18.3.1:peer');
    expect(graph.packages.get('react@18.3.1')?.peer).toBe(false);
    expect(graph.packages.get('express@4.22.3')?.dev).toBe(false);
  });

  it('reads every workspace and records a workspace dependency as a link, not a package', async () => {
    const { graph } = await parseFixture('monorepo');
    expect([...graph.workspaces.keys()].sort()).toEqual(['.', 'packages/api', 'packages/shared']);
    const api = graph.workspaces.get('packages/api');
    expect(api?.name).toBe('@fixture/api');
    expect(api?.dependencies.map((e) => e.to).sort()).toEqual(['express@4.22.3', 'ms@2.0.0']);
    expect(api?.links).toEqual([{ to: 'packages/shared', alias: '@fixture/shared', kind: 'prod' }]);
    expect(graph.workspaces.get('packages/shared')?.links).toEqual([]);
    expect([...graph.packages.values()].filter((p) => p.name.startsWith('@fixture/'))).toEqual([]);
    expect([...graph.packages.values()].some((p) => p.source === 'workspace')).toBe(false);
    // The shared workspace's own ms is bun's `@fixture/shared/ms` entry, not the hoisted ms@2.0.0.
    expect(graph.workspaces.get('packages/shared')?.dependencies.map((e) => e.to).sort()).toEqual(['lodash@4.18.1', 'ms@2.1.3']);
    expect(graph.packages.get('ms@2.1.3')?.directIn).toEqual(new Set(['packages/shared']));
  });

  it('takes the root version, which bun does not write, from package.json when it can be opened', async () => {
    const rel = 'bun/monorepo/bun.lock';
    const content = await readFixture(rel);
    expect((await bunParser.parse(content, fixtureOptions(rel))).workspaces.get('.')?.version).toBe('0.0.0');
    expect((await bunParser.parse(content, fixtureOptions(rel, { openSibling: undefined }))).workspaces.get('.')?.version).toBeUndefined();
    const broken = fixtureOptions(rel, { openSibling: async () => '[1, 2]' });
    await expect(bunParser.parse(content, broken)).rejects.toMatchObject({ name: 'ParseError', code: 'MALFORMED' });
  });

  it('gives a package that depends on a workspace no edge for it', async () => {
    const content = `{
  "lockfileVersion": 1,
  "workspaces": {
    "": { "name": "root", "dependencies": { "a": "^1.0.0" } },
    "packages/w": { "name": "w", "version": "2.0.0" },
  },
  "packages": {
    "a": ["a@1.0.0", "", { "dependencies": { "w": "^2.0.0" } }, "sha512-AAAA"],
    "w": ["w@workspace:packages/w"],
  },
}`;
    const graph = await bunParser.parse(content, { path: 'bun.lock', limits: DEFAULT_LIMITS });
    expect([...graph.packages.keys()]).toEqual(['a@1.0.0']);
    expect(graph.packages.get('a@1.0.0')?.dependencies).toEqual([]);
  });

  it('is detected by content and claims bun.lock', async () => {
    const content = await readFixture('bun/app/bun.lock');
    expect(bunParser.detect(content, 'bun.lock')).toBe(true);
    expect(bunParser.detect('{"name":"x","lockfileVersion":3,"packages":{}}', 'package-lock.json')).toBe(false);
    expect(bunParser.fileNames).toEqual(['bun.lock']);
  });
});

const options = { path: 'bun.lock', limits: DEFAULT_LIMITS };

function lock(packages: string, workspaceDeps = '"a": "^1.0.0"', version = 1): string {
  return `{
  "lockfileVersion": ${version},
  "workspaces": { "": { "name": "root", "dependencies": { ${workspaceDeps} }, }, },
  "packages": { ${packages} },
}`;
}

const A = '"a": ["a@1.0.0", "", {}, "sha512-AAAA"],';

describe('bun.lock resolution kinds', () => {
  // Entries as bun 1.4.5 wrote them for file:, tarball, git+ and https dependencies.
  it('reads folder, local tarball, remote tarball, git, github and link entries', async () => {
    const content = lock(
      `
    "git-dep": ["git-dep@git+file:///tmp/repo#26e4ffbd7271e5a40e4e4b91a534e0bd1dbd3725", { "dependencies": { "ms": "^2.1.3" } }, "26e4ffbd7271e5a40e4e4b91a534e0bd1dbd3725"],
    "gh": ["gh@github:user/repo#abc1234", {}, "user-repo-abc1234"],
    "local-dir": ["local-dir@file:../localdir", { "dependencies": { "ms": "^2.1.3" } }],
    "linked": ["linked@link:linked", {}],
    "ms": ["ms@2.1.3", "", {}, "sha512-6FlzubTLZG3J2a"],
    "packed": ["packed@../packed-0.3.0.tgz", {}, "sha512-cEDVevQ"],
    "remote-ms": ["ms@https://registry.example/ms/-/ms-2.0.0.tgz", {}, "sha512-Tpp60P6"],`,
      '"git-dep": "git+file:///tmp/repo", "gh": "github:user/repo", "local-dir": "file:../localdir", "linked": "link:linked", "packed": "file:../packed-0.3.0.tgz", "remote-ms": "https://registry.example/ms/-/ms-2.0.0.tgz"',
    );
    const graph = await bunParser.parse(content, options);
    const byAlias = new Map(graph.workspaces.get('.')?.dependencies.map((e) => [e.alias, graph.packages.get(e.to)]));
    expect(byAlias.get('git-dep')).toMatchObject({ source: 'git', name: 'git-dep', integrity: undefined });
    expect(byAlias.get('gh')).toMatchObject({ source: 'git', version: 'github:user/repo#abc1234' });
    expect(byAlias.get('local-dir')).toMatchObject({ source: 'file', version: 'file:../localdir' });
    expect(byAlias.get('linked')).toMatchObject({ source: 'link' });
    expect(byAlias.get('packed')).toMatchObject({ source: 'file', integrity: 'sha512-cEDVevQ' });
    expect(byAlias.get('remote-ms')).toMatchObject({ source: 'remote', name: 'ms', resolved: 'https://registry.example/ms/-/ms-2.0.0.tgz' });
    expect(graph.packages.get(byAlias.get('git-dep')?.id ?? '')?.dependencies.map((e) => e.to)).toEqual(['ms@2.1.3']);
  });

  it('accepts comments and trailing commas (JSONC), but not inside strings', async () => {
    const content = `// generated\n{ /* v */ "lockfileVersion": 0, "workspaces": { "": { "dependencies": { "a": "//x,}" }, }, },\n "packages": { "a": ["a@1.0.0", "https://r.example/a.tgz", {}, "sha512-x//y"], }, }`;
    const graph = await bunParser.parse(content, options);
    expect(graph.formatVersion).toBe('0');
    expect(graph.packages.get('a@1.0.0')).toMatchObject({ integrity: 'sha512-x//y', resolved: 'https://r.example/a.tgz' });
  });
});

describe('bun.lock bad input', () => {
  const code = async (content: string, limits = DEFAULT_LIMITS): Promise<string> => {
    try {
      await bunParser.parse(content, { path: 'bun.lock', limits });
    } catch (error) {
      if (error instanceof ParseError) {
        expect(error.message).toMatch(/^bun\.lock: /);
        return error.code;
      }
      throw error;
    }
    return 'parsed';
  };

  it('refuses truncated text', async () => {
    expect(await code(lock(A).slice(0, 60))).toBe('MALFORMED');
    expect(await code('{ "lockfileVersion": 1, "workspaces": { "": {} }, "packages": { "a": ["a@1.0.0", "", {}, "sha512-')).toBe('MALFORMED');
  });

  it('refuses an unknown lockfileVersion', async () => {
    expect(await code(lock(A, '"a": "1"', 3))).toBe('UNSUPPORTED_VERSION');
    expect(await code('{"workspaces": {}, "packages": {}}')).toBe('MALFORMED');
  });

  it('refuses a package given twice, which JSON.parse would silently merge', async () => {
    expect(await code(lock(`${A} "a": ["a@2.0.0", "", {}, "sha512-BBBB"],`))).toBe('CONFLICT');
  });

  it('refuses a package given twice when one key is spelled with JSON escapes', async () => {
    // JSON.parse reads "\u0061" as "a": without unescaping, the guard would let the second entry hide the first.
    expect(await code(lock(`${A} "\\u0061": ["a@2.0.0", "", {}, "sha512-BBBB"],`))).toBe('CONFLICT');
    const debug = '"debug": ["debug@4.4.1", "", {}, "sha512-D1"], "d\\u0065bug": ["debug@4.4.2", "", {}, "sha512-D2"],';
    expect(await code(lock(debug, '"debug": "^4.4.0"'))).toBe('CONFLICT');
  });

  it('refuses a key with an invalid escape', async () => {
    expect(await code(lock(`${A} "\\u00zz": ["a@2.0.0", "", {}, "sha512-BBBB"],`))).toBe('MALFORMED');
  });

  it('refuses an entry of the wrong shape', async () => {
    expect(await code(lock('"a": "a@1.0.0",'))).toBe('MALFORMED');
    expect(await code(lock('"a": ["a@1.0.0", "", "not-info", "sha512-x"],'))).toBe('MALFORMED');
    expect(await code(lock(`${A} "b": ["b@workspace:packages/missing"],`))).toBe('MALFORMED');
  });

  it('refuses files over the size limit and more packages than allowed', async () => {
    expect(await code(lock(A), { ...DEFAULT_LIMITS, maxBytes: 50 })).toBe('TOO_LARGE');
    expect(await code(lock(`${A} "b": ["b@1.0.0", "", {}, "sha512-B"],`), { ...DEFAULT_LIMITS, maxPackages: 1 })).toBe('LIMIT_EXCEEDED');
  });

  it('refuses nesting deeper than maxDepth', async () => {
    const deep = `${'['.repeat(40)}${']'.repeat(40)}`;
    expect(await code(lock(`${A} "b": ${deep},`), { ...DEFAULT_LIMITS, maxDepth: 16 })).toBe('LIMIT_EXCEEDED');
    expect(await code(lock(`${A} "a/b/c/d": ["d@1.0.0", "", {}, "sha512-d"],`), { ...DEFAULT_LIMITS, maxDepth: 3 })).toBe('LIMIT_EXCEEDED');
  });

  it.each([
    ['a path', '../evil'],
    ['a control character', 'evil\\u0007'],
    ['HTML', '<script>x</script>'],
  ])('refuses a package name with %s', async (_what, name) => {
    expect(await code(lock(`"a": ["${name}@1.0.0", "", {}, "sha512-x"],`))).toBe('INVALID_NAME');
  });

  it('refuses a workspace path that leaves the project', async () => {
    const content = '{"lockfileVersion": 1, "workspaces": {"": {}, "../outside": {"name": "x"}}, "packages": {}}';
    expect(await code(content)).toBe('INVALID_NAME');
  });
});
