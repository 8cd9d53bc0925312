import type { DiffResult } from '../diff/change.js';
import { diffRepositories } from '../diff/index.js';
import type { Finding, SignalInput, SignalSettings, Verdict } from '../findings.js';
import type { DependencyGraph } from '../model.js';
import { judge, type Policy } from '../policy/index.js';
import { packageKey } from '../ports.js';
import { evaluateGraphSignals, evaluateSignals } from '../signals/api.js';
import { type FactSources, gatherFacts, type GatheredFacts, headRef } from './gather-facts.js';

export interface CheckInput {
  readonly base: readonly DependencyGraph[];
  readonly head: readonly DependencyGraph[];
  /** Resolved from the base side (never from the head a pull request controls). */
  readonly policy: Policy;
  readonly settings: SignalSettings;
  readonly sources: FactSources;
  /** Facts the caller already knows are missing (e.g. offline with no advisory data). */
  readonly unavailable?: GatheredFacts['unavailable'];
  readonly now: Date;
}

export interface CheckResult {
  readonly diff: DiffResult;
  readonly facts: GatheredFacts;
  readonly findings: readonly Finding[];
  readonly verdict: Verdict;
}

/**
 * The one code path every shell runs: diff base against head, gather facts
 * for what the head brings in, run every signal, and let the policy decide.
 */
export async function runCheck(input: CheckInput): Promise<CheckResult> {
  const diff = diffRepositories(input.base, input.head);
  const gathered = await gatherFacts(diff.changes, input.sources);
  const facts = { ...gathered, unavailable: [...(input.unavailable ?? []), ...gathered.unavailable] };
  const signalInputs: SignalInput[] = [];
  for (const change of diff.changes) {
    const ref = headRef(change);
    if (change.type === 'removed' || !ref) continue;
    signalInputs.push({
      change,
      advisories: facts.advisories.get(packageKey(ref)) ?? [],
      metadata: facts.metadata.get(`${ref.ecosystem}:${ref.name}`),
      provenance: facts.provenance.get(packageKey(ref)),
      settings: input.settings,
      now: input.now,
    });
  }
  const findings = [...evaluateSignals(signalInputs), ...evaluateGraphSignals({ base: input.base, head: input.head })];
  const verdict = judge(findings, facts.unavailable, input.policy, input.now);
  return { diff, facts, findings, verdict };
}
