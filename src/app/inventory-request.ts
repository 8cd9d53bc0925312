import type { RepositoryRequest } from './check-request.js';

/** What a webhook asks the inventory to record: the dependencies of one commit of a repository, under a ref. */
export interface InventoryRequest extends RepositoryRequest {
  /** The branch or tag the snapshot is kept under (`main`, `v1.2.0`). */
  readonly ref: string;
  readonly sha: string;
  /** Record `sha` as deployed to this environment. */
  readonly environment?: string | undefined;
}

/** Turns one event's payload into what the inventory should ingest, or `undefined` for nothing. */
export type InventoryHandler = (payload: unknown) => InventoryRequest | undefined;
