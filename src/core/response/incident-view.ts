/**
 * What the GitHub side of the incident loop reads about one incident: a
 * plain view the incident store maps into, so issue rendering, the
 * deployment gate and approvals do not depend on how incidents are stored.
 */
import type { Exposure } from '../ports.js';

export type IncidentKind = 'malware' | 'vulnerability';
export type IncidentStatus = 'open' | 'withdrawn' | 'closed';
export type Tier = 1 | 2 | 3;

/** The incident actions a policy's action matrix names. */
export const INCIDENT_ACTIONS = ['issue', 'comment', 'block-pull-requests', 'block-deployments', 'remediation-prs'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

export interface IncidentView {
  /** The incident's own id (e.g. `GHSA-…` or `MAL-2025-…`), the key of every marker. */
  readonly id: string;
  readonly aliases: readonly string[];
  readonly title: string;
  readonly severity: string;
  readonly kind: IncidentKind;
  readonly status: IncidentStatus;
  /** The affected versions, as the advisory states them (for messages). */
  readonly affected: readonly AffectedPackage[];
  readonly timeline: IncidentTimeline;
  readonly exposures: readonly ExposureView[];
  /** Every repository the incident touches or touched, with what is known of it. */
  readonly repositories: readonly RepositoryView[];
}

export interface AffectedPackage {
  readonly ecosystem: string;
  readonly name: string;
  /** `4.4.2`, `>=1.0.0 <1.2.3`, … */
  readonly versions: string;
}

/** When each step of the loop happened; absent when it has not (yet). */
export interface IncidentTimeline {
  readonly publishedAt?: Date | undefined;
  readonly receivedAt: Date;
  readonly scopedAt?: Date | undefined;
  readonly containedAt?: Date | undefined;
  /** The last exposed repository converged. */
  readonly remediatedAt?: Date | undefined;
  readonly closedAt?: Date | undefined;
}

/** One place an affected version is present (one inventory snapshot component), with its risk tier. */
export interface ExposureView extends Exposure {
  readonly tier: Tier;
}

export interface RepositoryView {
  /** `owner/name`. */
  readonly repository: string;
  readonly defaultBranch: string;
  /** The inventory holds a snapshot of the default branch (without one, "free of it" cannot be said). */
  readonly defaultBranchScanned: boolean;
  /** Every environment's deployed SHA, from deployment records. */
  readonly deployments: readonly { readonly environment: string; readonly sha: string }[];
  /** Release tags the inventory holds snapshots of. */
  readonly releaseTags: readonly string[];
  /** CODEOWNERS owners (`@user`, `@org/team`). */
  readonly owners: readonly string[];
  readonly containment: readonly Containment[];
  readonly remediationPullRequests: readonly RemediationPullRequest[];
}

/** A containment measure in force for this repository (a gate, a block). */
export interface Containment {
  readonly action: IncidentAction;
  readonly since: Date;
  /** Set when an approved override lifted it. */
  readonly overriddenBy?: readonly string[] | undefined;
}

export interface RemediationPullRequest {
  readonly number: number;
  readonly url: string;
  readonly state: 'open' | 'merged' | 'closed';
  readonly title: string;
}
