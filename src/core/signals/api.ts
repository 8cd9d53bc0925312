import type { Finding, GraphSignalInput, Signal, SignalId, SignalInput } from '../findings.js';
import { deprecatedSignal } from './deprecated.js';
import { downgradeSignal } from './downgrade.js';
import { incompleteLockfileSignal } from './incomplete-lockfile.js';
import { installScriptsSignal } from './install-scripts.js';
import { licenseSignal } from './license.js';
import { malwareSignal } from './malware.js';
import { provenanceSignal } from './provenance.js';
import { releaseAgeSignal } from './release-age.js';
import { sourceSignal } from './source.js';
import { typosquatSignal } from './typosquat.js';
import { vulnerabilitySignal } from './vulnerability.js';

/** Every signal, by id, in the order findings are reported. A new signal is one file and one line here. */
export const SIGNALS: ReadonlyMap<SignalId, Signal> = new Map<SignalId, Signal>([
  ['malware', malwareSignal],
  ['vulnerability', vulnerabilitySignal],
  ['install-scripts', installScriptsSignal],
  ['provenance', provenanceSignal],
  ['source', sourceSignal],
  ['typosquat', typosquatSignal],
  ['release-age', releaseAgeSignal],
  ['license', licenseSignal],
  ['deprecated', deprecatedSignal],
  ['downgrade', downgradeSignal],
  ['incomplete-lockfile', incompleteLockfileSignal],
]);

/**
 * Runs every signal over every change, in input order then signal order, so the same inputs always
 * give the same findings in the same order. A change that only removes a package is never judged:
 * removing a dependency never blocks.
 */
export function evaluateSignals(inputs: readonly SignalInput[], signals: ReadonlyMap<SignalId, Signal> = SIGNALS): Finding[] {
  const findings: Finding[] = [];
  for (const input of inputs) {
    if (input.change.type === 'removed') continue;
    for (const signal of signals.values()) findings.push(...signal.evaluate(input));
  }
  return findings;
}

/** Findings of the signals that judge the head's lockfiles as a whole (see {@link Signal.evaluateGraphs}), in signal order. */
export function evaluateGraphSignals(input: GraphSignalInput, signals: ReadonlyMap<SignalId, Signal> = SIGNALS): Finding[] {
  return [...signals.values()].flatMap((signal) => signal.evaluateGraphs?.(input) ?? []);
}
