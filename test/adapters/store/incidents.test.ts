import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAdvisoryDocument } from '../../../src/adapters/incident-advisories/advisory-document.js';
import { verifyAudit } from '../../../src/adapters/store/audit-log.js';
import { migrate } from '../../../src/adapters/store/migrations.js';
import type { SqlDatabase } from '../../../src/adapters/store/sql.js';
import { storeIncidents, type IncidentStore } from '../../../src/adapters/store/store-incidents.js';
import type { IncidentExposure } from '../../../src/core/incident/types.js';
import { debugMalwareGithub, debugMalwareOsv, osvRecord } from '../../helpers/advisory-records.js';
import { STORE_HOOK_TIMEOUT, testEngines } from './engines.js';

const at = (day: number) => ({ actor: 'cli:test', at: new Date(Date.UTC(2026, 0, day)) });
const doc = (value: unknown) => readAdvisoryDocument(value, 'test');
const exposure = (repository: string, overrides: Partial<IncidentExposure> = {}): IncidentExposure => ({
  repository, ref: 'main', sha: 'a'.repeat(40), environments: [], ecosystem: 'npm', name: 'debug', version: '4.4.2',
  direct: false, dev: false, path: ['.', 'express@4.0.0', 'debug@4.4.2'], lockfile: 'package-lock.json', tier: 1, ...overrides,
});

