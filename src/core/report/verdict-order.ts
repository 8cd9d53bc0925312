import type { Change } from '../diff/change.js';
import type { Severity } from '../facts.js';
import type { Decision, Outcome } from '../findings.js';

/** Most severe first. `unknown` sits below `moderate`: it may hide anything, so it outlives `low` when reports are cut. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'moderate', 'unknown', 'low'];

/** What stops a merge first. */
export const OUTCOME_ORDER: readonly Outcome[] = ['block', 'warn', 'allow'];

export function severityRank(severity: Severity): number {
  return SEVERITY_ORDER.indexOf(severity);
}

export function outcomeRank(outcome: Outcome): number {
  return OUTCOME_ORDER.indexOf(outcome);
}

/** The version a finding is about: the head version, or the base version of a removal. */
export function changeVersion(change: Change): string {
  return change.to ?? change.from ?? '';
}

/** Blocks, then warnings, then allowed; within each the most severe first, then by package, version and signal. */
export function compareDecisions(a: Decision, b: Decision): number {
  return (
    outcomeRank(a.outcome) - outcomeRank(b.outcome) ||
    severityRank(a.finding.severity) - severityRank(b.finding.severity) ||
    compareText(a.finding.change.name, b.finding.change.name) ||
    compareText(changeVersion(a.finding.change), changeVersion(b.finding.change)) ||
    compareText(a.finding.signal, b.finding.signal) ||
    compareText(a.finding.change.lockfile, b.finding.change.lockfile) ||
    compareText(a.finding.ids.join(','), b.finding.ids.join(','))
  );
}

/** A sorted copy, so every format lists findings in the same order. */
export function sortDecisions(decisions: readonly Decision[]): Decision[] {
  return [...decisions].sort(compareDecisions);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
