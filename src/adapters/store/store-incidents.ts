import { canonicalJson } from '../../core/audit/canonical-json.js';
import { UsageError } from '../../core/errors.js';
import { planIntake, statusAfterIntake } from '../../core/incident/intake.js';
import { canMove, timesAfterMove } from '../../core/incident/status.js';
import { summariseRecords, type IncidentSummary } from '../../core/incident/summarise.js';
import {
  incidentSerial,
  isActive,
  type AdvisoryFormat,
  type Incident,
  type IncidentDetail,
  type IncidentExposure,
  type IncidentListing,
  type IncidentStatus,
} from '../../core/incident/types.js';
import type { AdvisoryDocument } from '../incident-advisories/advisory-document.js';
import { appendAudit } from './audit-log.js';
import { INCIDENT_COLUMNS, insertExposures, loadExposures, loadIncidents, recordFactsOf, toIncident, type IncidentDbRow } from './incident-rows.js';
import type { SqlDatabase, SqlExecutor } from './sql.js';

/** Who acts, and when. */
export interface IncidentContext {
  /** `cli:<user>`, `app`, `github:<login>`: recorded in the audit log. */
  readonly actor: string;
  readonly at: Date;
}

export type IntakeOutcome =
  | { readonly kind: 'created'; readonly incident: string }
  | { readonly kind: 'updated'; readonly incident: string; readonly absorbed: readonly string[]; readonly changed: readonly string[] }
  | { readonly kind: 'unchanged'; readonly incident: string }
  | { readonly kind: 'stale'; readonly incident: string; readonly storedModified: string };

export interface ScopeOutcome {
  readonly changed: boolean;
  readonly exposures: number;
}

export interface IncidentStoreOptions {
  /**
   * Runs inside every transaction that changes an incident, after its audit
   * rows: enqueue the incident's reconciliation here, so the job exists
   * exactly when the change does.
   */
  readonly onChange?: ((tx: SqlExecutor, incident: string, context: IncidentContext) => Promise<void>) | undefined;
}

/** The incidents in the store; every change is written with its audit rows in one transaction. */
export interface IncidentStore {
  /** Records an advisory record: a new incident, an update of the one its ids name (merging any it links), or nothing. */
  intake(document: AdvisoryDocument, context: IncidentContext): Promise<IntakeOutcome>;
  /** Replaces the incident's exposures when they differ from the stored ones; the first scope sets `scoped`. */
  recordScope(incident: string, exposures: readonly IncidentExposure[], context: IncidentContext & { readonly tookMs: number }): Promise<ScopeOutcome>;
  /** @throws {UsageError} BAD_ARGUMENT for a move the status rules do not allow; NOT_FOUND for an unknown incident */
  move(incident: string, to: IncidentStatus, context: IncidentContext & { readonly reason: string }): Promise<Incident>;
  /** By `INC-<n>` or by any advisory id or alias of the incident. */
  get(idOrAlias: string): Promise<IncidentDetail | undefined>;
  list(options?: { readonly status?: readonly IncidentStatus[] | undefined }): Promise<IncidentListing[]>;
  /** The advisory records stored for an incident, as given, to judge affected versions with the adapters. */
  records(incident: string): Promise<readonly { readonly format: AdvisoryFormat; readonly record: unknown }[]>;
  /** Open, contained and verified incidents with their stored records: what gates pull requests. */
  active(): Promise<{ readonly incident: Incident; readonly records: readonly { readonly format: AdvisoryFormat; readonly record: unknown }[] }[]>;
}

