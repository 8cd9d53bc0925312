import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { compileGlob, isValidGlob, MAX_POLICY_GLOBS } from '../../../src/core/policy/glob.js';
import { parsePolicy } from '../../../src/core/policy/parse.js';
import { thrownBy } from '../../helpers/errors.js';

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

describe('bounded policy globs', () => {
  it('answers a repeated text from memory with the same result', () => {
    const matches = compileGlob(`${'*a'.repeat(100)}b`);
    const names = Array.from({ length: 3 }, (_, i) => `${'a'.repeat(200)}${i}`);
    for (let round = 0; round < 1000; round++) for (const name of names) expect(matches(name)).toBe(false);
    expect(matches(`${'a'.repeat(200)}b`)).toBe(true);
  });

  it('refuses a policy with more globs than every finding can be tried against', () => {
    const many = Array.from({ length: 200 }, (_, i) => `"pkg-${i}-*"`).join(', ');
    const rules = Array.from({ length: 11 }, (_, i) => `  - id: r${i}\n    signal: "*"\n    when: { package: [${many}] }\n    outcome: allow\n`).join('');
    const error = thrownBy(ConfigError, () => parsePolicy(`version: 1\nrules:\n${rules}`, '.github/chaingate.yml'));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toContain(`at most ${MAX_POLICY_GLOBS}`);
  });

  it('accepts a policy at the limit', () => {
    const many = Array.from({ length: 200 }, (_, i) => `"pkg-${i}-*"`).join(', ');
    const rules = Array.from({ length: 10 }, (_, i) => `  - id: r${i}\n    signal: "*"\n    when: { package: [${many}] }\n    outcome: allow\n`).join('');
    expect(parsePolicy(`version: 1\nrules:\n${rules}`, '.github/chaingate.yml').document.rules).toHaveLength(10);
  });
});

describe('single-star globs', () => {
  it.each([
    ['@types/*', '@types/', true],
    ['*-loader', 'css-loader', true],
    ['*-loader', '@x/css-loader', false],
    ['**-loader', '@x/css-loader', true],
    ['a*a', 'a', false],
    ['a*a', 'aa', true],
    ['apps/**', 'apps/', true],
    ['apps/**', 'apps', false],
  ])('%s ~ %s → %s', (pattern, text, expected) => {
    expect(compileGlob(pattern)(text)).toBe(expected);
  });
});
