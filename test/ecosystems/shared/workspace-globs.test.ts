import { describe, expect, it } from 'vitest';
import { expandWorkspaceGlobs } from '../../../src/ecosystems/shared/workspace-globs.js';

const TREE = [
  'package.json',
  'yarn.lock',
  'packages/api/package.json',
  'packages/api/src/index.ts',
  'packages/shared/package.json',
  'packages/b/package.json',
  'packages/b/a/package.json',
  'packages/b/c/package.json',
  'packages/nopkg/readme.md',
  'packages/.hidden/package.json',
  'packages/api/node_modules/dep/package.json',
  'node_modules/x/package.json',
  'apps/web/package.json',
  'apps/web/deep/er/package.json',
  'tools/cli-a/package.json',
  'tools/cli-b/package.json',
  'tools/other/package.json',
];

function expand(...patterns: string[]): string[] {
  return expandWorkspaceGlobs(patterns, TREE);
}

describe('expandWorkspaceGlobs', () => {
  it('matches one segment with *, only folders holding a package.json', () => {
    expect(expand('packages/*')).toEqual(['packages/api', 'packages/b', 'packages/shared']);
  });

  it('matches any depth with ** and never inside node_modules or dot folders', () => {
    expect(expand('packages/**')).toEqual(['packages/api', 'packages/b', 'packages/b/a', 'packages/b/c', 'packages/shared']);
    expect(expand('**')).toEqual([
      'apps/web',
      'apps/web/deep/er',
      'packages/api',
      'packages/b',
      'packages/b/a',
      'packages/b/c',
      'packages/shared',
      'tools/cli-a',
      'tools/cli-b',
      'tools/other',
    ]);
    expect(expand('**/er')).toEqual(['apps/web/deep/er']);
  });

  it('matches a dot folder only when the pattern names the dot', () => {
    expect(expand('packages/.*')).toEqual(['packages/.hidden']);
    expect(expand('packages/.hidden')).toEqual(['packages/.hidden']);
  });

  it('matches wildcards inside a segment', () => {
    expect(expand('tools/cli-*')).toEqual(['tools/cli-a', 'tools/cli-b']);
    expect(expand('tools/cli-?')).toEqual(['tools/cli-a', 'tools/cli-b']);
    expect(expand('tools/*-b')).toEqual(['tools/cli-b']);
  });

  it('takes literal paths, with ./ prefixes and trailing slashes', () => {
    expect(expand('./packages/api/', 'apps//web', '/tools/other')).toEqual(['apps/web', 'packages/api', 'tools/other']);
    expect(expand('packages/nopkg', 'packages/missing')).toEqual([]);
  });

  // Expected lists checked against npm's own @npmcli/map-workspaces on the same tree.
  it('removes what a !pattern matches wherever it stands, as npm does', () => {
    expect(expand('packages/*', '!packages/b')).toEqual(['packages/api', 'packages/shared']);
    expect(expand('!packages/b', 'packages/*')).toEqual(['packages/api', 'packages/shared']);
    expect(expand('packages/**', '!packages/b/*')).toEqual(['packages/api', 'packages/b', 'packages/shared']);
    expect(expand('!!packages/api')).toEqual(['packages/api']);
  });

  it('drops a !pattern that a later positive pattern falls under', () => {
    // npm turns ['packages/**', '!packages/b/**', 'packages/b/a'] into ['packages/**', 'packages/b/a'].
    expect(expand('packages/**', '!packages/b/**', 'packages/b/a')).toEqual(expand('packages/**'));
  });

  it('never returns the root, paths that climb out, node_modules or odd listings', () => {
    expect(expand('.', './', '..', '../x', 'packages/../..', 'node_modules/*', 'packages/api/node_modules/*')).toEqual([]);
    const odd = ['../up/package.json', './packages/x/package.json', 'a//b/package.json', 'bad\u0001/package.json', 'w\\in/package.json'];
    expect(expandWorkspaceGlobs(['**', '*'], odd)).toEqual([]);
  });

  it('sorts and deduplicates folders matched by several patterns', () => {
    expect(expand('packages/shared', 'packages/*', 'packages/api')).toEqual(['packages/api', 'packages/b', 'packages/shared']);
  });

  it('stays fast on patterns that would make a backtracking regex explode', { timeout: 2000 }, () => {
    // Folders d/x…, d/d/x…, … 200 deep, each ending in a 201-character name.
    const name = `x${'a'.repeat(200)}`;
    const dirs = Array.from({ length: 200 }, (_, i) => `${'d/'.repeat(i + 1)}${name}`);
    const patterns = [
      `${'**/'.repeat(50_000)}x`,
      `${'**/d/'.repeat(100)}**/y`,
      `**/${'*a'.repeat(100)}*b`,
      `**/${'*a'.repeat(20_000)}*`,
      `**/${'?'.repeat(100_000)}`,
      'x'.repeat(1_000_000),
      `${'d/**/'.repeat(120)}*`,
      `!${'d/'.repeat(150)}**/*${'a*'.repeat(150)}`,
    ];
    const found = expandWorkspaceGlobs(patterns, dirs.map((d) => `${d}/package.json`));
    // Kept: at least 120 `d` folders above the name (pattern 7), fewer than 150 (the negation).
    const expected = dirs.filter((d) => d.split('/').length - 1 >= 120 && d.split('/').length - 1 < 150).sort();
    expect(expected).toHaveLength(30);
    expect(found).toEqual(expected);
  });
});
