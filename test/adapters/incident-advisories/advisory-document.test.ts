import { describe, expect, it } from 'vitest';
import { affectedPackagesOf, readAdvisoryDocument } from '../../../src/adapters/incident-advisories/advisory-document.js';
import { ParseError } from '../../../src/core/errors.js';
import { debugMalwareGithub, debugMalwareOsv, osvRecord } from '../../helpers/advisory-records.js';

describe('reading an advisory record for an incident', () => {
  it('reads the OSV MAL- record of the debug compromise as critical malware affecting debug 4.4.2', () => {
    const { facts } = readAdvisoryDocument(debugMalwareOsv(), 'MAL-2025-46974.json');
    expect(facts).toMatchObject({ id: 'MAL-2025-46974', format: 'osv', malware: true, severity: 'critical', modified: '2025-09-12T01:13:34.000Z', published: '2025-09-08T14:26:51.000Z' });
    expect(facts.aliases).toEqual(['GHSA-8mgj-vmr8-frr6', 'GHSA-4x49-vf9v-38px']);
    expect(facts.affected).toEqual([{ ecosystem: 'npm', name: 'debug', versions: '1 listed version' }]);
    const [debug] = affectedPackagesOf('osv', debugMalwareOsv());
    expect([debug?.affects('4.4.2'), debug?.affects('4.4.1')]).toEqual([true, false]);
  });

  it('reads the GitHub advisory of the same compromise, its updated_at as the modification time', () => {
    const { facts } = readAdvisoryDocument(debugMalwareGithub(), 'GHSA-8mgj-vmr8-frr6');
    expect(facts).toMatchObject({ id: 'GHSA-8mgj-vmr8-frr6', format: 'github', malware: true, modified: '2025-09-12T01:13:34.000Z' });
    expect(facts.affected).toEqual([{ ecosystem: 'npm', name: 'debug', versions: '= 4.4.2' }]);
  });

  it('gives the same digest to the same record whatever its key order, and another to a changed one', () => {
    const record = osvRecord('OSV-2026-1');
    const reordered = Object.fromEntries(Object.entries(record).reverse());
    expect(readAdvisoryDocument(reordered, 'a').facts.digest).toBe(readAdvisoryDocument(record, 'b').facts.digest);
    expect(readAdvisoryDocument({ ...record, summary: 'other' }, 'c').facts.digest).not.toBe(readAdvisoryDocument(record, 'b').facts.digest);
  });

  it('refuses JSON that is no advisory, a live record naming no package it can match, and drops aliases that are no ids', () => {
    expect(() => readAdvisoryDocument({ name: 'x' }, 'x.json')).toThrow(expect.objectContaining({ code: 'MALFORMED', message: expect.stringContaining('x.json') }) as ParseError);
    expect(() => readAdvisoryDocument({ id: 'OSV-1', affected: [] }, 'y.json')).toThrow(/names no affected package/);
    expect(() => readAdvisoryDocument({ ...osvRecord('x'), id: '<script>' }, 'z.json')).toThrow(/is not an advisory id/);
    expect(() => readAdvisoryDocument({ ...osvRecord('OSV-1'), details: 'a\u0000b' }, 'nul.json')).toThrow(/nul\.json: the advisory record holds a NUL character/);
    expect(() => readAdvisoryDocument({ ...osvRecord('OSV-1'), details: 'x'.repeat(1_100_000) }, 'big.json')).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }) as ParseError);
    const { facts } = readAdvisoryDocument(osvRecord('OSV-2026-2', { aliases: ['CVE-2026-1', '@everyone <b>', 'CVE-2026-1'] }), 'w.json');
    expect(facts.aliases).toEqual(['CVE-2026-1']);
  });

  it('accepts a withdrawn record with no packages: it affects nothing', () => {
    const withdrawn = { ...debugMalwareGithub(), withdrawn_at: '2025-10-01T00:00:00Z' };
    const { facts } = readAdvisoryDocument(withdrawn, 'w');
    expect(facts.withdrawn).toBe('2025-10-01T00:00:00.000Z');
    expect(affectedPackagesOf('github', withdrawn)).toEqual([]);
  });
});
