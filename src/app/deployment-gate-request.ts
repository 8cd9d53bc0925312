import type { RepositoryRequest } from './check-request.js';

/** A deployment waiting on chaingate's custom deployment protection rule. */
export interface DeploymentGateRequest extends RepositoryRequest {
  readonly environment: string;
  /** The commit being deployed. */
  readonly sha: string;
  readonly ref: string;
  /** The workflow run whose deployment waits (from the callback URL). */
  readonly runId: number;
}

/** Turns one event's payload into the deployment review it asks for, or `undefined`. */
export type GateHandler = (payload: unknown) => DeploymentGateRequest | undefined;
