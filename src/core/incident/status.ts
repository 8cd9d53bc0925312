import type { IncidentStatus, IncidentTimes } from './types.js';

/**
 * Moves the reconciliation may make: forward (a step may be skipped, e.g. an
 * incident that exposed nothing closes at once), and back to open when an
 * affected version comes back. Withdrawal is decided by intake alone.
 */
const MOVES: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  open: ['contained', 'verified', 'closed'],
  contained: ['open', 'verified', 'closed'],
  verified: ['open', 'closed'],
  closed: ['open'],
  withdrawn: [],
};

export function canMove(from: IncidentStatus, to: IncidentStatus): boolean {
  return MOVES[from].includes(to);
}

/** The times a move records: the first time each step is reached (a reopened incident keeps its history). */
export function timesAfterMove(times: IncidentTimes, to: IncidentStatus, at: Date): IncidentTimes {
  switch (to) {
    case 'contained':
      return { ...times, contained: times.contained ?? at };
    case 'verified':
      return { ...times, contained: times.contained ?? at, verified: times.verified ?? at };
    case 'closed':
      return { ...times, closed: at };
    case 'open':
      return { ...times, closed: undefined };
    case 'withdrawn':
      return { ...times, withdrawn: times.withdrawn ?? at };
  }
}
