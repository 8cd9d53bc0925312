import { githubCheckRuns, githubCommitFiles, type GitHubRequester, MAX_CHECK_SUMMARY, statusOf, touchesDependencies } from '../adapters/github/index.js';
import type { FactSources } from '../core/check/gather-facts.js';
import { ConfigError, ParseError, UpstreamError, UsageError } from '../core/errors.js';
import type { UnavailableFacts } from '../core/facts.js';
import type { Verdict } from '../core/findings.js';
import type { Limits } from '../core/limits.js';
import { buildAnnotations } from '../core/report/annotations.js';
import { escapeMarkdown } from '../core/report/escape-markdown.js';
import { renderVerdictMarkdown } from '../core/report/verdict-markdown.js';
import { plainText } from '../core/report/verdict-plain.js';
import { REPO_POLICY_PATH } from '../core/policy/read-policy.js';
import { CHECK_NAME } from './check-name.js';
import type { CheckRequest } from './check-request.js';
import { judgePullRequest } from './judge-pull-request.js';
import { basePolicyLayers } from './read-base-policy.js';

export interface CheckDependencies {
  /** An octokit authenticated as the installation. */
  readonly clientFor: (installationId: number) => Promise<GitHubRequester>;
  readonly sources: FactSources;
  readonly unavailable: readonly UnavailableFacts[];
  readonly limits: Limits;
  readonly now: () => Date;
}

export interface CheckAttempt {
  /** 1 on the first try. */
  readonly attempt: number;
  /** No retry follows this attempt: whatever happens, the run must end completed. */
  readonly last: boolean;
}

/**
 * Judges one head commit and publishes the `chaingate` check run: in
 * progress at once; `success` without reading trees when no dependency,
 * manifest or policy file changed; else the verdict with its summary and
 * annotations. A failure the next attempt may cure (GitHub 5xx, rate
 * limits, a fact source down) is thrown for the queue to retry; any other
 * failure, or one on the last attempt, completes the run `neutral` saying
 * why, so no run is left in progress.
 * @returns the conclusion published
 */
export async function runCheckRequest(deps: CheckDependencies, request: CheckRequest, attempt: CheckAttempt): Promise<string> {
  const client = await deps.clientFor(request.installationId);
  const checks = githubCheckRuns(client, CHECK_NAME, deps.now);
  const repository = { owner: request.owner, repo: request.repo };
  let run;
  if (request.checkRunId === undefined) {
    run = await checks.start(repository, request.headSha, externalId(request));
  } else {
    run = { ...repository, id: request.checkRunId };
    await checks.restart(run);
  }
  try {
    if (!(await touchesDependencies(client, repository, request.baseSha, request.headSha, [REPO_POLICY_PATH]))) {
      await checks.complete(run, { conclusion: 'success', title: 'No dependency changes', summary: `### ✅ ${CHECK_NAME}: no dependency changes\n\nThis change touches no lockfile, manifest or chaingate policy.\n` });
      return 'success';
    }
    const base = githubCommitFiles(client, repository, request.baseSha);
    const head = githubCommitFiles(client, repository, request.headSha);
    const policy = await basePolicyLayers({ client, repository, base });
    const judged = await judgePullRequest({ base, head, policy, facts: { sources: deps.sources, unavailable: deps.unavailable }, limits: deps.limits, now: deps.now() });
    await checks.complete(run, {
      conclusion: judged.verdict.conclusion,
      title: titleOf(judged.verdict, judged.changes),
      summary: renderVerdictMarkdown(judged.verdict, { maxLength: MAX_CHECK_SUMMARY, title: CHECK_NAME }),
      annotations: buildAnnotations(judged.verdict, judged.lines).filter((a) => a.annotation_level !== 'notice'),
    });
    return judged.verdict.conclusion;
  } catch (error) {
    if (!attempt.last && isTransient(error)) throw error;
    const reason = describeFailure(error);
    await checks.complete(run, {
      conclusion: 'neutral',
      title: 'chaingate could not judge this change',
      summary: `### ⚠️ ${CHECK_NAME} could not judge this change\n\n${escapeMarkdown(reason, 4000)}\n\nUse **Re-run** once the cause is fixed.\n`,
    });
    return 'neutral';
  }
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
