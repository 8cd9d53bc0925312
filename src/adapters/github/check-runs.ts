import { batchAnnotations, type CheckAnnotation } from '../../core/report/annotations.js';
import type { GitHubRequester, RepoRef } from './requester.js';

/** GitHub refuses a check-run summary or text longer than this. */
export const MAX_CHECK_SUMMARY = 65_535;
const MAX_CHECK_TITLE = 255;

export interface CheckRunRef extends RepoRef {
  readonly id: number;
}

export interface CheckRunOutcome {
  readonly conclusion: 'success' | 'neutral' | 'failure';
  readonly title: string;
  /** Markdown; cut by the caller (renderVerdictMarkdown says what it cut), clipped here as a last resort. */
  readonly summary: string;
  readonly annotations?: readonly CheckAnnotation[];
}

/** The "Re-run" button on a completed check run; GitHub sends `check_run.requested_action` with this identifier. */
export const RERUN_ACTION = { label: 'Re-run', description: 'Judge this commit again', identifier: 'rerun' } as const;

/**
 * Check runs of one name, one per head SHA. Creating is not idempotent, so
 * it is never retried blindly: `start` looks for the run with this name and
 * external id on the head SHA first, and reuses it.
 */
export interface CheckRuns {
  /** The run of this name on the head SHA (the one with this external id first), if there is one. */
  find(repository: RepoRef, headSha: string, externalId: string): Promise<CheckRunRef | undefined>;
  /** Creates a run: in progress, or already completed with `outcome` (one request; further annotation batches follow). */
  create(repository: RepoRef, headSha: string, externalId: string, outcome?: CheckRunOutcome): Promise<CheckRunRef>;
  /** The existing run for (name, head SHA), reset to `in_progress`, or a new one. */
  start(repository: RepoRef, headSha: string, externalId: string): Promise<CheckRunRef>;
  /** Puts a run known by id back in progress (a re-run request names it). */
  restart(run: CheckRunRef): Promise<void>;
  /** Completes the run; annotations go 50 per request, the first batch with the conclusion. */
  complete(run: CheckRunRef, outcome: CheckRunOutcome): Promise<void>;
}

export interface CheckRunsOptions {
  /**
   * Reuse only a run with the same external id. Without it a run of the same
   * name on the head SHA is reused too (one gate per commit); with it, two
   * releases tagged on one commit keep a run each.
   */
  readonly exactExternalId?: boolean;
}

export function githubCheckRuns(client: GitHubRequester, name: string, now: () => Date = () => new Date(), options: CheckRunsOptions = {}): CheckRuns {
  const progress = { title: 'Judging the dependency changes', summary: 'chaingate is reading the lockfiles of this change.' };
  return {
    async find(repository, headSha, externalId) {
      const id = await findRun(client, repository, name, headSha, externalId, options.exactExternalId === true);
      return id === undefined ? undefined : { ...repository, id };
    },
    async create(repository, headSha, externalId, outcome) {
      const batches = batchAnnotations(outcome?.annotations ?? []);
      const { data } = await client.request('POST /repos/{owner}/{repo}/check-runs', {
        ...repository,
        name,
        head_sha: headSha,
        external_id: externalId,
        started_at: now().toISOString(),
        ...(outcome
          ? { ...completion(outcome, now), output: { ...outputOf(outcome), ...(batches[0] ? { annotations: batches[0].map((a) => ({ ...a })) } : {}) } }
          : { status: 'in_progress' as const, output: progress }),
      });
      const run = { ...repository, id: Number(data.id) };
      if (outcome) await appendAnnotations(client, run, outputOf(outcome), batches.slice(1));
      return run;
    },
    async start(repository, headSha, externalId) {
      const existing = await this.find(repository, headSha, externalId);
      if (existing === undefined) return this.create(repository, headSha, externalId);
      await this.restart(existing);
      return existing;
    },
    async restart(run) {
      await client.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
        owner: run.owner,
        repo: run.repo,
        check_run_id: run.id,
        status: 'in_progress',
        started_at: now().toISOString(),
        output: progress,
      });
    },
    async complete(run, outcome) {
      const batches = batchAnnotations(outcome.annotations ?? []);
      const output = outputOf(outcome);
      // Annotations beyond the first 50 are appended by further updates of the run.
      await appendAnnotations(client, run, output, batches.slice(1));
      await client.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
        owner: run.owner,
        repo: run.repo,
        check_run_id: run.id,
        ...completion(outcome, now),
        output: { ...output, ...(batches[0] ? { annotations: batches[0].map((a) => ({ ...a })) } : {}) },
      });
    },
  };
}

function outputOf(outcome: CheckRunOutcome): { title: string; summary: string } {
  return { title: clip(outcome.title, MAX_CHECK_TITLE), summary: clip(outcome.summary, MAX_CHECK_SUMMARY) };
}

function completion(outcome: CheckRunOutcome, now: () => Date) {
  return { status: 'completed' as const, conclusion: outcome.conclusion, completed_at: now().toISOString(), actions: [{ ...RERUN_ACTION }] };
}

async function appendAnnotations(client: GitHubRequester, run: CheckRunRef, output: { title: string; summary: string }, batches: readonly (readonly CheckAnnotation[])[]): Promise<void> {
  for (const batch of batches) {
    await client.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { owner: run.owner, repo: run.repo, check_run_id: run.id, output: { ...output, annotations: batch.map((a) => ({ ...a })) } });
  }
}

async function findRun(client: GitHubRequester, repository: RepoRef, name: string, headSha: string, externalId: string, exact: boolean): Promise<number | undefined> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...repository, ref: headSha, check_name: name, filter: 'all', per_page: 100 });
  const mine = data.check_runs.filter((run) => run.name === name && run.head_sha === headSha);
  const found = mine.find((run) => run.external_id === externalId) ?? (exact ? undefined : mine[0]);
  return found === undefined ? undefined : Number(found.id);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
