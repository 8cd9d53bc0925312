import semver from 'semver';
import type { Severity } from '../facts.js';
import type { Finding, SignalId } from '../findings.js';
import { compileGlob } from './glob.js';
import type { PolicyConditions, PolicyException, Tier, TierDefinition } from './policy.js';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 4, high: 3, moderate: 2, low: 1, unknown: 0 };

// Each pattern is compiled once; a policy holds at most MAX_POLICY_GLOBS of them, and the bound keeps a
// long-lived process (the App, many policies) from growing without end.
const MAX_COMPILED = 10_000;
const globs = new Map<string, (text: string) => boolean>();

function globMatches(pattern: string, text: string): boolean {
  let matcher = globs.get(pattern);
  if (!matcher) {
    if (globs.size >= MAX_COMPILED) globs.clear();
    matcher = compileGlob(pattern);
    globs.set(pattern, matcher);
  }
  return matcher(text);
}

export function signalMatches(signals: readonly SignalId[] | '*', signal: SignalId): boolean {
  return signals === '*' || signals.includes(signal);
}

/** Whether every condition given holds for the finding (a tier condition needs the finding's tier). */
export function conditionsMatch(when: PolicyConditions, finding: Finding, tier?: Tier): boolean {
  const { change } = finding;
  if (when.severity && !when.severity.includes(finding.severity)) return false;
  if (when.minSeverity && SEVERITY_RANK[finding.severity] < SEVERITY_RANK[when.minSeverity]) return false;
  if (when.direct !== undefined && change.direct !== when.direct) return false;
  if (when.dev !== undefined && change.dev !== when.dev) return false;
  if (when.change && !when.change.includes(change.type)) return false;
  if (when.ecosystem && !when.ecosystem.includes(change.ecosystem)) return false;
  if (when.package && !when.package.some((p) => globMatches(p, change.name))) return false;
  if (when.workspace && !when.workspace.some((p) => change.workspaces.some((w) => globMatches(p, w)))) return false;
  if (when.evidence && !Object.entries(when.evidence).every(([key, value]) => evidenceHas(finding, key, value))) return false;
  if (when.tier && (tier === undefined || !when.tier.includes(tier))) return false;
  return true;
}

function evidenceHas(finding: Finding, key: string, value: string | number | boolean): boolean {
  const actual = Object.hasOwn(finding.evidence, key) ? finding.evidence[key] : undefined;
  return Array.isArray(actual) ? actual.includes(value as string) : actual === value;
}

/** The first tier definition that matches decides; a finding none matches is tier 3. */
export function tierOf(finding: Finding, tiers: readonly TierDefinition[]): Tier {
  const definition = tiers.find((t) => signalMatches(t.signals, finding.signal) && conditionsMatch(t.when, finding));
  return definition?.tier ?? 3;
}

/** Whether an exception covers a finding (expiry is the caller's concern). */
export function exceptionMatches(exception: PolicyException, finding: Finding): boolean {
  const { change } = finding;
  if (exception.ecosystem !== undefined && exception.ecosystem !== change.ecosystem) return false;
  if (!globMatches(exception.package, change.name)) return false;
  if (exception.signals && !exception.signals.includes(finding.signal)) return false;
  if (exception.ids) {
    const wanted = new Set(exception.ids.map((id) => id.toUpperCase()));
    if (!finding.ids.some((id) => wanted.has(id.toUpperCase()))) return false;
  }
  if (exception.version !== undefined) {
    const version = change.to ?? change.from;
    if (version === undefined || !semver.satisfies(version, exception.version, { loose: true, includePrerelease: true })) return false;
  }
  return true;
}
