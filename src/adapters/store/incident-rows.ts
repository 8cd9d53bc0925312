import type { Severity } from '../../core/facts.js';
import { summariseRecords } from '../../core/incident/summarise.js';
import { incidentId, type AdvisoryRecordFacts, type AffectedRange, type Incident, type IncidentExposure, type IncidentStatus } from '../../core/incident/types.js';
import type { Tier } from '../../core/policy/policy.js';
import type { SqlExecutor } from './sql.js';

type Time = Date | string | null;

export interface IncidentDbRow {
  id: number;
  status: IncidentStatus;
  title: string;
  severity: Severity;
  malware: boolean;
  affected: string;
  modified: string | null;
  published_at: Time;
  received_at: Date | string;
  scoped_at: Time;
  contained_at: Time;
  verified_at: Time;
  remediated_at: Time;
  closed_at: Time;
  withdrawn_at: Time;
  merged_into: number | null;
}

export const INCIDENT_COLUMNS =
  'id, status, title, severity, malware, affected, modified, published_at, received_at, scoped_at, contained_at, verified_at, remediated_at, closed_at, withdrawn_at, merged_into';

/** Incidents read with the ids of their records (one query for the rows, one for their records). */
export async function loadIncidents(db: SqlExecutor, where: string, params: readonly unknown[]): Promise<Incident[]> {
  const rows = await db.query<IncidentDbRow>(`select ${INCIDENT_COLUMNS} from incidents ${where} order by id`, params);
  if (rows.length === 0) return [];
  const records = await recordFactsOf(db, rows.map((r) => r.id));
  return rows.map((row) => toIncident(row, records.get(row.id) ?? []));
}

/** Each incident's stored record facts, by incident serial. */
export async function recordFactsOf(db: SqlExecutor, serials: readonly number[]): Promise<Map<number, AdvisoryRecordFacts[]>> {
  const rows = await db.query<{ incident_id: number; facts: AdvisoryRecordFacts }>('select incident_id, facts from incident_records where incident_id = any($1::int[]) order by id', [serials]);
  const out = new Map<number, AdvisoryRecordFacts[]>();
  for (const row of rows) {
    const list = out.get(row.incident_id);
    if (list) list.push(row.facts);
    else out.set(row.incident_id, [row.facts]);
  }
  return out;
}

export function toIncident(row: IncidentDbRow, records: readonly AdvisoryRecordFacts[]): Incident {
  return {
    id: incidentId(row.id),
    status: row.status,
    title: row.title,
    severity: row.severity,
    malware: row.malware,
    ids: summariseRecords(records).ids,
    records: records.map((r) => r.id).sort(),
    affected: JSON.parse(row.affected) as AffectedRange[],
    modified: row.modified ?? undefined,
    times: {
      published: time(row.published_at),
      received: new Date(row.received_at),
      scoped: time(row.scoped_at),
      contained: time(row.contained_at),
      verified: time(row.verified_at),
      remediated: time(row.remediated_at),
      closed: time(row.closed_at),
      withdrawn: time(row.withdrawn_at),
    },
    mergedInto: row.merged_into === null ? undefined : incidentId(row.merged_into),
  };
}

interface ExposureDbRow {
  repository: string;
  ref: string;
  sha: string;
  environments: string;
  ecosystem: string;
  name: string;
  version: string;
  direct: boolean;
  dev: boolean;
  path: string;
  lockfile: string;
  tier: number;
}

export async function loadExposures(db: SqlExecutor, serial: number): Promise<IncidentExposure[]> {
  const rows = await db.query<ExposureDbRow>(
    `select repository, ref, sha, environments, ecosystem, name, version, direct, dev, path, lockfile, tier from incident_exposures
     where incident_id = $1 order by repository, ref, lockfile, ecosystem, name, version`,
    [serial],
  );
  return rows.map((row) => ({
    repository: row.repository,
    ref: row.ref,
    sha: row.sha,
    environments: JSON.parse(row.environments) as string[],
    ecosystem: row.ecosystem,
    name: row.name,
    version: row.version,
    direct: row.direct,
    dev: row.dev,
    path: JSON.parse(row.path) as string[],
    lockfile: row.lockfile,
    tier: row.tier as Tier,
  }));
}

const EXPOSURE_BATCH = 400;

export async function insertExposures(tx: SqlExecutor, serial: number, exposures: readonly IncidentExposure[]): Promise<void> {
  for (let start = 0; start < exposures.length; start += EXPOSURE_BATCH) {
    const batch = exposures.slice(start, start + EXPOSURE_BATCH);
    const params: unknown[] = [];
    const tuples = batch.map((e) => {
      const values = [serial, e.repository, e.ref, e.sha, JSON.stringify(e.environments), e.ecosystem, e.name, e.version, e.direct, e.dev, JSON.stringify(e.path), e.lockfile, e.tier];
      const at = params.length;
      params.push(...values);
      return `(${values.map((_, i) => `$${at + i + 1}`).join(', ')})`;
    });
    await tx.query(
      `insert into incident_exposures (incident_id, repository, ref, sha, environments, ecosystem, name, version, direct, dev, path, lockfile, tier) values ${tuples.join(', ')}`,
      params,
    );
  }
}

function time(value: Time): Date | undefined {
  return value === null ? undefined : new Date(value);
}
