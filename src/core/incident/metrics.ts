import type { Incident } from './types.js';

/** Durations in milliseconds; `undefined` until both ends are known. */
export interface IncidentMetrics {
  /** Advisory published → received by chaingate. */
  readonly timeToDetectMs?: number | undefined;
  /** Received → exposures scoped. */
  readonly timeToScopeMs?: number | undefined;
  /** Received → containment in force. */
  readonly timeToContainMs?: number | undefined;
  /** Received → the last exposure gone. */
  readonly timeToRemediateMs?: number | undefined;
  /** Received → closed. */
  readonly timeToCloseMs?: number | undefined;
}

export function incidentMetrics(incident: Incident): IncidentMetrics {
  const { published, received, scoped, contained, remediated, closed } = incident.times;
  return {
    timeToDetectMs: between(published, received),
    timeToScopeMs: between(received, scoped),
    timeToContainMs: between(received, contained),
    timeToRemediateMs: between(received, remediated),
    timeToCloseMs: between(received, closed),
  };
}

/** Over many incidents: how many were closed, and how many of those had passed verification first. */
export function closedWithEvidence(incidents: readonly Incident[]): { readonly closed: number; readonly verified: number } {
  const closed = incidents.filter((i) => i.status === 'closed');
  return { closed: closed.length, verified: closed.filter((i) => i.times.verified !== undefined).length };
}

function between(from: Date | undefined, to: Date | undefined): number | undefined {
  return from === undefined || to === undefined ? undefined : to.getTime() - from.getTime();
}
