import { describe, expect, it } from 'vitest';
import { duration, renderIncidentsText, renderIncidentText } from '../../../src/core/incident/render-incidents.js';
import { renderRespondText } from '../../../src/core/incident/render-respond.js';
import type { IncidentDetail } from '../../../src/core/incident/types.js';

const hostile = 'Malware\u001b[2J\u001b]8;;https://evil.example\u0007click\nFAKE: all clear';
const incident: IncidentDetail = {
  id: 'INC-3', status: 'open', title: hostile, severity: 'critical', malware: true, ids: ['MAL-1'], records: ['MAL-1'],
  affected: [{ ecosystem: 'npm', name: 'debug', versions: '= 4.4.2' }], times: { received: new Date('2026-01-01T00:00:00Z') },
  exposures: [{ repository: 'acme/shop', ref: 'main', sha: 'a'.repeat(40), environments: ['prod\u001b[31m'], ecosystem: 'npm', name: 'debug', version: '4.4.2', direct: true, dev: false, path: ['.'], lockfile: 'package-lock.json', tier: 1 }],
};

const listed = { ...incident, exposureCount: 1, repositoryCount: 1 };

describe('rendering incidents for a terminal', () => {
  it('keeps advisory text from moving the cursor, opening links or adding lines', () => {
    for (const text of [renderIncidentsText([listed]), renderIncidentText(incident), renderRespondText({ record: 'MAL-1', intake: { kind: 'created', incident: 'INC-3' }, scope: { changed: true, exposures: 1, tookMs: 1 }, queued: true, incident })]) {
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
      expect(text).not.toContain('\nFAKE');
    }
    expect(renderIncidentsText([listed]).split('\n')).toHaveLength(2);
  });

  it('says what a merge did, and that nothing was queued when nothing changed', () => {
    const merged = renderRespondText({ record: 'GHSA-x', intake: { kind: 'updated', incident: 'INC-3', absorbed: ['INC-4'], changed: ['ids'] }, scope: { changed: false, exposures: 1, tookMs: 1 }, queued: false, incident });
    expect(merged).toContain('INC-3 updated by GHSA-x (ids changed)');
    expect(merged).toContain('merged into it: INC-4 (the same advisory)');
    const unchanged = renderRespondText({ record: 'MAL-1', intake: { kind: 'unchanged', incident: 'INC-3' }, scope: { changed: false, exposures: 1, tookMs: 1 }, queued: false, incident });
    expect(unchanged).toContain('nothing changed: nothing queued');
  });

  it('prints durations people read', () => {
    expect([duration(850), duration(12_340), duration(245_000), duration(3 * 3600_000 + 120_000), duration(50 * 3600_000)]).toEqual(['850 ms', '12.3 s', '4 min 5 s', '3 h 2 min', '2 d 2 h']);
  });
});
