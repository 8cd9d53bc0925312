import { describe, expect, it } from 'vitest';
import {
  applyResolutions,
  bindToLocator,
  normaliseRange,
  readResolutionRules,
  type MatchStyle,
} from '../../../src/ecosystems/yarn/berry-resolutions.js';

function resolve(resolutions: Record<string, string>, style: MatchStyle, parent: string, alias: string, range: string): string | undefined {
  const at = parent.indexOf('@', parent.startsWith('@') ? 1 : 0);
  const rules = readResolutionRules(new Map(Object.entries(resolutions)));
  return applyResolutions(rules, style, { name: parent.slice(0, at), reference: parent.slice(at + 1) }, alias, range);
}

describe('yarn berry resolutions', () => {
  it.each<[string, Record<string, string>, string, string, string, string | undefined]>([
    ['a name', { minimist: 'npm:1.2.5' }, 'mkdirp@npm:0.5.5', 'minimist', 'npm:^1.2.5', 'npm:1.2.5'],
    ['a name, reference without protocol', { minimist: '1.2.5' }, 'mkdirp@npm:0.5.5', 'minimist', 'npm:^1.2.5', 'npm:1.2.5'],
    ['a scoped name', { '@types/react': 'npm:types-react@19.0.0-rc.1' }, '@types/react-dom@npm:18.2.0', '@types/react', 'npm:*', 'npm:types-react@19.0.0-rc.1'],
    ['name@range written without protocol', { 'ansi-regex@^5.0.1': '5.0.1' }, 'strip-ansi@npm:6.0.1', 'ansi-regex', 'npm:^5.0.1', 'npm:5.0.1'],
    ['name@range for another range', { 'ansi-regex@^4.0.0': '5.0.1' }, 'strip-ansi@npm:6.0.1', 'ansi-regex', 'npm:^5.0.1', undefined],
    ['parent/name', { 'debug/ms': '2.1.1' }, 'debug@npm:2.6.9', 'ms', 'npm:2.0.0', 'npm:2.1.1'],
    ['parent/name under another parent', { 'debug/ms': '2.1.1' }, 'send@npm:0.19.0', 'ms', 'npm:2.1.3', undefined],
    ['parent@version/name', { 'is-odd@3.0.1/is-number': 'npm:is-number@7.0.0' }, 'is-odd@npm:3.0.1', 'is-number', 'npm:^6.0.0', 'npm:is-number@7.0.0'],
    ['parent@range/name (yarn compares it with the version)', { 'is-odd@^3.0.0/is-number': '7.0.0' }, 'is-odd@npm:3.0.1', 'is-number', 'npm:^6.0.0', undefined],
    ['a workspace parent', { '@fixture/api/lodash': '4.17.20' }, '@fixture/api@workspace:packages/api', 'lodash', 'npm:^4.17.20', 'npm:4.17.20'],
    ['a dist-tag', { 'left-pad@latest': '1.3.0' }, 'app@workspace:.', 'left-pad', 'npm:latest', 'npm:1.3.0'],
    ['a patch', { 'ms@npm:2.0.0': 'patch:ms@npm%3A2.0.0#~/.yarn/patches/ms.patch' }, 'debug@npm:2.6.9', 'ms', 'npm:2.0.0', 'patch:ms@npm%3A2.0.0#~/.yarn/patches/ms.patch'],
  ])('yarn 4 applies %s', (_what, resolutions, parent, alias, range, result) => {
    expect(resolve(resolutions, 'normalised', parent, alias, range)).toBe(result);
  });

  it.each<[string, Record<string, string>, string, string, string, string | undefined]>([
    ['a name', { minimist: 'npm:1.2.5' }, 'mkdirp@npm:0.5.5', 'minimist', '^1.2.5', 'npm:1.2.5'],
    ['name@range as written', { 'ansi-regex@^5.0.1': '5.0.1' }, 'strip-ansi@npm:6.0.1', 'ansi-regex', '^5.0.1', '5.0.1'],
    ['parent@version/name: never, the parent is npm:3.0.1', { 'is-odd@3.0.1/is-number': '7.0.0' }, 'is-odd@npm:3.0.1', 'is-number', '^6.0.0', undefined],
    ['parent@npm:version/name', { 'is-odd@npm:3.0.1/is-number': '7.0.0' }, 'is-odd@npm:3.0.1', 'is-number', '^6.0.0', '7.0.0'],
  ])('yarn 3 applies %s as written', (_what, resolutions, parent, alias, range, result) => {
    expect(resolve(resolutions, 'as-written', parent, alias, range)).toBe(result);
  });

  it('takes the first matching rule in the order package.json lists them', () => {
    expect(resolve({ 'debug/ms': '2.1.1', ms: '2.1.3' }, 'normalised', 'debug@npm:2.6.9', 'ms', 'npm:2.0.0')).toBe('npm:2.1.1');
    expect(resolve({ ms: '2.1.3', 'debug/ms': '2.1.1' }, 'normalised', 'debug@npm:2.6.9', 'ms', 'npm:2.0.0')).toBe('npm:2.1.3');
  });

  it('skips patterns yarn refuses (globs, bad syntax) as yarn does, keeping the others', () => {
    const rules = readResolutionRules(new Map([['**/ms', '2.1.1'], ['a/b/c', '1.0.0'], ['', '1.0.0'], ['debug/ms', '2.1.1']]));
    expect(rules).toEqual([{ parent: { name: 'debug', description: undefined }, name: 'ms', description: undefined, reference: '2.1.1' }]);
  });

  it.each([
    ['^1.2.5', 'npm:^1.2.5'],
    ['1.2.5', 'npm:1.2.5'],
    ['latest', 'npm:latest'],
    ['npm:^1.2.5', 'npm:^1.2.5'],
    ['patch:ms@npm%3A2.0.0#./p.patch', 'patch:ms@npm%3A2.0.0#./p.patch'],
    ['user/repo', 'user/repo'],
    ['v-next', 'v-next'],
    ['v1.2.3', 'npm:v1.2.3'],
  ])('normalises %s to %s as yarn 4 does', (range, normalised) => {
    expect(normaliseRange(range)).toBe(normalised);
  });

  it('binds a relative range to a locator, url-encoded, once', () => {
    const bound = bindToLocator('patch:ms@npm%3A2.0.0#./p.patch', 'app@workspace:.');
    expect(bound).toBe('patch:ms@npm%3A2.0.0#./p.patch::locator=app%40workspace%3A.');
    expect(bindToLocator(bound, 'other@workspace:.')).toBe(bound);
    expect(bindToLocator('file:./lib', '@s/a@workspace:packages/a')).toBe('file:./lib::locator=%40s%2Fa%40workspace%3Apackages%2Fa');
  });
});
