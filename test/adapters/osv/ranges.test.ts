import { describe, expect, it } from 'vitest';
import { OsvIndex, toOsvRecord } from '../../../src/adapters/osv/index.js';

function indexOf(affected: unknown[]): OsvIndex {
  const index = new OsvIndex();
  const record = toOsvRecord({ id: 'TEST-1', summary: 'test', affected });
  if (!record) throw new Error('bad test record');
  index.add(record);
  return index;
}

function npm(ranges: unknown[], versions?: string[]): unknown {
  return { package: { ecosystem: 'npm', name: 'pkg' }, ranges, ...(versions ? { versions } : {}) };
}

const range = (type: string, ...events: object[]) => ({ type, events });

// [description, affected entry, version, affected?]
const TABLE: ReadonlyArray<[string, unknown, string, boolean]> = [
  ['introduced 0 covers the lowest version', npm([range('ECOSYSTEM', { introduced: '0' }, { fixed: '1.0.0' })]), '0.0.0', true],
  ['fixed is exclusive', npm([range('ECOSYSTEM', { introduced: '0' }, { fixed: '1.0.0' })]), '1.0.0', false],
  ['below fixed is affected', npm([range('ECOSYSTEM', { introduced: '0' }, { fixed: '1.0.0' })]), '0.9.9', true],
  ['introduced is inclusive', npm([range('SEMVER', { introduced: '1.2.0' }, { fixed: '1.3.0' })]), '1.2.0', true],
  ['below introduced is not affected', npm([range('SEMVER', { introduced: '1.2.0' }, { fixed: '1.3.0' })]), '1.1.9', false],
  ['no fixed: every later version affected', npm([range('ECOSYSTEM', { introduced: '2.0.0' })]), '99.0.0', true],
  ['last_affected is inclusive', npm([range('ECOSYSTEM', { introduced: '0' }, { last_affected: '1.4.2' })]), '1.4.2', true],
  ['above last_affected is not affected', npm([range('ECOSYSTEM', { introduced: '0' }, { last_affected: '1.4.2' })]), '1.4.3', false],
  ['last_affected equal to introduced: one version', npm([range('ECOSYSTEM', { introduced: '3.3.6' }, { last_affected: '3.3.6' })]), '3.3.6', true],
  ['limit is exclusive', npm([range('SEMVER', { introduced: '1.0.0' }, { limit: '2.0.0' })]), '2.0.0', false],
  ['below limit is affected', npm([range('SEMVER', { introduced: '1.0.0' }, { limit: '2.0.0' })]), '1.9.0', true],
  ['limit * means no limit', npm([range('SEMVER', { introduced: '1.0.0' }, { limit: '*' })]), '50.0.0', true],
  ['any of several limits', npm([range('SEMVER', { introduced: '1.0.0' }, { limit: '1.5.0' }, { limit: '3.0.0' })]), '2.0.0', true],
  ['two intervals in one range: between them', npm([range('ECOSYSTEM', { introduced: '1.0.0' }, { fixed: '1.1.0' }, { introduced: '2.0.0' }, { fixed: '2.1.0' })]), '1.5.0', false],
  ['two intervals in one range: second one', npm([range('ECOSYSTEM', { introduced: '1.0.0' }, { fixed: '1.1.0' }, { introduced: '2.0.0' }, { fixed: '2.1.0' })]), '2.0.5', true],
  ['events out of order are sorted first', npm([range('ECOSYSTEM', { fixed: '2.1.0' }, { introduced: '2.0.0' }, { fixed: '1.1.0' }, { introduced: '1.0.0' })]), '1.0.5', true],
  ['two ranges: either matches', npm([range('ECOSYSTEM', { introduced: '0' }, { fixed: '1.0.0' }), range('ECOSYSTEM', { introduced: '3.0.0' }, { fixed: '3.0.2' })]), '3.0.1', true],
  ['versions list matches exactly', npm([], ['4.4.2']), '4.4.2', true],
  ['versions list does not match others', npm([], ['4.4.2']), '4.4.3', false],
  ['prerelease sorts before its release (affected)', npm([range('SEMVER', { introduced: '0' }, { fixed: '2.0.0' })]), '2.0.0-rc.1', true],
  ['prerelease after introduced release', npm([range('SEMVER', { introduced: '2.0.0' }, { fixed: '2.1.0' })]), '2.1.0-beta.1', true],
  ['prerelease of introduced is below it', npm([range('SEMVER', { introduced: '2.0.0' }, { fixed: '2.1.0' })]), '2.0.0-beta.1', false],
  ['build metadata does not change order', npm([range('SEMVER', { introduced: '0' }, { fixed: '1.0.0' })]), '1.0.0+build.5', false],
  ['GIT ranges are ignored', npm([range('GIT', { introduced: '0' })]), '1.0.0', false],
];

