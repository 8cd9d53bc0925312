import { describe, expect, it } from 'vitest';
import { IncidentAdvisorySource } from '../../../src/adapters/incident-advisories/incident-source.js';
import { gatherFacts } from '../../../src/core/check/gather-facts.js';
import { UpstreamError } from '../../../src/core/errors.js';
import { debugMalwareGithub, debugMalwareOsv } from '../../helpers/advisory-records.js';

const debug = (version: string) => ({ ecosystem: 'npm', name: 'debug', version });

describe('open incidents as an advisory source', () => {
  const source = new IncidentAdvisorySource(async () => [
    { incident: { id: 'INC-4' }, records: [{ format: 'osv', record: debugMalwareOsv() }, { format: 'github', record: debugMalwareGithub() }] },
  ]);

  it('answers for the affected version only, every record naming the incident', async () => {
    const found = await source.advisoriesFor([debug('4.4.2'), debug('4.4.1'), { ecosystem: 'npm', name: 'ms', version: '2.1.3' }]);
    expect([...found.keys()]).toEqual(['npm:debug@4.4.2']);
    expect(found.get('npm:debug@4.4.2')?.map((a) => [a.id, a.incident, a.malware])).toEqual([
      ['MAL-2025-46974', 'INC-4', true],
      ['GHSA-8mgj-vmr8-frr6', 'INC-4', true],
    ]);
  });

  it('merges with the public copy of the advisory and keeps the incident named', async () => {
    const change = { type: 'added', ecosystem: 'npm', name: 'debug', to: '4.4.2', headNode: { ...debug('4.4.2'), source: 'registry' } };
    const osv = { name: 'osv', advisoriesFor: async () => new Map([['npm:debug@4.4.2', [{ id: 'GHSA-8mgj-vmr8-frr6', aliases: [], source: 'osv' as const, summary: 's', severity: 'critical' as const, malware: true, fixedVersions: [] }]]]) };
    const facts = await gatherFacts([change] as never, { advisories: [osv, source] });
    expect(facts.advisories.get('npm:debug@4.4.2')?.map((a) => [a.id, a.incident])).toEqual([['GHSA-8mgj-vmr8-frr6', 'INC-4']]);
  });

  it('reports a store it cannot read as an unavailable source, so the policy fails closed', async () => {
    const broken = new IncidentAdvisorySource(async () => {
      throw new Error('connection refused');
    });
    await expect(broken.advisoriesFor([debug('4.4.2')])).rejects.toThrow(UpstreamError);
    await expect(broken.advisoriesFor([debug('4.4.2')])).rejects.toMatchObject({ code: 'UNREACHABLE', message: expect.stringContaining('connection refused') });
  });
});
