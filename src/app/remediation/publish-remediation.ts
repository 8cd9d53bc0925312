import { readCodeowners } from '../../adapters/github/codeowners-file.js';
import { commitToBranch } from '../../adapters/github/commit-to-branch.js';
import { addLabels, createPullRequest, requestReviewers, updatePullRequest, type PullRequest, type ReviewOutcome } from '../../adapters/github/pull-requests.js';
import { statusOf, type GitHubRequester, type RepoRef } from '../../adapters/github/requester.js';
import type { RemediationOutcome } from '../../adapters/remediation/index.js';
import type { Advisory } from '../../core/facts.js';
import {
  type CooldownBypass,
  remediationBranch,
  renderRemediationBody,
  renderRemediationTitle,
} from '../../core/remediation/index.js';
import { findRemediationPullRequest } from './find-remediation-pr.js';

export interface PublishRemediationInput {
  readonly client: GitHubRequester;
  readonly repository: RepoRef;
  /** The branch the pull request goes into (the default branch). */
  readonly baseBranch: string;
  /** The base commit the remediation was computed on (the head of `baseBranch` then). */
  readonly baseSha: string;
  readonly advisory: Advisory;
  /** A remediation whose lockfile the package manager regenerated and chaingate verified. */
  readonly outcome: Extract<RemediationOutcome, { status: 'ready' }>;
  /** Labels from the policy's `remediation.labels`. */
  readonly labels: readonly string[];
  readonly tier?: 1 | 2 | 3 | undefined;
  readonly incident?: { readonly owner: string; readonly repo: string; readonly number: number } | undefined;
  readonly cooldown?: CooldownBypass | undefined;
  /** The pull request already found for this (advisory, lockfile), `null` when the caller looked and found none; looked up here when absent. */
  readonly existing?: PullRequest | null | undefined;
}

export interface PublishResult {
  /** `opened`: a new pull request; `updated`: branch moved and/or body edited; `unchanged`: it already said all this. */
  readonly action: 'opened' | 'updated' | 'unchanged';
  readonly pullRequest: number;
  readonly branch: string;
  /** Reviews requested from CODEOWNERS (new pull requests only), and who GitHub refused. */
  readonly reviewers?: ReviewOutcome | undefined;
  /** CODEOWNERS owners no review can be requested from (e-mail addresses, teams of another organisation). */
  readonly unrequestable: readonly string[];
}

/**
 * Publishes a verified remediation as one pull request per (repository,
 * advisory, lockfile): the changed manifests and lockfile are committed
 * through the Git data API onto `chaingate/patch|revert/<advisory>/<package>`,
 * then the pull request found by its marker is updated (branch force-moved,
 * body edited) or, when there is none open, one is opened with the policy's
 * labels and reviews requested from the changed files' CODEOWNERS. Every
 * step looks before it writes, so a redelivery or a run after a crash
 * finishes the work instead of repeating it.
 */
export async function publishRemediation(input: PublishRemediationInput): Promise<PublishResult> {
  const { client, repository, outcome } = input;
  const ready = outcome.plans.filter((p) => p.status === 'ready');
  const packages = outcome.plans.map((p) => p.package);
  const existing = input.existing === undefined ? await findRemediationPullRequest(client, repository, input.advisory.id, outcome.lockfile, packages) : input.existing;
  const open = existing?.state === 'open' ? existing : undefined;
  const strategy = ready.some((p) => p.remedies.some((r) => r.strategy === 'revert')) ? 'revert' : 'patch';
  const branch = open?.head ?? remediationBranch(strategy, input.advisory.id, ready[0]!.package, outcome.lockfile);
  const content = { advisory: input.advisory, lockfile: outcome.lockfile, plans: outcome.plans, changes: outcome.changes, tier: input.tier, incident: input.incident, cooldown: input.cooldown };
  const title = renderRemediationTitle(content);
  const body = renderRemediationBody(content);
  const commit = await commitToBranch(client, repository, { branch, baseSha: input.baseSha, files: outcome.files, message: `${title}\n\nchaingate regenerated ${outcome.lockfile} with the project's package manager.` });

  if (open) {
    const edit = { ...(open.title !== title ? { title } : {}), ...(open.body !== body ? { body } : {}) };
    if (Object.keys(edit).length > 0) await updatePullRequest(client, repository, open.number, edit);
    const action = commit.branch === 'unchanged' && Object.keys(edit).length === 0 ? 'unchanged' : 'updated';
    return { action, pullRequest: open.number, branch, unrequestable: [] };
  }
  const created = await openPullRequest(client, repository, { title, body, head: branch, base: input.baseBranch }, input.advisory.id, outcome.lockfile, packages);
  if (created.found) {
    // Opened by an earlier run whose answer was lost: bring it up to date like any open one.
    if (created.pr.body !== body || created.pr.title !== title) await updatePullRequest(client, repository, created.pr.number, { title, body });
    return { action: 'updated', pullRequest: created.pr.number, branch, unrequestable: [] };
  }
  const number = created.pr.number;
  await addLabels(client, repository, number, input.labels);
  const { request, unrequestable } = await reviewersFor(client, repository, input.baseBranch, [...outcome.files.keys()]);
  const reviewers = await requestReviewers(client, repository, number, request);
  return { action: 'opened', pullRequest: number, branch, reviewers, unrequestable };
}

async function openPullRequest(
  client: GitHubRequester,
  repository: RepoRef,
  request: { title: string; body: string; head: string; base: string },
  advisory: string,
  lockfile: string,
  packages: readonly string[],
): Promise<{ pr: PullRequest; found: boolean }> {
  try {
    return { pr: await createPullRequest(client, repository, request), found: false };
  } catch (error) {
    // 422 "A pull request already exists": never POST twice, take the one that is there.
    if (statusOf(error) !== 422) throw error;
    const there = await findRemediationPullRequest(client, repository, advisory, lockfile, packages);
    if (there?.state !== 'open') throw error;
    return { pr: there, found: true };
  }
}

/** Owners of the changed files in CODEOWNERS (as on the base branch): users, and teams of this organisation. */
async function reviewersFor(client: GitHubRequester, repository: RepoRef, ref: string, paths: readonly string[]) {
  const file = await readCodeowners(client, repository, ref);
  if (!file) return { request: { users: [], teams: [] }, unrequestable: [] };
  const owners = file.codeowners.ownersOf(paths);
  const teams = owners.teams.filter((t) => t.org.toLowerCase() === repository.owner.toLowerCase()).map((t) => t.slug);
  const otherTeams = owners.teams.filter((t) => t.org.toLowerCase() !== repository.owner.toLowerCase()).map((t) => `@${t.org}/${t.slug}`);
  return { request: { users: owners.users, teams }, unrequestable: [...owners.emails, ...otherTeams] };
}