export function storeIncidents(db: SqlDatabase, options: IncidentStoreOptions = {}): IncidentStore {
  const changed = async (tx: SqlExecutor, incident: string, context: IncidentContext) => options.onChange?.(tx, incident, context);
  return {
    intake: (document, context) =>
      db.transaction(async (tx) => {
        // One intake at a time: two records of one advisory must never create two incidents.
        await tx.query(`select pg_advisory_xact_lock(hashtext('chaingate_incidents'))`);
        const outcome = await intakeIn(tx, document, context);
        if (outcome.kind === 'created' || outcome.kind === 'updated') await changed(tx, outcome.incident, context);
        return outcome;
      }),

    recordScope: (incident, exposures, context) =>
      db.transaction(async (tx) => {
        const serial = serialOf(incident);
        const [row] = await tx.query<IncidentDbRow>(`select ${INCIDENT_COLUMNS} from incidents where id = $1 for update`, [serial]);
        if (!row) throw new UsageError('NOT_FOUND', `no incident ${incident} in the store`);
        // Sorted in JS, as the new set is: the database's collation may order text differently.
        const before = sortExposures(await loadExposures(tx, serial));
        const sorted = sortExposures(exposures);
        if (row.scoped_at !== null && canonicalJson(before) === canonicalJson(sorted)) return { changed: false, exposures: sorted.length };
        await tx.query('delete from incident_exposures where incident_id = $1', [serial]);
        await insertExposures(tx, serial, sorted);
        const gone = before.length > 0 && sorted.length === 0 && isActive(row.status);
        await tx.query(
          `update incidents set scoped_at = coalesce(scoped_at, $2), remediated_at = case when $3 then $2 when $4 then null else remediated_at end, updated_at = $2 where id = $1`,
          [serial, context.at.toISOString(), gone, sorted.length > 0],
        );
        await appendAudit(
          tx,
          {
            incident,
            actor: context.actor,
            action: 'incident.scope',
            inputs: { affected: JSON.parse(row.affected) as unknown, tookMs: context.tookMs },
            result: { exposures: sorted.length, repositories: new Set(sorted.map((e) => e.repository)).size, byTier: byTier(sorted), before: before.length, remediated: gone },
          },
          context.at,
        );
        await changed(tx, incident, context);
        return { changed: true, exposures: sorted.length };
      }),

    move: (incident, to, context) =>
      db.transaction(async (tx) => {
        const serial = serialOf(incident);
        const [row] = await tx.query<IncidentDbRow>(`select ${INCIDENT_COLUMNS} from incidents where id = $1 for update`, [serial]);
        if (!row) throw new UsageError('NOT_FOUND', `no incident ${incident} in the store`);
        const current = toIncident(row, []);
        if (!canMove(current.status, to)) throw new UsageError('BAD_ARGUMENT', `${incident} is ${current.status}: it cannot move to ${to}`);
        const times = timesAfterMove(current.times, to, context.at);
        await tx.query('update incidents set status = $2, contained_at = $3, verified_at = $4, closed_at = $5, updated_at = $6 where id = $1', [
          serial,
          to,
          times.contained?.toISOString() ?? null,
          times.verified?.toISOString() ?? null,
          times.closed?.toISOString() ?? null,
          context.at.toISOString(),
        ]);
        await appendAudit(tx, { incident, actor: context.actor, action: 'incident.status', inputs: { from: current.status, reason: context.reason }, result: { status: to } }, context.at);
        await changed(tx, incident, context);
        const [moved] = await loadIncidents(tx, 'where id = $1', [serial]);
        return moved!;
      }),

    async get(idOrAlias) {
      const serial = incidentSerial(idOrAlias) ?? (await db.query<{ incident_id: number }>('select incident_id from incident_aliases where alias = $1', [idOrAlias.trim().toUpperCase()]))[0]?.incident_id;
      if (serial === undefined) return undefined;
      const [incident] = await loadIncidents(db, 'where id = $1', [serial]);
      return incident ? { ...incident, exposures: await loadExposures(db, serial) } : undefined;
    },

    async list(options = {}) {
      const incidents = options.status ? await loadIncidents(db, 'where status = any($1::text[])', [options.status]) : await loadIncidents(db, '', []);
      const counts = await db.query<{ incident_id: number; exposures: number; repositories: number }>(
        'select incident_id, count(*)::int as exposures, count(distinct repository)::int as repositories from incident_exposures group by incident_id',
      );
      const byId = new Map(counts.map((c) => [`INC-${c.incident_id}`, c]));
      return incidents.map((i) => ({ ...i, exposureCount: byId.get(i.id)?.exposures ?? 0, repositoryCount: byId.get(i.id)?.repositories ?? 0 }));
    },

    records: (incident) =>
      db.query<{ format: AdvisoryFormat; record: unknown }>('select format, record from incident_records where incident_id = $1 order by id', [serialOf(incident)]),

    async active() {
      const incidents = await loadIncidents(db, `where status in ('open', 'contained', 'verified')`, []);
      if (incidents.length === 0) return [];
      const rows = await db.query<{ incident_id: number; format: AdvisoryFormat; record: unknown }>(
        'select incident_id, format, record from incident_records where incident_id = any($1::int[]) order by id',
        [incidents.map((i) => incidentSerial(i.id))],
      );
      return incidents.map((incident) => ({ incident, records: rows.filter((r) => r.incident_id === incidentSerial(incident.id)).map(({ format, record }) => ({ format, record })) }));
    },
  };
}

