import type { UnavailableFacts } from '../facts.js';
import type { AppliedException, Conclusion, Decision, Finding, Outcome, Verdict } from '../findings.js';
import { actionMode } from './action-matrix.js';
import { conditionsMatch, exceptionMatches, signalMatches, tierOf } from './match.js';
import type { Policy, PolicyException } from './policy.js';

/** Rule id of the decision for a finding about a package the change only removes. */
export const REMOVED_RULE = 'removed';

/**
 * Judges findings with a policy. For each finding, in order:
 *
 * 1. its tier comes from the policy's tier definitions;
 * 2. a finding about a `removed` change is allowed (rule `removed`): removing
 *    a package never blocks;
 * 3. an unexpired exception that covers it allows it (rule `exception:<id>`);
 * 4. a finding from an open incident (evidence `incident`) blocks when the
 *    action matrix makes `block-pull-requests` automatic for its tier
 *    (rule `incident:<id>`);
 * 5. otherwise the first rule that matches decides, or the signal's default
 *    (rule `default:<signal>`).
 *
 * An exception applies through its `expires` day (UTC); after that it is
 * listed in `expiredExceptions` and applies no more. Unexpired exceptions
 * that covered no finding are listed in `unusedExceptions`. The conclusion
 * is `failure` when any finding or unavailable fact source is `block`,
 * `neutral` when any is `warn`, `success` otherwise.
 *
 * @param today the day the check runs (its UTC date is compared with expiry dates)
 */
export function judge(findings: readonly Finding[], unavailable: readonly UnavailableFacts[], policy: Policy, today: Date): Verdict {
  const day = today.toISOString().slice(0, 10);
  const active = policy.exceptions.filter((e) => e.expires >= day);
  const used = new Set<PolicyException>();
  const decisions = findings.map((finding) => decide(finding, policy, active, used));
  const judgedUnavailable = unavailable.map((facts) => ({ ...facts, outcome: policy.unavailable[facts.kind] }));
  const counts = { block: 0, warn: 0, allow: 0 };
  for (const decision of decisions) counts[decision.outcome]++;
  const outcomes = [...decisions.map((d) => d.outcome), ...judgedUnavailable.map((u) => u.outcome)];
  return {
    conclusion: conclude(outcomes),
    decisions,
    unavailable: judgedUnavailable,
    expiredExceptions: policy.exceptions.filter((e) => e.expires < day).map(applied),
    unusedExceptions: active.filter((e) => !used.has(e)).map(applied),
    counts,
  };
}

function decide(finding: Finding, policy: Policy, active: readonly PolicyException[], used: Set<PolicyException>): Decision {
  const tier = tierOf(finding, policy.tiers);
  if (finding.change.type === 'removed') return { finding, outcome: 'allow', rule: REMOVED_RULE, tier };
  const exception = active.find((e) => exceptionMatches(e, finding));
  if (exception) {
    used.add(exception);
    return { finding, outcome: 'allow', rule: `exception:${exception.id}`, tier, exception: applied(exception) };
  }
  const incident = finding.evidence['incident'];
  if (typeof incident === 'string' && actionMode(policy.response, tier, 'block-pull-requests') === 'automatic') {
    return { finding, outcome: 'block', rule: `incident:${incident}`, tier };
  }
  const rule = policy.rules.find((r) => signalMatches(r.signals, finding.signal) && conditionsMatch(r.when, finding, tier));
  if (rule) return { finding, outcome: rule.outcome, rule: rule.id, tier };
  return { finding, outcome: policy.defaults[finding.signal], rule: `default:${finding.signal}`, tier };
}

/** `failure` if anything blocks, `neutral` if anything warns, `success` otherwise. */
export function conclude(outcomes: readonly Outcome[]): Conclusion {
  if (outcomes.includes('block')) return 'failure';
  if (outcomes.includes('warn')) return 'neutral';
  return 'success';
}

function applied(exception: PolicyException): AppliedException {
  return { id: exception.id, reason: exception.reason, owner: exception.owner, expires: exception.expires };
}
