import { githubCommitFiles, type GitHubRequester } from '../adapters/github/index.js';
import { type IngestResult, ingestSnapshot } from '../adapters/store/ingest-snapshot.js';
import type { Limits } from '../core/limits.js';
import type { Inventory } from '../core/ports.js';
import type { InventoryRequest } from './inventory-request.js';

export interface InventoryDependencies {
  readonly inventory: Inventory;
  readonly clientFor: (installationId: number) => Promise<GitHubRequester>;
  readonly limits: Limits;
  readonly now: () => Date;
}

/**
 * Snapshots the commit's dependencies through the same ingest the CLI's
 * `inventory add` calls, reading the tree through the GitHub API (no clone).
 * An unchanged set of dependency files parses and writes nothing.
 * @throws {ParseError} for a malformed lockfile (nothing written); GitHub failures for the queue to retry.
 */
export async function runInventoryRequest(deps: InventoryDependencies, request: InventoryRequest): Promise<IngestResult> {
  const client = await deps.clientFor(request.installationId);
  return ingestSnapshot(deps.inventory, {
    repository: { owner: request.owner, name: request.repo },
    ref: request.ref,
    sha: request.sha,
    files: githubCommitFiles(client, { owner: request.owner, repo: request.repo }, request.sha),
    environment: request.environment,
    limits: deps.limits,
    now: deps.now(),
    allowEmpty: true,
  });
}