describe('OSV range evaluation (IsVulnerable)', () => {
  it.each(TABLE)('%s', (_name, affected, version, expected) => {
    const found = indexOf([affected]).match('npm', 'pkg', version);
    expect(found.map((a) => a.id)).toEqual(expected ? ['TEST-1'] : []);
  });

  it('matches only the named package and ecosystem', () => {
    const index = indexOf([npm([range('ECOSYSTEM', { introduced: '0' })])]);
    expect(index.match('npm', 'other', '1.0.0')).toEqual([]);
    expect(index.match('pypi', 'pkg', '1.0.0')).toEqual([]);
  });

  it('evaluates PyPI records by their versions list, counting ECOSYSTEM ranges it cannot order', () => {
    const index = indexOf([
      { package: { ecosystem: 'PyPI', name: 'Jinja2' }, ranges: [range('ECOSYSTEM', { introduced: '0' }, { fixed: '2.10.1' })], versions: ['2.4.1', '2.10'] },
    ]);
    expect(index.match('pypi', 'jinja2', '2.10').map((a) => a.id)).toEqual(['TEST-1']);
    expect(index.match('pypi', 'jinja2', '2.9')).toEqual([]);
    expect(index.stats.unsupportedRanges).toBe(1);
    expect(index.stats.skippedRanges).toBe(0);
  });
});

describe('broken ranges', () => {
  const BROKEN: ReadonlyArray<[string, unknown]> = [
    ['unparsable version', range('ECOSYSTEM', { introduced: 'not-a-version' }, { fixed: '1.0.0' })],
    ['fixed before introduced', range('ECOSYSTEM', { introduced: '2.0.0' }, { fixed: '1.0.0' })],
    ['fixed equal to introduced', range('ECOSYSTEM', { introduced: '2.0.0' }, { fixed: '2.0.0' })],
    ['no introduced', range('ECOSYSTEM', { fixed: '1.0.0' })],
    ['unknown range type', range('CALVER', { introduced: '0' })],
    ['unknown event', range('ECOSYSTEM', { introduced: '0' }, { patched: '1.0.0' })],
    ['two keys in one event', range('ECOSYSTEM', { introduced: '0', fixed: '1.0.0' })],
    ['non-string version', range('ECOSYSTEM', { introduced: 0 })],
    ['unparsable limit', range('SEMVER', { introduced: '0' }, { limit: 'soon' })],
  ];

  it.each(BROKEN)('skips and counts a range with %s, keeping the record', (_name, broken) => {
    const index = indexOf([npm([broken, range('ECOSYSTEM', { introduced: '5.0.0' }, { fixed: '5.0.1' })], ['0.0.1'])]);
    expect(index.stats.skippedRanges).toBe(1);
    expect(index.match('npm', 'pkg', '5.0.0').map((a) => a.id)).toEqual(['TEST-1']);
    expect(index.match('npm', 'pkg', '0.0.1').map((a) => a.id)).toEqual(['TEST-1']);
    expect(index.match('npm', 'pkg', '1.5.0')).toEqual([]);
  });

  it('does not crash on a version that is not SemVer', () => {
    const index = indexOf([npm([range('ECOSYSTEM', { introduced: '0' })])]);
    expect(index.match('npm', 'pkg', 'github:user/repo#abc')).toEqual([]);
  });
});

describe('large records', () => {
  it('indexes and matches a 5 MB record with 100,000 range events in seconds, not minutes', { timeout: 10_000 }, () => {
    const events: object[] = [];
    for (let minor = 0; minor < 50_000; minor++) events.push({ introduced: `1.${minor}.0` }, { fixed: `1.${minor}.5` });
    const affected = npm([range('SEMVER', ...events.reverse())]);
    expect(JSON.stringify(affected).length).toBeGreaterThan(2_000_000);
    const index = indexOf([affected, { ...(affected as object), package: { ecosystem: 'npm', name: 'pkg2' } }]);
    expect(index.stats.skippedRanges).toBe(0);
    const [advisory] = index.match('npm', 'pkg', '1.49999.3');
    expect(advisory?.fixedVersions).toHaveLength(50_000);
    expect(advisory?.fixedVersions.slice(0, 2)).toEqual(['1.0.5', '1.1.5']);
    expect(index.match('npm', 'pkg', '1.49999.5')).toEqual([]);
  });
});
