import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/core/limits.js';
import type { DependencyGraph } from '../../../src/core/model.js';
import { parseLockfile } from '../../../src/ecosystems/detect.js';
import type { ParseOptions } from '../../../src/ecosystems/types.js';
import { yarnBerryParser, yarnClassicParser } from '../../../src/ecosystems/yarn/index.js';
import { fixtureOptions, readFixture } from '../../helpers/fixtures.js';

/** Removes the entry whose key line starts with `key` (up to the blank line after it), as a hand-trimmed file would. */
function withoutEntry(text: string, key: string): string {
  const start = text.indexOf(`\n${key}`);
  if (start < 0) throw new Error(`no entry ${key}`);
  const end = text.indexOf('\n\n', start + 1);
  return text.slice(0, start) + (end < 0 ? '\n' : text.slice(end));
}

/** Fixture options whose package.json (at `file`) is edited by `edit`. */
function withManifest(rel: string, file: string, edit: (json: Record<string, Record<string, string>>) => void): ParseOptions {
  const base = fixtureOptions(rel);
  return {
    ...base,
    openSibling: async (p) => {
      const text = await base.openSibling?.(p);
      if (p !== file || text === undefined) return text;
      const json = JSON.parse(text) as Record<string, Record<string, string>>;
      edit(json);
      return JSON.stringify(json);
    },
  };
}

async function parseTrimmed(rel: string, key: string): Promise<DependencyGraph> {
  const parser = rel.includes('/classic/') ? yarnClassicParser : yarnBerryParser;
  return parser.parse(withoutEntry(await readFixture(rel), key), fixtureOptions(rel));
}

