import { describe, expect, it } from 'vitest';
import { excludeMatcher } from '../../src/cli/exclude.js';

describe('excludeMatcher', () => {
  it('leaves out lockfiles under a folder, a globbed folder or a matching path', () => {
    const exclude = excludeMatcher(['test/fixtures', '**/examples/**', 'legacy/*/yarn.lock'])!;
    expect(exclude('test/fixtures/npm/v3/app/package-lock.json')).toBe(true);
    expect(exclude('docs/examples/demo/package-lock.json')).toBe(true);
    expect(exclude('legacy/old/yarn.lock')).toBe(true);
    expect(exclude('package-lock.json')).toBe(false);
    expect(exclude('test/unit/package-lock.json')).toBe(false);
    expect(exclude('legacy/old/pnpm-lock.yaml')).toBe(false);
  });

  it('accepts ./ prefixes and trailing slashes', () => {
    expect(excludeMatcher(['./vendor/'])!('vendor/a/package-lock.json')).toBe(true);
  });

  it('is absent when nothing is excluded, and refuses a malformed glob', () => {
    expect(excludeMatcher(undefined)).toBeUndefined();
    expect(() => excludeMatcher(['a//b'])).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    expect(() => excludeMatcher([''])).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
  });
});
