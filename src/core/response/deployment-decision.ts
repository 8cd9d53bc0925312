import type { Tier } from './incident-view.js';

/** What an open incident says about one package, as the deployment gate needs it. */
export interface OpenIncidentAffected {
  readonly incident: string;
  readonly ecosystem: string;
  readonly name: string;
  /** How the advisory states the versions, for the reason. */
  readonly versions: string;
  readonly affects: (version: string) => boolean;
  /** The tier of a runtime exposure in the repository asking (malware: 1). */
  readonly tier: Tier;
  /** The tier of a dev-only exposure (defaults to `tier`). */
  readonly devTier?: Tier | undefined;
  /** Logins whose approvals lifted the deployment block for this incident (an approved override). */
  readonly overriddenBy?: readonly string[] | undefined;
}

/** One package of the commit being deployed. */
export interface DeployedComponent {
  readonly ecosystem: string;
  readonly name: string;
  readonly version: string;
  readonly dev: boolean;
  readonly lockfile: string;
}

export interface DeploymentDecision {
  readonly state: 'approved' | 'rejected';
  /** The review comment GitHub shows on the deployment (plain text, bounded). */
  readonly comment: string;
  /** The tier-1 exposures that block (or would have, when overridden). */
  readonly blocking: readonly { readonly incident: string; readonly component: DeployedComponent; readonly overriddenBy?: readonly string[] | undefined }[];
}

/** GitHub shows the review comment on the run; long lists are cut to this many characters. */
const MAX_COMMENT = 1000;

/**
 * A deployment is rejected when its commit holds an affected version whose
 * exposure is tier 1, unless an approved override lifted that incident's
 * deployment block; otherwise it is approved. The comment gives the reason.
 */
export function decideDeployment(environment: string, components: readonly DeployedComponent[], affected: readonly OpenIncidentAffected[]): DeploymentDecision {
  const blocking: DeploymentDecision['blocking'][number][] = [];
  for (const entry of affected) {
    for (const component of components) {
      if (component.ecosystem !== entry.ecosystem || component.name !== entry.name || !entry.affects(component.version)) continue;
      const tier = component.dev ? (entry.devTier ?? entry.tier) : entry.tier;
      if (tier === 1) blocking.push({ incident: entry.incident, component, overriddenBy: entry.overriddenBy?.length ? entry.overriddenBy : undefined });
    }
  }
  blocking.sort((a, b) => a.incident.localeCompare(b.incident) || a.component.name.localeCompare(b.component.name) || a.component.lockfile.localeCompare(b.component.lockfile));
  const env = plain(environment, 100);
  const active = blocking.filter((b) => !b.overriddenBy);
  if (active.length > 0) {
    const list = active.map((b) => `${plain(b.component.name, 100)}@${plain(b.component.version, 50)} (${plain(b.incident, 100)}, ${plain(b.component.lockfile, 200)})`);
    return { state: 'rejected', blocking, comment: clip(`chaingate: deployment to ${env} rejected: tier-1 exposure to an open incident: ${list.join('; ')}. Remove the affected version, or approve an override in the incident issue.`) };
  }
  if (blocking.length > 0) {
    const who = [...new Set(blocking.flatMap((b) => b.overriddenBy ?? []))].map((l) => plain(l, 40));
    return { state: 'approved', blocking, comment: clip(`chaingate: deployment to ${env} approved by override (approved by ${who.join(', ')}) despite tier-1 exposures to ${[...new Set(blocking.map((b) => plain(b.incident, 100)))].join(', ')}.`) };
  }
  return { state: 'approved', blocking, comment: `chaingate: no tier-1 exposure to an open incident in this commit; deployment to ${env} approved.` };
}

/** Untrusted text on one line: no control characters, no mentions, bounded. */
function plain(text: string, max: number): string {
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]/gu, ' ').replace(/@/gu, '@\u200b').replace(/[<>]/gu, '');
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

function clip(text: string): string {
  return text.length > MAX_COMMENT ? `${text.slice(0, MAX_COMMENT - 1)}…` : text;
}
