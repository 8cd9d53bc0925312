import { describe, expect, it } from 'vitest';
import { planIntake, statusAfterIntake } from '../../../src/core/incident/intake.js';
import { closedWithEvidence, incidentMetrics } from '../../../src/core/incident/metrics.js';
import { canMove, timesAfterMove } from '../../../src/core/incident/status.js';
import { summariseRecords } from '../../../src/core/incident/summarise.js';
import type { AdvisoryRecordFacts, Incident } from '../../../src/core/incident/types.js';

const record = (id: string, overrides: Partial<AdvisoryRecordFacts> = {}): AdvisoryRecordFacts => ({
  id, aliases: [], format: 'osv', summary: `${id} summary`, severity: 'moderate', malware: false, affected: [{ ecosystem: 'npm', name: 'x', versions: '<2.0.0' }], digest: `d-${id}`, ...overrides,
});

describe('incident intake rules', () => {
  it('creates an incident for ids nobody holds, and leaves an identical record alone', () => {
    expect(planIntake(record('A'), [], undefined)).toEqual({ kind: 'create' });
    expect(planIntake(record('A'), ['INC-3'], { incident: 'INC-3', digest: 'd-A' })).toEqual({ kind: 'unchanged', incident: 'INC-3' });
  });

  it('ignores an older version of a stored record and takes a newer or a new twin', () => {
    const stored = { incident: 'INC-3', digest: 'old', modified: '2026-01-05T00:00:00Z' };
    expect(planIntake(record('A', { modified: '2026-01-04T00:00:00Z' }), ['INC-3'], stored)).toEqual({ kind: 'stale', incident: 'INC-3', storedModified: stored.modified });
    expect(planIntake(record('A', { modified: '2026-01-06T00:00:00Z' }), ['INC-3'], stored)).toEqual({ kind: 'update', incident: 'INC-3', absorb: [] });
    expect(planIntake(record('B', { aliases: ['A'] }), ['INC-3'], undefined)).toEqual({ kind: 'update', incident: 'INC-3', absorb: [] });
  });

  it('merges the incidents a record links into the oldest, by serial not by text', () => {
    expect(planIntake(record('C', { aliases: ['A', 'B'] }), ['INC-10', 'INC-9', 'INC-10'], undefined)).toEqual({ kind: 'update', incident: 'INC-9', absorb: ['INC-10'] });
  });

  it('withdraws on intake only, and reopens a withdrawn incident whose advisory is reinstated', () => {
    expect(statusAfterIntake('contained', true)).toBe('withdrawn');
    expect(statusAfterIntake('withdrawn', false)).toBe('open');
    expect(statusAfterIntake('contained', false)).toBe('contained');
  });
});

describe('summarising an incident from its records', () => {
  it('keeps the highest severity, any malware, every id, the earliest publication, and the GHSA title', () => {
    const summary = summariseRecords([
      record('MAL-1', { aliases: ['GHSA-x'], malware: true, severity: 'critical', published: '2026-01-02T00:00:00Z', modified: '2026-01-03T00:00:00Z' }),
      record('GHSA-x', { aliases: ['CVE-1'], severity: 'low', published: '2026-01-01T00:00:00Z', modified: '2026-01-02T00:00:00Z', affected: [{ ecosystem: 'npm', name: 'x', versions: '= 1.0.0' }] }),
    ]);
    expect(summary).toMatchObject({ title: 'GHSA-x summary', severity: 'critical', malware: true, ids: ['CVE-1', 'GHSA-x', 'MAL-1'], published: '2026-01-01T00:00:00Z', modified: '2026-01-03T00:00:00Z', withdrawn: undefined });
    expect(summary.affected).toHaveLength(2);
  });

  it('is withdrawn only when every record is, at the latest withdrawal', () => {
    expect(summariseRecords([record('A', { withdrawn: '2026-02-01T00:00:00Z' }), record('B')]).withdrawn).toBeUndefined();
    expect(summariseRecords([record('A', { withdrawn: '2026-02-01T00:00:00Z' }), record('B', { withdrawn: '2026-03-01T00:00:00Z' })]).withdrawn).toBe('2026-03-01T00:00:00Z');
  });
});

describe('incident status and metrics', () => {
  const received = new Date('2026-01-01T10:00:00Z');
  const incident = (over: Partial<Incident> = {}): Incident => ({
    id: 'INC-1', status: 'open', title: '', severity: 'critical', malware: true, ids: [], records: [], affected: [],
    times: { published: new Date('2026-01-01T08:00:00Z'), received }, ...over,
  });

  it('moves forward, back to open when a version comes back, and never out of withdrawn', () => {
    expect(canMove('open', 'closed')).toBe(true);
    expect(canMove('closed', 'open')).toBe(true);
    expect(canMove('withdrawn', 'open')).toBe(false);
    expect(canMove('open', 'withdrawn')).toBe(false);
    const verified = timesAfterMove({ received }, 'verified', new Date('2026-01-01T12:00:00Z'));
    expect(verified.contained).toEqual(new Date('2026-01-01T12:00:00Z'));
    expect(timesAfterMove({ ...verified, closed: new Date() }, 'open', new Date()).closed).toBeUndefined();
  });

  it('measures time to detect from publication and the rest from receipt', () => {
    const metrics = incidentMetrics(incident({ times: { published: new Date('2026-01-01T08:00:00Z'), received, scoped: new Date('2026-01-01T10:00:02Z') } }));
    expect(metrics).toEqual({ timeToDetectMs: 2 * 3600_000, timeToScopeMs: 2000, timeToContainMs: undefined, timeToRemediateMs: undefined, timeToCloseMs: undefined });
    expect(closedWithEvidence([incident({ status: 'closed', times: { received, verified: received } }), incident({ status: 'closed' }), incident()])).toEqual({ closed: 2, verified: 1 });
  });
});
