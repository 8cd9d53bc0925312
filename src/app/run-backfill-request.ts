import { defaultBranch, resolveCommit, statusOf } from '../adapters/github/index.js';
import type { InstalledRepository } from './repositories-change.js';
import { type InventoryDependencies, runInventoryRequest } from './run-inventory-request.js';

/** One repository an installation gained: its default branch goes into the inventory. */
export interface BackfillRequest extends InstalledRepository {
  readonly installationId: number;
  readonly reason: string;
}

/** `gone`: GitHub no longer shows the repository to the App; `empty`: it has no commit; `skipped`: already snapshotted at this commit. */
export type BackfillOutcome = 'gone' | 'empty' | 'skipped' | 'written' | 'moved' | 'unchanged';

/**
 * Snapshots a repository's default branch through the same ingest a push
 * uses, unless the inventory already holds that branch at the same commit
 * (a resumed or repeated backfill costs two requests per repository).
 * @throws GitHub failures other than 404/409, and {@link ParseError} for a malformed lockfile.
 */
export async function runBackfillRequest(deps: InventoryDependencies, request: BackfillRequest): Promise<BackfillOutcome> {
  const client = await deps.clientFor(request.installationId);
  const repository = { owner: request.owner, repo: request.repo };
  let branch: string;
  let sha: string;
  try {
    branch = await defaultBranch(client, repository);
    sha = await resolveCommit(client, repository, branch);
  } catch (error) {
    // 404: removed, or the installation lost access since the job was queued; 409: an empty repository.
    if (statusOf(error) === 404) return 'gone';
    if (statusOf(error) === 409) return 'empty';
    throw error;
  }
  const stored = await deps.inventory.snapshotState({ owner: request.owner, name: request.repo }, branch);
  if (stored?.sha === sha) return 'skipped';
  const result = await runInventoryRequest(deps, { ...request, ref: branch, sha });
  return result.outcome;
}
