import { PackageURL } from 'packageurl-js';
import { describe, expect, it } from 'vitest';
import { npmPurl } from '../../../src/core/graph/purl.js';

describe('npmPurl', () => {
  it.each([
    ['lodash', '4.17.21'],
    ['@babel/core', '7.26.0'],
    ['@types/node', '20.19.0-rc.1+build.5'],
    ['weird name', '1.0.0'],
    ['@a+b/c+d:e', '1+2:3'],
    ['x', 'git+ssh://git@example.com/o/r.git#abc'],
    ['@scope/name', '1.0.0'],
    ['@types/a.b_c~d', '0.0.0-x'],
    ['@scope/deep/name', '1.0.0'],
    ['plain!*()', "1.0.0-'q'"],
    ['name@odd', '1.0.0'],
  ])('matches packageurl-js for %s@%s', (name, version) => {
    const slash = name.startsWith('@') ? name.indexOf('/') : -1;
    const reference = new PackageURL('npm', slash > 0 ? name.slice(0, slash) : undefined, slash > 0 ? name.slice(slash + 1) : name, version, undefined, undefined).toString();
    expect(npmPurl(name, version)).toBe(reference);
  });
});
