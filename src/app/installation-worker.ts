import type { Logger } from 'probot';
import { ParseError } from '../core/errors.js';
import { APP_JOB_EXPIRY_SECONDS } from './app-store.js';
import type { Inventory, Jobs } from '../core/ports.js';
import type { RepositoriesChange } from './repositories-change.js';
import { type BackfillRequest, runBackfillRequest } from './run-backfill-request.js';
import type { InventoryDependencies } from './run-inventory-request.js';

/** One job per repository (singleton key `owner/repo`), worked a bounded number at a time. */
export const BACKFILL_QUEUE = 'chaingate-backfill';
/**
 * A backfill job is taken for lost (its process died) after the App's usual
 * 5 minutes, whatever the queue's default: a large repository's first
 * snapshot reads and parses every lockfile and must not be run twice at once.
 */
export const BACKFILL_JOB_EXPIRY_SECONDS = APP_JOB_EXPIRY_SECONDS;

export interface InstallationWorkerDependencies {
  readonly jobs: Jobs;
  readonly inventory: Inventory;
  readonly snapshot: Omit<InventoryDependencies, 'inventory'>;
  readonly log: Logger;
  /** Repositories snapshotted at once, whatever the size of the installation. */
  readonly concurrency: number;
  readonly retryLimit: number;
  readonly retryDelaySeconds: number;
}

/**
 * Applies an installation change: every added repository becomes one
 * durable backfill job (a redelivered or repeated event queues nothing new
 * while its job waits); every removed repository is forgotten at once — its
 * snapshots and deployments leave the inventory.
 */
export async function applyRepositoriesChange(deps: InstallationWorkerDependencies, change: RepositoriesChange): Promise<{ queued: number; removed: number }> {
  let queued = 0;
  for (const repository of change.added) {
    const request: BackfillRequest = { installationId: change.installationId, owner: repository.owner, repo: repository.repo, reason: change.reason };
    const id = await deps.jobs.enqueue(BACKFILL_QUEUE, request, {
      singletonKey: `${repository.owner}/${repository.repo}`,
      retryLimit: deps.retryLimit,
      retryDelaySeconds: deps.retryDelaySeconds,
      expireInSeconds: BACKFILL_JOB_EXPIRY_SECONDS,
    });
    if (id !== undefined) queued++;
  }
  let removed = 0;
  for (const repository of change.removed) removed += await deps.inventory.remove({ owner: repository.owner, name: repository.repo });
  return { queued, removed };
}

export async function workBackfills(deps: InstallationWorkerDependencies): Promise<void> {
  const { log } = deps;
  await deps.jobs.work(
    BACKFILL_QUEUE,
    async (job) => {
      const request = job.payload as BackfillRequest;
      const where = { repository: `${request.owner}/${request.repo}`, attempt: job.attempt };
      try {
        const outcome = await runBackfillRequest({ ...deps.snapshot, inventory: deps.inventory }, request);
        log.info({ ...where, outcome }, 'repository backfilled');
      } catch (error) {
        // A malformed lockfile stays malformed: say so once instead of retrying.
        if (error instanceof ParseError) {
          log.warn({ ...where, err: error }, 'backfill refused: a lockfile cannot be parsed');
          return;
        }
        log.warn({ ...where, err: error }, 'backfill failed; retrying');
        throw error;
      }
    },
    { concurrency: deps.concurrency },
  );
}
