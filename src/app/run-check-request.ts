import { type BlobCache, type CheckRunOutcome, githubCheckRuns, githubCommitFiles, type GitHubRequester, MAX_CHECK_SUMMARY, statusOf, touchesDependencies } from '../adapters/github/index.js';
import type { FactSources } from '../core/check/gather-facts.js';
import { ConfigError, ParseError, UpstreamError, UsageError } from '../core/errors.js';
import type { UnavailableFacts } from '../core/facts.js';
import type { Verdict } from '../core/findings.js';
import type { Limits } from '../core/limits.js';
import type { CheckRunLedger, Overrides } from '../core/ports.js';
import { buildAnnotations } from '../core/report/annotations.js';
import { escapeMarkdown } from '../core/report/escape-markdown.js';
import { renderVerdictMarkdown } from '../core/report/verdict-markdown.js';
import { plainText } from '../core/report/verdict-plain.js';
import { REPO_POLICY_PATH } from '../core/policy/read-policy.js';
import { CHECK_NAME } from './check-name.js';
import { checkRunPublisher } from './check-run-publisher.js';
import type { CheckRequest } from './check-request.js';
import { judgePullRequest } from './judge-pull-request.js';
import { overridePolicyLayer } from './override-policy.js';
import { basePolicyLayers } from './read-base-policy.js';

export interface CheckDependencies {
  /** An octokit authenticated as the installation. */
  readonly clientFor: (installationId: number) => Promise<GitHubRequester>;
  readonly sources: FactSources;
  readonly unavailable: readonly UnavailableFacts[];
  readonly limits: Limits;
  readonly now: () => Date;
  /** The run created per head commit (the store's, or this process's memory). */
  readonly checkRuns: CheckRunLedger;
  /** Maintainers' overrides; without them (the in-process queue) none apply. */
  readonly overrides?: Overrides | undefined;
  /** A judgement still running after this long shows its run in progress (ms); a faster one publishes once. */
  readonly progressAfterMs: number;
}

export interface CheckAttempt {
  /** 1 on the first try. */
  readonly attempt: number;
  /** No retry follows this attempt: whatever happens, the run must end completed. */
  readonly last: boolean;
}

/**
 * Judges one head commit and publishes the `chaingate` check run:
 * `success` without reading trees when no dependency, manifest or policy
 * file changed; else the verdict with its summary and annotations, under
 * the base policy and the pull request's maintainer overrides. The run is
 * shown in progress at once for a re-run, after `progressAfterMs` for a
 * slow judgement, and otherwise created completed. A failure the next
 * attempt may cure (GitHub 5xx, rate limits, a fact source down) is thrown
 * for the queue to retry; any other failure, or one on the last attempt,
 * completes the run `neutral` saying why, so no run is left in progress.
 * @returns the conclusion published
 */
export async function runCheckRequest(deps: CheckDependencies, request: CheckRequest, attempt: CheckAttempt): Promise<string> {
  const client = await deps.clientFor(request.installationId);
  const repository = { owner: request.owner, repo: request.repo };
  const checks = githubCheckRuns(client, CHECK_NAME, deps.now);
  const run = checkRunPublisher({ checks, ledger: deps.checkRuns, repository, headSha: request.headSha, externalId: externalId(request), runId: request.checkRunId });
  // Someone pressed Re-run and is watching: show it at once.
  if (request.checkRunId !== undefined) await run.showProgress();
  const slow = setTimeout(() => void run.showProgress().catch(() => undefined), deps.progressAfterMs);
  let outcome: CheckRunOutcome;
  try {
    outcome = await judge(deps, client, request);
  } catch (error) {
    if (!attempt.last && isTransient(error)) throw error;
    outcome = {
      conclusion: 'neutral',
      title: 'chaingate could not judge this change',
      summary: `### ⚠️ ${CHECK_NAME} could not judge this change\n\n${escapeMarkdown(describeFailure(error), 4000)}\n\nUse **Re-run** once the cause is fixed.\n`,
    };
  } finally {
    clearTimeout(slow);
  }
  await run.complete(outcome);
  return outcome.conclusion;
}

async function judge(deps: CheckDependencies, client: GitHubRequester, request: CheckRequest): Promise<CheckRunOutcome> {
  const repository = { owner: request.owner, repo: request.repo };
  if (!(await touchesDependencies(client, repository, request.baseSha, request.headSha, [REPO_POLICY_PATH]))) {
    return { conclusion: 'success', title: 'No dependency changes', summary: `### ✅ ${CHECK_NAME}: no dependency changes\n\nThis change touches no lockfile, manifest or chaingate policy.\n` };
  }
  // Files unchanged between base and head (the same blob) are fetched once.
  const blobs: BlobCache = new Map();
  const base = githubCommitFiles(client, repository, request.baseSha, blobs);
  const head = githubCommitFiles(client, repository, request.headSha, blobs);
  const layers = await basePolicyLayers({ client, repository, base });
  const records = request.pullRequest !== undefined && deps.overrides ? await deps.overrides.recordsFor(`${request.owner}/${request.repo}`, request.pullRequest) : [];
  const policy = { ...layers, inputs: overridePolicyLayer(records.filter((r) => r.decision === 'allowed')) };
  const judged = await judgePullRequest({ base, head, policy, facts: { sources: deps.sources, unavailable: deps.unavailable }, limits: deps.limits, now: deps.now() });
  return {
    conclusion: judged.verdict.conclusion,
    title: titleOf(judged.verdict, judged.changes),
    summary: renderVerdictMarkdown(judged.verdict, { maxLength: MAX_CHECK_SUMMARY, title: CHECK_NAME }),
    annotations: buildAnnotations(judged.verdict, judged.lines).filter((a) => a.annotation_level !== 'notice'),
  };
}

/** Deterministic per (name, head SHA), so a retry or a redelivery finds the run it created. */
function externalId(request: CheckRequest): string {
  return `${CHECK_NAME}:${request.headSha}`;
}

function titleOf(verdict: Verdict, changes: number): string {
  const { block, warn } = verdict.counts;
  if (verdict.conclusion === 'failure') return block > 0 ? `${block} blocking finding${block === 1 ? '' : 's'}` : 'Facts needed to judge the change are unavailable';
  if (warn > 0) return `Passed with ${warn} warning${warn === 1 ? '' : 's'}`;
  return `${changes} dependency change${changes === 1 ? '' : 's'}, nothing blocked`;
}

/** GitHub or a fact source failing in a way a later attempt may not: 5xx, 429, secondary limits, network. */
export function isTransient(error: unknown): boolean {
  if (error instanceof UpstreamError) return error.code !== 'BAD_RESPONSE' && error.code !== 'UNAUTHORIZED';
  const status = statusOf(error);
  if (status !== undefined) return status >= 500 || status === 429 || status === 403;
  return !(error instanceof ParseError || error instanceof ConfigError || error instanceof UsageError);
}

/** The reason a job gave up, as plain text for a check run. */
export function describeFailure(error: unknown): string {
  if (error instanceof ParseError || error instanceof ConfigError || error instanceof UsageError || error instanceof UpstreamError) return plainText(error.message, 2000);
  const status = statusOf(error);
  if (status !== undefined) return plainText(`GitHub API answered HTTP ${status}: ${error instanceof Error ? error.message : ''}`, 500);
  return plainText(`internal error: ${error instanceof Error ? error.message : String(error)}`, 2000);
}
