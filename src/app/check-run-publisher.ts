import type { CheckRunOutcome, CheckRunRef, CheckRuns, RepoRef } from '../adapters/github/index.js';
import type { CheckRunLedger } from '../core/ports.js';

/** One commit's `chaingate` run, as a judgement publishes it. */
export interface CheckRunPublisher {
  /** Shows the run in progress (creating it when there is none); called at most once, before `complete`. */
  showProgress(): Promise<void>;
  /** Completes the run, creating it completed when it does not exist yet. */
  complete(outcome: CheckRunOutcome): Promise<void>;
}

export interface PublisherInput {
  readonly checks: CheckRuns;
  readonly ledger: CheckRunLedger;
  readonly repository: RepoRef;
  readonly headSha: string;
  readonly externalId: string;
  /** The run a re-run request names. */
  readonly runId?: number | undefined;
}

/**
 * Publishes one commit's run with as few requests as it can and never a
 * second run: the ledger says which run chaingate created for the commit,
 * so GitHub is searched only when a creation began but was never recorded
 * (a crash between the request and the record). A run not yet shown in
 * progress is created already completed: one request instead of two.
 */
export function checkRunPublisher(input: PublisherInput): CheckRunPublisher {
  const { checks, ledger, repository, headSha, externalId } = input;
  const key = `${repository.owner}/${repository.repo}`;
  let known: Promise<CheckRunRef | undefined> | undefined = input.runId === undefined ? undefined : Promise.resolve({ ...repository, id: input.runId });
  let progress: Promise<void> | undefined;

  const existing = (): Promise<CheckRunRef | undefined> =>
    (known ??= (async () => {
      const recorded = await ledger.find(key, headSha);
      if (typeof recorded === 'number') return { ...repository, id: recorded };
      if (recorded === undefined) return undefined;
      const found = await checks.find(repository, headSha, externalId);
      if (found) await ledger.remember(key, headSha, found.id);
      return found;
    })());

  const create = async (outcome?: CheckRunOutcome): Promise<CheckRunRef> => {
    await ledger.reserve(key, headSha);
    const run = await checks.create(repository, headSha, externalId, outcome);
    await ledger.remember(key, headSha, run.id);
    known = Promise.resolve(run);
    return run;
  };

  return {
    showProgress() {
      progress ??= (async () => {
        const run = await existing();
        if (run) await checks.restart(run);
        else await create();
      })();
      return progress;
    },
    async complete(outcome) {
      // A progress update still under way finishes first; when it failed, what exists is looked up again.
      if (progress && !(await progress.then(() => true, () => false))) known = undefined;
      const run = await existing();
      if (run) await checks.complete(run, outcome);
      else await create(outcome);
    },
  };
}
