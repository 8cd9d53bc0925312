import type { Severity } from '../facts.js';
import type { Decision, SignalId } from '../findings.js';
import { escapeMarkdown } from './escape-markdown.js';
import { advisoryUrl, isKnownAdvisoryId } from './verdict-links.js';
import { plainText } from './verdict-plain.js';

/** What each signal looks for, for rule descriptions (our text). */
export const SIGNAL_DESCRIPTIONS: Readonly<Record<SignalId, { readonly name: string; readonly text: string }>> = {
  vulnerability: { name: 'Vulnerability', text: 'A dependency version is affected by a known vulnerability.' },
  malware: { name: 'Malware', text: 'A dependency version is a known malicious package.' },
  'install-scripts': { name: 'InstallScripts', text: 'A dependency runs scripts at install time (preinstall, install, postinstall), newly or for the first time.' },
  provenance: { name: 'Provenance', text: 'A dependency version lacks provenance, has an invalid one, or trusts less or names another source than earlier versions of its line.' },
  'release-age': { name: 'ReleaseAge', text: 'A dependency version was published more recently than the cooldown allows.' },
  typosquat: { name: 'Typosquat', text: 'A dependency name imitates a popular package.' },
  license: { name: 'License', text: "A dependency's licence is denied, not allowed, or unknown." },
  source: { name: 'Source', text: 'A dependency comes from outside the allowed registries, lacks integrity, or its integrity changed for the same version.' },
  deprecated: { name: 'Deprecated', text: 'A dependency version is deprecated by its publisher.' },
  downgrade: { name: 'Downgrade', text: 'A dependency was moved to a lower version.' },
  'incomplete-lockfile': { name: 'IncompleteLockfile', text: 'A lockfile does not describe everything it installs: a dependency with no entry, or a manifest dependency missing from the lock; what is missing was not judged.' },
};

/** GitHub's bands: critical > 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9. */
const SEVERITY_SCORE: Readonly<Record<Severity, number | undefined>> = { critical: 9.5, high: 8, moderate: 5.5, low: 2, unknown: undefined };

/**
 * Advisory-based findings get one rule per advisory (what GitHub shows as the
 * alert's title and help), keyed by the first id of a known shape; every
 * other finding gets the rule of its signal.
 */
export function ruleIdOf(decision: Decision): string {
  const { signal, ids } = decision.finding;
  if (signal === 'vulnerability' || signal === 'malware') {
    const id = ids.find(isKnownAdvisoryId);
    if (id) return id;
  }
  return signal;
}

/** `security-severity` (0–10) of one finding: its CVSS score where the evidence has one, else its severity's band; malware is 10. */
export function securitySeverity(decision: Decision): number | undefined {
  const f = decision.finding;
  if (f.signal === 'malware') return 10;
  const cvss = f.evidence.cvssScore;
  if (typeof cvss === 'number' && cvss >= 0 && cvss <= 10) return cvss;
  return SEVERITY_SCORE[f.severity];
}

export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly helpUri?: string;
  readonly help: { readonly text: string; readonly markdown: string };
  readonly defaultConfiguration: { readonly level: 'error' | 'warning' | 'note' };
  readonly properties: { readonly tags: readonly string[]; readonly 'security-severity'?: string; readonly precision: 'high' };
}

/** One rule per rule id, in order of first use; the result's `ruleIndex` is its position. */
export function buildRules(decisions: readonly Decision[], informationUri: string): { rules: SarifRule[]; indexOf: Map<string, number> } {
  const groups = new Map<string, Decision[]>();
  for (const d of decisions) {
    const id = ruleIdOf(d);
    const list = groups.get(id);
    if (list) list.push(d);
    else groups.set(id, [d]);
  }
  const rules: SarifRule[] = [];
  const indexOf = new Map<string, number>();
  for (const [id, group] of groups) {
    indexOf.set(id, rules.length);
    rules.push(id === group[0]!.finding.signal ? signalRule(group, informationUri) : advisoryRule(id, group));
  }
  return { rules, indexOf };
}

function signalRule(group: readonly Decision[], informationUri: string): SarifRule {
  const signal = group[0]!.finding.signal;
  const { name, text } = SIGNAL_DESCRIPTIONS[signal];
  return {
    id: signal,
    name,
    shortDescription: { text },
    fullDescription: { text: `${text} chaingate judges it against the repository's policy (block, warn or allow).` },
    helpUri: informationUri,
    help: { text, markdown: `${text}\n\nThe outcome of each finding comes from the policy; see the chaingate check for the rule that decided it.` },
    defaultConfiguration: { level: 'warning' },
    properties: properties(group, signal),
  };
}

function advisoryRule(id: string, group: readonly Decision[]): SarifRule {
  const first = group[0]!.finding;
  const url = advisoryUrl(id)!;
  const title = first.title === '' ? id : first.title;
  const kind = first.signal === 'malware' ? 'Malicious package' : 'Vulnerable dependency';
  return {
    id,
    name: `${first.signal === 'malware' ? 'Malware' : 'Vulnerability'}/${id}`,
    shortDescription: { text: plainText(`${id}: ${title}`, 250) },
    fullDescription: { text: plainText(`${kind}: ${title}`, 1000) },
    helpUri: url,
    help: {
      text: plainText(`${kind} ${id}: ${title}. Details: ${url}`, 2000),
      markdown: `**${kind}** [${id}](${url}): ${escapeMarkdown(title, 1000)}`,
    },
    defaultConfiguration: { level: 'error' },
    properties: properties(group, first.signal),
  };
}

function properties(group: readonly Decision[], signal: SignalId): SarifRule['properties'] {
  const scores = group.map(securitySeverity).filter((s): s is number => s !== undefined);
  const tags = ['security', 'supply-chain', signal];
  return scores.length > 0 ? { tags, 'security-severity': Math.max(...scores).toFixed(1), precision: 'high' } : { tags, precision: 'high' };
}
