import type { Severity } from '../facts.js';
import type { Tier } from '../policy/policy.js';
import type { Exposure } from '../ports.js';

/**
 * An incident: one advisory (with all its twins: a GHSA, its MAL- and CVE
 * aliases) that chaingate responds to. Its life: open → contained →
 * verified → closed; withdrawn when every advisory record behind it is.
 */
export type IncidentStatus = 'open' | 'contained' | 'verified' | 'closed' | 'withdrawn';

export const INCIDENT_STATUSES: readonly IncidentStatus[] = ['open', 'contained', 'verified', 'closed', 'withdrawn'];

/** The formats an advisory record arrives in. */
export type AdvisoryFormat = 'osv' | 'github';

/** One package an advisory names, and its affected versions as the advisory gives them (for people). */
export interface AffectedRange {
  readonly ecosystem: string;
  readonly name: string;
  readonly versions: string;
}

/** What the incident rules need of one advisory record (an OSV record or a GitHub advisory), normalised by the adapters. */
export interface AdvisoryRecordFacts {
  /** The record's own id: `GHSA-…`, `MAL-…`, `CVE-…`. */
  readonly id: string;
  readonly aliases: readonly string[];
  readonly format: AdvisoryFormat;
  /** ISO time of the record's last change (OSV `modified`, GitHub `updated_at`), where given. */
  readonly modified?: string | undefined;
  readonly published?: string | undefined;
  readonly withdrawn?: string | undefined;
  /** Untrusted text. */
  readonly summary: string;
  readonly severity: Severity;
  readonly malware: boolean;
  readonly affected: readonly AffectedRange[];
  /** Digest of the record's content: equal digest, same record (a re-run changes nothing). */
  readonly digest: string;
}

/** The times an incident's metrics are computed from; absent until the step happened. */
export interface IncidentTimes {
  /** The advisory's publication (earliest of its records). */
  readonly published?: Date | undefined;
  /** When chaingate first received it (detect). */
  readonly received: Date;
  /** When its exposures were first scoped. */
  readonly scoped?: Date | undefined;
  readonly contained?: Date | undefined;
  /** When verification first passed (every exposure shown gone by evidence). */
  readonly verified?: Date | undefined;
  /** When the last exposure went away (every exposed repository converged). */
  readonly remediated?: Date | undefined;
  readonly closed?: Date | undefined;
  readonly withdrawn?: Date | undefined;
}

/** One place an incident's affected versions are present, with the tier the policy gives it. */
export interface IncidentExposure extends Exposure {
  readonly tier: Tier;
}

/** An incident as stored. */
export interface Incident {
  /** `INC-<n>`: stable, what people and markers name. */
  readonly id: string;
  readonly status: IncidentStatus;
  /** Untrusted text: the preferred record's summary. */
  readonly title: string;
  readonly severity: Severity;
  readonly malware: boolean;
  /** Every advisory id and alias the incident answers to, sorted. */
  readonly ids: readonly string[];
  /** The ids of the advisory records stored for it (a subset of `ids`), sorted. */
  readonly records: readonly string[];
  readonly affected: readonly AffectedRange[];
  /** Latest `modified` of its records. */
  readonly modified?: string | undefined;
  readonly times: IncidentTimes;
  /** Set when a later record showed it is the same advisory as an older incident, which absorbed it. */
  readonly mergedInto?: string | undefined;
}

/** An incident in a list: how many exposures it has, in how many repositories. */
export interface IncidentListing extends Incident {
  readonly exposureCount: number;
  readonly repositoryCount: number;
}

/** An incident with its current exposures. */
export interface IncidentDetail extends Incident {
  readonly exposures: readonly IncidentExposure[];
}

const INCIDENT_ID = /^INC-([1-9][0-9]{0,9})$/;

export function incidentId(serial: number): string {
  return `INC-${serial}`;
}

/** The serial of `INC-<n>`, or `undefined` for anything else. */
export function incidentSerial(id: string): number | undefined {
  const match = INCIDENT_ID.exec(id.trim().toUpperCase());
  return match ? Number(match[1]) : undefined;
}

/** Open, contained or verified: the incident still gates (withdrawn and closed ones do not). */
export function isActive(status: IncidentStatus): boolean {
  return status === 'open' || status === 'contained' || status === 'verified';
}
