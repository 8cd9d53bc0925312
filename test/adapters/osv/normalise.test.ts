import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMalware, toAdvisory, toOsvRecord, type OsvRecord } from '../../../src/adapters/osv/index.js';
import { FIXTURES } from '../../helpers/fixtures.js';

async function fixture(id: string): Promise<OsvRecord> {
  const record = toOsvRecord(JSON.parse(await readFile(join(FIXTURES, 'osv', 'records', `${id}.json`), 'utf8')));
  if (!record) throw new Error(id);
  return record;
}

const make = (fields: Record<string, unknown>): OsvRecord => {
  const record = toOsvRecord({ id: 'GHSA-test-0000-0000', ...fields });
  if (!record) throw new Error('bad');
  return record;
};

describe('toAdvisory', () => {
  it.each([
    ['GHSA-mh6f-8j2x-4483', 'CWE-506 in database_specific'],
    ['GHSA-pjwm-rvh2-c87w', 'summary "Embedded malware"'],
    ['GHSA-97m3-w2cp-4xx6', 'summary "Embedded Malicious Code"'],
    ['MAL-2025-46974', 'MAL- id'],
  ])('marks %s as malware (%s)', async (id) => {
    expect(isMalware(await fixture(id))).toBe(true);
  });

  it('does not mark an ordinary vulnerability as malware', async () => {
    expect(isMalware(await fixture('GHSA-p6mc-m468-83gw'))).toBe(false);
    expect(isMalware(make({ summary: 'Malicious input can crash the parser' }))).toBe(false);
  });

  it('takes GHSA severity first, then the CVSS 3 score', async () => {
    const eventStream = toAdvisory(await fixture('GHSA-mh6f-8j2x-4483'), 'npm', 'event-stream');
    expect(eventStream).toMatchObject({ severity: 'critical', cvssScore: 9.8, cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', fixedVersions: ['4.0.0'] });
    expect(toAdvisory(make({ database_specific: { severity: 'MODERATE' } }), 'npm', 'x').severity).toBe('moderate');
    expect(toAdvisory(make({ severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' }] }), 'npm', 'x')).toMatchObject({ severity: 'moderate', cvssScore: 6.1 });
    expect(toAdvisory(make({ severity: [{ type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' }] }), 'npm', 'x').severity).toBe('unknown');
  });

  it('lists the fixed versions of the asked package only, lowest first', async () => {
    const ua = await fixture('GHSA-pjwm-rvh2-c87w');
    expect(toAdvisory(ua, 'npm', 'ua-parser-js').fixedVersions).toEqual(['0.7.30', '0.8.1', '1.0.1']);
    const eventStream = await fixture('GHSA-mh6f-8j2x-4483');
    expect(toAdvisory(eventStream, 'npm', 'flatmap-stream').fixedVersions).toEqual([]);
  });

  it('falls back to the details when there is no summary', () => {
    expect(toAdvisory(make({ details: '\nFirst line.\nSecond.' }), 'npm', 'x').summary).toBe('First line.');
  });
});
