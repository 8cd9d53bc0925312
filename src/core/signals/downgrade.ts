import type { Finding, Signal, SignalInput } from '../findings.js';
import { makeFinding } from './finding.js';

/** A version replaced by an older one: often a revert, sometimes a way back to a vulnerable release. */
export const downgradeSignal: Signal = {
  id: 'downgrade',
  evaluate(input: SignalInput): readonly Finding[] {
    const { change } = input;
    if (change.type !== 'downgraded') return [];
    return [makeFinding('downgrade', 'low', change, `${change.name} downgraded from ${change.from} to ${change.to}`, [], { from: change.from, to: change.to })];
  },
};