async function intakeIn(tx: SqlExecutor, document: AdvisoryDocument, context: IncidentContext): Promise<IntakeOutcome> {
  const { facts } = document;
  const keys = [...new Set([facts.id, ...facts.aliases].map((id) => id.toUpperCase()))];
  const holders = await tx.query<{ incident_id: number }>('select distinct incident_id from incident_aliases where alias = any($1::text[])', [keys]);
  const [stored] = await tx.query<{ incident_id: number; modified: string | null; digest: string }>('select incident_id, modified, digest from incident_records where id = $1', [facts.id]);
  const plan = planIntake(
    facts,
    holders.map((h) => `INC-${h.incident_id}`),
    stored ? { incident: `INC-${stored.incident_id}`, modified: stored.modified ?? undefined, digest: stored.digest } : undefined,
  );
  const recordInputs = { record: facts.id, format: facts.format, modified: facts.modified ?? null, withdrawn: facts.withdrawn ?? null, digest: facts.digest };
  switch (plan.kind) {
    case 'unchanged':
      return plan;
    case 'stale':
      await appendAudit(tx, { incident: plan.incident, actor: context.actor, action: 'incident.ignore-stale', inputs: recordInputs, result: { storedModified: plan.storedModified } }, context.at);
      return plan;
    case 'create': {
      const summary = summariseRecords([facts]);
      const [row] = await tx.query<{ id: number }>(
        `insert into incidents (status, title, severity, malware, affected, modified, published_at, received_at, withdrawn_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8) returning id`,
        [statusAfterIntake(undefined, summary.withdrawn !== undefined), summary.title, summary.severity, summary.malware, JSON.stringify(summary.affected), summary.modified ?? null, summary.published ?? null, context.at.toISOString(), summary.withdrawn ?? null],
      );
      const incident = `INC-${row!.id}`;
      await storeRecord(tx, row!.id, document, context.at);
      await appendAudit(tx, { incident, actor: context.actor, action: 'incident.create', inputs: recordInputs, result: summaryFields(summary, statusAfterIntake(undefined, summary.withdrawn !== undefined)) }, context.at);
      return { kind: 'created', incident };
    }
    case 'update': {
      const serial = serialOf(plan.incident);
      for (const younger of plan.absorb) await absorb(tx, serial, serialOf(younger), facts.id, context);
      const [row] = await tx.query<IncidentDbRow>(`select ${INCIDENT_COLUMNS} from incidents where id = $1 for update`, [serial]);
      const before = summariseRecords((await recordFactsOf(tx, [serial])).get(serial) ?? []);
      await storeRecord(tx, serial, document, context.at);
      const after = summariseRecords((await recordFactsOf(tx, [serial])).get(serial) ?? []);
      const status = statusAfterIntake(row!.status, after.withdrawn !== undefined);
      await tx.query(
        `update incidents set status = $2, title = $3, severity = $4, malware = $5, affected = $6, modified = $7, published_at = $8, withdrawn_at = $9, updated_at = $10 where id = $1`,
        [serial, status, after.title, after.severity, after.malware, JSON.stringify(after.affected), after.modified ?? null, after.published ?? null, after.withdrawn ?? null, context.at.toISOString()],
      );
      const differences = differ(summaryFields(before, row!.status), summaryFields(after, status));
      await appendAudit(tx, { incident: plan.incident, actor: context.actor, action: 'incident.update', inputs: recordInputs, result: { ...summaryFields(after, status), changed: differences } }, context.at);
      return { kind: 'updated', incident: plan.incident, absorbed: plan.absorb, changed: differences };
    }
  }
}

