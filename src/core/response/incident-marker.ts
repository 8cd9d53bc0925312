import { UsageError } from '../errors.js';

/** Incident ids as advisories spell them: `GHSA-xxxx-xxxx-xxxx`, `MAL-2025-1234`, `CVE-2025-1234`, `PYSEC-…`. */
const INCIDENT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/u;

/**
 * The hidden marker that finds chaingate's checklist issue of one incident
 * again (the body is ours to rewrite; the marker is how a rerun, a restart
 * or a redelivered webhook sees what it already did).
 * @throws {UsageError} BAD_ARGUMENT for an id that could break out of an HTML comment
 */
export function incidentMarker(incidentId: string): string {
  return `<!-- chaingate:incident:${checkedId(incidentId)} -->`;
}

/** The marker of the central summary issue of one incident. */
export function summaryMarker(incidentId: string): string {
  return `<!-- chaingate:incident-summary:${checkedId(incidentId)} -->`;
}

/** The marker of a comment chaingate posted when it closed or reopened an incident issue. */
export function transitionMarker(incidentId: string, state: 'open' | 'closed'): string {
  return `<!-- chaingate:incident-state:${checkedId(incidentId)}:${state} -->`;
}

/** The incident id an issue body's first chaingate incident marker names, if any. */
export function incidentIdOf(body: string): string | undefined {
  const id = /<!-- chaingate:incident:([A-Za-z0-9._:-]{1,100}) -->/u.exec(body)?.[1];
  return id !== undefined && INCIDENT_ID.test(id) ? id : undefined;
}

/** Whether the incident id is one markers and commands accept. */
export function isIncidentId(value: string): boolean {
  return INCIDENT_ID.test(value);
}

function checkedId(id: string): string {
  if (!INCIDENT_ID.test(id)) throw new UsageError('BAD_ARGUMENT', `incident id ${JSON.stringify(id.slice(0, 120))} is not an advisory id (letters, digits, ".", "_", ":", "-", at most 100)`);
  return id;
}
