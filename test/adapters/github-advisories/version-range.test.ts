import { describe, expect, it } from 'vitest';
import { inGithubRange, nextLink } from '../../../src/adapters/github-advisories/index.js';

describe('inGithubRange', () => {
  it.each([
    ['4.4.2', '= 4.4.2', true],
    ['4.4.1', '= 4.4.2', false],
    ['1.0.8', '<= 1.0.8', true],
    ['1.0.9', '<= 1.0.8', false],
    ['0.1.10', '< 0.1.11', true],
    ['0.1.11', '< 0.1.11', false],
    ['4.3.0', '>= 4.3.0, < 4.3.5', true],
    ['4.3.5', '>= 4.3.0, < 4.3.5', false],
    ['4.2.9', '>= 4.3.0, < 4.3.5', false],
    ['4.3.5-rc.1', '>= 4.3.0, < 4.3.5', true],
    ['99.0.0', '>= 0', true],
    ['1.2.3', '>=1.0.0 <2.0.0', true],
    ['2.0.0', '^1.0.0 || ~3.1.0', false],
  ])('%s in %s → %s', (version, range, expected) => {
    expect(inGithubRange(version, range)).toBe(expected);
  });

  it('cannot read broken ranges or versions', () => {
    expect(inGithubRange('1.0.0', '>= banana')).toBeUndefined();
    expect(inGithubRange('1.0.0', '>= 1.0.0,')).toBeUndefined();
    expect(inGithubRange('not-a-version', '< 2.0.0')).toBeUndefined();
  });
});

describe('nextLink', () => {
  it('finds rel="next" among the relations GitHub sends', () => {
    const header =
      '<https://api.github.com/advisories?per_page=100&before=Y3Vy>; rel="prev", <https://api.github.com/advisories?affects=a%2Cb&after=Y3Vy2>; rel="next"';
    expect(nextLink(header)).toBe('https://api.github.com/advisories?affects=a%2Cb&after=Y3Vy2');
    expect(nextLink('<https://api.github.com/advisories?affects=a,b&after=z>; rel="next"')).toBe('https://api.github.com/advisories?affects=a,b&after=z');
    expect(nextLink('<https://x/?page=1>; rel="first"')).toBeUndefined();
    expect(nextLink(undefined)).toBeUndefined();
  });
});
