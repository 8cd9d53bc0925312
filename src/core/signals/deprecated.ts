import type { Finding, Signal, SignalInput } from '../findings.js';
import { label, makeFinding } from './finding.js';

/** The registry marks the head version deprecated; the maintainer's message is the evidence. */
export const deprecatedSignal: Signal = {
  id: 'deprecated',
  evaluate(input: SignalInput): readonly Finding[] {
    const version = input.change.to;
    const message = version === undefined ? undefined : input.metadata?.versions.get(version)?.deprecated;
    if (message === undefined) return [];
    return [makeFinding('deprecated', 'low', input.change, `${label(input.change)} is deprecated: ${message}`, [], { message })];
  },
};