describe('out-of-sync and hand-trimmed yarn lockfiles', () => {
  it('berry: reads the rest of the file and reports each dependent of a missing entry', async () => {
    const graph = await parseTrimmed('yarn/berry4/resolutions/yarn.lock', '"minimist@npm:1.2.5":');
    expect(graph.packages.has('mkdirp@0.5.5')).toBe(true);
    expect(graph.packages.get('mkdirp@0.5.5')?.dependencies).toEqual([]);
    expect(graph.warnings).toEqual([
      {
        code: 'DANGLING_DEPENDENCY',
        from: 'mkdirp@0.5.1',
        reference: 'minimist@npm:0.0.8',
        message: 'entry "mkdirp-legacy@npm:mkdirp@0.5.1" depends on "minimist@npm:0.0.8" ("minimist@npm:1.2.5" through the root\'s resolutions), which has no entry',
      },
      {
        code: 'DANGLING_DEPENDENCY',
        from: 'mkdirp@0.5.5',
        reference: 'minimist@npm:^1.2.5',
        message: 'entry "mkdirp@npm:0.5.5" depends on "minimist@npm:^1.2.5" ("minimist@npm:1.2.5" through the root\'s resolutions), which has no entry',
      },
    ]);
  });

  it('berry: reports a workspace dependency with no entry, from the workspace', async () => {
    const graph = await parseTrimmed('yarn/berry4/monorepo/yarn.lock', '"semver@npm:^7.6.3":');
    expect(graph.warnings).toEqual([expect.objectContaining({ code: 'DANGLING_DEPENDENCY', from: '.', reference: 'semver@npm:^7.6.3' })]);
    expect(graph.workspaces.get('packages/api')?.dependencies.length).toBeGreaterThan(0);
  });

  it('berry: reports a package.json dependency the lockfile does not record, per workspace', async () => {
    const rel = 'yarn/berry4/monorepo/yarn.lock';
    const options = withManifest(rel, 'packages/api/package.json', (json) => {
      json.devDependencies = { ...json.devDependencies, 'left-pad': '^1.3.0' };
      json.peerDependencies = { react: '^18.0.0' };
    });
    const graph = await yarnBerryParser.parse(await readFixture(rel), options);
    expect(graph.warnings.map((w) => [w.code, w.from, w.reference])).toEqual([
      ['MISSING_FROM_LOCKFILE', 'packages/api', 'left-pad@^1.3.0'],
      ['MISSING_FROM_LOCKFILE', 'packages/api', 'react@^18.0.0'],
    ]);
    expect(graph.warnings[0]?.message).toContain('packages/api/package.json declares "left-pad@^1.3.0"');
  });

  it('classic: reads the rest of the file and reports each dependent of a missing entry', async () => {
    const graph = await parseTrimmed('yarn/classic/app/yarn.lock', 'ms@2.0.0:');
    expect(graph.packages.has('debug@2.6.9')).toBe(true);
    expect(graph.warnings.length).toBeGreaterThan(0);
    expect(graph.warnings).toContainEqual({
      code: 'DANGLING_DEPENDENCY',
      from: 'debug@2.6.9',
      reference: 'ms@2.0.0',
      message: 'entry "debug@2.6.9" depends on "ms@2.0.0", which has no entry',
    });
    expect(graph.warnings.every((w) => w.code === 'DANGLING_DEPENDENCY' && w.reference === 'ms@2.0.0')).toBe(true);
  });

  it('classic: reports a package.json dependency the lockfile does not record, but not peers or link: ranges', async () => {
    const rel = 'yarn/classic/app/yarn.lock';
    const options = withManifest(rel, 'package.json', (json) => {
      json.dependencies = { ...json.dependencies, 'left-pad': '^1.3.0', local: 'link:./local' };
      json.peerDependencies = { vue: '^3.0.0' };
    });
    const graph = await yarnClassicParser.parse(await readFixture(rel), options);
    expect(graph.warnings).toEqual([
      {
        code: 'MISSING_FROM_LOCKFILE',
        from: '.',
        reference: 'left-pad@^1.3.0',
        message: 'package.json declares "left-pad@^1.3.0", which the lockfile does not record (run yarn install)',
      },
    ]);
  });

  it('reads every committed yarn fixture without a warning', async () => {
    for (const rel of ['classic/app', 'classic/monorepo', 'classic/resolutions', 'classic/git', 'berry4/app', 'berry4/monorepo', 'berry3/app', 'berry3/patch']) {
      const file = `yarn/${rel}/yarn.lock`;
      const graph = await parseLockfile(await readFixture(file), fixtureOptions(file));
      expect(graph.warnings, rel).toEqual([]);
    }
  });
});

describe('empty yarn lockfiles', () => {
  const options = (openSibling?: ParseOptions['openSibling']): ParseOptions => ({ path: 'yarn.lock', limits: DEFAULT_LIMITS, openSibling });
  const BERRY_HEADER = '# This file is generated by running "yarn install" inside your project.\n# Manual changes might be lost - proceed with caution!\n';

  it.each([
    ['an empty file', ''],
    ['blank lines', '\n\n'],
    ['the yarn 1 header', '# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\n'],
    ['the berry header', BERRY_HEADER],
  ])('reads %s as an empty graph', async (_what, content) => {
    const graph = await parseLockfile(content, options());
    expect(graph.packages.size).toBe(0);
    expect(graph.warnings).toEqual([]);
  });

  it('reads a berry file with only __metadata as an empty graph', async () => {
    const graph = await parseLockfile(`${BERRY_HEADER}\n__metadata:\n  version: 8\n  cacheKey: 10c0\n`, options());
    expect(graph.format).toBe('yarn-berry');
    expect(graph.packages.size).toBe(0);
  });

  it('reports what package.json declares when the lockfile is empty', async () => {
    const manifest = JSON.stringify({ name: 'app', dependencies: { ms: '^2.1.3' } });
    const graph = await parseLockfile('', options(async (p) => (p === 'package.json' ? manifest : undefined)));
    expect(graph.packages.size).toBe(0);
    expect(graph.warnings.map((w) => [w.code, w.from, w.reference])).toEqual([['MISSING_FROM_LOCKFILE', '.', 'ms@^2.1.3']]);
  });
});
