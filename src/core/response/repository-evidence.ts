import type { Containment, ExposureView, IncidentView, RemediationPullRequest, RepositoryView, Tier } from './incident-view.js';

/** What the inventory and GitHub say about one repository, read as the checklist's evidence. */
export interface RepositoryEvidence {
  readonly repository: RepositoryView;
  /** This repository's exposures, sorted by ref, package, version, lockfile. */
  readonly exposures: readonly ExposureView[];
  /** The highest risk (lowest number) among the exposures; 3 with none. */
  readonly tier: Tier;
  /** `undefined` when the inventory holds no snapshot of the default branch. */
  readonly defaultBranchFree: boolean | undefined;
  readonly environments: readonly { readonly environment: string; readonly sha: string; readonly free: boolean }[];
  /** Release tags whose snapshot still holds an affected version. */
  readonly tagsShipping: readonly string[];
  readonly containment: readonly Containment[];
  readonly remediation: readonly RemediationPullRequest[];
  /**
   * Verification passed: the default branch (scanned) and every deployed
   * environment are free of the affected versions. Release tags are history
   * and do not hold the issue open; they are listed under Recover.
   */
  readonly verified: boolean;
}

export function repositoryEvidence(incident: IncidentView, repository: RepositoryView): RepositoryEvidence {
  const exposures = incident.exposures.filter((e) => e.repository === repository.repository).sort(compareExposures);
  const exposedShas = new Set(exposures.map((e) => e.sha));
  const defaultBranchFree = repository.defaultBranchScanned ? !exposures.some((e) => e.ref === repository.defaultBranch) : undefined;
  const environments = [...repository.deployments]
    .sort((a, b) => a.environment.localeCompare(b.environment))
    .map((d) => ({ environment: d.environment, sha: d.sha, free: !exposedShas.has(d.sha) && !exposures.some((e) => e.environments.includes(d.environment)) }));
  const tags = new Set(repository.releaseTags);
  const tagsShipping = [...new Set(exposures.filter((e) => tags.has(e.ref)).map((e) => e.ref))].sort();
  return {
    repository,
    exposures,
    tier: exposures.reduce<Tier>((min, e) => (e.tier < min ? e.tier : min), 3),
    defaultBranchFree,
    environments,
    tagsShipping,
    containment: [...repository.containment].sort((a, b) => a.action.localeCompare(b.action)),
    remediation: [...repository.remediationPullRequests].sort((a, b) => a.number - b.number),
    verified: defaultBranchFree === true && environments.every((e) => e.free),
  };
}

function compareExposures(a: ExposureView, b: ExposureView): number {
  return a.ref.localeCompare(b.ref) || a.name.localeCompare(b.name) || a.version.localeCompare(b.version) || a.lockfile.localeCompare(b.lockfile) || a.path.join('>').localeCompare(b.path.join('>'));
}