/** A younger incident shown to be the same advisory: its records and ids move to the older one, which keeps its id; the younger closes, pointing to it. */
async function absorb(tx: SqlExecutor, into: number, younger: number, record: string, context: IncidentContext): Promise<void> {
  await tx.query('update incident_records set incident_id = $1 where incident_id = $2', [into, younger]);
  await tx.query('update incident_aliases set incident_id = $1 where incident_id = $2', [into, younger]);
  await tx.query('delete from incident_exposures where incident_id = $1', [younger]);
  await tx.query(
    `update incidents set received_at = least(received_at, (select received_at from incidents where id = $2)), updated_at = $3 where id = $1`,
    [into, younger, context.at.toISOString()],
  );
  await tx.query(`update incidents set status = 'closed', closed_at = $2, merged_into = $3, updated_at = $2 where id = $1`, [younger, context.at.toISOString(), into]);
  await appendAudit(tx, { incident: `INC-${into}`, actor: context.actor, action: 'incident.merge', inputs: { record, linked: [`INC-${into}`, `INC-${younger}`] }, result: { kept: `INC-${into}`, absorbed: `INC-${younger}` } }, context.at);
}

async function storeRecord(tx: SqlExecutor, serial: number, document: AdvisoryDocument, at: Date): Promise<void> {
  const { facts } = document;
  await tx.query(
    `insert into incident_records (id, incident_id, format, modified, digest, facts, record, received_at) values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (id) do update set incident_id = excluded.incident_id, format = excluded.format, modified = excluded.modified, digest = excluded.digest, facts = excluded.facts, record = excluded.record`,
    [facts.id, serial, facts.format, facts.modified ?? null, facts.digest, JSON.stringify(facts), JSON.stringify(document.record), at.toISOString()],
  );
  const aliases = [...new Set([facts.id, ...facts.aliases].map((id) => id.toUpperCase()))];
  await tx.query('insert into incident_aliases (alias, incident_id) select unnest($1::text[]), $2 on conflict (alias) do nothing', [aliases, serial]);
}

function summaryFields(summary: IncidentSummary, status: IncidentStatus) {
  return { status, severity: summary.severity, malware: summary.malware, ids: summary.ids, affected: summary.affected, modified: summary.modified ?? null, withdrawn: summary.withdrawn ?? null };
}

function differ(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((key) => canonicalJson(before[key]) !== canonicalJson(after[key]));
}

function serialOf(incident: string): number {
  const serial = incidentSerial(incident);
  if (serial === undefined) throw new UsageError('BAD_ARGUMENT', `${JSON.stringify(incident)} is not an incident id (INC-<n>)`);
  return serial;
}

function sortExposures(exposures: readonly IncidentExposure[]): IncidentExposure[] {
  const key = (e: IncidentExposure) => [e.repository, e.ref, e.lockfile, e.ecosystem, e.name, e.version].join('\u0000');
  return [...exposures]
    .map((e) => ({ repository: e.repository, ref: e.ref, sha: e.sha, environments: [...e.environments].sort(), ecosystem: e.ecosystem, name: e.name, version: e.version, direct: e.direct, dev: e.dev, path: [...e.path], lockfile: e.lockfile, tier: e.tier }))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function byTier(exposures: readonly IncidentExposure[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of exposures) counts[`tier${e.tier}`] = (counts[`tier${e.tier}`] ?? 0) + 1;
  return counts;
}

