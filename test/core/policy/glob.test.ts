import { describe, expect, it } from 'vitest';
import { compileGlob, isValidGlob } from '../../../src/core/policy/glob.js';

describe('compileGlob', () => {
  const table: readonly [string, string, boolean][] = [
    ['@types/*', '@types/node', true],
    ['@types/*', '@types/node/x', false],
    ['@types/*', '@typesx/node', false],
    ['@acme/**', '@acme/a/b', true],
    ['eslint-*', 'eslint-plugin-react', true],
    ['eslint-*', 'eslint', false],
    ['*', '@scope/name', false],
    ['**', '@scope/name', true],
    ['lodash', 'lodash', true],
    ['lodash', 'lodash.merge', false],
    ['lodash.*', 'lodash.merge', true],
    ['lod?sh', 'lodash', true],
    ['lod?sh', 'lodsh', false],
    ['?', '/', false],
    ['packages/*', 'packages/web', true],
    ['packages/*', 'packages', false],
    ['apps/**', 'apps/web/admin', true],
    ['Lodash', 'lodash', false],
    ['a.b', 'axb', false],
  ];
  it.each(table)('%s ~ %s → %s', (pattern, text, expected) => {
    expect(compileGlob(pattern)(text)).toBe(expected);
  });

  it('stays linear on a hostile pattern', () => {
    const pattern = `${'*a'.repeat(100)}b`;
    const started = Date.now();
    expect(compileGlob(pattern)('a'.repeat(200))).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('refuses empty patterns, *** and empty segments', () => {
    expect(isValidGlob('')).toBe(false);
    expect(isValidGlob('a***')).toBe(false);
    expect(isValidGlob('a//b')).toBe(false);
    expect(isValidGlob('@types/*')).toBe(true);
  });
});
