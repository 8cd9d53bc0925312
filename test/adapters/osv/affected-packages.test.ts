import { describe, expect, it } from 'vitest';
import { osvAffectedPackages, toOsvRecord } from '../../../src/adapters/osv/index.js';

const record = (value: unknown) => {
  const shaped = toOsvRecord(value);
  if (!shaped) throw new Error('not an OSV record');
  return shaped;
};

describe('osvAffectedPackages', () => {
  const minimist = record({
    id: 'GHSA-xvch-5gv4-984h',
    aliases: ['CVE-2021-44906'],
    database_specific: { severity: 'CRITICAL' },
    affected: [
      { package: { ecosystem: 'npm', name: 'minimist' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.2.4' }] }] },
      { package: { ecosystem: 'npm', name: 'minimist' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '1.2.6' }] }] },
      { package: { ecosystem: 'Debian:12', name: 'node-minimist' }, versions: ['1.2.5'] },
      { package: { ecosystem: 'NoSuchEcosystem', name: 'x' }, versions: ['1.0.0'] },
    ],
  });

  it('judges versions by both ranges of one package, as the advisory index does for checks', () => {
    const [npm] = osvAffectedPackages(minimist).filter((p) => p.ecosystem === 'npm');
    expect(npm?.versions).toBe('>=0 <0.2.4; >=1.0.0 <1.2.6');
    expect(['0.2.3', '1.2.5', '1.0.0'].map((v) => npm?.affects(v))).toEqual([true, true, true]);
    expect(['0.2.4', '1.2.6', '2.0.0', 'not-a-version'].map((v) => npm?.affects(v))).toEqual([false, false, false, false]);
    expect(npm?.advisory).toMatchObject({ id: 'GHSA-xvch-5gv4-984h', severity: 'critical', malware: false, fixedVersions: ['0.2.4', '1.2.6'] });
  });

  it('leaves out ecosystems chaingate does not read', () => {
    expect(osvAffectedPackages(minimist).map((p) => p.ecosystem)).not.toContain(undefined);
    expect(osvAffectedPackages(minimist).map((p) => p.name)).not.toContain('x');
  });

  it('reads a malware record with listed versions', () => {
    const [debug] = osvAffectedPackages(record({ id: 'MAL-2025-46974', affected: [{ package: { ecosystem: 'npm', name: 'debug' }, versions: ['4.4.2'] }] }));
    expect(debug?.versions).toBe('1 listed version');
    expect([debug?.affects('4.4.2'), debug?.affects('4.4.1')]).toEqual([true, false]);
    expect(debug?.advisory.malware).toBe(true);
  });

  it('affects nothing for a withdrawn record, and names no package for a record without any', () => {
    const withdrawn = osvAffectedPackages(record({ id: 'MAL-1', withdrawn: '2026-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'debug' }, versions: ['4.4.2'] }] }));
    expect(withdrawn.map((p) => p.affects('4.4.2'))).toEqual([false]);
    expect(osvAffectedPackages(record({ id: 'X-1', affected: 'not a list' }))).toEqual([]);
  });
});