describe.each(testEngines())('incidents on the $name store', (engine) => {
  let handle: Awaited<ReturnType<typeof engine.fresh>>;
  let db: SqlDatabase;
  let incidents: IncidentStore;
  const changes: string[] = [];
  const auditCount = async () => (await db.query<{ n: number }>('select count(*)::int as n from audit_log'))[0]?.n;
  beforeAll(async () => {
    handle = await engine.fresh();
    db = handle.db;
    await migrate(db);
    incidents = storeIncidents(db, { onChange: async (_tx, incident) => void changes.push(incident) });
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => {
    await db.close();
    await handle.drop();
  });

  it('turns the MAL- record of the debug compromise into one open malware incident, and a second intake changes nothing', async () => {
    expect(await incidents.intake(doc(debugMalwareOsv()), at(1))).toEqual({ kind: 'created', incident: 'INC-1' });
    const incident = await incidents.get('INC-1');
    expect(incident).toMatchObject({ status: 'open', malware: true, severity: 'critical', records: ['MAL-2025-46974'], title: 'Malicious code in debug (npm)' });
    expect(incident?.ids).toEqual(['GHSA-4x49-vf9v-38px', 'GHSA-8mgj-vmr8-frr6', 'MAL-2025-46974']);
    expect(incident?.times.published?.toISOString()).toBe('2025-09-08T14:26:51.000Z');
    const rows = await auditCount();
    expect(await incidents.intake(doc(debugMalwareOsv()), at(2))).toEqual({ kind: 'unchanged', incident: 'INC-1' });
    expect(await auditCount()).toBe(rows);
    expect(changes).toEqual(['INC-1']);
  });

  it('folds the GHSA twin into the same incident; lookups by any alias, in any case, find it', async () => {
    expect(await incidents.intake(doc(debugMalwareGithub()), at(3))).toMatchObject({ kind: 'updated', incident: 'INC-1', absorbed: [] });
    expect((await incidents.get('ghsa-8mgj-vmr8-frr6'))?.records).toEqual(['GHSA-8mgj-vmr8-frr6', 'MAL-2025-46974']);
    expect((await incidents.get('GHSA-4x49-vf9v-38px'))?.id).toBe('INC-1');
    expect((await incidents.get('INC-1'))?.title).toBe('Malware in debug');
    expect(await incidents.list()).toHaveLength(1);
  });

  it('makes one incident of two twins taken in at the same moment', async () => {
    const [a, b] = await Promise.all([
      incidents.intake(doc(osvRecord('OSV-2026-40', { aliases: ['CVE-2026-40'] })), at(4)),
      incidents.intake(doc(osvRecord('GHSA-cccc-dddd-eeee', { aliases: ['CVE-2026-40'] })), at(4)),
    ]);
    expect(a.incident).toBe(b.incident);
    expect((await incidents.get('CVE-2026-40'))?.records).toEqual(['GHSA-cccc-dddd-eeee', 'OSV-2026-40']);
  });

  it('takes a newer version of a record and ignores an older one, saying which it kept', async () => {
    const first = osvRecord('OSV-2026-10', { modified: '2026-01-02T00:00:00Z', fixed: '1.3.0', severity: 'MODERATE' });
    const created = await incidents.intake(doc(first), at(4));
    const id = created.incident;
    const newer = osvRecord('OSV-2026-10', { modified: '2026-01-05T00:00:00Z', fixed: '1.4.0', severity: 'CRITICAL' });
    const updated = await incidents.intake(doc(newer), at(5));
    expect(updated).toMatchObject({ kind: 'updated', incident: id });
    expect(updated.kind === 'updated' && updated.changed).toEqual(['severity', 'affected', 'modified']);
    expect((await incidents.get(id))?.affected).toEqual([{ ecosystem: 'npm', name: 'left-pad', versions: '>=1.0.0 <1.4.0' }]);
    expect(await incidents.intake(doc(first), at(6))).toEqual({ kind: 'stale', incident: id, storedModified: '2026-01-05T00:00:00.000Z' });
    expect((await incidents.get(id))?.severity).toBe('critical');
  });

  it('marks an incident withdrawn only when every record behind it is, and opens it again when one is reinstated', async () => {
    const { incident } = await incidents.intake(doc(osvRecord('OSV-2026-20', { aliases: ['CVE-2026-20'] })), at(7));
    await incidents.intake(doc(osvRecord('GHSA-aaaa-bbbb-cccc', { aliases: ['CVE-2026-20'] })), at(7));
    await incidents.intake(doc(osvRecord('OSV-2026-20', { aliases: ['CVE-2026-20'], modified: '2026-02-01T00:00:00Z', withdrawn: '2026-02-01T00:00:00Z' })), at(8));
    expect((await incidents.get(incident))?.status).toBe('open');
    await incidents.intake(doc(osvRecord('GHSA-aaaa-bbbb-cccc', { aliases: ['CVE-2026-20'], modified: '2026-02-02T00:00:00Z', withdrawn: '2026-02-02T00:00:00Z' })), at(9));
    const withdrawn = await incidents.get(incident);
    expect(withdrawn?.status).toBe('withdrawn');
    expect(withdrawn?.times.withdrawn?.toISOString()).toBe('2026-02-02T00:00:00.000Z');
    expect((await incidents.active()).map((a) => a.incident.id)).not.toContain(incident);
    await incidents.intake(doc(osvRecord('GHSA-aaaa-bbbb-cccc', { aliases: ['CVE-2026-20'], modified: '2026-02-03T00:00:00Z' })), at(10));
    expect((await incidents.get(incident))?.status).toBe('open');
  });

  it('merges two incidents a later record links into the older one, which keeps its id', async () => {
    const older = (await incidents.intake(doc(osvRecord('CVE-2026-30')), at(11))).incident;
    const younger = (await incidents.intake(doc(osvRecord('OSV-2026-30', { name: 'right-pad' })), at(12))).incident;
    await incidents.recordScope(younger, [exposure('acme/b', { name: 'right-pad', version: '1.1.0' })], { ...at(12), tookMs: 1 });
    const linked = await incidents.intake(doc(osvRecord('GHSA-link-link-link', { aliases: ['OSV-2026-30', 'CVE-2026-30'] })), at(13));
    expect(linked).toMatchObject({ kind: 'updated', incident: older, absorbed: [younger] });
    expect((await incidents.get('OSV-2026-30'))?.id).toBe(older);
    expect(await incidents.get(younger)).toMatchObject({ status: 'closed', mergedInto: older, records: [], exposures: [] });
    expect((await incidents.get(older))?.records).toEqual(['CVE-2026-30', 'GHSA-link-link-link', 'OSV-2026-30']);
    const [merge] = await db.query<{ result: unknown }>(`select result from audit_log where action = 'incident.merge'`);
    expect(merge?.result).toEqual({ kept: older, absorbed: younger });
  });

  it('records exposures once, sets the time scoped, and the time remediated when the last exposure goes', async () => {
    const exposures = [exposure('acme/shop'), exposure('acme/api', { environments: ['production'] })];
    expect(await incidents.recordScope('INC-1', exposures, { ...at(14), tookMs: 12 })).toEqual({ changed: true, exposures: 2 });
    expect(await incidents.recordScope('INC-1', [...exposures].reverse(), { ...at(15), tookMs: 9 })).toEqual({ changed: false, exposures: 2 });
    const scoped = await incidents.get('INC-1');
    expect(scoped?.exposures.map((e) => e.repository)).toEqual(['acme/api', 'acme/shop']);
    expect(scoped?.times.scoped?.toISOString()).toBe(at(14).at.toISOString());
    await incidents.recordScope('INC-1', [], { ...at(16), tookMs: 3 });
    expect((await incidents.get('INC-1'))?.times.remediated?.toISOString()).toBe(at(16).at.toISOString());
    await incidents.recordScope('INC-1', exposures.slice(0, 1), { ...at(17), tookMs: 3 });
    expect((await incidents.get('INC-1'))?.times.remediated).toBeUndefined();
  });

  it('moves an incident by the status rules, recording the first time each step is reached', async () => {
    expect((await incidents.move('INC-1', 'contained', { ...at(18), reason: 'PRs blocked' })).times.contained?.toISOString()).toBe(at(18).at.toISOString());
    await expect(incidents.move('INC-1', 'withdrawn', { ...at(19), reason: 'no' })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
    await expect(incidents.move('INC-99', 'closed', { ...at(19), reason: 'no' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await incidents.list({ status: ['contained'] })).map((i) => [i.id, i.exposureCount, i.repositoryCount])).toEqual([['INC-1', 1, 1]]);
  });

  it('leaves an audit chain that verifies, one row per decision', async () => {
    const actions = await db.query<{ action: string }>('select action from audit_log order by seq');
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set(['incident.create', 'incident.update', 'incident.ignore-stale', 'incident.merge', 'incident.scope', 'incident.status']));
    const verified = await verifyAudit(db);
    expect(verified.broken).toBeUndefined();
    expect(verified.rows).toBe(actions.length);
  });
});
