import type { Logger } from 'probot';
import type { Inventory, Jobs } from '../core/ports.js';
import type { InventoryRequest } from './inventory-request.js';
import type { ReleaseRequest } from './release-request.js';
import { type ReleaseDependencies, runReleaseRequest } from './run-release-request.js';

/** One job per release at a time: redeliveries of one release never attach or create twice. */
export const RELEASE_QUEUE = 'chaingate-release';
/**
 * A release job reads two trees and hashes and verifies up to 100 assets
 * (some downloaded): it may run longer than a pull-request check, so it is
 * taken for lost only after 15 minutes.
 */
export const RELEASE_JOB_EXPIRY_SECONDS = 900;

export interface ReleaseWorkerDependencies {
  readonly jobs: Jobs;
  readonly release: ReleaseDependencies;
  /** The tag's snapshot is queued here when the store has an inventory. */
  readonly inventory?: Inventory | undefined;
  readonly inventoryQueue: string;
  readonly log: Logger;
  readonly retryLimit: number;
  readonly retryDelaySeconds: number;
}

export function enqueueRelease(deps: ReleaseWorkerDependencies, request: ReleaseRequest): Promise<string | undefined> {
  return deps.jobs.enqueue(RELEASE_QUEUE, request, {
    singletonKey: `${request.owner}/${request.repo}#release:${request.releaseId}`,
    retryLimit: deps.retryLimit,
    retryDelaySeconds: deps.retryDelaySeconds,
    expireInSeconds: RELEASE_JOB_EXPIRY_SECONDS,
  });
}

/** Works release jobs: the `chaingate/release` check, then the tag's inventory snapshot (through the inventory queue). */
export async function workReleases(deps: ReleaseWorkerDependencies): Promise<void> {
  const { jobs, log } = deps;
  await jobs.work(RELEASE_QUEUE, async (job) => {
    const request = job.payload as ReleaseRequest;
    const where = { repository: `${request.owner}/${request.repo}`, tag: request.tag, attempt: job.attempt };
    const last = job.attempt > deps.retryLimit;
    let outcome;
    try {
      outcome = await runReleaseRequest(deps.release, request, { attempt: job.attempt, last });
    } catch (error) {
      log.warn({ ...where, err: error }, last ? 'release check failed for good' : 'release check failed; retrying');
      throw error;
    }
    if (outcome.conclusion === 'tag-missing') {
      log.warn(where, 'release not checked: its tag names no commit');
      return;
    }
    log.info({ ...where, sha: outcome.sha, conclusion: outcome.conclusion }, 'release checked');
    if (!deps.inventory) return;
    const snapshot: InventoryRequest = { installationId: request.installationId, owner: request.owner, repo: request.repo, ref: request.tag, sha: outcome.sha, reason: request.reason };
    await jobs.enqueue(deps.inventoryQueue, snapshot, { singletonKey: `${request.owner}/${request.repo}@${request.tag}:${outcome.sha}`, retryLimit: deps.retryLimit, retryDelaySeconds: deps.retryDelaySeconds });
  });
}
