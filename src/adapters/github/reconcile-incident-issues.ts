import { desiredChecklistIssue } from '../../core/response/checklist-issue.js';
import type { DesiredIssue } from '../../core/response/desired-issue.js';
import { transitionMarker } from '../../core/response/incident-marker.js';
import type { IncidentView, Tier } from '../../core/response/incident-view.js';
import { type IssueStep, planIssue } from '../../core/response/issue-plan.js';
import type { OwnersMode } from '../../core/response/owners.js';
import { repositoryEvidence } from '../../core/response/repository-evidence.js';
import { desiredSummaryIssue } from '../../core/response/summary-issue.js';
import type { IncidentIssues } from './incident-issues.js';
import { rateLimitRetryAfter } from './pacer.js';
import type { RepoRef } from './requester.js';

export interface ReconcileIssuesOptions {
  readonly owners: OwnersMode;
  /** `owner/name` of the central repository for the summary issue; none: no summary. */
  readonly summaryRepository?: string | undefined;
  /** Repositories worked at once (their writes still go one at a time through the pacer). */
  readonly concurrency?: number;
}

export interface IssueOutcome {
  readonly repository: string;
  /** The issue's number, when there is one. */
  readonly issue?: number | undefined;
  readonly steps: readonly IssueStep['kind'][];
  /** Why this repository did not converge this time (it is retried on the next reconciliation). */
  readonly error?: string | undefined;
}

export interface ReconcileIssuesReport {
  readonly checklists: readonly IssueOutcome[];
  readonly summary?: IssueOutcome | undefined;
  /** Every issue matches its desired state. */
  readonly converged: boolean;
}

/**
 * Level-triggered: brings every repository's checklist issue (and the
 * summary issue) to the incident's desired state, tier 1 repositories
 * first. Each repository is looked up, compared and changed only where it
 * differs, so running this any number of times leaves one issue per
 * (incident, repository). A repository that fails is reported and the
 * others go on; the caller reconciles again later.
 */
export async function reconcileIncidentIssues(
  issuesFor: (repository: string) => Promise<IncidentIssues>,
  incident: IncidentView,
  options: ReconcileIssuesOptions,
): Promise<ReconcileIssuesReport> {
  const ordered = incident.repositories
    .map((repository) => ({ repository, tier: repositoryEvidence(incident, repository).tier }))
    .sort((a, b) => a.tier - b.tier || a.repository.repository.localeCompare(b.repository.repository));
  const checklists: IssueOutcome[] = new Array<IssueOutcome>(ordered.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ordered.length) {
      const index = next++;
      const { repository, tier } = ordered[index]!;
      const desired = desiredChecklistIssue(incident, repository, { owners: options.owners });
      checklists[index] = await reconcileIssue(issuesFor, desired, incident.id, tier);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  let summary: IssueOutcome | undefined;
  if (options.summaryRepository) {
    const numbers = new Map(checklists.filter((c) => c.issue !== undefined).map((c) => [c.repository, c.issue!]));
    const desired = desiredSummaryIssue(incident, { repository: options.summaryRepository, checklistIssues: numbers });
    summary = await reconcileIssue(issuesFor, desired, incident.id, 1);
  }
  return { checklists, summary, converged: [...checklists, ...(summary ? [summary] : [])].every((c) => c.error === undefined) };
}

/**
 * Brings one issue to its desired state (look, compare, apply the
 * difference): the unit a job per (incident, repository) runs. Failures are
 * returned in the outcome, not thrown.
 */
export async function reconcileIssue(issuesFor: (repository: string) => Promise<IncidentIssues>, desired: DesiredIssue, incidentId: string, tier: Tier): Promise<IssueOutcome> {
  const steps: IssueStep['kind'][] = [];
  let number: number | undefined;
  try {
    const issues = await issuesFor(desired.repository);
    const repo = repoRef(desired.repository);
    const markerOf = (state: 'open' | 'closed'): string => transitionMarker(incidentId, state);
    const found = await issues.find(repo, desired.marker);
    number = found?.number;
    const lastTransition = found && found.state !== desired.state ? await issues.lastTransition(repo, found.number, markerOf) : undefined;
    for (const step of planIssue(found ? { ...found, lastTransition } : undefined, desired)) {
      steps.push(step.kind);
      number = await apply(issues, repo, number, step, desired, tier, markerOf);
    }
    return { repository: desired.repository, issue: number, steps };
  } catch (error) {
    return { repository: desired.repository, issue: number, steps, error: error instanceof Error ? error.message : String(error) };
  }
}

async function apply(
  issues: IncidentIssues,
  repo: RepoRef,
  number: number | undefined,
  step: IssueStep,
  desired: DesiredIssue,
  tier: Tier,
  markerOf: (state: 'open' | 'closed') => string,
): Promise<number | undefined> {
  switch (step.kind) {
    case 'create':
      try {
        return await issues.create(repo, desired, tier);
      } catch (error) {
        // A 5xx or a timeout may come after GitHub created it: look before anyone tries again.
        const found = rateLimitRetryAfter(error, Date.now()) === undefined ? await issues.find(repo, desired.marker) : undefined;
        if (found) return found.number;
        throw error;
      }
    case 'update':
      await issues.update(repo, number!, step, tier);
      return number;
    case 'comment': {
      const body = `${markerOf(step.state)}\n${step.body}`;
      try {
        await issues.comment(repo, number!, body, tier);
      } catch (error) {
        if ((await issues.lastTransition(repo, number!, markerOf)) !== step.state) throw error;
      }
      return number;
    }
  }
}

function repoRef(fullName: string): RepoRef {
  const [owner, repo, ...rest] = fullName.split('/');
  if (!owner || !repo || rest.length > 0) throw new Error(`${JSON.stringify(fullName)} is not an owner/name repository`);
  return { owner, repo };
}
