import type { Finding, Signal, SignalInput } from '../findings.js';
import { label, makeFinding } from './finding.js';
import { judgeLicense } from './license-policy.js';

/**
 * The head version's licence (as the lockfile records it) against the policy's allow and deny lists.
 * A missing or unreadable licence is a finding too, with `unknown: true`: the policy decides whether
 * that blocks, warns or passes.
 */
export const licenseSignal: Signal = {
  id: 'license',
  evaluate(input: SignalInput): readonly Finding[] {
    const { change, settings } = input;
    if (change.to === undefined) return [];
    const expression = change.headNode?.license;
    const judgement = judgeLicense(expression, settings.licenses);
    switch (judgement.status) {
      case 'ok':
        return [];
      case 'unknown':
        return [makeFinding('license', 'low', change, `${label(change)} has no recognisable licence (${judgement.reason})`, [], { unknown: true, license: expression, reason: judgement.reason })];
      case 'denied':
        return [makeFinding('license', 'high', change, `${label(change)} is licensed under denied ${judgement.terms.join(', ')}`, [], { unknown: false, license: expression, denied: judgement.terms })];
      case 'not-allowed':
        return [makeFinding('license', 'moderate', change, `${label(change)} licence ${expression} is not on the allow list`, [], { unknown: false, license: expression, notAllowed: judgement.terms })];
    }
  },
};
