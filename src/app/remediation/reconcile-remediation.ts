import { githubCommitFiles } from '../../adapters/github/api-repo-files.js';
import { branchHead } from '../../adapters/github/commit-to-branch.js';
import { previousLockfileVersions } from '../../adapters/github/lockfile-history.js';
import type { GitHubRequester, RepoRef } from '../../adapters/github/requester.js';
import { osvAffectedPackages, type OsvRecord } from '../../adapters/osv/index.js';
import { type LockfileRegeneration, remediateLockfile, type RemediationOutcome } from '../../adapters/remediation/index.js';
import { UpstreamError } from '../../core/errors.js';
import type { PackageMetadata } from '../../core/facts.js';
import { DEFAULT_LIMITS, type Limits } from '../../core/limits.js';
import { cooldownBypasses } from '../../core/remediation/index.js';
import { closeRemediation } from './close-remediation.js';
import { CLOSED_BY_CHAINGATE, findRemediationPullRequest } from './find-remediation-pr.js';
import { publishRemediation, type PublishResult } from './publish-remediation.js';

export interface ReconcileRemediationInput {
  readonly client: GitHubRequester;
  readonly repository: RepoRef;
  /** The default branch: its lockfile is what is fixed, and the pull request goes into it. */
  readonly baseBranch: string;
  /** The lockfile's path in the repository. */
  readonly lockfile: string;
  /** The advisory as it stands now (a withdrawn one closes the pull request). */
  readonly advisory: OsvRecord;
  /** The policy's `remediation.labels` and `settings.min-release-age-hours`. */
  readonly labels: readonly string[];
  readonly minReleaseAgeHours: number;
  readonly tier?: 1 | 2 | 3 | undefined;
  readonly incident?: { readonly owner: string; readonly repo: string; readonly number: number } | undefined;
  readonly metadata: (name: string) => Promise<PackageMetadata>;
  /** Runs the real package manager (regenerateLockfile with the App's environment). */
  readonly regenerate: (request: LockfileRegeneration) => Promise<string>;
  readonly limits?: Limits | undefined;
  readonly now?: (() => Date) | undefined;
}

export type ReconcileResult =
  | ({ readonly action: 'opened' | 'updated' | 'unchanged'; readonly outcome: RemediationOutcome } & PublishResult)
  | { readonly action: 'closed'; readonly pullRequest: number; readonly reason: 'withdrawn' | 'converged' }
  /**
   * Nothing to publish: `not-exposed`; `manual` / `refused` (the incident issue says why, see `outcome`);
   * `declined` (a person closed the pull request unmerged); `merged`; `withdrawn` with no pull request open.
   */
  | { readonly action: 'none'; readonly reason: 'not-exposed' | 'manual' | 'refused' | 'declined' | 'merged' | 'withdrawn'; readonly pullRequest?: number; readonly outcome?: RemediationOutcome };

/**
 * Level-triggered: makes GitHub show what the advisory and the default branch
 * call for, for one (repository, advisory, lockfile), whatever happened
 * before — a first run, a redelivery, a run after a crash, an updated or
 * withdrawn advisory. The pull request is found on GitHub by its branch and
 * marker, the default branch's lockfile is remediated (plan, real package
 * manager, verified diff), and the difference is applied: open, update, close
 * with a comment, or nothing. The entry point of the incident loop.
 */
export async function reconcileRemediation(input: ReconcileRemediationInput): Promise<ReconcileResult> {
  const { client, repository, advisory } = input;
  const affected = osvAffectedPackages(advisory).filter((p) => p.ecosystem === 'npm');
  const existing = await findRemediationPullRequest(client, repository, advisory.id, input.lockfile, affected.map((p) => p.name));
  const closedByUs = existing?.state === 'closed' && !existing.merged && existing.body.includes(CLOSED_BY_CHAINGATE);
  if (advisory.withdrawn) {
    if (existing && (existing.state === 'open' || closedByUs)) {
      const closed = await closeRemediation(client, repository, existing, 'withdrawn', advisory.id);
      if (closed === 'closed') return { action: 'closed', pullRequest: existing.number, reason: 'withdrawn' };
    }
    return { action: 'none', reason: 'withdrawn', pullRequest: existing?.number };
  }
  if (existing?.merged) return { action: 'none', reason: 'merged', pullRequest: existing.number };
  if (existing?.state === 'closed' && !closedByUs) return { action: 'none', reason: 'declined', pullRequest: existing.number };

  const baseSha = await branchHead(client, repository, input.baseBranch);
  if (!baseSha) throw new UpstreamError('BAD_RESPONSE', 'GitHub git refs API', `${repository.owner}/${repository.repo} has no branch ${input.baseBranch}`);
  const metadata = new Map<string, PackageMetadata>();
  const limits = input.limits ?? DEFAULT_LIMITS;
  const outcome = await remediateLockfile({
    files: githubCommitFiles(client, repository, baseSha),
    lockfile: input.lockfile,
    affected,
    limits,
    metadata: async (name) => {
      const known = metadata.get(name) ?? (await input.metadata(name));
      metadata.set(name, known);
      return known;
    },
    previousVersions: async (name) => {
      const pkg = affected.find((p) => p.name === name);
      // Only a revert looks back; a patch goes forward to a fixed version.
      if (!pkg || !(pkg.advisory.malware || pkg.advisory.fixedVersions.length === 0)) return [];
      return previousLockfileVersions(client, repository, { ref: baseSha, lockfile: input.lockfile, name, affects: pkg.affects, limits });
    },
    regenerate: input.regenerate,
  });
  if (outcome.status === 'not-exposed') {
    if (existing?.state === 'open') {
      await closeRemediation(client, repository, existing, 'converged', advisory.id);
      return { action: 'closed', pullRequest: existing.number, reason: 'converged' };
    }
    return { action: 'none', reason: 'not-exposed' };
  }
  if (outcome.status !== 'ready') return { action: 'none', reason: outcome.status === 'refused' ? 'refused' : 'manual', pullRequest: existing?.number, outcome };
  const published = await publishRemediation({
    client,
    repository,
    baseBranch: input.baseBranch,
    baseSha,
    advisory: affected.find((p) => outcome.plans.some((plan) => plan.package === p.name && plan.status === 'ready'))!.advisory,
    outcome,
    labels: input.labels,
    tier: input.tier,
    incident: input.incident,
    cooldown: cooldownBypasses(outcome.plans, metadata, input.minReleaseAgeHours, (input.now ?? (() => new Date()))()),
    existing: existing ?? null,
  });
  return { ...published, outcome };
}
