import { describe, expect, it } from 'vitest';
import { localPackage } from '../../../src/ecosystems/yarn/berry-local.js';

describe('yarn berry local packages', () => {
  it.each([
    ['file:./vendor/lib#./vendor/lib::hash=94c45b&locator=app%40workspace%3A.', { protocol: 'file:', path: 'vendor/lib' }],
    ['file:../../vendor/lib#../../vendor/lib::hash=94c45b&locator=%40s%2Fa%40workspace%3Apackages%2Fa', { protocol: 'file:', path: 'vendor/lib' }],
    ['portal:./vendor/is-number::locator=app%40workspace%3A.', { protocol: 'portal:', path: 'vendor/is-number' }],
    ['link:../shared::locator=a%40workspace%3Apackages%2Fa', { protocol: 'link:', path: 'packages/shared' }],
    ['file:./lib.tgz::locator=app%40workspace%3A.', { protocol: 'file:', path: 'lib.tgz' }],
  ])('places %s in the project', (reference, expected) => {
    expect(localPackage(reference)).toEqual(expected);
  });

  it.each([
    ['another protocol', 'npm:1.0.0'],
    ['a path that leaves the project', 'portal:../../outside::locator=app%40workspace%3A.'],
    ['an absolute path', 'link:/etc::locator=app%40workspace%3A.'],
    ['a path bound to a package, not a workspace', 'file:./sub#./sub::locator=pkg%40npm%3A1.0.0'],
    ['the project root itself', 'portal:.::locator=app%40workspace%3A.'],
    ['a control character', 'portal:./a\u0001b::locator=app%40workspace%3A.'],
  ])('does not place %s', (_what, reference) => {
    expect(localPackage(reference)).toBeUndefined();
  });
});
